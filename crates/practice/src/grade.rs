//! The four answers a reader gives after revealing a card (Again, Hard, Good,
//! Easy), as FSRS numbers them. Parsed once at the boundary from a button's
//! name or its number, so nothing else handles a free-form grade.

use crate::error::Error;
use std::fmt;
use std::str::FromStr;

/// How well the reader recalled the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Grade {
    /// Forgot it: the card comes back within minutes.
    Again,
    /// Recalled it with serious effort.
    Hard,
    /// Recalled it.
    Good,
    /// Recalled it without effort.
    Easy,
}

impl Grade {
    /// Every grade, in button order.
    pub const ALL: [Grade; 4] = [Grade::Again, Grade::Hard, Grade::Good, Grade::Easy];

    /// FSRS's number for the grade (1 Again to 4 Easy), as stored in review logs.
    pub fn number(self) -> i16 {
        match self {
            Grade::Again => 1,
            Grade::Hard => 2,
            Grade::Good => 3,
            Grade::Easy => 4,
        }
    }

    /// The grade FSRS numbers `number` (1 to 4).
    pub fn from_number(number: i64) -> Result<Grade, Error> {
        match number {
            1 => Ok(Grade::Again),
            2 => Ok(Grade::Hard),
            3 => Ok(Grade::Good),
            4 => Ok(Grade::Easy),
            _ => Err(Error::UnknownGrade(number.to_string())),
        }
    }

    /// The name used in forms and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Grade::Again => "again",
            Grade::Hard => "hard",
            Grade::Good => "good",
            Grade::Easy => "easy",
        }
    }

    /// Parses a button's name ("again", any case) or number ("1" to "4").
    pub fn parse(text: &str) -> Result<Grade, Error> {
        let text = text.trim();
        if let Some(grade) = Grade::ALL.into_iter().find(|g| g.as_str().eq_ignore_ascii_case(text)) {
            return Ok(grade);
        }
        match text.parse::<i64>() {
            Ok(number) => Grade::from_number(number),
            Err(_) => Err(Error::UnknownGrade(text.to_owned())),
        }
    }
}

impl FromStr for Grade {
    type Err = Error;

    fn from_str(text: &str) -> Result<Grade, Error> {
        Grade::parse(text)
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_button_name_or_number_gives_the_grade() {
        assert_eq!(Grade::parse("again"), Ok(Grade::Again));
        assert_eq!(Grade::parse("Good"), Ok(Grade::Good));
        assert_eq!(Grade::parse(" easy "), Ok(Grade::Easy));
        assert_eq!(Grade::parse("2"), Ok(Grade::Hard));
        assert_eq!("4".parse::<Grade>(), Ok(Grade::Easy));
        for grade in Grade::ALL {
            assert_eq!(Grade::from_number(grade.number().into()), Ok(grade));
            assert_eq!(Grade::parse(&grade.to_string()), Ok(grade));
        }
    }

    #[test]
    fn anything_else_is_refused_with_the_valid_names() {
        for text in ["", "0", "5", "-1", "okay", "good!"] {
            let error = Grade::parse(text).expect_err(text);
            assert!(error.to_string().contains("again, hard, good, easy"), "{error}");
        }
    }
}
