//! `rustprep`: serve the question bank, check it, and run its code examples.

mod authoring;
mod cli;
mod options;

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// mimalloc rather than glibc's malloc: a page request allocates and frees
/// a few dozen small blocks (headers, futures, the router's clones), and
/// glibc's malloc and free were 7% of the server's CPU under load
/// (`perf`, `bench/question-page.sh`); mimalloc's per-thread free lists are
/// built for this.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main(EMBEDDED)
}
