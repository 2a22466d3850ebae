//! What search engines and feed readers fetch: `robots.txt`, `sitemap.xml`
//! and an Atom feed of questions by review date. All built once from the
//! bank's free facts (titles, dates, short answers), never premium text.

use crate::html::Titled;
use bank::{Bank, Experience, Level, Question, Topic};
use std::fmt::Write;

/// Escapes text for XML element content and attributes.
fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// Questions, most recently reviewed first (then by slug, for stability).
fn by_review(bank: &Bank) -> Vec<&Question> {
    let mut questions: Vec<&Question> = bank.questions().iter().collect();
    questions.sort_by(|a, b| b.reviewed.cmp(&a.reviewed).then_with(|| a.slug.cmp(&b.slug)));
    questions
}

pub fn robots(base: &str) -> String {
    format!(
        "User-agent: *\nAllow: /\nDisallow: /account\nDisallow: /billing\nDisallow: /login\nDisallow: /signup\n\
         Disallow: /search\nDisallow: /api/\n\nSitemap: {base}/sitemap.xml\n"
    )
}

pub fn sitemap(bank: &Bank, base: &str) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let newest = bank.questions().iter().map(|q| q.reviewed).max();
    let mut url = |path: &str, lastmod: Option<time::Date>| {
        let _ = write!(out, "  <url><loc>{}</loc>", xml(&format!("{base}{path}")));
        if let Some(date) = lastmod {
            let _ = write!(out, "<lastmod>{date}</lastmod>");
        }
        out.push_str("</url>\n");
    };
    for path in ["/", "/questions", "/rust/2026", "/faq"] {
        url(path, newest);
    }
    for level in Level::ALL {
        url(&format!("/levels/{level}"), newest);
    }
    for band in Experience::ALL {
        url(&format!("/experience/{band}"), newest);
    }
    for topic in Topic::ALL
        .iter()
        .filter(|topic| bank.questions().iter().any(|q| q.topics.contains(topic)))
    {
        url(&format!("/topics/{topic}"), newest);
    }
    for question in bank.questions() {
        url(&format!("/questions/{}", question.slug), Some(question.reviewed));
    }
    out.push_str("</urlset>\n");
    out
}

pub fn atom(bank: &Bank, base: &str) -> String {
    let questions = by_review(bank);
    let updated = questions
        .first()
        .map(|q| q.reviewed.to_string())
        .unwrap_or_else(|| "2026-01-01".into());
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    let _ = writeln!(out, "  <id>{}</id>", xml(&format!("{base}/feed.xml")));
    out.push_str("  <title>rustprep: Rust interview questions</title>\n");
    out.push_str("  <subtitle>Questions by the date their answer was last reviewed.</subtitle>\n");
    let _ = writeln!(out, "  <updated>{updated}T00:00:00Z</updated>");
    let _ = writeln!(
        out,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        xml(&format!("{base}/feed.xml"))
    );
    let _ = writeln!(
        out,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        xml(&format!("{base}/"))
    );
    out.push_str("  <author><name>rustprep</name></author>\n");
    for question in questions {
        let link = format!("{base}/questions/{}", question.slug);
        let _ = write!(
            out,
            "  <entry>\n    <id>{link}</id>\n    <title>{}</title>\n    <updated>{}T00:00:00Z</updated>\n    \
             <link rel=\"alternate\" type=\"text/html\" href=\"{link}\"/>\n",
            xml(&question.title_text()),
            question.reviewed,
            link = xml(&link),
        );
        for topic in &question.topics {
            let _ = writeln!(
                out,
                "    <category term=\"{}\" label=\"{}\"/>",
                topic.as_str(),
                xml(topic.label())
            );
        }
        let _ = writeln!(
            out,
            "    <summary type=\"text\">{}</summary>\n  </entry>",
            xml(&question.short_answer_text)
        );
    }
    out.push_str("</feed>\n");
    out
}

/// JSON-LD for a question page: the free facts, and which parts are behind
/// the paywall (by CSS selector) without any of their text.
pub fn question_json_ld(question: &Question, base: &str) -> String {
    let mut data = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": question.title_text(),
        "description": question.short_answer_text,
        "dateModified": question.reviewed.to_string(),
        "url": format!("{base}/questions/{}", question.slug),
        "isAccessibleForFree": question.free,
        "inLanguage": "en",
        "keywords": question.topics.iter().map(|t| t.label()).collect::<Vec<_>>(),
    });
    if !question.free {
        data["hasPart"] = serde_json::json!([{
            "@type": "WebPageElement",
            "isAccessibleForFree": false,
            "cssSelector": ".premium-section"
        }]);
    }
    // `<` would let the text close the script element.
    serde_json::to_string(&data).unwrap_or_default().replace('<', "\\u003c")
}
