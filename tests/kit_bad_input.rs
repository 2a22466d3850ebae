//! Bad input to the kit, by form and by API: another reader's set or
//! interview, a revoked link, a reorder with unknown or repeated
//! questions, a 200-question set, a 20 KB note. Each gets a clear 4xx and
//! changes nothing (the set is read back after every refusal).

mod kit_support;
mod support;

use kit_support::{SIX, reader, set_json, set_with, share};
use serde_json::{Value, json};
use support::{Backend, Reader, Server, csrf_in};

fn send(reader: &Reader, method: &str, path: &str, body: &Value) -> (u16, String) {
    let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
    let response = reader
        .http
        .request(method, reader.server.url(path))
        .json(body)
        .send()
        .expect("request");
    (response.status().as_u16(), response.text().expect("body"))
}

fn bad_input(backend: Backend) {
    let server = Server::start(backend, &[]);
    let ada = reader(&server, "ada", Some("30"));
    let grace = reader(&server, "grace", Some("30"));
    let set = set_with(&ada, "Ada's", &SIX);
    let id = set.trim_start_matches("/kit/").to_owned();
    let token = csrf_in(&ada.text(&set));
    let started = ada.post_form(
        &format!("{set}/interviews"),
        &[("csrf", &token), ("label", "Candidate A")],
    );
    let interview = started.headers()["location"].to_str().expect("location").to_owned();
    let interview_id = interview.rsplit('/').next().expect("id").to_owned();
    let before = set_json(&ada, &set);
    let unchanged = |what: &str| assert_eq!(set_json(&ada, &set), before, "{what} changed the set");

    // Another reader's set and interview: 404 by page, form and API.
    let grace_token = csrf_in(&grace.text("/kit"));
    for path in [
        set.clone(),
        format!("{set}/sheet"),
        format!("{set}/sheet.md"),
        interview.clone(),
    ] {
        let response = grace.get(&path);
        assert_eq!(response.status().as_u16(), 404, "{path}");
        assert!(
            !response.text().expect("body").contains("Ada's"),
            "{path} shows nothing of it"
        );
    }
    for (action, fields) in [
        (format!("{set}/rename"), vec![("name", "mine")]),
        (format!("{set}/items"), vec![("slug", "traits")]),
        (format!("{set}/order"), SIX.iter().map(|slug| ("slug", *slug)).collect()),
        (format!("{set}/delete"), vec![]),
        (
            format!("{interview}/marks"),
            vec![("slug", "lifetimes"), ("mark", "weak")],
        ),
        (format!("{interview}/end"), vec![]),
        (format!("{interview}/delete"), vec![]),
        (format!("{set}/share"), vec![("kind", "candidate")]),
    ] {
        let mut all = vec![("csrf", grace_token.as_str())];
        all.extend(fields);
        assert_eq!(grace.post_form(&action, &all).status().as_u16(), 404, "{action}");
    }
    for (method, path, body) in [
        ("GET", format!("/api/v1/kit/sets/{id}"), json!(null)),
        ("PUT", format!("/api/v1/kit/sets/{id}"), json!({"name": "mine"})),
        ("DELETE", format!("/api/v1/kit/sets/{id}"), json!(null)),
        ("PUT", format!("/api/v1/kit/sets/{id}/order"), json!({"slugs": SIX})),
        ("GET", format!("/api/v1/kit/interviews/{interview_id}"), json!(null)),
        (
            "PUT",
            format!("/api/v1/kit/interviews/{interview_id}/marks/lifetimes"),
            json!({"mark": "weak"}),
        ),
        ("DELETE", format!("/api/v1/kit/interviews/{interview_id}"), json!(null)),
    ] {
        assert_eq!(send(&grace, method, &path, &body).0, 404, "{method} {path}");
    }
    unchanged("another reader");
    let kept: Value = ada
        .get(&format!("/api/v1/kit/interviews/{interview_id}"))
        .json()
        .expect("JSON");
    assert!(kept["ended_at"].is_null() && kept["summary"]["points"] == 0);

    // Reorders naming an unknown, a repeated or a missing question.
    let mut unknown: Vec<&str> = SIX.to_vec();
    unknown[0] = "traits-and-generics-nope";
    let mut repeated: Vec<&str> = SIX.to_vec();
    repeated[5] = SIX[0];
    for order in [unknown, repeated, SIX[..5].to_vec()] {
        let mut fields = vec![("csrf", token.as_str())];
        fields.extend(order.iter().map(|slug| ("slug", *slug)));
        let response = ada.post_form(&format!("{set}/order"), &fields);
        assert_eq!(response.status().as_u16(), 400, "{order:?}");
        let (status, text) = send(
            &ada,
            "PUT",
            &format!("/api/v1/kit/sets/{id}/order"),
            &json!({"slugs": order}),
        );
        assert_eq!(status, 400, "{text}");
        assert!(text.contains("nothing was changed"), "{text}");
    }
    unchanged("a bad reorder");

    // A 200-question set, and a set filled past 50.
    let many: Vec<String> = (0..200).map(|i| format!("question-{i}")).collect();
    let (status, text) = send(
        &ada,
        "POST",
        &format!("/api/v1/kit/sets/{id}/items"),
        &json!({"slugs": many}),
    );
    assert_eq!(status, 400, "{text}");
    assert!(text.contains("at most 50"), "{text}");
    let all: Vec<String> = support_slugs(&ada);
    let (status, text) = send(
        &ada,
        "POST",
        &format!("/api/v1/kit/sets/{id}/items"),
        &json!({"slugs": all[..50]}),
    );
    assert_eq!(status, 400, "six plus fifty: {text}");
    let mut fields = vec![("csrf", token.as_str())];
    fields.extend(all[..50].iter().map(|slug| ("slug", slug.as_str())));
    assert_eq!(ada.post_form(&format!("{set}/items"), &fields).status().as_u16(), 400);
    unchanged("an oversized set");

    // A 20 KB note by form and API; unknown marks; a note too long for a mark.
    let long = "x".repeat(20 * 1024);
    let form = ada.post_form(
        &format!("{set}/items/lifetimes"),
        &[("csrf", &token), ("minutes", "5"), ("note", &long)],
    );
    assert_eq!(form.status().as_u16(), 413, "the form body is over its limit");
    let (status, _) = send(
        &ada,
        "PUT",
        &format!("/api/v1/kit/sets/{id}/items/lifetimes"),
        &json!({"minutes": 5, "note": long}),
    );
    assert_eq!(status, 413);
    let just_over = "x".repeat(10 * 1024 + 1);
    let (status, text) = send(
        &ada,
        "PUT",
        &format!("/api/v1/kit/sets/{id}/items/lifetimes"),
        &json!({"minutes": 5, "note": just_over}),
    );
    assert_eq!(status, 400, "{text}");
    let (status, _) = send(
        &ada,
        "PUT",
        &format!("/api/v1/kit/sets/{id}/items/lifetimes"),
        &json!({"minutes": 0}),
    );
    assert_eq!(status, 400, "zero minutes");
    let (status, _) = send(
        &ada,
        "PUT",
        &format!("/api/v1/kit/interviews/{interview_id}/marks/lifetimes"),
        &json!({"mark": "great"}),
    );
    assert_eq!(status, 400);
    let (status, _) = send(
        &ada,
        "PUT",
        &format!("/api/v1/kit/interviews/{interview_id}/marks/unknown-q"),
        &json!({"mark": "weak"}),
    );
    assert_eq!(status, 404, "a question not in the set");
    unchanged("a bad note");

    // A revoked link, an unknown link, a malformed link.
    let shared = share(&ada, &set, "co-interviewer");
    assert_eq!(grace.get(&shared).status().as_u16(), 200);
    let revoked = ada.post_form(
        &format!("{set}/share/revoke"),
        &[("csrf", &token), ("kind", "co-interviewer")],
    );
    assert_eq!(revoked.status().as_u16(), 303);
    for path in [
        shared.clone(),
        format!("/kit/shared/{}", "0".repeat(64)),
        "/kit/shared/nope".into(),
        shared.replace("shared", "candidate"),
    ] {
        let response = grace.get(&path);
        assert_eq!(response.status().as_u16(), 404, "{path}");
        assert!(!response.text().expect("body").contains("Ada's"));
    }
    unchanged("a revoked link");
}

/// Every question's slug, from the public API.
fn support_slugs(reader: &Reader) -> Vec<String> {
    let mut slugs = Vec::new();
    for page in 1.. {
        let body: Value = reader
            .get(&format!("/api/v1/questions?page={page}"))
            .json()
            .expect("JSON");
        for question in body["questions"].as_array().expect("questions") {
            let slug = question["slug"].as_str().expect("slug");
            if !SIX.contains(&slug) {
                slugs.push(slug.to_owned());
            }
        }
        if body["next"].is_null() {
            return slugs;
        }
    }
    unreachable!("the pages end")
}

#[test]
fn bad_input_is_refused_and_changes_nothing_on_sqlite() {
    bad_input(Backend::Sqlite);
}

#[test]
fn bad_input_is_refused_and_changes_nothing_on_postgres() {
    bad_input(Backend::Postgres);
}
