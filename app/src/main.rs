//! The Handoff web server. Configuration comes from the environment (see the
//! README); a bad setting stops start-up with one line that names it.

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    match handoff_app::serve::run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => {
            eprintln!("handoff: {problem}");
            ExitCode::from(2)
        }
    }
}
