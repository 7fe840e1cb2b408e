//! Numbers as typed, the Vietnamese way: one parser for every numeric field.
//!
//! - A **dot groups thousands** (`1.250`, `15.000.000`; a space does too: `15 000 000`),
//!   in groups of three after the first.
//! - A **comma is the decimal mark** (`1,5`, `1.250,75`).
//! - An entry that reads two ways is refused with an example instead of guessed:
//!   `15,000,000` in a whole field (English thousands), `1.250` or `1,250` in a decimal
//!   field (a thousand and a quarter, or one and a quarter?), `1.5` anywhere (English
//!   decimals). `0,125` and `1.250,5` are not ambiguous.
//! - Empty text is `None` ("not given"); a minus sign is refused.
//!
//! Whole numbers too long for `u64` saturate at `u64::MAX`, so the caller's limit refuses
//! them. What one parser accepts, the other reads as the same value.

use serde::{Deserialize, Serialize};

use super::text::fold;

/// Why a typed number was refused; each has a message with an example.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NumberError {
    /// Letters or other characters where a whole number was asked.
    NotANumber,
    /// Letters or other characters where a number with decimals may be typed.
    NotADecimal,
    /// A minus sign.
    Negative,
    /// Decimals where a whole number is asked (`1,5`).
    NotWhole,
    /// Commas between thousands, the English way (`15,000,000`).
    CommaGroups,
    /// Thousand groups not of three digits (`1.50`, `1.000 000`).
    Grouping,
    /// One separator before three digits in a decimal field: `1.250` or `1,250`.
    Ambiguous,
    /// A dot as the decimal mark, the English way (`1.5`).
    DotDecimal,
}

impl NumberError {
    /// Every error, for key checks.
    pub const ALL: [NumberError; 8] = [
        NumberError::NotANumber,
        NumberError::NotADecimal,
        NumberError::Negative,
        NumberError::NotWhole,
        NumberError::CommaGroups,
        NumberError::Grouping,
        NumberError::Ambiguous,
        NumberError::DotDecimal,
    ];

    /// i18n key of the message (each says what to type instead, with an example).
    pub fn key(self) -> &'static str {
        match self {
            NumberError::NotANumber => "number.err.not_a_number",
            NumberError::NotADecimal => "number.err.not_a_decimal",
            NumberError::Negative => "number.err.negative",
            NumberError::NotWhole => "number.err.not_whole",
            NumberError::CommaGroups => "number.err.comma_groups",
            NumberError::Grouping => "number.err.grouping",
            NumberError::Ambiguous => "number.err.ambiguous",
            NumberError::DotDecimal => "number.err.dot_decimal",
        }
    }
}

/// Parses a whole number ≥ 0 (`1.250`, `15 000 000`); empty is `None`.
pub fn parse_whole(text: &str) -> Result<Option<u64>, NumberError> {
    let Some(body) = unsigned(text)? else {
        return Ok(None);
    };
    if !body.chars().all(|c| c.is_ascii_digit() || is_mark(c)) {
        return Err(NumberError::NotANumber);
    }
    if body.contains(',') {
        return Err(comma_in_whole(body));
    }
    whole_digits(body).map(Some)
}

/// Parses a number ≥ 0 with optional decimals after a comma (`12,5`, `1.250,75`); empty
/// is `None`.
pub fn parse_decimal(text: &str) -> Result<Option<f64>, NumberError> {
    let Some(body) = unsigned(text)? else {
        return Ok(None);
    };
    if !body.chars().all(|c| c.is_ascii_digit() || is_mark(c)) {
        return Err(NumberError::NotADecimal);
    }
    match body.split_once(',') {
        Some((int, frac)) => with_decimals(int, frac),
        None => without_decimals(body),
    }
}

/// Parses an amount of đồng like [`parse_whole`], allowing a trailing `đ`, `₫`, `đồng`,
/// `VND` or `VNĐ` (any case, with or without diacritics).
pub fn parse_vnd(text: &str) -> Result<Option<u64>, NumberError> {
    parse_whole(strip_currency(text.trim()))
}

/// `text` without a trailing currency mark and the spaces before it.
fn strip_currency(text: &str) -> &str {
    for chars in [4, 3, 1] {
        if let Some((at, _)) = text.char_indices().rev().nth(chars - 1)
            && matches!(fold(&text[at..]).as_str(), "dong" | "vnd" | "d" | "₫")
        {
            return text[..at].trim_end();
        }
    }
    text
}

/// Formats a whole number with dots between thousands: `15.000.000`.
pub fn format_whole(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// Formats a decimal with a comma mark and no thousand dots (`1,5`, `1500`); a value with
/// exactly three decimals gets a trailing zero (`1,1250`) so that [`parse_decimal`] reads
/// it back.
pub fn format_decimal(value: f64) -> String {
    let text = value.to_string().replace('.', ",");
    match text.split_once(',') {
        Some((int, frac)) if frac.len() == 3 && int.bytes().any(|b| b != b'0') => {
            format!("{text}0")
        }
        _ => text,
    }
}

/// Removes the first of `suffixes` that ends `text`, and the spaces before it.
pub fn strip_suffix_any<'a>(text: &'a str, suffixes: &[&str]) -> &'a str {
    suffixes
        .iter()
        .find_map(|s| text.strip_suffix(s))
        .map_or(text, str::trim_end)
}

