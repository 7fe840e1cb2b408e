//! The village's basic information for forms 1 and 2: which figures, their units, and
//! how a typed value is checked.

use super::number::{NumberError, format_decimal, parse_decimal, parse_whole};

/// How a figure's value is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureKind {
    /// A whole count (people, households, works).
    Count,
    /// An area or length with decimals (ha, km).
    Measure,
    /// Free text (ethnic groups, notes).
    Text,
}

/// One figure of forms 1-2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FigureDef {
    /// Stable key (also `figure.<key>` in i18n).
    pub key: &'static str,
    /// How it is typed.
    pub kind: FigureKind,
}

const fn f(key: &'static str, kind: FigureKind) -> FigureDef {
    FigureDef { key, kind }
}

/// The figures kehoach records, in form order.
pub const FIGURES: &[FigureDef] = &[
    f("population", FigureKind::Count),
    f("women", FigureKind::Count),
    f("households", FigureKind::Count),
    f("poor_households", FigureKind::Count),
    f("near_poor_households", FigureKind::Count),
    f("minority_households", FigureKind::Count),
    f("ethnic_groups", FigureKind::Text),
    f("agricultural_land_ha", FigureKind::Measure),
    f("paddy_ha", FigureKind::Measure),
    f("perennial_crops_ha", FigureKind::Measure),
    f("forest_ha", FigureKind::Measure),
    f("roads_km", FigureKind::Measure),
    f("paved_roads_km", FigureKind::Measure),
    f("irrigation_works", FigureKind::Count),
    f("clean_water_households", FigureKind::Count),
    f("electricity_households", FigureKind::Count),
    f("school_rooms", FigureKind::Count),
    f("health_post", FigureKind::Text),
];

/// Why a typed figure was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureError {
    /// Not a number by the one convention (a dot groups thousands, a comma marks decimals).
    Number(NumberError),
    /// A billion or more.
    TooLarge,
    /// Too long or control characters.
    BadText,
}

impl FigureError {
    /// i18n key of the message.
    pub fn key(self) -> &'static str {
        match self {
            FigureError::Number(e) => e.key(),
            FigureError::TooLarge => "figure.err.too_large",
            FigureError::BadText => "figure.err.text",
        }
    }
}

/// Checks a typed value for `def` and returns it as stored ("1.250" → "1250", "1,5" →
/// "1.5"; "" stays "").
pub fn check_value(def: FigureDef, text: &str) -> Result<String, FigureError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(String::new());
    }
    match def.kind {
        FigureKind::Count => match parse_whole(text) {
            Ok(v) if v.unwrap_or_default() < 1_000_000_000 => Ok(v.unwrap_or_default().to_string()),
            Ok(_) => Err(FigureError::TooLarge),
            Err(e) => Err(FigureError::Number(e)),
        },
        FigureKind::Measure => match parse_decimal(text) {
            Ok(v) if v.unwrap_or_default() < 1e9 => Ok(v.unwrap_or_default().to_string()),
            Ok(_) => Err(FigureError::TooLarge),
            Err(e) => Err(FigureError::Number(e)),
        },
        FigureKind::Text => super::text::clean_name(text).map_err(|_| FigureError::BadText),
    }
}

/// A stored value as the facilitator reads and types it: a measure with a decimal comma
/// ("1.5" → "1,5"); counts and text as stored.
pub fn shown_value(def: FigureDef, stored: &str) -> String {
    match (def.kind, stored.trim().parse::<f64>()) {
        (FigureKind::Measure, Ok(v)) if v.is_finite() => format_decimal(v),
        _ => stored.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(key: &str) -> FigureDef {
        *FIGURES
            .iter()
            .find(|d| d.key == key)
            .expect("figure exists")
    }

    #[test]
    fn counts_accept_thousand_dots_and_refuse_negatives() {
        assert_eq!(check_value(def("population"), "1.250"), Ok("1250".into()));
        assert_eq!(
            check_value(def("population"), "-3"),
            Err(FigureError::Number(NumberError::Negative))
        );
        assert_eq!(
            check_value(def("population"), "12a"),
            Err(FigureError::Number(NumberError::NotANumber))
        );
        assert_eq!(
            check_value(def("population"), "1,250"),
            Err(FigureError::Number(NumberError::CommaGroups))
        );
        assert_eq!(check_value(def("population"), ""), Ok(String::new()));
    }

    #[test]
    fn measures_accept_decimal_comma() {
        assert_eq!(check_value(def("paddy_ha"), "12,5"), Ok("12.5".into()));
        assert_eq!(
            check_value(def("paddy_ha"), "-1"),
            Err(FigureError::Number(NumberError::Negative))
        );
        assert_eq!(
            check_value(def("paddy_ha"), "NaN"),
            Err(FigureError::Number(NumberError::NotADecimal))
        );
        assert_eq!(
            check_value(def("paddy_ha"), "1e12"),
            Err(FigureError::Number(NumberError::NotADecimal))
        );
        assert_eq!(
            check_value(def("paddy_ha"), "2.000.000.000"),
            Err(FigureError::TooLarge)
        );
    }

    #[test]
    fn a_measure_reads_one_way_as_a_count_does() {
        // Before one parser, "1.250" was 1250 as a count and 1.25 as a measure.
        assert_eq!(check_value(def("population"), "1.250"), Ok("1250".into()));
        assert_eq!(
            check_value(def("paddy_ha"), "1.250"),
            Err(FigureError::Number(NumberError::Ambiguous))
        );
        assert_eq!(
            check_value(def("paddy_ha"), "1.5"),
            Err(FigureError::Number(NumberError::DotDecimal))
        );
        assert_eq!(check_value(def("paddy_ha"), "1,25"), Ok("1.25".into()));
        assert_eq!(shown_value(def("paddy_ha"), "1.25"), "1,25");
        assert_eq!(shown_value(def("population"), "1250"), "1250");
    }

    #[test]
    fn keys_are_unique() {
        for (i, a) in FIGURES.iter().enumerate() {
            assert!(FIGURES[i + 1..].iter().all(|b| b.key != a.key), "{}", a.key);
        }
    }
}
