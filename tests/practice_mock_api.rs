//! The mock interview and progress API as a script uses it: with the
//! session cookie (or an API token), each step's answer, and the refusals
//! (4xx with a JSON error, nothing changed).

mod practice_support;
mod support;

use practice_support::{post_json, signed_up};
use serde_json::{Value, json};
use support::{Backend, Reader, Server};

fn post(reader: &Reader, path: &str, body: Value) -> (u16, Value) {
    let (status, text) = post_json(reader, path, body);
    (status, serde_json::from_str(&text).expect("JSON answer"))
}

fn get(reader: &Reader, path: &str) -> (u16, Value) {
    let response = reader.get(path);
    let status = response.status().as_u16();
    (status, response.json().expect("JSON answer"))
}

#[test]
fn a_mock_runs_through_the_api_and_refuses_what_it_must() {
    let server = Server::start(Backend::Sqlite, &[]);
    let anonymous = Reader::new(&server);
    assert_eq!(get(&anonymous, "/api/v1/practice/mocks").0, 401);
    assert_eq!(get(&anonymous, "/api/v1/practice/progress").0, 401);
    let (status, body) = post(
        &anonymous,
        "/api/v1/practice/mocks",
        json!({"questions": 3, "minutes": 5}),
    );
    assert_eq!((status, body["error"].is_string()), (401, true));

    let reader = signed_up(&server, "script@example.com");
    for (bad, says) in [
        (json!({"questions": 2, "minutes": 5}), "3 to 10"),
        (json!({"questions": 3, "minutes": 0}), "Minutes per question"),
        (
            json!({"questions": 3, "minutes": 5, "topics": ["cooking"]}),
            "Unknown topic",
        ),
        (json!({"questions": 3, "minutes": 5, "level": "guru"}), "Unknown level"),
        (json!({"questions": 3, "minutes": 5, "admin": true}), "unknown field"),
    ] {
        let (status, body) = post(&reader, "/api/v1/practice/mocks", bad.clone());
        assert_eq!(status, 400, "{bad}");
        assert!(body["error"].as_str().expect("error").contains(says), "{bad}: {body}");
    }
    let form = reader
        .http
        .post(server.url("/api/v1/practice/mocks"))
        .form(&[("questions", "3")])
        .send()
        .expect("POST");
    assert_eq!(
        form.status().as_u16(),
        415,
        "JSON only: a cross-site form cannot post here"
    );
    assert_eq!(
        get(&reader, "/api/v1/practice/mocks").1["mocks"],
        json!([]),
        "nothing was created"
    );

    let (status, mock) = post(
        &reader,
        "/api/v1/practice/mocks",
        json!({"topics": ["async"], "questions": 3, "minutes": 5}),
    );
    assert_eq!(status, 201, "{mock}");
    let id = mock["id"].as_str().expect("id").to_owned();
    assert_eq!(
        (mock["items"].as_array().map(Vec::len), &mock["current"]),
        (Some(3), &json!(1))
    );
    assert!(mock["items"][0]["deadline"].is_null(), "nothing starts until asked");
    let item = |n: u32, step: &str| format!("/api/v1/practice/mocks/{id}/items/{n}/{step}");

    assert_eq!(post(&reader, &item(1, "reveal"), json!({})).0, 409, "not started");
    assert_eq!(
        post(&reader, &item(2, "start"), json!(null)).0,
        409,
        "not the current question"
    );
    assert_eq!(post(&reader, &item(9, "start"), json!(null)).0, 404);
    let (status, started) = post(&reader, &item(1, "start"), json!(null));
    assert_eq!(status, 200);
    let deadline = started["deadline"].as_str().expect("deadline").to_owned();
    assert_eq!(
        post(&reader, &item(1, "start"), json!(null)).1["deadline"],
        json!(deadline),
        "kept"
    );

    let other = signed_up(&server, "other@example.com");
    assert_eq!(get(&other, &format!("/api/v1/practice/mocks/{id}")).0, 404);
    assert_eq!(post(&other, &item(1, "reveal"), json!({"answer": "theirs"})).0, 404);
    assert_eq!(
        post(&other, &format!("/api/v1/practice/mocks/{id}/finish"), json!(null)).0,
        404
    );

    let (status, revealed) = post(&reader, &item(1, "reveal"), json!({"answer": "mine"}));
    assert_eq!(status, 200, "{revealed}");
    assert!(!revealed["short_answer_html"].as_str().expect("short answer").is_empty());
    assert_eq!(revealed["item"]["answer"], json!("mine"));
    assert_eq!(post(&reader, &item(1, "reveal"), json!({"answer": "again"})).0, 409);
    assert_eq!(post(&reader, &item(1, "grade"), json!({"grade": "great"})).0, 400);
    let (status, graded) = post(&reader, &item(1, "grade"), json!({"grade": "strong"}));
    assert_eq!((status, &graded["current"]), (200, &json!(2)));
    assert_eq!(
        post(&reader, &item(1, "grade"), json!({"grade": "weak"})).0,
        409,
        "a double grade"
    );
    assert_eq!(
        post(&reader, &format!("/api/v1/practice/mocks/{id}/queue"), json!(null)).0,
        409
    );

    let (status, finished) = post(&reader, &format!("/api/v1/practice/mocks/{id}/finish"), json!(null));
    assert_eq!(status, 200);
    assert!(finished["finished_at"].is_string() && finished["current"].is_null());
    assert_eq!(
        (&finished["summary"]["points"], &finished["summary"]["max_points"]),
        (&json!(2), &json!(2))
    );
    assert_eq!(
        finished["items"][0]["self_grade"],
        json!("strong"),
        "the first grade stands"
    );
    assert_eq!(post(&reader, &item(2, "start"), json!(null)).0, 409, "a finished mock");
    let (status, queued) = post(&reader, &format!("/api/v1/practice/mocks/{id}/queue"), json!(null));
    assert_eq!(status, 200);
    assert!(queued["added"].as_u64().expect("added") > 0);

    let (status, progress) = get(&reader, "/api/v1/practice/progress");
    assert_eq!(status, 200);
    assert_eq!(progress["reviews_per_day"].as_array().map(Vec::len), Some(90));
    assert_eq!(progress["due_forecast"].as_array().map(Vec::len), Some(14));
    assert_eq!(
        progress["total"]["new"], progress["total"]["cards"],
        "queued cards are new"
    );
    assert_eq!(progress["mocks"][0]["id"], json!(id));
    assert!(progress["retention"].is_null() && progress["streak"] == json!(0));

    let openapi: Value = reader.get("/api/openapi.json").json().expect("OpenAPI");
    for path in [
        "/api/v1/practice/mocks",
        "/api/v1/practice/mocks/{id}/items/{position}/reveal",
        "/api/v1/practice/progress",
    ] {
        assert!(openapi["paths"][path].is_object(), "{path} is documented");
    }
}
