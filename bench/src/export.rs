//! The attendee CSV export of a big event, timed to the last byte with the server's peak
//! memory sampled meanwhile.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use http_body_util::BodyExt;
use hyper::StatusCode;

use crate::client::{Conn, Req};
use crate::procfs;
use crate::report::{conditions, failure_detail, mb, ms, thousands};
use crate::running::{Bench, Event, Running};

impl Bench {
    /// Seeds an event of `export_rows` registrations, then times its CSV export.
    pub async fn export(&mut self, run: &Running, probe_event: &Event) -> anyhow::Result<()> {
        let rows = self.counts.export_rows;
        let goal_note =
            if rows == 100_000 { String::new() } else { " — fewer rows than the goal's 100,000".to_owned() };
        let probe = Req::get(format!("/api/v1/events/{}/attendees.csv", probe_event.id));
        let (status, _) = run.api(probe).await?;
        if matches!(status.as_u16(), 404 | 405) {
            self.report.row(
                "export of 100,000 attendees: seconds, server peak RSS growth",
                "not available in this build",
                "≤ 0.4 s, ≤ 30 MB",
                format!("GET /api/v1/events/{{id}}/attendees.csv answered {status}"),
            );
            return Ok(());
        }
        if status != StatusCode::OK {
            self.report.check("export endpoint answers", false, format!("answered {status}"));
            return Ok(());
        }
        let event = run.create_event("Export benchmark meeting", None).await?;
        eprintln!("== export: seeding {rows} registrations at 256 clients");
        let before = run.meter.snapshot();
        let (outcome, acks) =
            self.register(run, &event, 256, rows, "x", |i| if i % 3 == 0 { "online" } else { "in_person" }).await?;
        let cpu = run.meter.since(&before);
        self.backlog.extend(acks.iter().cloned());
        self.report.check("every seeded registration answered 201", outcome.failed == 0, failure_detail(&outcome));
        self.report.row(
            format!("(seeding) registrations/s at 256 clients, {rows} on one event without a capacity"),
            format!("{}/s", thousands(outcome.per_second())),
            "—",
            conditions(&cpu),
        );
        let mail_backlog = (self.acks.len() + self.backlog.len()).saturating_sub(self.sink.count());
        self.verify_registrations(run, &event, &acks, self.counts.verify_sample).await?;
        tokio::time::sleep(Duration::from_secs(1)).await;

        eprintln!("== export: timing GET attendees.csv");
        let pid = run.server.pid;
        let rss_before = run.rss_kb();
        let hwm_before = procfs::status_kb(pid, "VmHWM").unwrap_or(0);
        let peak = Arc::new(AtomicU64::new(rss_before));
        let stop = Arc::new(AtomicBool::new(false));
        let sampler = {
            let (peak, stop) = (peak.clone(), stop.clone());
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    if let Some(kb) = procfs::status_kb(pid, "VmRSS") {
                        peak.fetch_max(kb, Ordering::Relaxed);
                    }
                    std::thread::sleep(Duration::from_millis(10));
                }
            })
        };
        let before = run.meter.snapshot();
        let mut conn = Conn::connect(run.addr).await?;
        let started = Instant::now();
        let response = conn
            .send_streaming(&Req::get(format!("/api/v1/events/{}/attendees.csv", event.id)).bearer(&run.token))
            .await?;
        let status = response.status();
        let content_type =
            response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
        let mut body = response.into_body();
        let (mut first_byte, mut bytes, mut lines) = (None, 0usize, 0usize);
        let mut head = Vec::new();
        while let Some(frame) = body.frame().await {
            let frame = frame?;
            if let Some(data) = frame.data_ref() {
                first_byte.get_or_insert_with(|| started.elapsed());
                bytes += data.len();
                lines += data.iter().filter(|&&b| b == b'\n').count();
                if head.len() < 200 {
                    head.extend_from_slice(&data[..data.len().min(200)]);
                }
            }
        }
        let took = started.elapsed();
        let cpu = run.meter.since(&before);
        stop.store(true, Ordering::Relaxed);
        sampler.join().ok();
        let peak = peak.load(Ordering::Relaxed);
        let hwm_after = procfs::status_kb(pid, "VmHWM").unwrap_or(0);
        let cond = format!(
            "{}; {:.1} MB of CSV; the mail worker was sending a backlog of {mail_backlog} mails meanwhile",
            conditions(&cpu),
            bytes as f64 / 1e6
        );
        self.report.row(
            format!("export of {} attendees: time to last byte (first byte){goal_note}", thousands(rows as f64)),
            format!("{:.3} s ({})", took.as_secs_f64(), ms(first_byte.unwrap_or_default().as_secs_f64() * 1e3)),
            "≤ 0.4 s",
            cond.clone(),
        );
        self.report.row(
            "export: server peak RSS growth (VmRSS sampled every 10 ms; VmHWM growth)",
            format!("{} ({})", mb(peak.saturating_sub(rss_before)), mb(hwm_after.saturating_sub(hwm_before))),
            "≤ 30 MB",
            format!("RSS before {}, peak {}", mb(rss_before), mb(peak)),
        );
        let header_ok = String::from_utf8_lossy(&head).trim_start_matches('\u{feff}').starts_with("registration_id");
        self.report.check(
            "export has a header and one line per registration",
            status == StatusCode::OK && header_ok && lines == rows + 1 && content_type.starts_with("text/csv"),
            format!("{status}, {content_type}, {lines} lines for {rows} registrations"),
        );
        Ok(())
    }
}
