//! The practice JSON API, on SQLite and PostgreSQL: every endpoint with an
//! API token and with the session cookie, and bad input (a card that is not
//! yours or not due, an unknown slug or grade, a 20 KB note, a double
//! submit) answered with a clear 4xx that changes nothing.

mod support;

use serde_json::{Value, json};
use support::{Backend, Reader, Server};

const PASSWORD: &str = "practice-api-passphrase";

fn status_and_json(response: reqwest::blocking::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    (status, response.json().unwrap_or(Value::Null))
}

fn stats(reader: &Reader<'_>, token: &str) -> Value {
    reader
        .get_with_token("/api/v1/practice/stats", token)
        .json()
        .expect("stats")
}

fn due_slugs(reader: &Reader<'_>, token: &str) -> Vec<String> {
    let due: Value = reader
        .get_with_token("/api/v1/practice/due", token)
        .json()
        .expect("due");
    due["cards"]
        .as_array()
        .expect("cards")
        .iter()
        .map(|card| card["slug"].as_str().expect("slug").to_owned())
        .collect()
}

fn scenario(backend: Backend) {
    let server = Server::start(backend, &[]);
    let anonymous = Reader::new(&server);
    let reader = Reader::new(&server);
    assert_eq!(reader.sign_up("api@example.com", PASSWORD).status().as_u16(), 303);
    let token = reader.api_token();
    let other = Reader::new(&server);
    assert_eq!(other.sign_up("other@example.com", PASSWORD).status().as_u16(), 303);
    let other_token = other.api_token();
    let script = Reader::new(&server); // no cookies: the token alone

    // Quizzes: a list of objects with slugs, for anyone.
    let (status, quizzes) = status_and_json(anonymous.get("/api/v1/quizzes"));
    assert_eq!(status, 200);
    let quizzes = quizzes["quizzes"].as_array().expect("quizzes").clone();
    assert!(quizzes.len() >= 60 && quizzes.iter().all(|q| q["slug"].is_string()));
    let locked = quizzes.iter().find(|q| q["free"] == false).expect("a locked quiz")["slug"].clone();
    let free = quizzes.iter().find(|q| q["free"] == true).expect("a free quiz")["slug"].clone();

    // Without credentials: 401.
    for path in [
        "/api/v1/practice/due",
        "/api/v1/practice/stats",
        "/api/v1/practice/notes/cargo",
    ] {
        assert_eq!(anonymous.get(path).status().as_u16(), 401, "{path}");
    }
    let body = json!({"slug": "cargo"});
    assert_eq!(
        anonymous
            .send_json("POST", "/api/v1/practice/cards", None, &body)
            .status()
            .as_u16(),
        401
    );

    // Adding: 201, then 200; unknown slug 404; a locked quiz 403.
    let add = |slug: &Value| {
        status_and_json(script.send_json("POST", "/api/v1/practice/cards", Some(&token), &json!({"slug": slug})))
    };
    let (status, card) = add(&json!("cargo"));
    assert_eq!((status, card["slug"].as_str()), (201, Some("cargo")));
    assert_eq!(add(&json!("cargo")).0, 200);
    assert_eq!(add(&free).0, 201);
    assert_eq!(add(&json!("no-such-slug")).0, 404);
    assert_eq!(add(&locked).0, 403);
    assert_eq!(add(&json!(42)).0, 400);
    assert_eq!(
        due_slugs(&script, &token),
        ["cargo".to_owned(), free.as_str().expect("slug").to_owned()]
    );
    // The cookie works too.
    let (status, due) = status_and_json(reader.get("/api/v1/practice/due"));
    assert_eq!((status, due["cards"].as_array().map(Vec::len)), (200, Some(2)));

    // Reviewing: the card with its next due time.
    let review = |who: &Reader<'_>, token: &str, slug: &str, grade: &str| {
        status_and_json(who.send_json(
            "POST",
            &format!("/api/v1/practice/cards/{slug}/reviews"),
            Some(token),
            &json!({"grade": grade, "answer": "a build tool"}),
        ))
    };
    let before = stats(&script, &token);
    assert_eq!(review(&script, &token, "cargo", "great").0, 400, "unknown grade");
    assert_eq!(review(&other, &other_token, "cargo", "good").0, 404, "not their card");
    assert_eq!(
        review(&script, &token, "what-is-a-trait", "good").0,
        404,
        "not in the queue"
    );
    assert_eq!(stats(&script, &token), before, "nothing changed");
    let (status, card) = review(&script, &token, "cargo", "good");
    assert_eq!(status, 200, "{card}");
    let due = time::OffsetDateTime::parse(
        card["due"].as_str().expect("due"),
        &time::format_description::well_known::Rfc3339,
    )
    .expect("RFC 3339");
    assert!(due.unix_timestamp() > support::unix_now(), "it comes back later");
    assert_eq!(card["state"], "learning");
    // A double submit: the card is no longer due.
    assert_eq!(review(&script, &token, "cargo", "good").0, 409);
    let after = stats(&script, &token);
    assert_eq!(after["reviews_today"], 1);
    assert_eq!(after["cards"], 2);
    assert_eq!(due_slugs(&script, &token), [free.as_str().expect("slug").to_owned()]);

    // Notes.
    let note_path = "/api/v1/practice/notes/cargo";
    assert_eq!(script.get_with_token(note_path, &token).status().as_u16(), 404);
    let (status, note) =
        status_and_json(script.send_json("PUT", note_path, Some(&token), &json!({"body": "<b>hi</b>"})));
    assert_eq!((status, note["body"].as_str()), (200, Some("<b>hi</b>")));
    let (status, note) = status_and_json(script.get_with_token(note_path, &token));
    assert_eq!((status, note["body"].as_str()), (200, Some("<b>hi</b>")));
    let huge = "x".repeat(20 * 1024);
    assert_eq!(
        script
            .send_json("PUT", note_path, Some(&token), &json!({"body": huge}))
            .status()
            .as_u16(),
        413
    );
    let over = "x".repeat(10 * 1024 + 1);
    assert_eq!(
        script
            .send_json("PUT", note_path, Some(&token), &json!({"body": over}))
            .status()
            .as_u16(),
        400
    );
    assert_eq!(
        script
            .send_json(
                "PUT",
                "/api/v1/practice/notes/nope",
                Some(&token),
                &json!({"body": "x"})
            )
            .status()
            .as_u16(),
        404
    );
    assert_eq!(
        other.get_with_token(note_path, &other_token).status().as_u16(),
        404,
        "notes are private"
    );
    let (_, note) = status_and_json(script.get_with_token(note_path, &token));
    assert_eq!(note["body"], "<b>hi</b>", "unchanged");
    assert_eq!(
        script
            .send_json("PUT", note_path, Some(&token), &json!({"body": ""}))
            .status()
            .as_u16(),
        204
    );
    assert_eq!(script.get_with_token(note_path, &token).status().as_u16(), 404);

    // A token writes to the practice API only: elsewhere it does not sign in.
    let outside = script
        .http
        .post(server.url("/account/tokens"))
        .bearer_auth(&token)
        .form(&[("name", "x")])
        .send()
        .expect("POST");
    assert_eq!(outside.status().as_u16(), 303, "sent to log in");
    assert!(
        anonymous
            .get("/api/openapi.json")
            .text()
            .expect("doc")
            .contains("/api/v1/practice/cards/{slug}/reviews")
    );
}

#[test]
fn the_practice_api_on_sqlite() {
    scenario(Backend::Sqlite);
}

#[test]
fn the_practice_api_on_postgres() {
    scenario(Backend::Postgres);
}
