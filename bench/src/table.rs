//! The back office's registrations table, paged, sorted and searched by one organizer.

use std::sync::Arc;

use anyhow::Context;
use hyper::StatusCode;
use serde_json::json;

use crate::client::{self, Conn, Req};
use crate::report::{conditions, failure_detail, ms, snippet, thousands};
use crate::running::{Bench, Running};

impl Bench {
    /// The registrations table of the back office, one organizer paging through 10,000
    /// registrations (a third checked in): each view timed 40 times in a row.
    pub async fn table(&mut self, run: &Running) -> anyhow::Result<()> {
        let rows = if self.quick { 2_000 } else { 10_000 };
        let event = run.create_event("Registrations table benchmark", None).await?;
        eprintln!("== table: seeding {rows} registrations at 256 clients");
        let (outcome, acks) =
            self.register(run, &event, 256, rows, "t", |i| if i % 3 == 0 { "online" } else { "in_person" }).await?;
        self.report.check("every seeded registration answered 201", outcome.failed == 0, failure_detail(&outcome));
        self.backlog.extend(acks.iter().cloned());
        let codes: Vec<String> =
            acks.iter().filter(|a| a.mode == "in_person").step_by(2).map(|a| a.ticket_code.clone()).collect();
        let path = format!("/api/v1/events/{}/checkins", event.id);
        let token = run.token.clone();
        let n = codes.len();
        let checked = client::run(
            run.addr,
            32,
            n,
            move |i| Req::post_json(path.clone(), json!({"code": codes[i]}).to_string()).bearer(&token),
            |_, status, _| if status == StatusCode::OK { Ok(()) } else { Err(status.to_string()) },
        )
        .await?;
        self.report.check("the table's check-ins answered 200", checked.failed == 0, failure_detail(&checked));
        // The pages take a session, as a browser has: log in like one.
        let mut conn = Conn::connect(run.addr).await?;
        let login = Req::post_form(
            "/admin/login",
            "email=bench%40example.org&password=a+long+benchmark+password&next=%2Fadmin",
        );
        let response = conn.send_streaming(&login).await?;
        let cookie: Arc<str> = response
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|v| v.split(';').next().filter(|pair| pair.contains('=')))
            .context("logging in gave no session cookie")?
            .into();
        let last = rows.div_ceil(50);
        let views = [
            ("by name, first page", "page=1".to_owned()),
            ("by name, a middle page", format!("page={}", last / 2)),
            ("by name, the last page", format!("page={last}")),
            (
                "by came (a join to check-ins and joins), middle page",
                format!("sort=attended&dir=desc&page={}", last / 2),
            ),
            ("by organization, a middle page", format!("sort=organization&page={}", last / 2)),
            ("came = yes and in person, first page", "attended=yes&mode=in_person".to_owned()),
            ("search \"t1\" (LIKE on four columns), first page", "q=t1".to_owned()),
        ];
        for (name, query) in views {
            let path = format!("/admin/events/{}/registrations?{query}", event.id);
            let cookie = cookie.clone();
            let before = run.meter.snapshot();
            let outcome = client::run(
                run.addr,
                1,
                40,
                move |_| Req::get(path.clone()).cookie(&cookie),
                |_, status, body| {
                    if status == StatusCode::OK && body.len() > 1000 { Ok(()) } else { Err(snippet(body)) }
                },
            )
            .await?;
            let cpu = run.meter.since(&before);
            self.report.row(
                format!(
                    "registrations table, {} registrations, {name}: p50 / p99 (40 in a row)",
                    thousands(rows as f64)
                ),
                format!("{} / {}", ms(outcome.quantile_ms(0.5)), ms(outcome.quantile_ms(0.99))),
                "< 100 ms",
                conditions(&cpu),
            );
            self.report.check(
                format!("the table answered 200 ({name})"),
                outcome.failed == 0,
                failure_detail(&outcome),
            );
        }
        Ok(())
    }
}
