//! The paywall holds in the interviewer kit: with the bank's premium
//! sections marked (`leak_support`), a premium reader builds a set, prints
//! it, runs an interview and shares it; then every kit route and API answer
//! is asked for by an anonymous, a free, a lapsed and the premium reader,
//! including the co-interviewer and candidate links. Only the premium
//! reader (or a free sample question) may show premium text, and the
//! premium reader must see "What a strong answer covers" on the sheet.

mod kit_support;
mod leak_support;
mod support;

use leak_support::{assert_no_leak, marked_bank, marker, markers_in, open_markers};
use std::collections::BTreeSet;
use support::{Reader, Server, csrf_in, temp_dir};

/// "What a strong answer covers" is the sixth premium heading.
const STRONG_ANSWER: usize = 5;

/// Builds the premium reader's set of `slugs` with a follow-up picked on
/// each, an interview marked throughout, and both share links; returns
/// every kit route of it and the two links.
fn build(premium: &Reader, slugs: &[String]) -> (Vec<String>, String, String) {
    let refs: Vec<&str> = slugs.iter().map(String::as_str).collect();
    let set = kit_support::set_with(premium, "Leak check", &refs);
    let id = set.trim_start_matches("/kit/").to_owned();
    let token = csrf_in(&premium.text(&set));
    for slug in slugs {
        let fields = [("csrf", token.as_str()), ("follow_up", "0"), ("minutes", "7")];
        assert_eq!(
            premium
                .post_form(&format!("{set}/items/{slug}"), &fields)
                .status()
                .as_u16(),
            303
        );
    }
    let started = premium.post_form(
        &format!("{set}/interviews"),
        &[("csrf", &token), ("label", "Candidate A")],
    );
    let interview = started.headers()["location"].to_str().expect("location").to_owned();
    let interview_id = interview.rsplit('/').next().expect("id").to_owned();
    for slug in slugs {
        let fields = [
            ("csrf", token.as_str()),
            ("slug", slug.as_str()),
            ("mark", "solid"),
            ("note", "fine"),
        ];
        assert_eq!(
            premium
                .post_form(&format!("{interview}/marks"), &fields)
                .status()
                .as_u16(),
            303
        );
    }
    let shared = kit_support::share(premium, &set, "co-interviewer");
    let candidate = kit_support::share(premium, &set, "candidate");
    let routes = vec![
        "/kit".to_owned(),
        set.clone(),
        format!("{set}?q=ownership"),
        format!("{set}?level=senior"),
        format!("{set}/sheet"),
        format!("{set}/sheet.md"),
        format!("{set}/interviews"),
        interview.clone(),
        format!("{interview}/summary.md"),
        format!("{interview}/summary.json"),
        "/api/v1/kit/sets".to_owned(),
        format!("/api/v1/kit/sets/{id}"),
        format!("/api/v1/kit/sets/{id}/sheet"),
        format!("/api/v1/kit/sets/{id}/interviews"),
        format!("/api/v1/kit/interviews/{interview_id}"),
    ];
    (routes, shared, candidate)
}

#[test]
fn the_kit_shows_premium_text_only_with_access() {
    let (bank, slugs, free) = marked_bank();
    let server = Server::launch(
        temp_dir("leak-kit-data"),
        None,
        &["--content", bank.to_str().expect("utf-8")],
        &[],
    );
    let open = open_markers(&free);
    let premium = kit_support::reader(&server, "premium", Some("5"));
    let free_reader = kit_support::reader(&server, "free", None);
    let lapsed = kit_support::reader(&server, "lapsed", Some("5"));
    server.users(&["revoke", "lapsed@example.com"]);

    // Eight premium questions and one free sample.
    let mut picked: Vec<String> = slugs
        .iter()
        .filter(|slug| !free.contains(*slug))
        .take(8)
        .cloned()
        .collect();
    picked.extend(free.iter().next().cloned());
    let (routes, shared, candidate) = build(&premium, &picked);

    let sheet = premium.text(&routes[4]);
    let api_sheet = premium.text(&routes[12]);
    for slug in &picked {
        let strong = marker(slug, STRONG_ANSWER);
        assert!(
            markers_in(&sheet).contains(&strong),
            "premium sheet lacks {slug}'s strong answer"
        );
        assert!(
            markers_in(&api_sheet).contains(&strong),
            "premium API sheet lacks {slug}'s strong answer"
        );
        assert!(
            markers_in(&premium.text(&shared)).contains(&strong),
            "a subscriber sees it shared"
        );
    }

    let anonymous = Reader::new(&server);
    let readers = [("anonymous", &anonymous), ("free", &free_reader), ("lapsed", &lapsed)];
    for (name, reader) in readers {
        for route in &routes {
            let response = reader.get(route);
            let status = response.status().as_u16();
            let allowed: &[u16] = if name == "anonymous" { &[303, 401] } else { &[403] };
            assert!(allowed.contains(&status), "{name} at {route}: {status}");
            assert_no_leak(name, route, &response.text().expect("body"), &open);
        }
        let response = reader.get(&shared);
        assert_eq!(response.status().as_u16(), 200, "{name} opens the shared sheet");
        let body = response.text().expect("body");
        assert!(body.contains("Short answer"), "{name} sees the short answers");
        assert_no_leak(name, &shared, &body, &open);
    }
    for (name, reader) in readers.into_iter().chain([("premium", &premium)]) {
        let body = reader.text(&candidate);
        let found: BTreeSet<String> = markers_in(&body);
        assert!(
            found.is_empty(),
            "{name} got premium text on the candidate link: {found:?}"
        );
        assert!(!body.contains("Short answer"), "titles only");
    }
    // Another subscriber's view of the set's own routes: 404, nothing of it.
    let other = kit_support::reader(&server, "other", Some("5"));
    for route in routes
        .iter()
        .filter(|route| route.contains("/kit/") && !route.ends_with("/kit/sets"))
    {
        let response = other.get(route);
        assert_eq!(response.status().as_u16(), 404, "{route} is not theirs");
        assert!(markers_in(&response.text().expect("body")).is_empty());
    }
    let _ = std::fs::remove_dir_all(&bank);
}
