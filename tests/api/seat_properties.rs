//! A property test of the seat rules with organization caps, through the real API: random
//! sequences of registrations, cancellations, mode switches, check-ins, cap and capacity
//! changes and transfers (seeded, so a failure replays). After every step the room's capacity
//! holds, no organization gains a seat past its cap, the stored counts equal `COUNT(*)`, and
//! nobody who could be promoted is left waiting.

use std::collections::BTreeMap;

use entity::{AttendanceMode, RegistrationStatus, event, organization_seat, registration};
use reqwest::Method;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use crate::helpers::{TestApp, json, str_of};
use crate::organizations::from;

/// xorshift64*: small, deterministic, good enough to pick steps.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n
    }
}

const ORGANIZATIONS: [&str; 5] = ["Fedasil", "FEDASIL ", "Caritas International", "OCMW Gent", ""];

/// The registration's current manage token, opened from its sealed copy (a transfer mails the
/// new one to the colleague; the test reads it as the server would to show it again).
async fn token_of(app: &TestApp, id: Uuid) -> Option<(String, registration::Model)> {
    let row = registration::Entity::find_by_id(id).one(app.db.read()).await.ok().flatten()?;
    let token = convene::secrets::open(row.manage_token_sealed.as_deref()?)?;
    Some((token, row))
}

/// Checks every invariant; `previous` holds each organization's seats after the last step.
/// Says whether someone waited because of their organization's cap (so the run is not vacuous).
async fn check(app: &TestApp, event_id: Uuid, previous: &mut BTreeMap<String, i32>, step: &str) -> bool {
    let event = event::Entity::find_by_id(event_id).one(app.db.read()).await.expect("query").expect("event");
    let rows = registration::Entity::find()
        .filter(registration::Column::EventId.eq(event_id))
        .all(app.db.read())
        .await
        .expect("query");
    let seated: Vec<&registration::Model> = rows
        .iter()
        .filter(|r| r.status == RegistrationStatus::Confirmed && r.mode == AttendanceMode::InPerson)
        .collect();
    let capacity = event.in_person_capacity.unwrap_or(i32::MAX);
    assert!(seated.len() as i32 <= capacity, "{step}: {} seated for {capacity}", seated.len());
    assert_eq!(seated.len() as i32, event.in_person_confirmed, "{step}: the event's counter");

    let mut counted: BTreeMap<String, i32> = BTreeMap::new();
    for r in &seated {
        let key = r.organization_key.clone().unwrap_or_default();
        if !key.is_empty() {
            *counted.entry(key).or_default() += 1;
        }
    }
    let stored: BTreeMap<String, i32> = organization_seat::Entity::find()
        .filter(organization_seat::Column::EventId.eq(event_id))
        .all(app.db.read())
        .await
        .expect("query")
        .into_iter()
        .filter(|r| r.in_person_confirmed != 0)
        .map(|r| (r.organization_key, r.in_person_confirmed))
        .collect();
    assert_eq!(stored, counted, "{step}: stored counts equal COUNT(*)");

    let cap = event.per_organization_in_person_cap;
    for (key, n) in &counted {
        let before = previous.get(key).copied().unwrap_or(0);
        if let Some(cap) = cap {
            assert!(*n <= cap.max(before), "{step}: {key} went from {before} to {n} past its cap {cap}");
        }
    }
    *previous = counted.clone();

    let room_full = seated.len() as i32 >= capacity;
    let mut held_back = false;
    for r in rows.iter().filter(|r| r.status == RegistrationStatus::Waitlisted && r.mode == AttendanceMode::InPerson) {
        let key = r.organization_key.clone().unwrap_or_default();
        let capped = !key.is_empty() && cap.is_some_and(|cap| counted.get(&key).copied().unwrap_or(0) >= cap);
        assert!(room_full || capped, "{step}: {} ({key}) waits though a seat is free for it", r.id);
        held_back |= capped && !room_full;
    }
    held_back
}

