//! The colours of highlighted code, set by hand for the light and the dark
//! theme. syntect's bundled themes were made for their own backgrounds and
//! fail WCAG contrast on ours (in base16-ocean.dark parameter names vanish),
//! so every token class here has a colour per theme that reaches at least
//! 4.5:1 (WCAG AA) against that theme's code background; a unit test computes
//! it from the stylesheet this module writes.

/// One theme's code background and default text colour; token colours are
/// in [`TOKENS`].
struct Theme {
    background: &'static str,
    text: &'static str,
}

const LIGHT: Theme = Theme {
    background: "#f6f8fa",
    text: "#1d1d1f",
};

const DARK: Theme = Theme {
    background: "#2b303b",
    text: "#e8e8ea",
};

/// A token class: the TextMate scope it matches (syntect writes each scope
/// atom as an `hl-` class, so `entity.name.function` is
/// `.hl-entity.hl-name.hl-function`) and its colour in the light and the dark
/// theme. More atoms mean a more specific selector, as scopes mean.
struct Token {
    scope: &'static str,
    light: &'static str,
    dark: &'static str,
}

const fn token(scope: &'static str, light: &'static str, dark: &'static str) -> Token {
    Token { scope, light, dark }
}

const COMMENT: (&str, &str) = ("#57606a", "#aab0bb");
const KEYWORD: (&str, &str) = ("#b31d28", "#ff8b83");
const STRING: (&str, &str) = ("#0a3069", "#a5d6ff");
const CONSTANT: (&str, &str) = ("#0550ae", "#79c0ff");
const FUNCTION: (&str, &str) = ("#6f42c1", "#d2a8ff");
const TYPE: (&str, &str) = ("#8a3a00", "#ffb86b");
const PARAMETER: (&str, &str) = ("#7d2e7f", "#ff9ec7");
const MACRO: (&str, &str) = ("#116329", "#7ee787");

const fn of(scope: &'static str, colours: (&'static str, &'static str)) -> Token {
    token(scope, colours.0, colours.1)
}

/// Every token class the stylesheet colours. Anything else shows in the
/// theme's text colour.
const TOKENS: &[Token] = &[
    of("comment", COMMENT),
    of("punctuation.definition.comment", COMMENT),
    of("keyword", KEYWORD),
    of("keyword.operator", (LIGHT.text, DARK.text)),
    of("storage", KEYWORD),
    of("storage.type", KEYWORD),
    of("storage.modifier", KEYWORD),
    of("storage.modifier.lifetime", TYPE),
    of("variable.language", KEYWORD),
    of("string", STRING),
    of("punctuation.definition.string", STRING),
    of("constant", CONSTANT),
    of("constant.character.escape", CONSTANT),
    of("constant.numeric", CONSTANT),
    of("constant.language", CONSTANT),
    of("entity.name.function", FUNCTION),
    of("support.function", FUNCTION),
    of("entity.name", TYPE),
    of("entity.name.type", TYPE),
    of("entity.name.struct", TYPE),
    of("entity.name.enum", TYPE),
    of("entity.name.trait", TYPE),
    of("entity.name.impl", TYPE),
    of("entity.name.lifetime", TYPE),
    of("entity.other.inherited-class", TYPE),
    of("support.type", TYPE),
    of("support.class", TYPE),
    of("storage.type.numeric", TYPE),
    of("storage.type.primitive", TYPE),
    of("variable.parameter", PARAMETER),
    of("support.macro", MACRO),
    of("entity.name.macro", MACRO),
    of("meta.annotation", COMMENT),
    of("meta.attribute", COMMENT),
    of("entity.name.tag", KEYWORD),
    of("entity.other.attribute-name", FUNCTION),
    of("markup.heading", FUNCTION),
    of("markup.inserted", MACRO),
    of("markup.deleted", KEYWORD),
    of("invalid", (LIGHT.text, DARK.text)),
];

/// The stylesheet for highlighted code: the light theme, and the dark one
/// under `prefers-color-scheme: dark`. It also sets every `pre` block's
/// background and text colour, so the colours the contrast test checks are
/// the ones a reader sees.
pub fn highlight_css() -> String {
    let light = theme_css(&LIGHT, |t| t.light);
    let dark = theme_css(&DARK, |t| t.dark);
    format!("{light}@media (prefers-color-scheme: dark) {{\n{dark}}}\n")
}

fn theme_css(theme: &Theme, colour: impl Fn(&Token) -> &'static str) -> String {
    let mut css = format!("pre {{ background: {}; color: {}; }}\n", theme.background, theme.text);
    for token in TOKENS {
        css.push_str(&format!("{} {{ color: {}; }}\n", selector(token.scope), colour(token)));
    }
    css
}

/// `entity.name.function` as `.hl-entity.hl-name.hl-function`, the classes
/// syntect's `ClassStyle::SpacedPrefixed { prefix: "hl-" }` writes.
fn selector(scope: &str) -> String {
    scope.split('.').map(|atom| format!(".hl-{atom}")).collect()
}

#[cfg(test)]
#[path = "palette_tests.rs"]
mod tests;
