//! Embeds the question bank (`content/list-2026.toml`, `content/README.md`
//! with the allowed source hosts, `content/questions/*` and
//! `content/reviews/*`, `content/quizzes/*`) in the binary, so `rustprep serve` needs no files and
//! checks exactly what `rustprep check` checks.

use std::env;
use std::fmt::Write;
use std::fs;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let content = root.join("content");
    println!("cargo:rerun-if-changed=content/list-2026.toml");
    println!("cargo:rerun-if-changed=content/README.md");
    println!("cargo:rerun-if-changed=content/questions");
    println!("cargo:rerun-if-changed=content/reviews");
    println!("cargo:rerun-if-changed=content/quizzes");
    let mut files = vec![content.join("list-2026.toml"), content.join("README.md")];
    for dir in ["questions", "reviews", "quizzes"] {
        let mut paths: Vec<_> = fs::read_dir(content.join(dir))
            .map(|dir| dir.filter_map(|entry| entry.ok().map(|entry| entry.path())).collect())
            .unwrap_or_default();
        paths.sort();
        files.extend(paths.into_iter().filter(|path| path.is_file()));
    }
    let mut code = String::from(
        "/// The bank's files as `(path, text)`, embedded at build time.\npub static EMBEDDED: &[(&str, &str)] = &[\n",
    );
    for path in files {
        let shown = path.strip_prefix(root).unwrap_or(&path).display().to_string();
        writeln!(code, "    ({shown:?}, include_str!({:?})),", path.display().to_string())
            .expect("writing to a String");
    }
    code.push_str("];\n");
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
}
