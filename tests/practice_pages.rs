//! The practice pages as a reader uses them, with plain forms (no
//! JavaScript): save a question and keep a note, add a topic to the review
//! queue, review five cards, change settings, answer a quiz right and wrong.

mod support;

use support::practice::{field_in, free_quizzes, quiz_answer};
use support::{Backend, Reader, Server};

const PASSWORD: &str = "practice-test-passphrase";

fn signed_up<'a>(server: &'a Server, email: &str) -> Reader<'a> {
    let reader = Reader::new(server);
    assert_eq!(reader.sign_up(email, PASSWORD).status().as_u16(), 303);
    reader
}

fn location(response: &reqwest::blocking::Response) -> String {
    response.headers()["location"].to_str().expect("location").to_owned()
}

#[test]
fn save_a_question_and_keep_a_note() {
    let server = Server::start(Backend::Sqlite, &[]);
    let anonymous = Reader::new(&server);
    let question = anonymous.text("/questions/cargo");
    assert!(
        question.contains("action=\"/practice/saved\""),
        "the question page offers Save"
    );
    let refused = anonymous.post_from_site("/practice/saved", &[("slug", "cargo")]);
    assert_eq!((refused.status().as_u16(), location(&refused)), (303, "/login".into()));

    let reader = signed_up(&server, "saver@example.com");
    // Without proof of origin, the reader is asked to confirm; nothing is saved yet.
    let confirm = reader
        .post_form("/practice/saved", &[("slug", "cargo")])
        .text()
        .expect("body");
    assert!(confirm.contains("Save “"), "{confirm}");
    assert!(
        reader
            .text("/practice/saved")
            .contains("You have saved no question yet")
    );
    let saved = reader.post_form(
        "/practice/saved",
        &[("slug", "cargo"), ("csrf", &support::csrf_in(&confirm))],
    );
    assert_eq!(location(&saved), "/practice/questions/cargo?done=saved");
    // From the question page (the browser sends Origin), saving is at once.
    let again = reader.post_from_site("/practice/saved", &[("slug", "cargo")]);
    assert_eq!(again.status().as_u16(), 303);

    let note = "Remember: cargo <b>builds</b> & tests\nsecond line";
    let kept = reader.submit(
        "/practice/questions/cargo",
        "/practice/notes",
        &[("slug", "cargo"), ("body", note)],
    );
    assert_eq!(kept.status().as_u16(), 303);
    let list = reader.text("/practice/saved");
    assert!(
        list.contains("Remember: cargo &#60;b&#62;builds&#60;/b&#62; &#38; tests"),
        "{list}"
    );
    assert!(!list.contains("second line") && !list.contains("<b>builds"));
    let own = reader.text("/practice/questions/cargo");
    assert!(own.contains("second line") && own.contains("Unsave"));

    let too_long = "x".repeat(11 * 1024);
    let refused = reader.submit(
        "/practice/questions/cargo",
        "/practice/notes",
        &[("slug", "cargo"), ("body", &too_long)],
    );
    assert_eq!(refused.status().as_u16(), 400);
    let huge = "x".repeat(20 * 1024);
    let refused = reader.submit(
        "/practice/questions/cargo",
        "/practice/notes",
        &[("slug", "cargo"), ("body", &huge)],
    );
    assert_eq!(refused.status().as_u16(), 413);
    assert!(
        reader.text("/practice/saved").contains("Remember: cargo"),
        "the note is unchanged"
    );

    let unsaved = reader.submit(
        "/practice/questions/cargo",
        "/practice/saved/remove",
        &[("slug", "cargo")],
    );
    assert_eq!(unsaved.status().as_u16(), 303);
    assert!(
        reader
            .text("/practice/saved")
            .contains("You have saved no question yet")
    );
    let unknown = reader.post_from_site("/practice/saved", &[("slug", "no-such-question")]);
    assert_eq!(unknown.status().as_u16(), 404);
}

/// Shows the next card, reveals it with a written answer and grades it
/// `good`; returns the grade form's fields, to submit again.
fn review_one(reader: &Reader<'_>) -> Vec<(String, String)> {
    let front = reader.text("/practice/review");
    assert!(front.contains("Show answer"), "a card is due: {front}");
    let fields: Vec<(String, String)> = ["csrf", "kind", "slug", "reps", "last_review"]
        .iter()
        .map(|name| (name.to_string(), field_in(&front, "/practice/review/reveal", name)))
        .collect();
    let mut reveal: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    reveal.push(("answer", "my <answer>"));
    let back = reader.post_form("/practice/review/reveal", &reveal);
    assert_eq!(back.status().as_u16(), 200);
    let back = back.text().expect("body");
    assert!(
        back.contains("Short answer") && back.contains("my &#60;answer&#62;"),
        "{back}"
    );
    for grade in ["again", "hard", "good", "easy"] {
        assert!(back.contains(&format!("value=\"{grade}\"")), "a {grade} button");
    }
    assert!(
        back.contains("10 min"),
        "Good on a new card brings it back in 10 min: {back}"
    );
    let mut grade: Vec<(String, String)> = fields;
    grade.push(("answer".into(), "my <answer>".into()));
    grade.push(("grade".into(), "good".into()));
    let pairs: Vec<(&str, &str)> = grade.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let graded = reader.post_form("/practice/review/grade", &pairs);
    assert_eq!(
        (graded.status().as_u16(), location(&graded)),
        (303, "/practice/review".into())
    );
    grade
}

