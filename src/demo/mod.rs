//! `convene demo`: a living partner meeting on a fresh SQLite file, so a newcomer can click
//! through every page within a minute. The partner list ships inside the binary.

use std::path::Path;

use chrono::Duration;
use chrono_tz::Europe::Brussels;
use entity::Role;
use serde_json::json;

use crate::app::{App, shutdown_signal};
use crate::auth::service as accounts;
use crate::config::Config;
use crate::db::keep;
use crate::domain::{EmailAddress, Language, now};
use crate::events::input::EventInput;
use crate::registrations::input::NewRegistration;
use crate::registrations::service;

mod tomorrow;
use tomorrow::seed_tomorrow;

/// Sample partners (first name, last name, email, organization, language, mode).
const PARTNERS: &str = include_str!("partners.csv");
pub const DATABASE_FILE: &str = "convene-demo.db";

/// Refuses to touch an existing, non-empty database file.
fn check_file(path: &Path) -> anyhow::Result<()> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.len() > 0 => anyhow::bail!(
            "{} already exists and is not empty; remove it (or run the demo in another folder) to start afresh",
            path.display()
        ),
        _ => Ok(()),
    }
}

/// Seeds the demo database and returns the admin's email and password.
pub async fn seed(config: &Config) -> anyhow::Result<(String, String)> {
    crate::secrets::install_for(&config.database_url, config.secret_key.as_deref())?;
    let db = crate::db::Db::connect(&config.database_url).await?;
    db.migrate().await?;
    let email = EmailAddress::parse("organizer@demo.convene.org").map_err(|e| anyhow::anyhow!(e))?;
    let password: String = crate::secrets::url_token().chars().take(16).collect();
    let (admin, admin_password) = (email.clone(), password.clone());
    db.write_alone(move |txn| {
        keep(async move { accounts::create_user(txn, &admin, Role::Admin, &admin_password, now()).await })
    })
    .await?;

    // Who organizes: named on every page and mail.
    let identity = crate::settings::input::SettingsChange {
        organization_name: Some(
            [
                ("en", "IOM Belgium and Luxembourg"),
                ("fr", "OIM Belgique et Luxembourg"),
                ("nl", "IOM België en Luxemburg"),
            ]
            .map(|(l, n)| (l.to_owned(), n.to_owned()))
            .into(),
        ),
        contact_email: Some(Some("partners@demo.convene.org".to_owned())),
        privacy_url: Some([("en".to_owned(), "https://example.org/privacy".to_owned())].into()),
        accent_color: Some(Some("#0033a0".to_owned())),
        delete_logo: false,
    };
    db.write_alone(move |txn| {
        keep(crate::settings::service::apply(txn, identity, crate::privacy::audit::SYSTEM, now()))
    })
    .await?;

    // Happening now: it started an hour ago and runs for two and a half more, so the desk,
    // the join links and the dashboard all have something to show.
    let start = now() - Duration::hours(1);
    let at = |offset: Duration| Some((start + offset).with_timezone(&Brussels).to_rfc3339());
    let input: EventInput = serde_json::from_value(json!({
        "title": "Annual Voluntary Return and Reintegration Partner Meeting",
        "description": "Partners of the AVRR programme meet to share results, plans and practice.\n\nFollow in the room in Brussels or online.",
        "translations": {
            "fr": {"title": "Réunion annuelle des partenaires Retour volontaire et Réintégration",
                   "description": "Les partenaires du programme AVRR se réunissent pour partager résultats, projets et pratiques.\n\nParticipez dans la salle à Bruxelles ou en ligne.",
                   "venue": "Palais d'Egmont, Bruxelles"},
            "nl": {"title": "Jaarlijkse partnervergadering Vrijwillige Terugkeer en Re-integratie",
                   "description": "De partners van het AVRR-programma delen resultaten, plannen en praktijk.\n\nNeem deel in de zaal in Brussel of online.",
                   "venue": "Egmontpaleis, Brussel"}
        },
        "starts_at": at(Duration::zero()), "ends_at": at(Duration::minutes(210)), "timezone": "Europe/Brussels",
        "venue": "Egmont Palace, Brussels", "online_url": "https://stream.example.org/avrr-partners",
        "modes": ["in_person", "online"], "in_person_capacity": 60, "in_person_held": 4, "online_capacity": null,
        "waitlist": true, "status": "published",
        "programme": [
            {"starts_at": at(Duration::zero()), "ends_at": at(Duration::minutes(20)),
             "title": {"en": "Welcome", "fr": "Accueil", "nl": "Verwelkoming"}, "speakers": ["Head of Office, IOM Belgium and Luxembourg"]},
            {"starts_at": at(Duration::minutes(20)), "ends_at": at(Duration::minutes(80)),
             "title": {"en": "The year in figures", "fr": "L'année en chiffres", "nl": "Het jaar in cijfers"}, "speakers": ["AVRR programme team"]},
            {"starts_at": at(Duration::minutes(100)), "ends_at": at(Duration::minutes(180)),
             "title": {"en": "Panel: reintegration that lasts", "fr": "Table ronde : une réintégration durable", "nl": "Panel: duurzame re-integratie"},
             "speakers": ["Partner organizations from Guinea, Morocco and Iraq"]},
            {"starts_at": at(Duration::minutes(180)), "ends_at": at(Duration::minutes(210)),
             "title": {"en": "Closing and lunch", "fr": "Clôture et déjeuner", "nl": "Afsluiting en lunch"}, "speakers": []}
        ],
        "questions": [{"key": "dietary", "kind": "choice", "required": false,
                       "label": {"en": "Dietary needs", "fr": "Régime alimentaire", "nl": "Dieetwensen"},
                       "options": [
                           {"value": "none", "label": {"en": "No special needs", "fr": "Pas de besoins particuliers", "nl": "Geen bijzondere wensen"}},
                           {"value": "vegetarian", "label": {"en": "Vegetarian", "fr": "Végétarien", "nl": "Vegetarisch"}},
                           {"value": "vegan", "label": {"en": "Vegan", "fr": "Végétalien", "nl": "Veganistisch"}},
                           {"value": "halal", "label": {"en": "Halal", "fr": "Halal", "nl": "Halal"}}]},
                      {"key": "workshops", "kind": "multi", "required": false,
                       "label": {"en": "Afternoon workshops", "fr": "Ateliers de l'après-midi", "nl": "Workshops in de namiddag"},
                       "options": [
                           {"value": "counselling", "label": {"en": "Return counselling", "fr": "Conseil au retour", "nl": "Terugkeerbegeleiding"}},
                           {"value": "reintegration", "label": {"en": "Reintegration support", "fr": "Aide à la réintégration", "nl": "Re-integratiesteun"}}]}]
    }))?;
    let spec = input.parse().map_err(|e| anyhow::anyhow!("demo event: {e:?}"))?;
    db.write_alone(move |txn| {
        keep(async move {
            let event =
                crate::events::service::create(txn, spec, None, now()).await.map_err(|e| anyhow::anyhow!("{e}"))?;
            let mut reader = csv::ReaderBuilder::new().from_reader(PARTNERS.as_bytes());
            let mut registered = Vec::new();
            for (i, row) in reader.records().enumerate() {
                let row = row?;
                let field = |n: usize| row.get(n).unwrap_or("").trim().to_owned();
                let Ok(email) = EmailAddress::parse(&field(2)) else { continue };
                let new = NewRegistration {
                    first_name: field(0),
                    last_name: field(1),
                    email,
                    organization: field(3),
                    mode: entity::AttendanceMode::parse(&field(5)).unwrap_or(entity::AttendanceMode::Online),
                    language: Language::parse(&field(4)).unwrap_or_default(),
                    answers: [("dietary".to_owned(), json!(["none", "vegetarian", "none", "halal"][i % 4]))].into(),
                    consent_source: "demo".to_owned(),
                    consent_shown: None,
                    invitation_token: None,
                    future_invitations: false,
                };
                // Registered over the weeks before the meeting.
                let when = start - Duration::days(20) + Duration::hours(i as i64 * 9);
                let outcome = service::register(txn, event.id, new, when)
                    .await
                    .map_err(|e| anyhow::anyhow!("demo registration: {e}"))?;
                if let service::RegisterOutcome::Registered { registration, .. } = outcome {
                    registered.push(*registration);
                }
            }
            // Two thirds of the room arrived over the first 40 minutes; most of the stream joined.
            let desk = crate::check_in::service::Desk { label: "Entrance".into(), user_id: None };
            let in_person = registered.iter().filter(|r| {
                r.mode == entity::AttendanceMode::InPerson && r.status == entity::RegistrationStatus::Confirmed
            });
            for (i, reg) in in_person.enumerate().filter(|(i, _)| i % 3 != 2) {
                let when = start - Duration::minutes(25) + Duration::minutes((i as i64 * 7) % 60);
                let ticket = crate::check_in::service::Ticket::Registration(reg.id);
                crate::check_in::service::check_in(txn, event.id, &ticket, (&desk, crate::seats::CapRule::Apply), when)
                    .await
                    .map_err(|e| anyhow::anyhow!("demo check-in: {e}"))?;
            }
            let online = registered.iter().filter(|r| r.mode == entity::AttendanceMode::Online);
            for (i, reg) in online.enumerate().filter(|(i, _)| i % 4 != 3) {
                crate::attendance::join::record_join(
                    txn,
                    reg,
                    start - Duration::minutes(10) + Duration::minutes(i as i64 * 3),
                )
                .await?;
            }
            Ok::<_, anyhow::Error>(())
        })
    })
    .await?;
    seed_tomorrow(&db).await?;
    db.close().await;
    Ok((email.to_string(), password))
}

