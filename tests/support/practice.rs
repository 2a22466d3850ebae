//! Helpers for the practice tests: forms posted the way a browser posts
//! them from a prerendered page (with `Origin`), the hidden fields of a
//! form, quiz answer keys read from the quiz files, and API tokens.

use super::{Reader, repo_root};
use reqwest::blocking::Response;

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
