//! Downloads of the bank: JSON, CSV and a text file Anki imports (File >
//! Import: tab-separated, HTML fields, tags). Everyone gets every question's
//! free part (short answer and sources) and the free samples in full; a
//! reader with access gets every section of every question.

use crate::app::SharedApp;
use crate::site::json;
use crate::viewer::Viewer;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use bank::{Access, Bank, Question};

fn attachment(content_type: &'static str, filename: &str, body: String, viewer: &Viewer) -> Response {
    let cache = if viewer.member().is_some() {
        "private, no-cache"
    } else {
        "no-cache"
    };
    let disposition = format!("attachment; filename=\"{filename}\"");
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, cache.to_owned()),
        ],
        body,
    )
        .into_response()
}

pub async fn download(State(app): State<SharedApp>, viewer: Viewer, Path(file): Path<String>) -> Response {
    let access = viewer.member().and_then(|member| member.access());
    let bank = &app.site.bank;
    let scope = if access.is_some() { "full" } else { "free" };
    match file.as_str() {
        "questions.json" => attachment(
            "application/json",
            &format!("rustprep-{scope}.json"),
            json(bank, access),
            &viewer,
        ),
        "questions.csv" => attachment(
            "text/csv; charset=utf-8",
            &format!("rustprep-{scope}.csv"),
            csv(bank, access),
            &viewer,
        ),
        "anki.txt" => attachment(
            "text/plain; charset=utf-8",
            &format!("rustprep-{scope}-anki.txt"),
            anki(bank, access),
            &viewer,
        ),
        _ => crate::errors::PageError::new(
            axum::http::StatusCode::NOT_FOUND,
            "No such download",
            "The downloads are questions.json, questions.csv and anki.txt.",
        )
        .into_response(),
    }
}

fn json(bank: &Bank, access: Option<&Access>) -> String {
    let questions: Vec<String> = bank
        .questions()
        .iter()
        .map(|question| json::question_json(question, access))
        .collect();
    format!(
        "{{\"count\":{},\"questions\":[{}]}}",
        questions.len(),
        questions.join(",")
    )
}

/// One CSV field, quoted as RFC 4180 says.
fn field(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

fn csv(bank: &Bank, access: Option<&Access>) -> String {
    let mut out = String::from("slug,title,level,experience,topics,reviewed,url,short_answer,full_answer,sources\r\n");
    for question in bank.questions() {
        let topics: Vec<&str> = question.topics.iter().map(|topic| topic.as_str()).collect();
        let row = [
            question.slug.to_string(),
            question.title.clone(),
            question.level.to_string(),
            question.experience.to_string(),
            topics.join(" "),
            question.reviewed.to_string(),
            format!("/questions/{}", question.slug),
            question.short_answer_text.clone(),
            full_text(question, access),
            question
                .sources
                .iter()
                .map(|source| format!("{} <{}>", source.title, source.url))
                .collect::<Vec<_>>()
                .join("\n"),
        ];
        out.push_str(&row.iter().map(|value| field(value)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// The premium sections as plain text, if the reader may read them.
fn full_text(question: &Question, access: Option<&Access>) -> String {
    question
        .full_answer(access)
        .map(|full| full.plain_text())
        .unwrap_or_default()
}

fn anki(bank: &Bank, access: Option<&Access>) -> String {
    let mut out = String::from(
        "#separator:Tab\n#html:true\n#notetype:Basic\n#deck:rustprep\n#tags column:3\n#columns:Front\tBack\tTags\n",
    );
    let flat = |html: &str| html.replace(['\t', '\n', '\r'], " ");
    for question in bank.questions() {
        let mut back = question.short_answer_html.clone();
        if let Some(full) = question.full_answer(access) {
            for section in full.sections() {
                back.push_str(&format!("<h3>{}</h3>{}", section.kind.heading(), section.html));
            }
        }
        if !question.sources_html.is_empty() {
            back.push_str(&format!("<h3>Sources</h3>{}", question.sources_html));
        }
        let tags: Vec<String> = std::iter::once(format!("level::{}", question.level))
            .chain(question.topics.iter().map(|topic| format!("topic::{}", topic.as_str())))
            .collect();
        out.push_str(&format!(
            "{}\t{}\t{}\n",
            flat(&bank::markdown::escape(&question.title)),
            flat(&back),
            tags.join(" ")
        ));
    }
    out
}
