//! The kit's API driven by an API token (tokens may write here, as in the
//! practice API), refused to a free reader's token; and the retention:
//! `serve` deletes interviews older than `--kit-retention-days` before it
//! listens, and keeps the recent ones.

mod kit_support;
mod support;

use kit_support::{SIX, reader};
use serde_json::{Value, json};
use store::{Mark, Store};
use support::{Backend, Reader, Server, temp_dir};

fn call(reader: &Reader, method: &str, path: &str, token: &str, body: Option<Value>) -> (u16, Value) {
    let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
    let mut request = reader.http.request(method, reader.server.url(path)).bearer_auth(token);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().expect("request");
    let status = response.status().as_u16();
    (status, response.json().unwrap_or(Value::Null))
}

#[test]
fn a_script_with_a_token_runs_the_kit() {
    let server = Server::start(Backend::Sqlite, &[]);
    let premium = reader(&server, "premium", Some("30"));
    let token = premium.api_token();
    let script = Reader::new(&server);
    let (status, set) = call(
        &script,
        "POST",
        "/api/v1/kit/sets",
        &token,
        Some(json!({"name": "Scripted"})),
    );
    assert_eq!(status, 201, "{set}");
    let id = set["id"].as_str().expect("id").to_owned();
    let sets = format!("/api/v1/kit/sets/{id}");
    let (status, set) = call(
        &script,
        "POST",
        &format!("{sets}/items"),
        &token,
        Some(json!({"slugs": SIX})),
    );
    assert_eq!((status, set["items"].as_array().map(Vec::len)), (200, Some(6)));
    let mut order: Vec<&str> = SIX.to_vec();
    order.rotate_left(2);
    let (status, set) = call(
        &script,
        "PUT",
        &format!("{sets}/order"),
        &token,
        Some(json!({"slugs": order})),
    );
    assert_eq!((status, set["items"][0]["slug"].as_str()), (200, Some(SIX[2])));
    let edit = json!({"follow_ups": [0], "note": "probe", "minutes": 20});
    let (status, set) = call(&script, "PUT", &format!("{sets}/items/lifetimes"), &token, Some(edit));
    assert_eq!((status, set["total_minutes"].as_i64()), (200, Some(70)));
    let (status, sheet) = call(&script, "GET", &format!("{sets}/sheet"), &token, None);
    assert_eq!(status, 200);
    assert!(
        sheet["items"]
            .as_array()
            .expect("items")
            .iter()
            .all(|item| item["strong_answer_html"].is_string())
    );

    let (status, interview) = call(
        &script,
        "POST",
        &format!("{sets}/interviews"),
        &token,
        Some(json!({"label": "Candidate B"})),
    );
    assert_eq!(status, 201);
    let interview = format!("/api/v1/kit/interviews/{}", interview["id"].as_str().expect("id"));
    for (slug, mark) in SIX
        .iter()
        .zip(["strong", "strong", "solid", "weak", "skipped", "solid"])
    {
        let body = json!({"mark": mark, "note": "n"});
        let (status, _) = call(&script, "PUT", &format!("{interview}/marks/{slug}"), &token, Some(body));
        assert_eq!(status, 200, "{slug}");
    }
    let (status, ended) = call(&script, "POST", &format!("{interview}/end"), &token, None);
    assert_eq!(status, 200);
    assert_eq!(
        (
            ended["summary"]["points"].as_u64(),
            ended["summary"]["max_points"].as_u64()
        ),
        (Some(6), Some(10))
    );
    assert!(ended["ended_at"].is_string());
    assert_eq!(call(&script, "DELETE", &interview, &token, None).0, 204);
    assert_eq!(call(&script, "GET", &interview, &token, None).0, 404);
    assert_eq!(call(&script, "DELETE", &sets, &token, None).0, 204);

    let free = reader(&server, "free", None);
    let free_token = free.api_token();
    let (status, body) = call(
        &script,
        "POST",
        "/api/v1/kit/sets",
        &free_token,
        Some(json!({"name": "mine"})),
    );
    assert_eq!(status, 403, "{body}");
    assert!(body["error"].as_str().expect("error").contains("for subscribers"));
    assert_eq!(
        call(&script, "GET", "/api/v1/kit/sets", "0".repeat(64).as_str(), None).0,
        401
    );
}

#[test]
fn serve_deletes_interviews_past_the_retention() {
    let data_dir = temp_dir("kit-retention");
    let now = support::unix_now();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let (user, old, recent) = runtime.block_on(async {
        let store = Store::open(&data_dir, None).await.expect("store");
        let user = store
            .create_user(&store::Email::parse("kept@example.com").expect("email"), "h")
            .await
            .expect("user")
            .id;
        let set = store.create_kit_set(&user, "Kept", now).await.expect("set");
        store
            .add_kit_items(&user, &set.id, &["lifetimes".to_owned()], now)
            .await
            .expect("items");
        let old = store
            .start_kit_interview(&user, &set.id, "old", now - 31 * 86_400)
            .await
            .expect("old");
        store
            .mark_kit_question(&user, &old.id, "lifetimes", Mark::Weak, "", now - 31 * 86_400)
            .await
            .expect("mark");
        let recent = store
            .start_kit_interview(&user, &set.id, "recent", now - 29 * 86_400)
            .await
            .expect("new");
        (user, old.id, recent.id)
    });
    let server = Server::launch(data_dir.clone(), None, &["--kit-retention-days", "30"], &[]);
    runtime.block_on(async {
        let store = Store::open(&data_dir, None).await.expect("store");
        assert!(
            store.kit_interview(&user, &old).await.expect("read").is_none(),
            "31 days old: deleted"
        );
        assert!(
            store.kit_interview(&user, &recent).await.expect("read").is_some(),
            "29 days old: kept"
        );
        assert_eq!(store.kit_sets(&user).await.expect("sets").len(), 1, "the set stays");
    });
    server.kill();
}
