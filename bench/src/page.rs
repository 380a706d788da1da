//! The public event page, as a plain client and as a browser asks (compressed).

use hyper::StatusCode;

use crate::client::{self, Req};
use crate::report::{conditions, failure_detail, ms, snippet, thousands};
use crate::running::{Bench, Event, Running};

impl Bench {
    /// The public event page, plainly and as a browser asks.
    pub async fn page(&mut self, run: &Running, event: &Event) -> anyhow::Result<()> {
        let path = format!("/e/{}", event.slug);
        self.page_as(run, Req::get(path.clone()), "", "≥ 15,000/s").await?;
        // What a browser sends: the answer is compressed (or served compressed).
        let browser = Req::get(path).accept_encoding("gzip, deflate, br, zstd");
        self.page_as(run, browser, ", as a browser asks (gzip, br)", "—").await
    }

    pub async fn page_as(&mut self, run: &Running, req: Req, how: &str, goal: &str) -> anyhow::Result<()> {
        let n = self.counts.page;
        eprintln!("== public event page{how}: {n} at 32 clients");
        let before = run.meter.snapshot();
        let (path, encodings) = (req.path.clone(), req.accept_encoding);
        let outcome = client::run(
            run.addr,
            32,
            n,
            move |_| {
                let req = Req::get(path.clone());
                match encodings {
                    Some(e) => req.accept_encoding(e),
                    None => req,
                }
            },
            |_, status, body| if status == StatusCode::OK && body.len() > 500 { Ok(()) } else { Err(snippet(body)) },
        )
        .await?;
        let cpu = run.meter.since(&before);
        let cond = conditions(&cpu);
        self.report.row(
            format!("public event page{how} requests/s, 32 clients ({n} requests)"),
            format!("{}/s", thousands(outcome.per_second())),
            goal,
            cond.clone(),
        );
        self.report.row(
            format!("public event page{how} latency p50 / p99; server CPU per page"),
            format!(
                "{} / {}; {:.3} ms",
                ms(outcome.quantile_ms(0.5)),
                ms(outcome.quantile_ms(0.99)),
                cpu.server * 1e3 / outcome.ok.max(1) as f64
            ),
            "—",
            cond,
        );
        self.report.check(format!("every event page{how} answered 200"), outcome.failed == 0, failure_detail(&outcome));
        Ok(())
    }
}
