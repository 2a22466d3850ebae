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

/// A colour of highlighted code: the class a token gets (`hl-{name}`) and
/// its colour in the light and the dark theme.
pub(crate) struct Colour {
    pub(crate) name: &'static str,
    light: &'static str,
    dark: &'static str,
}

const fn colour(name: &'static str, light: &'static str, dark: &'static str) -> Colour {
    Colour { name, light, dark }
}

const COMMENT: Colour = colour("comment", "#57606a", "#aab0bb");
const KEYWORD: Colour = colour("keyword", "#b31d28", "#ff8b83");
const STRING: Colour = colour("string", "#0a3069", "#a5d6ff");
const CONSTANT: Colour = colour("constant", "#0550ae", "#79c0ff");
const FUNCTION: Colour = colour("function", "#6f42c1", "#d2a8ff");
const TYPE: Colour = colour("type", "#8a3a00", "#ffb86b");
const PARAMETER: Colour = colour("parameter", "#7d2e7f", "#ff9ec7");
const MACRO: Colour = colour("macro", "#116329", "#7ee787");
/// The theme's text colour: a token that must not take the colour of the
/// scope around it (an operator inside an attribute, say) gets no span.
pub(crate) const PLAIN: Colour = colour("plain", LIGHT.text, DARK.text);

/// Every colour the stylesheet writes a class for.
const COLOURS: [&Colour; 8] = [
    &COMMENT, &KEYWORD, &STRING, &CONSTANT, &FUNCTION, &TYPE, &PARAMETER, &MACRO,
];

/// Which TextMate scopes take which colour. A scope matches a rule when it
/// has every atom of the rule's scope (`punctuation.definition.string.begin`
/// matches `string` and `punctuation.definition.string`); the rule with the
/// most atoms wins, and among equals the later one. Anything no rule matches
/// takes the colour of the scope around it, as nested elements would.
pub(crate) const RULES: &[(&str, &Colour)] = &[
    ("comment", &COMMENT),
    ("punctuation.definition.comment", &COMMENT),
    ("keyword", &KEYWORD),
    ("keyword.operator", &PLAIN),
    ("storage", &KEYWORD),
    ("storage.type", &KEYWORD),
    ("storage.modifier", &KEYWORD),
    ("storage.modifier.lifetime", &TYPE),
    ("variable.language", &KEYWORD),
    ("string", &STRING),
    ("punctuation.definition.string", &STRING),
    ("constant", &CONSTANT),
    ("constant.character.escape", &CONSTANT),
    ("constant.numeric", &CONSTANT),
    ("constant.language", &CONSTANT),
    ("entity.name.function", &FUNCTION),
    ("support.function", &FUNCTION),
    ("entity.name", &TYPE),
    ("entity.name.type", &TYPE),
    ("entity.name.struct", &TYPE),
    ("entity.name.enum", &TYPE),
    ("entity.name.trait", &TYPE),
    ("entity.name.impl", &TYPE),
    ("entity.name.lifetime", &TYPE),
    ("entity.other.inherited-class", &TYPE),
    ("support.type", &TYPE),
    ("support.class", &TYPE),
    ("storage.type.numeric", &TYPE),
    ("storage.type.primitive", &TYPE),
    ("variable.parameter", &PARAMETER),
    ("support.macro", &MACRO),
    ("entity.name.macro", &MACRO),
    ("meta.annotation", &COMMENT),
    ("meta.attribute", &COMMENT),
    ("entity.name.tag", &KEYWORD),
    ("entity.other.attribute-name", &FUNCTION),
    ("markup.heading", &FUNCTION),
    ("markup.inserted", &MACRO),
    ("markup.deleted", &KEYWORD),
    ("invalid", &PLAIN),
];

/// The colour of one scope (given as its atoms), if any rule matches it.
pub(crate) fn colour_of(atoms: &[&str]) -> Option<&'static Colour> {
    RULES
        .iter()
        .enumerate()
        .filter(|(_, (rule, _))| rule.split('.').all(|atom| atoms.contains(&atom)))
        .max_by_key(|(order, (rule, _))| (rule.split('.').count(), *order))
        .map(|(_, (_, colour))| *colour)
}

/// The stylesheet for highlighted code: the light theme, and the dark one
/// under `prefers-color-scheme: dark`. It also sets every `pre` block's
/// background and text colour, so the colours the contrast test checks are
/// the ones a reader sees.
pub fn highlight_css() -> String {
    let light = theme_css(&LIGHT, |c| c.light);
    let dark = theme_css(&DARK, |c| c.dark);
    format!("{light}@media (prefers-color-scheme: dark) {{\n{dark}}}\n")
}

fn theme_css(theme: &Theme, colour: impl Fn(&Colour) -> &'static str) -> String {
    let mut css = format!("pre {{ background: {}; color: {}; }}\n", theme.background, theme.text);
    for each in COLOURS {
        css.push_str(&format!(".hl-{} {{ color: {}; }}\n", each.name, colour(each)));
    }
    css
}

#[cfg(test)]
#[path = "palette_tests.rs"]
mod tests;