/// The trimmed text without a leading `+`; `None` when blank; a minus sign is refused.
fn unsigned(text: &str) -> Result<Option<&str>, NumberError> {
    let s = text.trim();
    if s.is_empty() {
        return Ok(None);
    }
    if s.starts_with(['-', '\u{2212}']) {
        return Err(NumberError::Negative);
    }
    Ok(Some(s.strip_prefix('+').unwrap_or(s)))
}

fn is_mark(c: char) -> bool {
    matches!(c, '.' | ',' | ' ' | '\u{a0}' | '\u{202f}')
}

fn is_group_mark(c: char) -> bool {
    matches!(c, '.' | ' ' | '\u{a0}' | '\u{202f}')
}

/// Why a whole number holding a comma is refused: English thousands, or decimals.
fn comma_in_whole(body: &str) -> NumberError {
    let groups: Vec<&str> = body.split(',').collect();
    if !body.contains(|c: char| is_group_mark(c)) && well_grouped(&groups) {
        NumberError::CommaGroups
    } else {
        NumberError::NotWhole
    }
}

/// The value of digits grouped by dots or spaces (no comma in `body`).
fn whole_digits(body: &str) -> Result<u64, NumberError> {
    let groups: Vec<&str> = body.split(is_group_mark).collect();
    if groups.iter().any(|g| g.is_empty()) {
        return Err(NumberError::NotANumber);
    }
    if groups.len() > 1 && !(one_kind_of_mark(body) && well_grouped(&groups)) {
        return Err(dot_or_grouping(body, &groups));
    }
    let digits = groups.concat();
    let significant = digits.trim_start_matches('0');
    // Only digits remain, so parsing fails on overflow only: saturate for the limit check.
    Ok(if significant.is_empty() {
        0
    } else {
        significant.parse().unwrap_or(u64::MAX)
    })
}

/// A badly grouped whole number: one dot before one or two digits (`1.5`, `12.50`) or
/// after a zero (`0.250`) is an English decimal; anything else a bad grouping.
fn dot_or_grouping(body: &str, groups: &[&str]) -> NumberError {
    let one_dot = body.matches('.').count() == 1 && groups.len() == 2;
    let short_tail = groups.last().is_some_and(|g| (1..=2).contains(&g.len()));
    let zero_head = groups.first().is_some_and(|g| g.starts_with('0'));
    if one_dot && (short_tail || zero_head) {
        NumberError::NotWhole
    } else {
        NumberError::Grouping
    }
}

/// `int,frac`: the whole part grouped as in [`whole_digits`], then digits only.
fn with_decimals(int: &str, frac: &str) -> Result<Option<f64>, NumberError> {
    if frac.contains(',') {
        let groups: Vec<&str> = std::iter::once(int).chain(frac.split(',')).collect();
        let english = !int.contains(|c: char| is_group_mark(c)) && well_grouped(&groups);
        return Err(if english {
            NumberError::CommaGroups
        } else {
            NumberError::NotADecimal
        });
    }
    if frac.is_empty() || !frac.chars().all(|c| c.is_ascii_digit()) {
        return Err(NumberError::NotADecimal);
    }
    let whole = if int.is_empty() {
        0
    } else {
        whole_digits(int).map_err(|e| match e {
            NumberError::NotWhole => NumberError::Grouping,
            other => other,
        })?
    };
    let single_mark = !int.contains(|c: char| is_group_mark(c));
    if single_mark && frac.len() == 3 && whole != 0 {
        return Err(NumberError::Ambiguous);
    }
    format!("{whole}.{frac}")
        .parse()
        .map(Some)
        .map_err(|_| NumberError::NotADecimal)
}

/// A decimal field's entry with no comma: `1.250` alone reads two ways; `0.5` and `1.5`
/// are English decimals; `1.250.000` and `1 250` are whole.
fn without_decimals(body: &str) -> Result<Option<f64>, NumberError> {
    let groups: Vec<&str> = body.split(is_group_mark).collect();
    let one_dot = body.matches('.').count() == 1 && groups.len() == 2;
    if one_dot && groups.first().is_some_and(|g| g.bytes().all(|b| b == b'0')) {
        return Err(NumberError::DotDecimal);
    }
    let whole = whole_digits(body).map_err(|e| match e {
        NumberError::NotANumber => NumberError::NotADecimal,
        NumberError::NotWhole => NumberError::DotDecimal,
        other => other,
    })?;
    if one_dot {
        return Err(NumberError::Ambiguous);
    }
    Ok(Some(whole as f64))
}

fn one_kind_of_mark(body: &str) -> bool {
    let mut marks = body.chars().filter(|c| !c.is_ascii_digit());
    let first = marks.next();
    marks.all(|c| Some(c) == first)
}

fn well_grouped(groups: &[&str]) -> bool {
    let digits = |g: &&str| g.chars().all(|c| c.is_ascii_digit());
    match groups.split_first() {
        Some((first, rest)) => {
            (1..=3).contains(&first.len())
                && digits(first)
                && !first.starts_with('0')
                && rest.iter().all(|g| g.len() == 3 && digits(g))
        }
        None => false,
    }
}

#[cfg(test)]
mod tests;
