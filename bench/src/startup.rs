//! Start to healthy: `convene serve` on a fresh database (migrations included), then again
//! on the same one.

use std::time::{Duration, Instant};

use crate::procfs;
use crate::report::{median, ms};
use crate::running::{Bench, wait_healthy};

impl Bench {
    pub async fn startup(&mut self) -> anyhow::Result<()> {
        eprintln!("== start to healthy ({} runs)", self.counts.startup_runs);
        let (mut fresh, mut again) = (Vec::new(), Vec::new());
        let load_before = procfs::load1();
        for run in 0..self.counts.startup_runs {
            let database = self.databases.fresh(&format!("convene_bench_start{run}")).await?;
            for (times, name) in [(&mut fresh, "fresh"), (&mut again, "restart")] {
                let spawned = Instant::now();
                let mut server = self.serve.spawn(&database.url, &format!("start{run}-{name}"))?;
                times.push(wait_healthy(&mut server, spawned, Duration::from_secs(120)).await?.1);
                server.stop(Duration::from_secs(30)).await?;
            }
            database.drop_database().await;
        }
        let load = format!("load {load_before:.2} → {:.2}", procfs::load1());
        let runs = self.counts.startup_runs;
        self.report.row(
            format!("start to healthy, fresh database incl. migrations (median of {runs})"),
            ms(median(fresh).as_secs_f64() * 1e3),
            "≤ 100 ms",
            load.clone(),
        );
        self.report.row(
            format!("start to healthy, existing database (median of {runs})"),
            ms(median(again).as_secs_f64() * 1e3),
            "≤ 100 ms",
            load,
        );
        Ok(())
    }
}
