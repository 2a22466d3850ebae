//! Mock interviews and the progress page as a reader meets them: a
//! three-question mock by forms to its summary, the progress page with both
//! charts, and the answers to bad input (each a 4xx that changes nothing).

mod practice_support;
mod support;

use practice_support::{DAY, review, signed_up, with_store};
use reqwest::blocking::Response;
use support::{Backend, Reader, Server};

fn location(response: &Response) -> String {
    response.headers()["location"]
        .to_str()
        .expect("ascii location")
        .to_owned()
}

/// Starts a mock by the setup form; returns its id.
fn start_mock(reader: &Reader, fields: &[(&str, &str)]) -> String {
    let started = reader.submit("/practice/mock", "/practice/mock", fields);
    assert_eq!(started.status().as_u16(), 303, "{}", started.text().unwrap_or_default());
    location(&started)
        .strip_prefix("/practice/mock/")
        .expect("redirect to the mock")
        .to_owned()
}

fn three_async_questions(reader: &Reader) -> String {
    start_mock(reader, &[("topic", "async"), ("questions", "3"), ("minutes", "5")])
}

/// Posts one of a mock's forms with the reader's token, taken from the
/// setup page (showing the mock itself would start its next question).
fn step(reader: &Reader, action: &str, fields: &[(&str, &str)]) -> Response {
    reader.submit("/practice/mock", action, fields)
}

fn reveal(reader: &Reader, mock: &str, position: u32, answer: &str) -> Response {
    let action = format!("/practice/mock/{mock}/items/{position}/reveal");
    step(reader, &action, &[("answer", answer)])
}

fn grade(reader: &Reader, mock: &str, position: u32, grade: &str) -> Response {
    let action = format!("/practice/mock/{mock}/items/{position}/grade");
    step(reader, &action, &[("grade", grade)])
}

#[test]
fn a_three_question_mock_runs_by_forms_to_its_summary() {
    let server = Server::start(Backend::Sqlite, &[]);
    let reader = signed_up(&server, "mock@example.com");
    let setup = reader.text("/practice/mock");
    assert!(setup.contains("No mock interviews yet") && setup.contains("name=\"topic\" value=\"async\""));
    let mock = three_async_questions(&reader);

    let mut asked = Vec::new();
    for (position, grade_name) in [(1, "weak"), (2, "solid"), (3, "strong")] {
        let question = reader.text(&format!("/practice/mock/{mock}"));
        assert!(question.contains(&format!("Question {position} of 3")), "{question}");
        assert!(question.contains("data-seconds-left=\"") && question.contains("/static/mock-clock.js"));
        assert!(!question.contains("Short answer"), "the answer waits for the reveal");
        let title = question.split("<h1 class=\"mock-question\">").nth(1).expect("title");
        asked.push(title.split("</h1>").next().expect("title end").to_owned());

        let written = format!("my answer {position} <b>bold</b>");
        assert_eq!(reveal(&reader, &mock, position, &written).status().as_u16(), 303);
        let revealed = reader.text(&format!("/practice/mock/{mock}"));
        assert!(revealed.contains("Short answer") && revealed.contains("How was your answer?"));
        assert!(
            revealed.contains(&format!("my answer {position} &#60;b&#62;bold")) && !revealed.contains("<b>bold"),
            "what the reader wrote is kept and shown escaped"
        );
        assert_eq!(grade(&reader, &mock, position, grade_name).status().as_u16(), 303);
    }
    let distinct: std::collections::BTreeSet<&String> = asked.iter().collect();
    assert_eq!(distinct.len(), 3, "no question is asked twice: {asked:?}");

    let summary = reader.text(&format!("/practice/mock/{mock}"));
    assert!(summary.contains("Mock interview summary"), "{summary}");
    assert!(summary.contains("3 of 6 points"), "weak 0 + solid 1 + strong 2");
    assert!(summary.contains("<td>Async</td>") && summary.contains("Weakest: <strong>"));
    for title in &asked {
        assert!(summary.contains(title.as_str()), "the summary lists {title}");
    }

    let queued = step(&reader, &format!("/practice/mock/{mock}/queue"), &[]);
    assert_eq!(queued.status().as_u16(), 303);
    let added: u64 = location(&queued)
        .rsplit("queued=")
        .next()
        .and_then(|n| n.parse().ok())
        .expect("count");
    assert!(added > 0, "the weakest topics' questions went into the queue");
    let again = step(&reader, &format!("/practice/mock/{mock}/queue"), &[]);
    assert!(location(&again).ends_with("queued=0"), "asking twice adds nothing");

    let past = reader.text("/practice/mock");
    assert!(past.contains(&format!("href=\"/practice/mock/{mock}\">Summary")) && past.contains("3 / 6"));
}

