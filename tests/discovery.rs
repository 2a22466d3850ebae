//! What search engines and feed readers see: robots.txt, the sitemap, the
//! Atom feed, canonical links, OpenGraph and JSON-LD that marks the paywall
//! without carrying premium text.

mod support;

use support::{SERVER, get, page};

const ATOM: &str = "http://www.w3.org/2005/Atom";
const SITEMAP: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

fn questions() -> Vec<serde_json::Value> {
    support::all_questions()
}

/// An RFC 3339 date-time as Atom requires (`2026-11-24T00:00:00Z`).
fn is_rfc3339(text: &str) -> bool {
    time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).is_ok()
}

#[test]
fn the_atom_feed_lists_every_question_by_review_date() {
    let response = get("/feed.xml");
    assert!(
        response.headers()["content-type"]
            .to_str()
            .is_ok_and(|value| value.starts_with("application/atom+xml"))
    );
    let body = response.text().expect("body");
    let document = roxmltree::Document::parse(&body).expect("well-formed XML");
    let feed = document.root_element();
    assert_eq!(
        (feed.tag_name().namespace(), feed.tag_name().name()),
        (Some(ATOM), "feed")
    );
    fn child<'a, 'input>(node: roxmltree::Node<'a, 'input>, name: &str) -> Option<roxmltree::Node<'a, 'input>> {
        node.children()
            .find(|c| c.tag_name().name() == name && c.tag_name().namespace() == Some(ATOM))
    }
    for required in ["id", "title", "updated", "author"] {
        assert!(child(feed, required).is_some(), "feed lacks <{required}>");
    }
    assert!(is_rfc3339(
        child(feed, "updated").and_then(|n| n.text()).unwrap_or_default()
    ));
    let entries: Vec<_> = feed.children().filter(|c| c.tag_name().name() == "entry").collect();
    assert_eq!(entries.len(), questions().len());
    let mut previous = String::from("9999");
    for entry in &entries {
        for required in ["id", "title", "updated", "link", "summary"] {
            assert!(child(*entry, required).is_some(), "entry lacks <{required}>");
        }
        let updated = child(*entry, "updated")
            .and_then(|n| n.text())
            .unwrap_or_default()
            .to_owned();
        assert!(is_rfc3339(&updated), "{updated}");
        assert!(updated <= previous, "newest review first");
        previous = updated;
        let id = child(*entry, "id").and_then(|n| n.text()).unwrap_or_default();
        assert!(
            id.starts_with("http://") && id.contains("/questions/"),
            "an absolute IRI: {id}"
        );
    }
}

#[test]
fn the_sitemap_lists_every_public_page_once() {
    let body = page("/sitemap.xml", 200);
    let document = roxmltree::Document::parse(&body).expect("well-formed XML");
    let root = document.root_element();
    assert_eq!(
        (root.tag_name().namespace(), root.tag_name().name()),
        (Some(SITEMAP), "urlset")
    );
    let locations: Vec<&str> = root
        .descendants()
        .filter(|node| node.tag_name().name() == "loc")
        .filter_map(|node| node.text())
        .collect();
    let mut unique = locations.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), locations.len(), "no URL twice");
    assert!(locations.len() <= 50_000 && locations.iter().all(|loc| loc.starts_with("http") && loc.len() <= 2048));
    for question in questions() {
        let path = format!("/questions/{}", question["slug"].as_str().unwrap_or_default());
        assert!(locations.iter().any(|loc| loc.ends_with(&path)), "{path} missing");
    }
    for lastmod in root
        .descendants()
        .filter(|node| node.tag_name().name() == "lastmod")
        .filter_map(|n| n.text())
    {
        assert!(
            time::Date::parse(lastmod, &time::format_description::well_known::Iso8601::DEFAULT).is_ok(),
            "{lastmod}"
        );
    }
    let robots = page("/robots.txt", 200);
    assert!(robots.contains("Sitemap: http") && robots.contains("Disallow: /account"));
}

#[test]
fn question_pages_carry_canonical_opengraph_and_paywall_markup() {
    let html = page("/questions/backpressure", 200);
    assert!(
        html.contains("<link rel=\"canonical\" href=\"http"),
        "absolute canonical link"
    );
    assert!(html.contains("<meta property=\"og:title\"") && html.contains("<meta name=\"twitter:card\""));
    let ld = html
        .split("<script type=\"application/ld+json\">")
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .expect("JSON-LD");
    let data: serde_json::Value = serde_json::from_str(ld).expect("valid JSON-LD");
    assert_eq!(data["isAccessibleForFree"], false);
    assert_eq!(data["hasPart"][0]["isAccessibleForFree"], false);
    assert_eq!(data["hasPart"][0]["cssSelector"], ".premium-section");
    assert!(ld.len() < 2_000, "no section text in the structured data");
    let free = questions()
        .into_iter()
        .find(|q| q["free"] == true)
        .expect("a free sample");
    let html = page(
        &format!("/questions/{}", free["slug"].as_str().unwrap_or_default()),
        200,
    );
    assert!(html.contains("\"isAccessibleForFree\":true"));
    assert!(SERVER.base.starts_with("http://127.0.0.1:"));
}
