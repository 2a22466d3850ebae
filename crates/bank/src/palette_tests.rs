//! The palette, read back from the stylesheet it writes: every colour of
//! both themes against that theme's code background, by WCAG 2 contrast.

use super::*;
use crate::markdown::Renderer;

/// WCAG AA for normal text.
const AA: f64 = 4.5;

/// One theme as the stylesheet states it: the `pre` background and every
/// `selector { color }` rule (the `pre` text colour included).
struct Parsed {
    background: String,
    colours: Vec<(String, String)>,
}

fn parse(block: &str) -> Parsed {
    let mut background = None;
    let mut colours = Vec::new();
    for rule in block.split('}') {
        let Some((selector, body)) = rule.split_once('{') else {
            continue;
        };
        for declaration in body.split(';') {
            let Some((property, value)) = declaration.split_once(':') else {
                continue;
            };
            match property.trim() {
                "background" => background = Some(value.trim().to_owned()),
                "color" => colours.push((selector.trim().to_owned(), value.trim().to_owned())),
                other => panic!("unexpected property {other} in {rule}"),
            }
        }
    }
    Parsed {
        background: background.expect("the theme sets the code background"),
        colours,
    }
}

fn themes() -> (Parsed, Parsed) {
    let css = highlight_css();
    let (light, dark) = css
        .split_once("@media (prefers-color-scheme: dark) {")
        .expect("a dark theme");
    (parse(light), parse(dark))
}

fn channel(hex: &str, at: usize) -> f64 {
    let value = u8::from_str_radix(&hex[at..at + 2], 16).expect("a hex colour") as f64 / 255.0;
    if value <= 0.04045 {
        value / 12.92
    } else {
        ((value + 0.055) / 1.055).powf(2.4)
    }
}

/// Relative luminance of `#rrggbb` (WCAG 2.x).
fn luminance(colour: &str) -> f64 {
    let hex = colour.strip_prefix('#').expect("a #rrggbb colour");
    assert_eq!(hex.len(), 6, "{colour} is #rrggbb");
    0.2126 * channel(hex, 0) + 0.7152 * channel(hex, 2) + 0.0722 * channel(hex, 4)
}

fn contrast(a: &str, b: &str) -> f64 {
    let (a, b) = (luminance(a), luminance(b));
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

#[test]
fn contrast_matches_wcag_reference_values() {
    assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 1e-9);
    assert!((contrast("#777777", "#ffffff") - 4.48).abs() < 0.01);
    assert!(contrast("#777777", "#ffffff") < AA, "grey #777 on white fails AA");
}

#[test]
fn every_token_class_reaches_aa_in_both_themes() {
    let (light, dark) = themes();
    let mut failures = Vec::new();
    for (name, theme) in [("light", &light), ("dark", &dark)] {
        assert_eq!(
            theme.colours.len(),
            COLOURS.len() + 1,
            "{name}: pre text plus every colour"
        );
        for (selector, colour) in &theme.colours {
            let ratio = contrast(colour, &theme.background);
            if ratio < AA {
                failures.push(format!(
                    "{name} {selector} {colour} on {}: {ratio:.2}",
                    theme.background
                ));
            }
        }
    }
    assert!(failures.is_empty(), "below {AA}:1:\n{}", failures.join("\n"));
}

#[test]
fn both_themes_colour_the_same_classes() {
    let (light, dark) = themes();
    let selectors = |theme: &Parsed| theme.colours.iter().map(|(s, _)| s.clone()).collect::<Vec<_>>();
    assert_eq!(selectors(&light), selectors(&dark));
}

#[test]
fn parameter_names_get_their_own_colour() {
    let html = Renderer::default().render("```rust\nfn first_word(s: &str) -> &str { s }\n```\n");
    assert!(html.contains(r#"(<span class="hl-parameter">s</span>"#), "{html}");
    assert!(highlight_css().contains(".hl-parameter { color:"));
}

#[test]
fn the_most_specific_rule_wins_and_unmatched_scopes_inherit() {
    let colour = |scope: &str| colour_of(&scope.split('.').collect::<Vec<_>>()).map(|colour| colour.name);
    assert_eq!(colour("punctuation.definition.string.begin.rust"), Some("string"));
    assert_eq!(colour("keyword.operator.arithmetic.rust"), Some("plain"));
    assert_eq!(colour("keyword.control.rust"), Some("keyword"));
    assert_eq!(colour("entity.name.function.rust"), Some("function"));
    assert_eq!(colour("storage.modifier.lifetime.rust"), Some("type"));
    assert_eq!(colour("meta.group.rust"), None);
}