async fn run(seed: u64, steps: usize) {
    let app = TestApp::spawn().await;
    let event = app.create_event(json!({"in_person_capacity": 8, "per_organization_in_person_cap": 2})).await;
    let event_id = str_of(&event, "id");
    let id = Uuid::parse_str(&event_id).expect("uuid");
    let mut rng = Rng(seed);
    let mut people: Vec<Uuid> = Vec::new();
    let mut previous = BTreeMap::new();
    let mut held_back = 0;
    for step in 0..steps {
        let pick = |rng: &mut Rng, people: &Vec<Uuid>| people.get(rng.below(people.len().max(1))).copied();
        let what = match rng.below(10) {
            0..=3 => {
                let organization = ORGANIZATIONS[rng.below(ORGANIZATIONS.len())];
                let mode = if rng.below(4) == 0 { "online" } else { "in_person" };
                let body = from(&format!("p{seed}-{step}@example.org"), organization, mode);
                let answer = app.register_body(&event_id, body).await;
                if answer.status() == 201 {
                    people.push(Uuid::parse_str(&str_of(&json(answer).await, "id")).expect("uuid"));
                }
                format!("register {organization:?} {mode}")
            }
            4 => {
                if let Some((token, _)) = match pick(&mut rng, &people) {
                    Some(p) => token_of(&app, p).await,
                    None => None,
                } {
                    app.manage(Method::DELETE, &token, None).await;
                }
                "cancel".to_owned()
            }
            5 => {
                if let Some((token, row)) = match pick(&mut rng, &people) {
                    Some(p) => token_of(&app, p).await,
                    None => None,
                } {
                    let to = if row.mode == AttendanceMode::InPerson { "online" } else { "in_person" };
                    app.manage(Method::PATCH, &token, Some(json!({"mode": to}))).await;
                }
                "switch".to_owned()
            }
            6 => {
                if let Some(p) = pick(&mut rng, &people)
                    && let Some(row) = registration::Entity::find_by_id(p).one(app.db.read()).await.ok().flatten()
                    && let Some(code) = row.ticket_code_sealed.as_deref().and_then(convene::secrets::open)
                {
                    app.scan(&event_id, &code).await;
                }
                "check in".to_owned()
            }
            7 => {
                let cap = [json!(null), json!(1), json!(1), json!(2), json!(2), json!(3)][rng.below(6)].clone();
                app.patch_event(&event_id, json!({"per_organization_in_person_cap": cap})).await;
                format!("cap {cap}")
            }
            8 => {
                let capacity = 5 + rng.below(6);
                app.patch_event(&event_id, json!({"in_person_capacity": capacity})).await;
                format!("capacity {capacity}")
            }
            _ => {
                if let Some((token, _)) = match pick(&mut rng, &people) {
                    Some(p) => token_of(&app, p).await,
                    None => None,
                } {
                    let colleague = json!({"first_name": "Col", "last_name": "League",
                        "email": format!("c{seed}-{step}@example.org")});
                    let url = app.url(&format!("/api/v1/registrations/{token}/transfer"));
                    app.client.post(url).json(&colleague).send().await.expect("transfer");
                }
                "transfer".to_owned()
            }
        };
        if check(&app, id, &mut previous, &format!("seed {seed} step {step} ({what})")).await {
            held_back += 1;
        }
    }
    let sql = "SELECT COUNT(*) AS n FROM registration_history WHERE event_id = ? AND kind = 'promoted'";
    let promotions = crate::privacy::scalar_i64(&app, sql, vec![id.into()]).await;
    assert!(
        held_back > 0 && promotions > 0,
        "seed {seed}: the run held nobody back ({held_back}) or promoted nobody ({promotions})"
    );
    app.stop().await;
}

#[tokio::test]
async fn the_room_and_every_organization_cap_hold_after_every_step_of_random_sequences() {
    for seed in [0x5eed_0001, 0x5eed_0002, 0x5eed_0003] {
        run(seed, 90).await;
    }
}
