//! Logging and metrics set-up.
//!
//! Logs never carry a raw path or query (secrets live in paths): request spans name the
//! matched route instead, see `web::middleware`.

use std::sync::OnceLock;

use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use tracing_subscriber::{EnvFilter, fmt, prelude::*};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

/// Installs the global subscriber. sqlx logs every statement at INFO, hence `sqlx=warn`.
pub fn init(format: LogFormat) {
    init_with_default(format, "info,sqlx=warn,sea_orm=warn");
}

/// [`init`] with another default filter when `RUST_LOG` is unset (the demo only warns, so
/// its login stays on screen).
pub fn init_with_default(format: LogFormat, default_filter: &str) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default_filter));
    let registry = tracing_subscriber::registry().with(filter);
    let result = match format {
        LogFormat::Text => registry.with(fmt::layer().with_target(false)).try_init(),
        LogFormat::Json => registry.with(fmt::layer().json().flatten_event(true).with_current_span(true)).try_init(),
    };
    // A second init (tests) is harmless.
    drop(result);
}

/// The process-wide Prometheus recorder: installed once, shared by every app in the process
/// (tests build many).
pub fn metrics_handle() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let recorder = PrometheusBuilder::new()
                .set_buckets(&[0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5])
                .map(|b| b.build_recorder())
                .unwrap_or_else(|_| PrometheusBuilder::new().build_recorder());
            let handle = recorder.handle();
            // Fails only if another recorder was installed first; the handle still renders.
            drop(metrics::set_global_recorder(recorder));
            handle
        })
        .clone()
}
