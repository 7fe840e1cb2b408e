//! The village's basic information for forms 1 and 2: which figures, their units, and
//! how a typed value is checked.

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
    /// Not a whole number ≥ 0.
    NotCount,
    /// Not a number ≥ 0 (decimal comma or dot allowed).
    NotMeasure,
    /// Too long or control characters.
    BadText,
}

impl FigureError {
    /// i18n key of the message.
    pub fn key(self) -> &'static str {
        match self {
            FigureError::NotCount => "figure.err.count",
            FigureError::NotMeasure => "figure.err.measure",
            FigureError::BadText => "figure.err.text",
        }
    }
}

/// Checks a typed value for `def` and returns it normalised ("1,5" → "1.5"; "" stays "").
pub fn check_value(def: FigureDef, text: &str) -> Result<String, FigureError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(String::new());
    }
    match def.kind {
        FigureKind::Count => parse_count(text).ok_or(FigureError::NotCount),
        FigureKind::Measure => match text.replace(',', ".").parse::<f64>() {
            Ok(v) if (0.0..1e9).contains(&v) => Ok(v.to_string()),
            _ => Err(FigureError::NotMeasure),
        },
        FigureKind::Text => super::text::clean_name(text).map_err(|_| FigureError::BadText),
    }
}

/// A whole count; dots or spaces only as thousand separators in groups of three
/// ("1.250", "12 000"), so "1.5" is refused rather than read as 15.
fn parse_count(text: &str) -> Option<String> {
    let groups: Vec<&str> = text.split(['.', ' ']).collect();
    let (first, rest) = groups.split_first()?;
    let well_grouped = (1..=3).contains(&first.len()) && rest.iter().all(|g| g.len() == 3);
    if groups.len() > 1 && !well_grouped {
        return None;
    }
    groups.concat().parse::<u64>().ok().map(|n| n.to_string())
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
            Err(FigureError::NotCount)
        );
        assert_eq!(
            check_value(def("population"), "12a"),
            Err(FigureError::NotCount)
        );
        assert_eq!(check_value(def("population"), ""), Ok(String::new()));
    }

    #[test]
    fn measures_accept_decimal_comma() {
        assert_eq!(check_value(def("paddy_ha"), "12,5"), Ok("12.5".into()));
        assert_eq!(
            check_value(def("paddy_ha"), "-1"),
            Err(FigureError::NotMeasure)
        );
        assert_eq!(
            check_value(def("paddy_ha"), "NaN"),
            Err(FigureError::NotMeasure)
        );
    }

    #[test]
    fn keys_are_unique() {
        for (i, a) in FIGURES.iter().enumerate() {
            assert!(FIGURES[i + 1..].iter().all(|b| b.key != a.key), "{}", a.key);
        }
    }
}
