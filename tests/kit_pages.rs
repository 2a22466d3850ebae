//! The interviewer kit's pages, on SQLite and PostgreSQL: a subscriber
//! builds a set from search and filters, orders it, picks follow-ups,
//! prints the sheet, runs and scores an interview, shares the set; a free
//! reader gets the paywall page and an anonymous one the login page.

mod kit_support;
mod support;

use kit_support::{SIX, order, reader, set_json, set_with, share};
use support::{Backend, Reader, Server, csrf_in};

fn status(response: reqwest::blocking::Response) -> u16 {
    response.status().as_u16()
}

/// Builds a set through the picker: two by search, the rest by the
/// "add all matching" filter form, then trimmed to the six wanted.
fn build_from_picker(premium: &Reader) -> String {
    let set = set_with(premium, "Backend, senior", &[]);
    let found = premium.text(&format!("{set}?q=lifetimes"));
    assert!(found.contains("aria-label=\"Add "), "search results have Add buttons");
    let token = csrf_in(&found);
    assert_eq!(
        status(premium.post_form(&format!("{set}/items"), &[("csrf", &token), ("slug", "lifetimes")])),
        303
    );
    let filtered = premium.text(&format!("{set}?topic=smart-pointers"));
    assert!(filtered.contains("matching questions"), "the add-all form is offered");
    let added = premium.post_form(
        &format!("{set}/items/matching"),
        &[("csrf", &token), ("topic", "smart-pointers")],
    );
    assert_eq!(status(added), 303);
    let mut present = order(premium, &set);
    assert!(present.len() > 1 && present[0] == "lifetimes", "{present:?}");
    for slug in present.clone() {
        if !SIX.contains(&slug.as_str()) {
            let removed = premium.post_form(&format!("{set}/items/{slug}/remove"), &[("csrf", &token)]);
            assert_eq!(status(removed), 303);
        }
    }
    let mut fields = vec![("csrf", token.as_str())];
    fields.extend(SIX.iter().map(|slug| ("slug", *slug)));
    assert_eq!(status(premium.post_form(&format!("{set}/items"), &fields)), 303);
    present = order(premium, &set);
    assert_eq!(present.len(), 6, "{present:?}");
    set
}

