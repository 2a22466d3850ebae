//! `rustprep`: serve the question bank, check it, and run its code examples.

mod authoring;
mod cli;
mod options;

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

fn main() -> std::process::ExitCode {
    cli::main(EMBEDDED)
}
