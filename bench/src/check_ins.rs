//! Check-ins at the door: every confirmed ticket scanned once by 32 clients, then one again.

use std::sync::Arc;

use hyper::StatusCode;
use serde_json::{Value, json};

use crate::client::{self, Req};
use crate::report::{conditions, failure_detail, ms, snippet, thousands};
use crate::running::{Ack, Bench, Event, Running};

impl Bench {
    /// Scans each of `tickets` (confirmed, in person) once from 32 clients, then one again.
    pub async fn checkins(&mut self, run: &Running, event: &Event, tickets: &[Ack]) -> anyhow::Result<()> {
        let path = format!("/api/v1/events/{}/checkins", event.id);
        let probe = Req::post_json(path.clone(), json!({"code": "0000000000000000000000000A"}).to_string());
        let (status, body) = run.api(probe).await?;
        if matches!(status.as_u16(), 404 | 405) {
            self.report.row(
                "check-ins/s, p99 (32 clients)",
                "not available in this build",
                "≥ 5,000/s; ≤ 20 ms",
                format!("POST {path} answered {status}"),
            );
            return Ok(());
        }
        if status != StatusCode::OK {
            self.report.check("check-in endpoint answers", false, format!("an unknown code answered {status}: {body}"));
            return Ok(());
        }
        let m = tickets.len().min(self.counts.checkins);
        eprintln!("== check-in: {m} tickets at 32 clients");
        let codes: Arc<Vec<String>> = Arc::new(tickets.iter().take(m).map(|a| a.ticket_code.clone()).collect());
        let token = run.token.clone();
        let before = run.meter.snapshot();
        let batches_before = run.writer_batches().await;
        let outcome = client::run(
            run.addr,
            32,
            m,
            move |i| Req::post_json(path.clone(), json!({"code": codes[i]}).to_string()).bearer(&token),
            |_, status, body| {
                let v: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
                if status == StatusCode::OK && v["result"] == "checked_in" { Ok(()) } else { Err(snippet(body)) }
            },
        )
        .await?;
        let cpu = run.meter.since(&before);
        let batches = run.writer_batches().await.zip(batches_before).map(|(after, before)| after.since(&before));
        let cond = conditions(&cpu);
        self.report.row(
            format!("check-ins/s, 32 clients ({m} tickets)"),
            format!("{}/s", thousands(outcome.per_second())),
            "≥ 5,000/s",
            cond.clone(),
        );
        self.report.row(
            "check-in latency p50 / p99, 32 clients",
            format!("{} / {}", ms(outcome.quantile_ms(0.5)), ms(outcome.quantile_ms(0.99))),
            "p99 ≤ 20 ms",
            cond.clone(),
        );
        self.report.row(
            "server CPU per check-in",
            format!("{:.3} ms", cpu.server * 1e3 / outcome.ok.max(1) as f64),
            "—",
            cond,
        );
        if let Some(batches) = batches {
            let wall = outcome.wall.as_secs_f64();
            self.report.row(
                "the writer's batches, check-ins",
                batches.describe(wall),
                "—",
                "from the server's /metrics",
            );
        }
        self.report.check("every check-in answered checked_in", outcome.failed == 0, failure_detail(&outcome));
        let stats = run.stats(event).await?;
        let checked_in = stats["in_person"]["checked_in"].as_u64().unwrap_or(0) as usize;
        self.report.check(
            "check-ins counted once each",
            checked_in == m,
            format!("stats say {checked_in}, {m} scanned"),
        );
        if let Some(first) = tickets.first() {
            let again = Req::post_json(
                format!("/api/v1/events/{}/checkins", event.id),
                json!({"code": first.ticket_code}).to_string(),
            );
            let (status, v) = run.api(again).await?;
            self.report.check(
                "a second scan says already_checked_in",
                status == StatusCode::OK && v["result"] == "already_checked_in",
                format!("{status} {}", v["result"]),
            );
        }
        Ok(())
    }
}
