//! Typed numbers: scores, votes and positions as typed, with their errors.

use thiserror::Error;

use super::Scale;

// ---------------------------------------------------------------------------------------
// Typed numbers
// ---------------------------------------------------------------------------------------

/// What is wrong with a typed number (shared by scores, votes and positions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NumberError {
    Empty,
    NotANumber,
    Negative,
    Decimal,
    TooLarge,
}

/// Shape of the text after an optional minus sign.
enum Shape {
    Whole,
    Decimal,
    Other,
}

fn shape(body: &str) -> Shape {
    let digits = body.chars().filter(char::is_ascii_digit).count();
    let seps = body.chars().filter(|c| matches!(c, ',' | '.')).count();
    if digits == 0 || digits + seps != body.chars().count() {
        Shape::Other
    } else if seps == 0 {
        Shape::Whole
    } else if seps == 1 {
        Shape::Decimal
    } else {
        Shape::Other
    }
}

/// Parses a whole, non-negative number as typed: trims spaces; "-3" is negative, "1,5"
/// and "1.5" are decimals; anything else not all digits is not a number.
pub(super) fn parse_whole(text: &str) -> Result<u64, NumberError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(NumberError::Empty);
    }
    let minus = text
        .strip_prefix('-')
        .or_else(|| text.strip_prefix('\u{2212}'));
    let body = minus.map_or(text, str::trim_start);
    match (shape(body), minus.is_some()) {
        (Shape::Other, _) => Err(NumberError::NotANumber),
        (_, true) => Err(NumberError::Negative),
        (Shape::Decimal, false) => Err(NumberError::Decimal),
        (Shape::Whole, false) => body.parse::<u64>().map_err(|_| NumberError::TooLarge),
    }
}

/// Why a typed matrix score was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum ScoreError {
    /// Nothing typed.
    #[error("nothing entered")]
    Empty,
    /// Not a number.
    #[error("enter a whole number")]
    NotANumber,
    /// A negative number.
    #[error("negative numbers are not allowed")]
    Negative,
    /// A decimal such as "1,5" or "1.5".
    #[error("whole numbers only, no comma or decimal point")]
    Decimal,
    /// Outside the cycle's scale.
    #[error("score must be between {min} and {max}")]
    OutOfScale {
        /// Lowest score of the scale.
        min: u8,
        /// Highest score of the scale.
        max: u8,
    },
}

impl ScoreError {
    /// i18n key of the message.
    pub fn message_key(&self) -> &'static str {
        match self {
            ScoreError::Empty => "scoring.err.empty",
            ScoreError::NotANumber => "scoring.err.not_a_number",
            ScoreError::Negative => "scoring.err.negative",
            ScoreError::Decimal => "scoring.err.decimal",
            ScoreError::OutOfScale { .. } => "scoring.err.out_of_scale",
        }
    }

    /// Arguments `{0}`, `{1}` ... of the message.
    pub fn args(&self) -> Vec<String> {
        match self {
            ScoreError::OutOfScale { min, max } => vec![min.to_string(), max.to_string()],
            _ => Vec::new(),
        }
    }
}

/// Parses a matrix score typed by the facilitator and checks it against the scale.
pub fn parse_score(text: &str, scale: Scale) -> Result<u8, ScoreError> {
    let out_of_scale = ScoreError::OutOfScale {
        min: scale.min,
        max: scale.max,
    };
    let value = parse_whole(text).map_err(|e| match e {
        NumberError::Empty => ScoreError::Empty,
        NumberError::NotANumber => ScoreError::NotANumber,
        NumberError::Negative => ScoreError::Negative,
        NumberError::Decimal => ScoreError::Decimal,
        NumberError::TooLarge => out_of_scale,
    })?;
    u8::try_from(value)
        .ok()
        .filter(|v| scale.contains(*v))
        .ok_or(out_of_scale)
}