/// Every refusal is a 4xx and leaves the reader's mocks as they were.
fn bad_input_changes_nothing(backend: Backend) {
    let server = Server::start(backend, &[]);
    let reader = signed_up(&server, "careful@example.com");
    for (fields, status, says) in [
        (vec![("questions", "2"), ("minutes", "5")], 400, "3 to 10 questions"),
        (vec![("questions", "11"), ("minutes", "5")], 400, "3 to 10 questions"),
        (vec![("questions", "3"), ("minutes", "31")], 400, "Minutes per question"),
        (vec![("questions", "3"), ("minutes", "x")], 400, "whole number"),
        (
            vec![("level", "expert"), ("questions", "3"), ("minutes", "5")],
            400,
            "Unknown level",
        ),
        (
            vec![("topic", "cooking"), ("questions", "3"), ("minutes", "5")],
            400,
            "Unknown topic",
        ),
        (
            vec![("questions", "3"), ("minutes", "5"), ("admin", "1")],
            400,
            "unknown field",
        ),
        (
            vec![
                ("level", "beginner"),
                ("topic", "atomics"),
                ("questions", "10"),
                ("minutes", "5"),
            ],
            400,
            "questions match the filters",
        ),
    ] {
        let refused = reader.submit("/practice/mock", "/practice/mock", &fields);
        assert_eq!(refused.status().as_u16(), status, "{fields:?}");
        assert!(refused.text().expect("body").contains(says), "{fields:?} says {says}");
    }
    let forged = reader.post_form(
        "/practice/mock",
        &[("csrf", "forged"), ("questions", "3"), ("minutes", "5")],
    );
    assert_eq!(forged.status().as_u16(), 403);
    assert!(
        reader.text("/practice/mock").contains("No mock interviews yet"),
        "none was created"
    );

    let mock = three_async_questions(&reader);
    let page = |reader: &Reader| reader.text(&format!("/practice/mock/{mock}"));
    assert!(page(&reader).contains("Question 1 of 3"));
    assert_eq!(
        reveal(&reader, &mock, 2, "").status().as_u16(),
        409,
        "question 2 is not shown yet"
    );

    let other = signed_up(&server, "other@example.com");
    other.text("/practice/mock");
    let theirs = other.get(&format!("/practice/mock/{mock}"));
    assert_eq!(theirs.status().as_u16(), 404, "another reader's mock is not found");
    let token = other.csrf("/practice/mock");
    for (action, field) in [
        ("items/1/reveal", ("answer", "mine")),
        ("items/1/grade", ("grade", "strong")),
        ("finish", ("csrf", token.as_str())),
        ("queue", ("csrf", token.as_str())),
    ] {
        let path = format!("/practice/mock/{mock}/{action}");
        let mut fields = vec![("csrf", token.as_str())];
        if field.0 != "csrf" {
            fields.push(field);
        }
        let answer = other.post_form(&path, &fields);
        assert_eq!(answer.status().as_u16(), 404, "{action}");
    }
    assert!(
        page(&reader).contains("Question 1 of 3"),
        "the owner's mock did not move"
    );

    assert_eq!(
        grade(&reader, &mock, 1, "strong").status().as_u16(),
        409,
        "grade before reveal"
    );
    assert_eq!(reveal(&reader, &mock, 1, "first-try").status().as_u16(), 303);
    let twice = reveal(&reader, &mock, 1, "second-try");
    assert_eq!(twice.status().as_u16(), 409, "a double reveal");
    let revealed = page(&reader);
    assert!(
        revealed.contains("first-try") && !revealed.contains("second-try"),
        "the first answer is kept"
    );
    assert_eq!(
        grade(&reader, &mock, 1, "great").status().as_u16(),
        400,
        "unknown grade"
    );
    assert_eq!(grade(&reader, &mock, 1, "solid").status().as_u16(), 303);
    assert_eq!(
        grade(&reader, &mock, 1, "strong").status().as_u16(),
        409,
        "a double grade"
    );
    let queue_early = step(&reader, &format!("/practice/mock/{mock}/queue"), &[]);
    assert_eq!(queue_early.status().as_u16(), 409, "no summary to act on yet");

    // The clock moves on: question 2 was shown 10 minutes ago (5 allowed).
    let (user_id, mock_id) = (reader.user_id(), mock.clone());
    with_store(&server, |store| async move {
        let shown = store::now() - 600;
        store
            .start_mock_item(&user_id, &mock_id, 2, shown)
            .await
            .expect("start");
    });
    assert_eq!(reveal(&reader, &mock, 2, "late").status().as_u16(), 409, "past its end");
    assert!(page(&reader).contains("Question 3 of 3"), "an expired question is over");
    assert_eq!(grade(&reader, &mock, 2, "strong").status().as_u16(), 409);

    assert_eq!(
        step(&reader, &format!("/practice/mock/{mock}/finish"), &[])
            .status()
            .as_u16(),
        303
    );
    let summary = page(&reader);
    assert!(summary.contains("1 of 2 points"), "only question 1 was graded (solid)");
    assert_eq!(reveal(&reader, &mock, 3, "").status().as_u16(), 409, "a finished mock");
    assert_eq!(reader.get("/practice/mock/not-a-mock").status().as_u16(), 404);
}

