//! What the benchmark reads from `/proc`: CPU time of the server, of this process, of the
//! database server's processes and of the whole machine; resident memory; load average.

use std::collections::HashMap;
use std::sync::OnceLock;
use std::time::Instant;

/// Clock ticks per second (`getconf CLK_TCK`, 100 on Linux in practice).
fn ticks_per_second() -> f64 {
    static TCK: OnceLock<f64> = OnceLock::new();
    *TCK.get_or_init(|| {
        std::process::Command::new("getconf")
            .arg("CLK_TCK")
            .output()
            .ok()
            .and_then(|o| String::from_utf8(o.stdout).ok())
            .and_then(|s| s.trim().parse::<f64>().ok())
            .filter(|t| *t > 0.0)
            .unwrap_or(100.0)
    })
}

/// utime + stime of a process (all its threads), in seconds.
pub fn cpu_seconds(pid: &str) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name may hold spaces and parentheses: fields start after the last ')'.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // Fields 14 and 15 of the whole line are utime and stime; `rest` starts at field 3.
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / ticks_per_second())
}

fn comm(pid: &str) -> Option<String> {
    std::fs::read_to_string(format!("/proc/{pid}/comm")).ok().map(|s| s.trim().to_owned())
}

/// A `/proc/<pid>/status` field in kB (`VmRSS`, `VmHWM`).
pub fn status_kb(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
}

/// The 1-minute load average.
pub fn load1() -> f64 {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|v| v.parse().ok()))
        .unwrap_or(f64::NAN)
}

pub fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

/// Busy CPU time of the whole machine (every core; not idle, not iowait), in seconds.
fn machine_busy_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/stat").unwrap_or_default();
    let Some(line) = stat.lines().find(|l| l.starts_with("cpu ")) else { return 0.0 };
    let v: Vec<f64> = line.split_whitespace().skip(1).filter_map(|x| x.parse().ok()).collect();
    // user nice system idle iowait irq softirq steal (guest is already inside user)
    let busy = [0, 1, 2, 5, 6, 7].iter().filter_map(|&i| v.get(i)).sum::<f64>();
    busy / ticks_per_second()
}

fn pids_named(names: &[&str]) -> Vec<String> {
    if names.is_empty() {
        return Vec::new();
    }
    let Ok(dir) = std::fs::read_dir("/proc") else { return Vec::new() };
    dir.filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.bytes().all(|b| b.is_ascii_digit()))
        .filter(|pid| comm(pid).is_some_and(|c| names.contains(&c.as_str())))
        .collect()
}

/// CPU counters at one instant.
#[derive(Debug, Clone)]
pub struct CpuSnapshot {
    at: Instant,
    machine: f64,
    server: f64,
    bench: f64,
    database: HashMap<String, f64>,
}

/// Who used the CPU between two snapshots.
#[derive(Debug, Clone, Copy, Default)]
pub struct CpuUse {
    pub wall: f64,
    pub server: f64,
    pub bench: f64,
    /// The database server's processes (PostgreSQL, MariaDB); 0 for SQLite (inside the server).
    pub database: f64,
    /// Everything else on the machine: other engineers' builds, for instance.
    pub others: f64,
    pub load1: f64,
}

impl CpuUse {
    /// "load 1.2 · cores: server 1.1, bench 0.3, others 0.0"
    pub fn describe(&self) -> String {
        let cores = |s: f64| if self.wall > 0.0 { s / self.wall } else { 0.0 };
        let db = if self.database > 0.0 { format!(", database {:.2}", cores(self.database)) } else { String::new() };
        format!(
            "load {:.2}; cores used: server {:.2}{db}, bench {:.2}, others {:.2}",
            self.load1,
            cores(self.server),
            cores(self.bench),
            cores(self.others).max(0.0)
        )
    }

    /// True when something else used more than a fifth of a core during the measurement.
    pub fn disturbed(&self) -> bool {
        self.wall > 0.0 && self.others / self.wall > 0.2
    }
}

pub struct CpuMeter {
    server_pid: String,
    database_names: Vec<&'static str>,
}

impl CpuMeter {
    pub fn new(server_pid: u32, database_names: Vec<&'static str>) -> CpuMeter {
        CpuMeter { server_pid: server_pid.to_string(), database_names }
    }

    pub fn snapshot(&self) -> CpuSnapshot {
        let database =
            pids_named(&self.database_names).into_iter().filter_map(|p| Some((p.clone(), cpu_seconds(&p)?))).collect();
        CpuSnapshot {
            at: Instant::now(),
            machine: machine_busy_seconds(),
            server: cpu_seconds(&self.server_pid).unwrap_or(0.0),
            bench: cpu_seconds("self").unwrap_or(0.0),
            database,
        }
    }

    pub fn since(&self, before: &CpuSnapshot) -> CpuUse {
        let after = self.snapshot();
        let database: f64 = after
            .database
            .iter()
            .map(|(pid, cpu)| cpu - before.database.get(pid).copied().unwrap_or(0.0))
            .filter(|d| *d > 0.0)
            .sum();
        let server = after.server - before.server;
        let bench = after.bench - before.bench;
        let machine = after.machine - before.machine;
        CpuUse {
            wall: after.at.duration_since(before.at).as_secs_f64(),
            server,
            bench,
            database,
            others: machine - server - bench - database,
            load1: load1(),
        }
    }
}
