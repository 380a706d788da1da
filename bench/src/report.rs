//! The benchmark's report: figures beside their goals, correctness checks, and the tables
//! printed at the end, ready to paste into BENCHMARKS.md.

use std::time::Duration;

use bytes::Bytes;

use crate::client::LoadOutcome;
use crate::procfs::CpuUse;

/// The benchmark's verdicts and figures.
#[derive(Default)]
pub struct Report {
    rows: Vec<[String; 4]>,
    checks: Vec<(String, bool, String)>,
}

impl Report {
    pub fn row(
        &mut self,
        measure: impl Into<String>,
        value: impl Into<String>,
        goal: &str,
        conditions: impl Into<String>,
    ) {
        let row = [measure.into(), value.into(), goal.to_owned(), conditions.into()];
        eprintln!("  {} = {}   (goal {}; {})", row[0], row[1], row[2], row[3]);
        self.rows.push(row);
    }

    pub fn check(&mut self, name: impl Into<String>, ok: bool, detail: impl Into<String>) {
        let (name, detail) = (name.into(), detail.into());
        eprintln!("  check {}: {} {}", name, if ok { "ok" } else { "FAILED" }, detail);
        self.checks.push((name, ok, detail));
    }

    pub fn failed(&self) -> bool {
        self.checks.iter().any(|c| !c.1)
    }

    /// Prints the header, the figures and the checks as Markdown tables.
    pub fn print(&self, header: &[String], quick: bool) {
        println!();
        for line in header {
            println!("{line}  ");
        }
        println!();
        println!("| measure | value | goal | machine during the measurement |");
        println!("| --- | --- | --- | --- |");
        for [m, v, g, c] in &self.rows {
            println!("| {m} | {v} | {g} | {c} |");
        }
        println!();
        println!("| correctness check | result | detail |");
        println!("| --- | --- | --- |");
        for (name, ok, detail) in &self.checks {
            println!("| {name} | {} | {detail} |", if *ok { "ok" } else { "**FAILED**" });
        }
        println!();
        if quick {
            println!("(--quick: smaller counts than the full run.)");
        }
    }
}

pub fn thousands(n: f64) -> String {
    if !n.is_finite() {
        return "—".into();
    }
    let s = format!("{:.0}", n);
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 && ch != '-' {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

pub fn ms(v: f64) -> String {
    if !v.is_finite() {
        "—".into()
    } else if v >= 100.0 {
        format!("{v:.0} ms")
    } else if v >= 10.0 {
        format!("{v:.1} ms")
    } else {
        format!("{v:.2} ms")
    }
}

pub fn mb(kb: u64) -> String {
    format!("{:.1} MB", kb as f64 / 1024.0)
}

pub fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

pub fn conditions(cpu: &CpuUse) -> String {
    let mut s = cpu.describe();
    if cpu.disturbed() {
        s.push_str(" — DISTURBED by other processes, rerun");
    }
    s
}

pub fn snippet(body: &Bytes) -> String {
    String::from_utf8_lossy(&body[..body.len().min(200)]).into_owned()
}

pub fn failure_detail(outcome: &LoadOutcome) -> String {
    let statuses: Vec<String> = outcome.statuses.iter().map(|(s, n)| format!("{s}×{n}")).collect();
    match &outcome.first_failure {
        Some(f) => format!("{} failed; statuses {}; first: {f}", outcome.failed, statuses.join(", ")),
        None => format!("statuses {}", statuses.join(", ")),
    }
}

pub fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name").and_then(|r| r.split_once(':')).map(|(_, v)| v.trim().to_owned()))
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0);
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let mem_kb: u64 = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0);
    format!("{cores} cores ({model}), {:.1} GB RAM", mem_kb as f64 / 1024.0 / 1024.0)
}

pub fn git_commit() -> String {
    std::process::Command::new("git")
        .args(["describe", "--always", "--dirty", "--abbrev=12"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_owned())
        .unwrap_or_else(|| "unknown".into())
}
