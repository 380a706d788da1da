//! The demo's second event: a workshop tomorrow with registration open, so that a visitor
//! can register, switch mode and cancel on a real page (the meeting in progress no longer
//! allows a switch).

use chrono::Duration;
use chrono_tz::Europe::Brussels;
use serde_json::json;

use crate::db::{Db, keep};
use crate::domain::{EmailAddress, Language, now};
use crate::events::input::EventInput;
use crate::registrations::input::NewRegistration;
use crate::registrations::service;

pub async fn seed_tomorrow(db: &Db) -> anyhow::Result<()> {
    let start = (now() + Duration::days(1)).with_timezone(&Brussels);
    let start = start.date_naive().and_hms_opt(14, 0, 0).and_then(|t| t.and_local_timezone(Brussels).earliest());
    let start = start.map_or_else(|| now() + Duration::days(1), |t| t.to_utc());
    let at = |minutes: i64| (start + Duration::minutes(minutes)).with_timezone(&Brussels).to_rfc3339();
    let input: EventInput = serde_json::from_value(json!({
        "title": "Reintegration counselling workshop",
        "description": "A practical afternoon for partner counsellors: preparing a return, and the support available after it.",
        "translations": {
            "fr": {"title": "Atelier de conseil à la réintégration",
                   "description": "Un après-midi pratique pour les conseillers des partenaires : préparer un retour, et l'aide disponible ensuite.",
                   "venue": "Bureau de l'OIM, Bruxelles"},
            "nl": {"title": "Workshop re-integratiebegeleiding",
                   "description": "Een praktische namiddag voor begeleiders van de partners: een terugkeer voorbereiden, en de steun daarna.",
                   "venue": "IOM-kantoor, Brussel"}
        },
        "starts_at": at(0), "ends_at": at(180), "timezone": "Europe/Brussels",
        "venue": "IOM office, Brussels", "online_url": "https://stream.example.org/avrr-workshop",
        "modes": ["in_person", "online"], "in_person_capacity": 25, "in_person_held": 2, "online_capacity": 100,
        "waitlist": true, "status": "published",
        "programme": [
            {"starts_at": at(0), "ends_at": at(75), "title": {"en": "Preparing a return", "fr": "Préparer un retour", "nl": "Een terugkeer voorbereiden"}, "speakers": []},
            {"starts_at": at(90), "ends_at": at(180), "title": {"en": "Support after the return", "fr": "L'aide après le retour", "nl": "Steun na de terugkeer"}, "speakers": []}
        ],
        "questions": [{"key": "lunch", "kind": "boolean", "required": false,
                       "label": {"en": "Will you join the sandwich lunch before?", "fr": "Serez-vous au déjeuner sandwich avant ?", "nl": "Komt u naar de broodjeslunch vooraf?"}}]
    }))?;
    let spec = input.parse().map_err(|e| anyhow::anyhow!("demo workshop: {e:?}"))?;
    let partners = [
        ("Mariam", "Diallo", "mariam.diallo@caritas.example.org", "Caritas International", "fr", "in_person"),
        ("Pieter", "Janssens", "pieter.janssens@rodekruis.example.org", "Rode Kruis Vlaanderen", "nl", "online"),
        ("Sofia", "Haddad", "sofia.haddad@fedasil.example.org", "Fedasil", "en", "in_person"),
    ];
    db.write_alone(move |txn| {
        keep(async move {
            let event =
                crate::events::service::create(txn, spec, None, now()).await.map_err(|e| anyhow::anyhow!("{e}"))?;
            for (first, last, email, org, lang, mode) in partners {
                let new = NewRegistration {
                    first_name: first.to_owned(),
                    last_name: last.to_owned(),
                    email: EmailAddress::parse(email).map_err(|e| anyhow::anyhow!(e))?,
                    organization: org.to_owned(),
                    mode: entity::AttendanceMode::parse(mode).unwrap_or(entity::AttendanceMode::Online),
                    language: Language::parse(lang).unwrap_or_default(),
                    answers: [("lunch".to_owned(), json!(true))].into(),
                    consent_source: "demo".to_owned(),
                    consent_shown: None,
                    invitation_token: None,
                    future_invitations: true,
                };
                service::register(txn, event.id, new, now())
                    .await
                    .map_err(|e| anyhow::anyhow!("demo registration: {e}"))?;
            }
            Ok::<_, anyhow::Error>(())
        })
    })
    .await
}
