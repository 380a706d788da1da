//! The mailing scenario (issue 18): an organizers' mailing to 10,000 registrants, on a server
//! and an SMTP sink of its own (so the main run's "every mail exactly once" check stays its
//! own). The registrants are imported with the CLI without confirmations, so every mail the
//! sink sees is the mailing's.

use std::time::{Duration, Instant};

use anyhow::bail;
use hyper::StatusCode;
use serde_json::json;

use convene_test_support::smtp::{SinkOptions, SmtpSink};

use crate::client::Req;
use crate::report::{conditions, ms, thousands};
use crate::running::Bench;

impl Bench {
    pub async fn mailing(&mut self) -> anyhow::Result<()> {
        let n = if self.quick { 2_000 } else { 10_000 };
        eprintln!("== mailing: {n} registrants");
        let sink = SmtpSink::start_with(SinkOptions { keep_messages: false, ..SinkOptions::default() }).await?;
        let mut serve = self.serve.clone();
        serve.smtp_url = sink.url();
        let run = self.start_server(&serve, "mailing").await?;
        let event = run.create_event("Mailing benchmark", None).await?;

        let mut csv = String::from("first_name,last_name,email,organization,language,mode\n");
        for i in 0..n {
            let language = ["en", "fr", "nl"][i % 3];
            let mode = if i % 3 == 0 { "online" } else { "in_person" };
            csv.push_str(&format!(
                "Partner,Number {i},m-{i}@bench.example.org,Organization {},{language},{mode}\n",
                i % 40
            ));
        }
        let file = serve.dir.join("mailing.csv");
        std::fs::write(&file, csv)?;
        let path = file.to_string_lossy().into_owned();
        serve.convene(&run.database.url).ok(&["import", "registrations", &event.id, &path], None)?;

        let body = json!({
            "subject": {"en": "The meeting moves to room B", "fr": "La réunion passe en salle B",
                        "nl": "De vergadering verhuist naar zaal B"},
            "body": {"en": "Dear {first_name} {last_name},\n\nWe meet in room B. Your page: {manage_url}\nStream: {join_url}",
                     "fr": "Bonjour {first_name},\n\nNous sommes en salle B. Votre page : {manage_url}",
                     "nl": "Beste {first_name},\n\nWe zitten in zaal B. Uw pagina: {manage_url}"},
            "to": {}
        });
        let before = run.meter.snapshot();
        let started = Instant::now();
        let path = format!("/api/v1/events/{}/mailings", event.id);
        let (status, created) = run.api(Req::post_json(path.clone(), body.to_string())).await?;
        let queued_in = started.elapsed();
        if status != StatusCode::CREATED {
            bail!("the mailing answered {status}: {created}");
        }
        let queue_cpu = run.meter.since(&before);
        let delivered = sink.wait_for_count(n, Duration::from_secs(600)).await;
        let all_in = started.elapsed();
        let cpu = run.meter.since(&before);
        tokio::time::sleep(Duration::from_secs(2)).await; // a duplicate sent late would show
        let tally = sink.tally();
        let doubled = tally.by_recipient.values().filter(|&&k| k > 1).count();
        self.report.check(
            format!("the mailing reached each of the {n} registrants once"),
            delivered.is_some() && tally.by_recipient.len() == n && doubled == 0 && created["recipients"] == n,
            format!(
                "recipients {} in the answer; the sink saw {} recipients, {doubled} of them twice",
                created["recipients"],
                tally.by_recipient.len()
            ),
        );
        self.report.row(
            format!(
                "mailing to {} registrants: time to queue (the POST's answer, recipients written)",
                thousands(n as f64)
            ),
            ms(queued_in.as_secs_f64() * 1e3),
            "—",
            conditions(&queue_cpu),
        );
        self.report.row(
            format!(
                "mailing to {}: delivered to a local SMTP sink, mails/s (from the POST to the last mail)",
                thousands(n as f64)
            ),
            format!("{:.0} /s in {:.1} s", n as f64 / all_in.as_secs_f64(), all_in.as_secs_f64()),
            "—",
            conditions(&cpu),
        );
        self.report.row(
            "mailing: server CPU per mail (queueing, rendering, SMTP)",
            ms(cpu.server * 1e3 / n as f64),
            "—",
            conditions(&cpu),
        );
        run.server.stop(Duration::from_secs(30)).await?;
        run.database.drop_database().await;
        Ok(())
    }
}
