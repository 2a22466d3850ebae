//! Helpers for the practice tests: forms posted the way a browser posts
//! them from a prerendered page (with `Origin`), the hidden fields of a
//! form, quiz answer keys read from the quiz files, and API tokens.

use super::{Reader, repo_root};
use reqwest::blocking::Response;
use serde_json::Value;

impl Reader<'_> {
    /// Posts a form as a browser does from one of our pages: with `Origin`.
    pub fn post_from_site(&self, action: &str, fields: &[(&str, &str)]) -> Response {
        self.http
            .post(self.server.url(action))
            .header("origin", &self.server.base)
            .form(fields)
            .send()
            .unwrap_or_else(|error| panic!("POST {action}: {error}"))
    }

    /// Sends JSON with this method, with a bearer token or the cookie jar.
    pub fn send_json(&self, method: &str, path: &str, token: Option<&str>, body: &serde_json::Value) -> Response {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let mut request = self.http.request(method, self.server.url(path)).json(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().unwrap_or_else(|error| panic!("{path}: {error}"))
    }

    /// GETs with a bearer token.
    pub fn get_with_token(&self, path: &str, token: &str) -> Response {
        self.http
            .get(self.server.url(path))
            .bearer_auth(token)
            .send()
            .unwrap_or_else(|error| panic!("GET {path}: {error}"))
    }

    /// Creates an API token on the account page and returns it.
    pub fn api_token(&self) -> String {
        let page = self
            .submit("/account", "/account/tokens", &[("name", "practice script")])
            .text()
            .expect("body");
        page.split("<code class=\"token\">")
            .nth(1)
            .and_then(|rest| rest.split('<').next())
            .expect("the new token is shown")
            .to_owned()
    }
}

/// The value of the hidden field `name` in the form posting to `action`.
pub fn field_in(html: &str, action: &str, name: &str) -> String {
    let form = html
        .split(&format!("action=\"{action}\""))
        .nth(1)
        .and_then(|rest| rest.split("</form>").next())
        .unwrap_or_else(|| panic!("no form to {action} in the page"));
    form.split(&format!("name=\"{name}\" value=\""))
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no field {name} in the form to {action}"))
        .replace("&#34;", "\"")
        .replace("&amp;", "&")
}

/// A quiz's right answer, from its file: the output for "prints", the
/// outcome's words otherwise.
pub fn quiz_answer(slug: &str) -> String {
    let text =
        std::fs::read_to_string(repo_root().join("content/quizzes").join(format!("{slug}.md"))).expect("quiz file");
    if text.contains("\noutcome = \"panics\"") {
        return "panics".into();
    }
    if text.contains("\noutcome = \"does-not-compile\"") {
        return "does not compile".into();
    }
    let answer = text.split("## Answer").nth(1).expect("answer section");
    let block = answer.split("```text\n").nth(1).expect("answer block");
    block.split("\n```").next().expect("closing fence").to_owned()
}

/// The slugs of the free quizzes, from the API.
pub fn free_quizzes(reader: &Reader<'_>) -> Vec<String> {
    let list: serde_json::Value = reader.get("/api/v1/quizzes").json().expect("json");
    list["quizzes"]
        .as_array()
        .expect("quizzes")
        .iter()
        .filter(|quiz| quiz["free"] == true)
        .map(|quiz| quiz["slug"].as_str().expect("slug").to_owned())
        .collect()
}

/// Plants `LEAKMARK_<slug>_6` in every quiz's explanation and
/// `LEAKMARK_<slug>_7` in its program (as a comment) in a copy of the
/// quizzes under `dir`; returns every quiz slug and the free ones.
pub fn marked_quizzes(dir: &std::path::Path) -> (Vec<String>, std::collections::BTreeSet<String>) {
    let source = repo_root().join("content/quizzes");
    std::fs::create_dir_all(dir.join("quizzes")).expect("dir");
    let mut slugs = Vec::new();
    let mut free = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(source).expect("quizzes") {
        let path = entry.expect("entry").path();
        let slug = path.file_stem().and_then(|s| s.to_str()).expect("slug").to_owned();
        let mark = |n: usize| format!("LEAKMARK_{}_{n}", slug.replace('-', "_"));
        let mut text = std::fs::read_to_string(&path).expect("read");
        if text.contains("\nfree = true") {
            free.insert(slug.clone());
        }
        text = text.replacen("## Explanation\n", &format!("## Explanation\n\n{}\n", mark(6)), 1);
        // After the program's opening fence (```rust, maybe with flags).
        let fence = text.find("```rust").expect("a program");
        let line_end = fence + text[fence..].find('\n').expect("fence line");
        text.insert_str(line_end + 1, &format!("// {}\n", mark(7)));
        std::fs::write(dir.join("quizzes").join(path.file_name().expect("name")), text).expect("write");
        slugs.push(slug);
    }
    slugs.sort();
    (slugs, free)
}

/// The practice pages and API answers a reader gets on the way through the
/// review queue and a quiz, as (what, body): adding `question` and `quiz`,
/// the review page, "Show answer" on each card, the quiz's result, and the
/// API's answers. Each must hold premium text only where access allows.
pub fn practice_probes(reader: &Reader<'_>, question: &str, quiz: &str) -> Vec<(String, String)> {
    let mut bodies: Vec<(String, String)> = Vec::new();
    fn keep(bodies: &mut Vec<(String, String)>, what: &str, response: Response) {
        bodies.push((what.to_owned(), response.text().unwrap_or_default()));
    }
    keep(
        &mut bodies,
        "add question",
        reader.post_from_site("/practice/cards", &[("slug", question)]),
    );
    keep(
        &mut bodies,
        "add quiz",
        reader.post_from_site("/practice/cards", &[("slug", quiz)]),
    );
    for card in 0..2 {
        let front = reader.text("/practice/review");
        if !front.contains("/practice/review/reveal") {
            bodies.push((format!("review page {card}"), front));
            break;
        }
        let fields: Vec<(&str, String)> = ["csrf", "kind", "slug", "reps", "last_review"]
            .into_iter()
            .map(|name| (name, field_in(&front, "/practice/review/reveal", name)))
            .collect();
        bodies.push((format!("review page {card}"), front));
        let mut form: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        keep(
            &mut bodies,
            &format!("reveal {card}"),
            reader.post_form("/practice/review/reveal", &form),
        );
        form.push(("grade", "good"));
        keep(
            &mut bodies,
            &format!("grade {card}"),
            reader.post_form("/practice/review/grade", &form),
        );
    }
    let quiz_page = format!("/quizzes/{quiz}");
    let token = reader
        .text(&quiz_page)
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .map(|rest| rest.split('"').next().unwrap_or("").to_owned());
    if let Some(token) = token {
        keep(
            &mut bodies,
            "quiz answer",
            reader.post_form(&quiz_page, &[("csrf", &token), ("answer", "x")]),
        );
    }
    let json = |body: Value| body;
    keep(
        &mut bodies,
        "api add",
        reader.send_json(
            "POST",
            "/api/v1/practice/cards",
            None,
            &json(serde_json::json!({"slug": quiz})),
        ),
    );
    keep(
        &mut bodies,
        "api review",
        reader.send_json(
            "POST",
            &format!("/api/v1/practice/cards/{question}/reviews"),
            None,
            &json(serde_json::json!({"grade": "good"})),
        ),
    );
    keep(&mut bodies, "api due", reader.get("/api/v1/practice/due"));
    keep(&mut bodies, "api stats", reader.get("/api/v1/practice/stats"));
    bodies
}
