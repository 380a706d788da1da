//! The `convene` binary: parse the command line, set up logging, run the subcommand.

use clap::Parser;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = convene::cli::Cli::parse();
    convene::telemetry::init_with_default(cli.log_format(), cli.default_log_filter());
    match convene::cli::run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
