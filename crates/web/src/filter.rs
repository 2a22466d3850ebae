//! The question list's filters, parsed from the query string. Unknown values
//! are refused with a message naming the valid ones; parameters we do not use
//! are ignored (links with tracking parameters still work).

use bank::{Experience, Level, Question, Topic};

/// Which questions a list shows. Every combination is a finite, valid key, so
/// rendered lists can be cached by it.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash)]
pub struct QuestionFilter {
    pub level: Option<Level>,
    pub experience: Option<Experience>,
    pub topic: Option<Topic>,
    /// Only the free sample questions.
    pub free: bool,
}

impl QuestionFilter {
    /// The questions of one level (a browse page).
    pub fn level(level: Level) -> QuestionFilter {
        QuestionFilter {
            level: Some(level),
            ..Default::default()
        }
    }

    /// The questions of one experience band (a browse page).
    pub fn experience(band: Experience) -> QuestionFilter {
        QuestionFilter {
            experience: Some(band),
            ..Default::default()
        }
    }

    /// The questions of one topic (a browse page).
    pub fn topic(topic: Topic) -> QuestionFilter {
        QuestionFilter {
            topic: Some(topic),
            ..Default::default()
        }
    }

    /// Parses `level`, `experience`, `topic` and `free` from a query string.
    /// An empty value means "any", as the filter form submits it.
    pub fn from_query(query: Option<&str>) -> Result<QuestionFilter, String> {
        let mut filter = QuestionFilter::default();
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query.unwrap_or(""))
            .map_err(|_| "The query string is not valid URL encoding.".to_owned())?;
        let mut seen: Vec<&str> = Vec::new();
        for (key, value) in &pairs {
            let key = key.as_str();
            if !matches!(key, "level" | "experience" | "topic" | "free") || value.is_empty() {
                continue;
            }
            if seen.contains(&key) {
                return Err(format!("Give `{key}` only once."));
            }
            seen.push(key);
            let unknown =
                |what: &str, names: String| format!("Unknown {what} `{}`. Use one of: {names}.", truncate(value));
            match key {
                "level" => filter.level = Some(Level::parse(value).ok_or_else(|| unknown("level", Level::names()))?),
                "experience" => {
                    filter.experience =
                        Some(Experience::parse(value).ok_or_else(|| unknown("experience band", Experience::names()))?)
                }
                "topic" => filter.topic = Some(Topic::parse(value).ok_or_else(|| unknown("topic", Topic::names()))?),
                _ => {
                    if value != "true" {
                        return Err(unknown("value for free", "true".into()));
                    }
                    filter.free = true;
                }
            }
        }
        Ok(filter)
    }

    pub fn matches(&self, question: &Question) -> bool {
        self.level.is_none_or(|level| question.level == level)
            && self.experience.is_none_or(|band| question.experience == band)
            && self.topic.is_none_or(|topic| question.topics.contains(&topic))
            && (!self.free || question.free)
    }

    pub fn is_empty(&self) -> bool {
        *self == QuestionFilter::default()
    }

    /// The page heading for this selection.
    pub fn heading(&self) -> String {
        let mut heading = match self.level {
            Some(level) => format!("{} Rust interview questions", level.label()),
            None => "Rust interview questions".to_owned(),
        };
        if let Some(topic) = self.topic {
            heading.push_str(&format!(" on {}", topic.label().to_lowercase()));
        }
        if let Some(band) = self.experience {
            heading.push_str(&format!(" for {} of experience", band.label()));
        }
        if self.free {
            heading = format!("Free sample questions: {heading}");
        }
        heading
    }

    /// The one URL this selection is published under.
    pub fn canonical_url(&self) -> String {
        match (self.level, self.experience, self.topic, self.free) {
            (None, None, None, false) => "/questions".to_owned(),
            (Some(level), None, None, false) => format!("/levels/{level}"),
            (None, Some(band), None, false) => format!("/experience/{band}"),
            (None, None, Some(topic), false) => format!("/topics/{topic}"),
            _ => format!("/questions?{}", self.query_string()),
        }
    }

    /// The selection as query parameters (`level=senior&topic=async`).
    pub fn query_string(&self) -> String {
        let mut pairs = Vec::new();
        if let Some(level) = self.level {
            pairs.push(("level", level.as_str()));
        }
        if let Some(band) = self.experience {
            pairs.push(("experience", band.as_str()));
        }
        if let Some(topic) = self.topic {
            pairs.push(("topic", topic.as_str()));
        }
        if self.free {
            pairs.push(("free", "true"));
        }
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }
}

/// Echoes at most 40 characters of user input in a message.
fn truncate(value: &str) -> String {
    let mut short: String = value.chars().take(40).collect();
    if short.len() < value.len() {
        short.push('…');
    }
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_combines_filters() {
        let filter =
            QuestionFilter::from_query(Some("level=senior&topic=async&utm_source=x&experience=")).expect("valid");
        assert_eq!(filter.level, Some(Level::Senior));
        assert_eq!(filter.topic, Some(Topic::Async));
        assert_eq!(filter.experience, None);
        assert_eq!(filter.canonical_url(), "/questions?level=senior&topic=async");
    }

    #[test]
    fn refuses_unknown_values_with_the_valid_ones() {
        let error = QuestionFilter::from_query(Some("level=expert")).expect_err("unknown level");
        assert!(error.contains("beginner, intermediate, senior"), "{error}");
        assert!(QuestionFilter::from_query(Some("experience=5%2B")).is_ok());
        assert!(QuestionFilter::from_query(Some("level=senior&level=beginner")).is_err());
        assert!(QuestionFilter::from_query(Some("free=yes")).is_err());
    }
}
