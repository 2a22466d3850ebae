//! `rustprep`: serve the question bank, check it, and run its code examples.

mod cli;
mod options;

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

fn main() -> std::process::ExitCode {
    cli::main(EMBEDDED)
}
