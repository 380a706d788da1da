//! The server's write batches as its Prometheus metrics count them: how many requests a batch
//! of the group-commit writer held and how long it took. Many small, slow batches mean the
//! requests wait for the writer; few full ones mean the writer keeps up.

use crate::client::{Conn, Req};
use crate::running::Running;

/// Totals since the server started (or, from [`WriterBatches::since`], over a measurement).
#[derive(Debug, Clone, Copy, Default)]
pub struct WriterBatches {
    pub batches: f64,
    pub requests: f64,
    pub seconds: f64,
}

impl WriterBatches {
    /// Reads the totals from Prometheus' text format; `None` when the server does not count them.
    pub fn parse(metrics: &str) -> Option<WriterBatches> {
        let value = |name: &str| {
            metrics.lines().find_map(|line| line.strip_prefix(name)?.strip_prefix(' ')?.trim().parse::<f64>().ok())
        };
        Some(WriterBatches {
            batches: value("convene_write_batch_size_count")?,
            requests: value("convene_write_batch_size_sum")?,
            seconds: value("convene_write_batch_seconds_sum")?,
        })
    }

    pub fn since(&self, before: &WriterBatches) -> WriterBatches {
        WriterBatches {
            batches: self.batches - before.batches,
            requests: self.requests - before.requests,
            seconds: self.seconds - before.seconds,
        }
    }

    /// "812 batches of 3.7 requests, 1.21 ms each (the writer busy 98% of the time)".
    pub fn describe(&self, wall_seconds: f64) -> String {
        if self.batches < 1.0 {
            return "no batch".into();
        }
        format!(
            "{:.0} batches of {:.1} requests, {:.2} ms each (the writer busy {:.0}% of the time)",
            self.batches,
            self.requests / self.batches,
            self.seconds * 1e3 / self.batches,
            100.0 * self.seconds / wall_seconds.max(1e-9)
        )
    }
}

impl Running {
    /// The writer's totals now, or `None` if the server's metrics do not have them.
    pub async fn writer_batches(&self) -> Option<WriterBatches> {
        let mut conn = Conn::connect(self.addr).await.ok()?;
        let (status, body) = conn.send(&Req::get("/metrics")).await.ok()?;
        if !status.is_success() {
            return None;
        }
        WriterBatches::parse(std::str::from_utf8(&body).ok()?)
    }
}

#[cfg(test)]
mod tests {
    use super::WriterBatches;

    #[test]
    fn the_totals_are_read_from_prometheus_text() {
        let text = "# TYPE convene_write_batch_size summary\nconvene_write_batch_size{quantile=\"0.5\"} 3\n\
            convene_write_batch_size_sum 120\nconvene_write_batch_size_count 40\n\
            convene_write_batch_seconds_sum 0.08\nconvene_write_batch_seconds_count 40\n";
        let totals = WriterBatches::parse(text).expect("totals");
        assert_eq!((totals.batches, totals.requests, totals.seconds), (40.0, 120.0, 0.08));
        let before = WriterBatches { batches: 10.0, requests: 20.0, seconds: 0.02 };
        assert_eq!(
            totals.since(&before).describe(0.12),
            "30 batches of 3.3 requests, 2.00 ms each (the writer busy 50% of the time)"
        );
        assert!(WriterBatches::parse("convene_write_batch_size_sum 1\n").is_none());
    }
}