fn review_count(reader: &Reader<'_>) -> usize {
    let data: serde_json::Value = reader.get("/account/data").json().expect("export");
    data["reviews"].as_array().expect("reviews").len()
}

#[test]
fn add_a_topic_and_review_five_cards() {
    let server = Server::start(Backend::Sqlite, &[]);
    let reader = signed_up(&server, "reviewer@example.com");
    let topic: serde_json::Value = reader.get("/api/v1/questions?topic=async").json().expect("json");
    let in_topic = topic["questions"].as_array().expect("questions").len();
    assert!(reader.text("/topics/async").contains("Add every question of"));
    let added = reader.post_from_site("/practice/cards", &[("topic", "async")]);
    assert_eq!(location(&added), format!("/practice/review?added={in_topic}"));
    let again = reader.post_from_site("/practice/cards", &[("topic", "async")]);
    assert_eq!(
        location(&again),
        "/practice/review?added=0",
        "cards already there are kept"
    );

    let mut last = Vec::new();
    for _ in 0..5 {
        last = review_one(&reader);
    }
    assert_eq!(review_count(&reader), 5);
    let data: serde_json::Value = reader.get("/account/data").json().expect("export");
    assert_eq!(
        data["reviews"][0]["answer"], "my <answer>",
        "the written answer is kept"
    );

    // The same grade sent again (a double submit) is refused and changes nothing.
    let pairs: Vec<(&str, &str)> = last.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(
        reader.post_form("/practice/review/grade", &pairs).status().as_u16(),
        409
    );
    let mut bad_grade = pairs.clone();
    bad_grade.retain(|(k, _)| *k != "grade");
    bad_grade.push(("grade", "great"));
    assert_eq!(
        reader.post_form("/practice/review/grade", &bad_grade).status().as_u16(),
        400
    );
    assert_eq!(review_count(&reader), 5);
}

#[test]
fn settings_keep_values_in_range_only() {
    let server = Server::start(Backend::Sqlite, &[]);
    let reader = signed_up(&server, "settings@example.com");
    assert!(reader.text("/practice/settings").contains("value=\"0.90\""));
    let saved = reader.submit(
        "/practice/settings",
        "/practice/settings",
        &[("desired_retention", "0.85"), ("new_per_day", "20")],
    );
    assert_eq!(saved.status().as_u16(), 200);
    for (retention, per_day) in [("0.99", "20"), ("0.85", "101"), ("NaN", "20"), ("x", "1")] {
        let refused = reader.submit(
            "/practice/settings",
            "/practice/settings",
            &[("desired_retention", retention), ("new_per_day", per_day)],
        );
        assert_eq!(refused.status().as_u16(), 400, "{retention} {per_day}");
    }
    let page = reader.text("/practice/settings");
    assert!(
        page.contains("value=\"0.85\"") && page.contains("value=\"20\""),
        "{page}"
    );
}

#[test]
fn a_quiz_answered_right_and_wrong() {
    let server = Server::start(Backend::Sqlite, &[]);
    let reader = signed_up(&server, "quizzer@example.com");
    let list = reader.text("/quizzes");
    assert!(list.contains("For subscribers") && list.contains("Free"));
    let slug = free_quizzes(&reader).into_iter().next().expect("a free quiz");
    let path = format!("/quizzes/{slug}");
    let right = reader.submit(&path, &path, &[("answer", &quiz_answer(&slug))]);
    assert_eq!(right.status().as_u16(), 200);
    assert!(right.text().expect("body").contains(">Right<"));
    let wrong = reader
        .submit(&path, &path, &[("answer", "surely not this")])
        .text()
        .expect("body");
    assert!(wrong.contains(">Not quite<") && wrong.contains("surely not this"));
    let data: serde_json::Value = reader.get("/account/data").json().expect("export");
    let attempts: Vec<bool> = data["quiz_attempts"]
        .as_array()
        .expect("attempts")
        .iter()
        .map(|a| a["correct"].as_bool().expect("bool"))
        .collect();
    assert_eq!(attempts.len(), 2);
    assert!(attempts.contains(&true) && attempts.contains(&false));

    // A quiz for subscribers: locked for a free reader, and cannot be answered.
    let locked = reader.get("/api/v1/quizzes").json::<serde_json::Value>().expect("json")["quizzes"]
        .as_array()
        .expect("quizzes")
        .iter()
        .find(|q| q["free"] == false)
        .map(|q| q["slug"].as_str().expect("slug").to_owned())
        .expect("a locked quiz");
    let locked_path = format!("/quizzes/{locked}");
    assert!(reader.text(&locked_path).contains("This quiz is for subscribers"));
    let refused = reader.submit(&path, &locked_path, &[("answer", "x")]);
    assert_eq!(refused.status().as_u16(), 403);
}
