//! The vocabulary of the bank: levels, experience bands, topics, editions and
//! slugs. Each is a closed set parsed once at the boundary, so the rest of the
//! code never handles a free-form string where one of these is meant.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Declares a closed, string-named vocabulary: an enum with `ALL`, `as_str`,
/// `parse` and serde support under exactly those names.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant),+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The name used in files, URLs and the API.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parses the name used in files, URLs and the API.
            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }

            /// All names, comma-separated, for error messages.
            pub fn names() -> String {
                [$($text),+].join(", ")
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// How deep an answer goes.
    Level { Beginner => "beginner", Intermediate => "intermediate", Senior => "senior" }
}

vocabulary! {
    /// Years of experience a question is typical for.
    Experience { Junior => "0-2", Mid => "2-5", Senior => "5+" }
}

vocabulary! {
    /// The Rust edition code examples are built with.
    Edition { E2021 => "2021", E2024 => "2024" }
}

vocabulary! {
    /// The fixed topic vocabulary questions are filed under.
    Topic {
        Ownership => "ownership",
        Lifetimes => "lifetimes",
        Types => "types",
        Collections => "collections",
        TraitsGenerics => "traits-generics",
        ClosuresIterators => "closures-iterators",
        ErrorHandling => "error-handling",
        SmartPointers => "smart-pointers",
        MemoryManagement => "memory-management",
        MemoryLayout => "memory-layout",
        Async => "async",
        Concurrency => "concurrency",
        Atomics => "atomics",
        UnsafeFfi => "unsafe-ffi",
        Performance => "performance",
        Compiler => "compiler",
        Tooling => "tooling",
        Testing => "testing",
        Macros => "macros",
        SystemsDesign => "systems-design",
        Observability => "observability",
        OsSystems => "os-systems",
    }
}

impl Level {
    /// The label shown on badges.
    pub fn label(self) -> &'static str {
        match self {
            Level::Beginner => "Beginner",
            Level::Intermediate => "Intermediate",
            Level::Senior => "Senior",
        }
    }
}

impl Experience {
    /// The label shown on badges and browse pages.
    pub fn label(self) -> &'static str {
        match self {
            Experience::Junior => "0-2 years",
            Experience::Mid => "2-5 years",
            Experience::Senior => "5+ years",
        }
    }
}

impl Topic {
    /// The human-readable name of the topic.
    pub fn label(self) -> &'static str {
        match self {
            Topic::Ownership => "Ownership & borrowing",
            Topic::Lifetimes => "Lifetimes",
            Topic::Types => "Structs, enums & patterns",
            Topic::Collections => "Collections",
            Topic::TraitsGenerics => "Traits & generics",
            Topic::ClosuresIterators => "Closures & iterators",
            Topic::ErrorHandling => "Error handling",
            Topic::SmartPointers => "Smart pointers",
            Topic::MemoryManagement => "Memory management",
            Topic::MemoryLayout => "Memory layout",
            Topic::Async => "Async",
            Topic::Concurrency => "Concurrency",
            Topic::Atomics => "Atomics & memory model",
            Topic::UnsafeFfi => "Unsafe & FFI",
            Topic::Performance => "Performance",
            Topic::Compiler => "Compiler internals",
            Topic::Tooling => "Cargo & tooling",
            Topic::Testing => "Testing",
            Topic::Macros => "Macros",
            Topic::SystemsDesign => "Systems design",
            Topic::Observability => "Observability",
            Topic::OsSystems => "OS & systems",
        }
    }
}

/// A question's stable URL segment: lowercase ASCII letters, digits and single
/// hyphens. Never changes once published.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Slug(String);

/// Maps keyed by `Slug` are looked up by `&str` without allocating (a
/// review queue looks up every card's slug on each page). Sound: the derived
/// `Hash` and `Eq` of the one-field newtype are those of its `String`, which
/// agree with `str`'s.
impl std::borrow::Borrow<str> for Slug {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl Slug {
    /// Whether `text` is a well-formed slug, without copying it.
    pub fn is_well_formed(text: &str) -> bool {
        !text.is_empty()
            && text.len() <= 80
            && text
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !text.starts_with('-')
            && !text.ends_with('-')
            && !text.contains("--")
    }

    /// Accepts `text` if it is already a well-formed slug.
    pub fn parse(text: &str) -> Option<Slug> {
        Slug::is_well_formed(text).then(|| Slug(text.to_owned()))
    }

    /// Turns any phrasing ("Difference between String and &str?") into the slug
    /// its URL uses ("difference-between-string-and-str").
    pub fn from_phrase(phrase: &str) -> Slug {
        let mut slug = String::with_capacity(phrase.len());
        for c in phrase.chars().flat_map(char::to_lowercase) {
            if c.is_ascii_alphanumeric() {
                slug.push(c);
            } else if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
        }
        while slug.ends_with('-') {
            slug.pop();
        }
        slug.truncate(80);
        while slug.ends_with('-') {
            slug.pop();
        }
        Slug(slug)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_become_url_slugs() {
        assert_eq!(
            Slug::from_phrase("Difference between String and &str in Rust").as_str(),
            "difference-between-string-and-str-in-rust"
        );
        assert_eq!(
            Slug::from_phrase("How does Rust’s Waker integrate?").as_str(),
            "how-does-rust-s-waker-integrate"
        );
    }

    #[test]
    fn slugs_reject_malformed_text() {
        assert!(Slug::parse("backpressure").is_some());
        for bad in ["", "Back", "a--b", "-a", "a-", "a b", "é"] {
            assert!(Slug::parse(bad).is_none(), "{bad:?} accepted");
        }
    }

    #[test]
    fn vocabularies_round_trip() {
        for level in Level::ALL {
            assert_eq!(Level::parse(level.as_str()), Some(*level));
        }
        assert_eq!(Experience::parse("5+"), Some(Experience::Senior));
        assert_eq!(Topic::parse("nonsense"), None);
    }
}
