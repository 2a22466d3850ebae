//! The `## Sources` section: the primary sources an answer's claims rest on,
//! each a Markdown link a doubting reader can follow in one click. Links must
//! go to hosts on the allow-list kept in `content/README.md` (project docs,
//! specifications, vendor manuals: no blogs or Q&A sites), so the list itself
//! is reviewed like content, next to the format it governs.

use crate::problem::Problems;

/// How many sources an answer cites: enough to check it, few enough that each
/// one is the source of a claim rather than further reading.
const SOURCES: std::ops::RangeInclusive<usize> = 2..=6;

/// The heading in `content/README.md` whose bullets are the allowed hosts.
const ALLOW_LIST_HEADING: &str = "## Allowed source hosts";

/// Hosts, or host-and-path prefixes, that sources may link to.
#[derive(Debug, Clone, Default)]
pub struct AllowedHosts {
    entries: Vec<String>,
}

/// One cited source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    pub title: String,
    pub url: String,
}

impl AllowedHosts {
    /// Reads the bullets under `## Allowed source hosts` in the content
    /// README: each starts with one or more backticked entries (`host` or
    /// `host/path`), separated by commas, before an optional description.
    pub fn from_readme(text: &str) -> AllowedHosts {
        let entries = text
            .lines()
            .skip_while(|line| line.trim() != ALLOW_LIST_HEADING)
            .skip(1)
            .take_while(|line| !line.starts_with("## "))
            .filter_map(|line| line.strip_prefix("- "))
            .flat_map(leading_code_spans)
            .collect();
        AllowedHosts { entries }
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether `url` (already known to be `https://`) is on the list. An entry
    /// with a path allows that path and everything below it, never a sibling
    /// that merely shares its first letters (`github.com/rust-lang` does not
    /// allow `github.com/rust-lang-fake`).
    pub fn allows(&self, url: &str) -> bool {
        let Some(rest) = url.strip_prefix("https://") else {
            return false;
        };
        let (host, path) = rest.split_once('/').map_or((rest, ""), |(host, path)| (host, path));
        self.entries.iter().any(|entry| match entry.split_once('/') {
            None => host.eq_ignore_ascii_case(entry),
            Some((entry_host, entry_path)) => {
                host.eq_ignore_ascii_case(entry_host)
                    && path
                        .strip_prefix(entry_path)
                        .is_some_and(|after| after.is_empty() || after.starts_with(['/', '#', '?']))
            }
        })
    }
}

/// `` `a`, `b`: text `` gives `a` and `b`.
fn leading_code_spans(bullet: &str) -> Vec<String> {
    let mut spans = Vec::new();
    let mut rest = bullet.trim_start();
    while let Some(after_tick) = rest.strip_prefix('`') {
        let Some((span, after)) = after_tick.split_once('`') else {
            break;
        };
        spans.push(span.trim().to_owned());
        rest = after.trim_start().strip_prefix(',').unwrap_or(after).trim_start();
    }
    spans
}

/// Parses `- [Title](https://host/path)` with an optional `: what it backs`
/// after it. Returns `None` for anything else.
pub fn parse_citation(line: &str) -> Option<Citation> {
    let rest = line.strip_prefix("- [")?;
    let (title, rest) = rest.split_once("](")?;
    let (url, after) = rest.split_once(')')?;
    let after = after.trim();
    let well_formed = !title.trim().is_empty()
        && !url.is_empty()
        && !url.contains(char::is_whitespace)
        && (after.is_empty() || after.starts_with(':'));
    well_formed.then(|| Citation {
        title: title.trim().to_owned(),
        url: url.to_owned(),
    })
}

/// Checks the body of a `## Sources` section, whose first line is file line
/// `first_line`: 2-6 one-line bullets, each a titled link over HTTPS to an
/// allowed host, no link twice.
pub fn check_sources(markdown: &str, first_line: usize, hosts: &AllowedHosts, problems: &mut Problems<'_>) {
    let mut citations: Vec<Citation> = Vec::new();
    for (index, line) in markdown.lines().enumerate() {
        let number = first_line + index;
        if line.trim().is_empty() {
            continue;
        }
        let Some(citation) = parse_citation(line) else {
            problems.at(
                number,
                "a source is one bullet `- [Title](https://host/path)`, optionally followed by `: what it backs`",
            );
            continue;
        };
        if !citation.url.starts_with("https://") {
            problems.at(number, format!("source `{}` must be an https:// link", citation.url));
        } else if !hosts.allows(&citation.url) {
            problems.at(
                number,
                format!(
                    "source `{}` is not on a host allowed by `## Allowed source hosts` in content/README.md (primary sources only)",
                    citation.url
                ),
            );
        }
        if citations.iter().any(|seen| seen.url == citation.url) {
            problems.at(number, format!("source `{}` is listed twice", citation.url));
        }
        citations.push(citation);
    }
    if !SOURCES.contains(&citations.len()) {
        problems.at(
            first_line - 1,
            format!(
                "`## Sources` has {} sources; give {} to {}",
                citations.len(),
                SOURCES.start(),
                SOURCES.end()
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts() -> AllowedHosts {
        AllowedHosts::from_readme(
            "# x\n\n## Allowed source hosts\n\nintro\n\n- `doc.rust-lang.org`: std\n- `docs.kernel.org`, `www.kernel.org`: Linux\n- `github.com/rust-lang`\n\n## Next\n- `evil.example`\n",
        )
    }

    #[test]
    fn reads_every_entry_under_the_heading_only() {
        let hosts = hosts();
        assert!(hosts.allows("https://doc.rust-lang.org/std/"));
        assert!(hosts.allows("https://www.kernel.org/doc/"));
        assert!(hosts.allows("https://docs.kernel.org"));
        assert!(!hosts.allows("https://evil.example/"));
    }

    #[test]
    fn a_path_entry_allows_its_subtree_not_its_siblings() {
        let hosts = hosts();
        assert!(hosts.allows("https://github.com/rust-lang/rust/pull/1"));
        assert!(hosts.allows("https://github.com/rust-lang"));
        assert!(!hosts.allows("https://github.com/rust-lang-fake/rust"));
        assert!(!hosts.allows("https://github.com/someone/blog"));
        assert!(!hosts.allows("http://doc.rust-lang.org/std/"));
        assert!(!hosts.allows("https://doc.rust-lang.org.evil.example/"));
    }

    #[test]
    fn parses_a_titled_link_with_an_optional_note() {
        let citation = parse_citation("- [std: `Ordering`](https://doc.rust-lang.org/std/x.html): the orderings");
        assert_eq!(
            citation,
            Some(Citation {
                title: "std: `Ordering`".into(),
                url: "https://doc.rust-lang.org/std/x.html".into()
            })
        );
        assert!(parse_citation("- https://doc.rust-lang.org/std/").is_none());
        assert!(parse_citation("- [](https://doc.rust-lang.org/)").is_none());
        assert!(parse_citation("- [a](https://doc.rust-lang.org/) and more").is_none());
    }
}