fn journey(backend: Backend) {
    let server = Server::start(backend, &[]);
    let premium = reader(&server, "premium", Some("30"));
    let set = build_from_picker(&premium);
    let token = csrf_in(&premium.text(&set));

    // Move the last question up, then to the top with the whole order.
    let before = order(&premium, &set);
    let last = before[5].clone();
    let moved = premium.post_form(
        &format!("{set}/items/{last}/move"),
        &[("csrf", &token), ("direction", "up")],
    );
    assert_eq!(status(moved), 303);
    assert_eq!(order(&premium, &set)[4], last);
    let mut wanted: Vec<&str> = SIX.to_vec();
    wanted.reverse();
    let mut fields = vec![("csrf", token.as_str())];
    fields.extend(wanted.iter().map(|slug| ("slug", *slug)));
    assert_eq!(status(premium.post_form(&format!("{set}/order"), &fields)), 303);
    assert_eq!(order(&premium, &set), wanted);

    // Follow-ups, note and minutes on one question.
    let edited = premium.post_form(
        &format!("{set}/items/lifetimes"),
        &[
            ("csrf", &token),
            ("follow_up", "0"),
            ("minutes", "15"),
            ("note", "Ask for an example"),
        ],
    );
    assert_eq!(status(edited), 303);
    let page = premium.text(&set);
    assert!(page.contains("<strong>65 minutes</strong>"), "five at 10, one at 15");
    assert!(page.contains("value=\"0\" checked"), "the follow-up stays ticked");

    let sheet = premium.text(&format!("{set}/sheet"));
    assert!(sheet.contains("What a strong answer covers") && sheet.contains("Ask for an example"));
    assert_eq!(sheet.matches("class=\"sheet-question\"").count(), 6);
    let markdown = premium.get(&format!("{set}/sheet.md"));
    assert!(
        markdown.headers()["content-type"]
            .to_str()
            .expect("type")
            .starts_with("text/markdown")
    );
    let markdown = markdown.text().expect("body");
    assert!(markdown.contains("**Follow-ups**") && markdown.contains("(15 min)"));

    // An interview: every question marked, one skipped, then ended.
    let interviews = format!("{set}/interviews");
    let started = premium.post_form(&interviews, &[("csrf", &token), ("label", "Candidate A, 2026-12-08")]);
    assert_eq!(started.status().as_u16(), 303);
    let interview = started.headers()["location"].to_str().expect("location").to_owned();
    for (n, slug) in wanted.iter().enumerate() {
        let mark = ["weak", "solid", "strong", "skipped", "strong", "solid"][n];
        let fields = [("csrf", token.as_str()), ("slug", slug), ("mark", mark), ("note", "ok")];
        assert_eq!(status(premium.post_form(&format!("{interview}/marks"), &fields)), 303);
    }
    assert_eq!(
        status(premium.post_form(&format!("{interview}/end"), &[("csrf", &token)])),
        303
    );
    let summary: serde_json::Value = premium.get(&format!("{interview}/summary.json")).json().expect("JSON");
    assert_eq!(
        (summary["points"].as_u64(), summary["max_points"].as_u64()),
        (Some(6), Some(10))
    );
    assert_eq!(summary["questions"][3]["mark"], "skipped");
    assert!(!summary["topics"].as_array().expect("topics").is_empty());
    let late = premium.post_form(
        &format!("{interview}/marks"),
        &[("csrf", &token), ("slug", "lifetimes"), ("mark", "weak")],
    );
    assert_eq!(status(late), 409, "an ended interview keeps its marks");
    let md = premium.text(&format!("{interview}/summary.md"));
    assert!(md.contains("Score: 6 of 10 points") && md.contains("## By topic"));

    // Sharing: a co-interviewer link and a candidate link, then revoked.
    let shared = share(&premium, &set, "co-interviewer");
    let candidate = share(&premium, &set, "candidate");
    let free = reader(&server, "free", None);
    let seen = free.text(&shared);
    assert!(seen.contains("Subscribers see what a strong answer covers"));
    assert!(!seen.contains("Ask for an example"), "the owner's note stays private");
    let titles = free.text(&candidate);
    assert!(titles.contains("Add them all to my review queue") && !titles.contains("Short answer"));
    let queue_token = csrf_in(&titles);
    let queued = free.post_form(&format!("{candidate}/queue"), &[("csrf", &queue_token)]);
    assert_eq!(status(queued), 303);
    let export: serde_json::Value = free.get("/account/data").json().expect("export");
    assert_eq!(
        export["cards"].as_array().expect("cards").len(),
        6,
        "the queue has them"
    );
    for kind in ["co-interviewer", "candidate"] {
        let revoked = premium.post_form(&format!("{set}/share/revoke"), &[("csrf", &token), ("kind", kind)]);
        assert_eq!(status(revoked), 303);
    }
    assert_eq!(status(free.get(&shared)), 404);
    assert_eq!(status(free.get(&candidate)), 404);

    // Duplicate, rename, delete.
    let copy = premium.post_form(&format!("{set}/duplicate"), &[("csrf", &token)]);
    let copy = copy.headers()["location"].to_str().expect("location").to_owned();
    assert_eq!(order(&premium, &copy), wanted);
    assert_eq!(
        status(premium.post_form(&format!("{copy}/rename"), &[("csrf", &token), ("name", "Copy")])),
        303
    );
    assert_eq!(set_json(&premium, &copy)["name"], "Copy");
    assert_eq!(
        status(premium.post_form(&format!("{set}/delete"), &[("csrf", &token)])),
        303
    );
    assert_eq!(status(premium.get(&interview)), 404, "interviews go with their set");
    assert!(premium.text("/kit").contains(">Copy</a>"));
}

#[test]
fn a_subscriber_builds_prints_runs_and_shares_a_set_on_sqlite() {
    journey(Backend::Sqlite);
}

#[test]
fn a_subscriber_builds_prints_runs_and_shares_a_set_on_postgres() {
    journey(Backend::Postgres);
}

#[test]
fn the_kit_is_for_subscribers() {
    let server = Server::start(Backend::Sqlite, &[]);
    let anonymous = Reader::new(&server);
    assert_eq!(anonymous.get("/kit").headers()["location"], "/login");
    assert_eq!(status(anonymous.get("/api/v1/kit/sets")), 401);
    let free = reader(&server, "free", None);
    let paywall = free.get("/kit");
    assert_eq!(status(paywall), 403);
    let page = free.text("/kit");
    assert!(page.contains("The interviewer kit is for subscribers") && page.contains("/billing"));
    let token = csrf_in(&free.text("/account"));
    assert_eq!(
        status(free.post_form("/kit", &[("csrf", &token), ("name", "mine")])),
        403
    );
    assert_eq!(status(free.get("/api/v1/kit/sets")), 403);
    let export: serde_json::Value = free.get("/account/data").json().expect("export");
    assert!(
        export["kit"]["sets"].as_array().expect("sets").is_empty(),
        "nothing was made"
    );
}