#[test]
fn bad_input_changes_nothing_on_sqlite() {
    bad_input_changes_nothing(Backend::Sqlite);
}

#[test]
fn bad_input_changes_nothing_on_postgres() {
    bad_input_changes_nothing(Backend::Postgres);
}

#[test]
fn anonymous_readers_are_sent_to_log_in() {
    let server = Server::start(Backend::Sqlite, &[]);
    let anonymous = Reader::new(&server);
    assert_eq!(anonymous.get("/practice/mock").status().as_u16(), 303);
    let post = anonymous.post_form("/practice/mock", &[("csrf", "x"), ("questions", "3"), ("minutes", "5")]);
    assert_eq!(post.status().as_u16(), 303);
}

/// Three days of reviews: two cards, one of them reviewed twice (the
/// second time due, so it counts for retention), both due again within
/// the fortnight; one of them mastered.
#[test]
fn the_progress_page_shows_both_charts_after_some_reviews() {
    let server = Server::start(Backend::Sqlite, &[]);
    let reader = signed_up(&server, "progress@example.com");
    let empty = reader.text("/practice");
    assert!(empty.contains("No cards yet") && empty.contains("0 reviews over 90 days"));

    let user_id = reader.user_id();
    with_store(&server, |store| async move {
        let now = store::now();
        review(&store, &user_id, "waker", now - 2 * DAY, 2 * DAY - 60, 3.0).await;
        review(&store, &user_id, "waker", now - 60, 3 * DAY, 30.0).await;
        review(&store, &user_id, "backpressure", now - DAY, 5 * DAY, 8.0).await;
    });
    let page = reader.text("/practice");
    assert_eq!(page.matches("<svg class=\"chart\"").count(), 2, "both charts");
    assert!(page.contains("Reviews per day, last 90 days") && page.contains("Cards due per day, next 14 days"));
    assert!(
        page.contains("3 reviews over 90 days"),
        "the history counts every review"
    );
    assert!(
        page.contains("2 cards due over 14 days"),
        "the forecast counts both cards"
    );
    assert_eq!(page.matches("<rect class=\"bar\"").count(), 90 + 14);
    assert!(page.contains("<strong>2</strong> cards in your queue: 0 new, 0 learning, 0 due now, 1 mastered"));
    assert!(
        page.contains("Streak: <strong>3</strong> days"),
        "reviews on each of the last three days"
    );
    assert!(
        page.contains("100% of due reviews remembered"),
        "the one due review was graded Good"
    );
    assert!(page.contains("<th scope=\"row\">Async</th>"), "counts per topic");
    assert!(
        page.contains("<figcaption>") && page.contains("The numbers as a table"),
        "text alternatives"
    );
}
