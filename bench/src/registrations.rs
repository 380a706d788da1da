//! Registrations: a warm-up, then each concurrency level timed with the server's CPU, and
//! every acknowledged registration read back (no oversell, counts as answered).

use std::sync::Arc;

use hyper::StatusCode;
use serde_json::Value;

use crate::client::{self, Req};
use crate::report::{conditions, failure_detail, ms, snippet, thousands};
use crate::running::{Ack, Bench, Event, Running, field};

impl Bench {
    /// A warm-up, then `levels` (numbers of clients) one after the other on `event`; the
    /// outbox drained after them. Returns every acknowledged registration.
    pub async fn registrations(&mut self, run: &Running, event: &Event, levels: &[usize]) -> anyhow::Result<Vec<Ack>> {
        let mut acks = Vec::new();
        eprintln!("== registration warm-up ({} at 32 clients)", self.counts.warmup);
        let (outcome, warm) = self.register(run, event, 32, self.counts.warmup, "warm", |_| "in_person").await?;
        self.report.check("warm-up registrations answered 201", outcome.failed == 0, failure_detail(&outcome));
        self.acks.extend(warm.iter().cloned());
        acks.extend(warm);

        for &clients in levels {
            let n = self.counts.at_level(clients);
            eprintln!("== registration: {n} at {clients} clients");
            let before = run.meter.snapshot();
            let batches_before = run.writer_batches().await;
            let label = format!("c{clients}");
            let (outcome, got) = self.register(run, event, clients, n, &label, |_| "in_person").await?;
            let cpu = run.meter.since(&before);
            let batches = run.writer_batches().await.zip(batches_before).map(|(after, before)| after.since(&before));
            self.acks.extend(got.iter().cloned());
            acks.extend(got);
            self.report.check(
                format!("every registration at {clients} clients answered 201"),
                outcome.failed == 0,
                failure_detail(&outcome),
            );
            let goal_rate = match (clients, self.databases.name()) {
                (1, _) => "—",
                (_, "SQLite") => "≥ 5,000/s",
                (_, "PostgreSQL") => "≥ 3,000/s",
                _ => "—",
            };
            let cond = conditions(&cpu);
            self.report.row(
                format!("registrations/s, {clients} client{} ({n} requests)", if clients == 1 { "" } else { "s" }),
                format!("{}/s", thousands(outcome.per_second())),
                goal_rate,
                cond.clone(),
            );
            self.report.row(
                format!("registration latency p50 / p99, {clients} client{}", if clients == 1 { "" } else { "s" }),
                format!("{} / {}", ms(outcome.quantile_ms(0.5)), ms(outcome.quantile_ms(0.99))),
                if clients == 32 { "p99 ≤ 15 ms" } else { "—" },
                cond.clone(),
            );
            let per = |s: f64| s * 1e3 / outcome.ok.max(1) as f64;
            let db = if cpu.database > 0.0 {
                format!(" (+ {:.3} ms in the database server)", per(cpu.database))
            } else {
                String::new()
            };
            self.report.row(
                format!("server CPU per registration, {clients} client{}", if clients == 1 { "" } else { "s" }),
                format!("{:.3} ms{db}", per(cpu.server)),
                "≤ 0.25 ms",
                format!("{cond}; the mail worker runs meanwhile"),
            );
            if let Some(batches) = batches {
                self.report.row(
                    format!("the writer's batches, {clients} client{}", if clients == 1 { "" } else { "s" }),
                    batches.describe(outcome.wall.as_secs_f64()),
                    "—",
                    "registrations and the mail worker's outcomes; from the server's /metrics",
                );
            }
        }

        // The mails of these registrations: how fast the outbox drains, and at what CPU cost.
        let queued = self.acks.len().saturating_sub(self.sink.count());
        eprintln!("== mail: waiting for {queued} queued mails");
        let before = run.meter.snapshot();
        let sent_before = self.sink.count();
        let drained = self.drain_mail("the registration levels").await;
        let cpu = run.meter.since(&before);
        let sent = self.sink.count() - sent_before;
        if sent > 0 {
            self.report.row(
                format!("mail delivery, outbox → SMTP sink ({queued} mails queued after the load)"),
                format!(
                    "{:.0} mails/s; {:.2} ms server CPU per mail",
                    sent as f64 / cpu.wall.max(1e-9),
                    cpu.server * 1e3 / sent as f64
                ),
                "—",
                match drained {
                    Some(_) => conditions(&cpu),
                    None => format!("{}; NOT drained in time", conditions(&cpu)),
                },
            );
        }
        Ok(acks)
    }

    /// No oversell, every acknowledged registration readable with what was answered.
    pub async fn verify_registrations(
        &mut self,
        run: &Running,
        event: &Event,
        acks: &[Ack],
        sample: usize,
    ) -> anyhow::Result<()> {
        let stats = run.stats(event).await?;
        let confirmed = stats["in_person"]["confirmed"].as_u64().unwrap_or(u64::MAX) as usize;
        let waitlisted = stats["in_person"]["waitlisted"].as_u64().unwrap_or(u64::MAX) as usize
            + stats["online"]["waitlisted"].as_u64().unwrap_or(0) as usize;
        let registered = stats["registered"].as_u64().unwrap_or(u64::MAX) as usize;
        let acked_confirmed = acks.iter().filter(|a| a.status == "confirmed" && a.mode == "in_person").count();
        let acked_waitlisted = acks.iter().filter(|a| a.status == "waitlisted").count();
        if let Some(capacity) = event.capacity {
            self.report.check(
                "no oversell",
                confirmed <= capacity && acked_confirmed <= capacity,
                format!("capacity {capacity}, confirmed in the room {confirmed}, confirmed answers {acked_confirmed}"),
            );
        }
        self.report.check(
            format!("counts match the answers ({})", event.title),
            registered == acks.len() && confirmed == acked_confirmed && waitlisted == acked_waitlisted,
            format!(
                "registered {registered} vs {} acknowledged; confirmed {confirmed} vs {acked_confirmed}; waitlisted {waitlisted} vs {acked_waitlisted}",
                acks.len()
            ),
        );
        // Every one (or an even sample of a big seed) read back by its manage token.
        let step = (acks.len() / sample.max(1)).max(1);
        let chosen: Arc<Vec<Ack>> = Arc::new(acks.iter().step_by(step).cloned().collect());
        let n = chosen.len();
        let (a, b) = (chosen.clone(), chosen);
        let outcome = client::run(
            run.addr,
            32,
            n,
            move |i| Req::get(format!("/api/v1/registrations/{}", a[i].manage_token)),
            move |i, status, body| {
                if status != StatusCode::OK {
                    return Err(snippet(body));
                }
                let v: Value = serde_json::from_slice(body).map_err(|e| e.to_string())?;
                let ack = &b[i];
                if field(&v, "id")? != ack.id
                    || field(&v, "ticket_code")? != ack.ticket_code
                    || field(&v, "email")? != ack.email
                {
                    return Err(format!("{} differs from its 201 answer", ack.email));
                }
                Ok(())
            },
        )
        .await?;
        self.report.check(
            format!("acknowledged registrations present ({n} of {} read back)", acks.len()),
            outcome.failed == 0 && outcome.ok == n,
            failure_detail(&outcome),
        );
        Ok(())
    }
}