/// Seeds `convene-demo.db` and serves it until stopped.
pub async fn run(mut config: Config) -> anyhow::Result<()> {
    let path = Path::new(DATABASE_FILE);
    check_file(path)?;
    config.database_url = format!("sqlite://{DATABASE_FILE}?mode=rwc");
    let (email, password) = match seed(&config).await {
        Ok(login) => login,
        Err(err) => {
            // Leave nothing half-made behind, so the next run starts afresh.
            for suffix in ["", "-wal", "-shm"] {
                std::fs::remove_file(format!("{DATABASE_FILE}{suffix}")).ok();
            }
            return Err(err.context("could not seed the demo"));
        }
    };
    let app = App::build(config).await?;
    let base = app.base_url().to_owned();
    let login = format!(
        "Convene demo: two events are ready.\n\n  \
         In progress now:    {base}/e/annual-voluntary-return-and-reintegration-partner-meeting\n  \
         Tomorrow, open:     {base}/e/reintegration-counselling-workshop\n  \
         Back office:        {base}/admin\n  \
         Log in as:          {email}\n  \
         Password:           {password}\n\n\
         Mails are written to ./mail-out/. Press Enter to see this again; stop with Ctrl+C;\n\
         delete {DATABASE_FILE} to start afresh."
    );
    // Printed after the start-up log lines, and again whenever Enter is pressed, so that the
    // login never scrolls away.
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(500));
        println!("\n{login}\n");
        for _ in std::io::stdin().lines().map_while(Result::ok) {
            println!("\n{login}\n");
        }
    });
    app.run_until_stopped(shutdown_signal()).await
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_non_empty_file_is_refused() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("x.db");
        assert!(super::check_file(&path).is_ok());
        std::fs::write(&path, b"data").unwrap_or_default();
        assert!(super::check_file(&path).is_err());
    }
}
