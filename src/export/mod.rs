//! Exports of a village's plan for the commune: pure functions from a plan snapshot to
//! bytes (xlsx, html, csv, json). The caller writes the files. Must not touch the database.

pub mod assignment;
pub mod bundle;
pub mod canonical;
pub mod commune;
pub mod csv;
pub mod district;
pub mod forms;
pub mod html;
pub mod snapshot;
pub mod xlsx;

pub use bundle::{Bundle, Stamp};
pub use snapshot::CycleSnapshot;

use chrono::Offset;

use crate::domain::record::CycleRecord;

use crate::domain::{ChairRole, Gender, Organisation, WealthGroup};
use crate::i18n::{Lang, t};

/// Why an export could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The spreadsheet writer failed.
    #[error("spreadsheet error: {0}")]
    Xlsx(String),
}

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Excel workbook, one sheet per form.
    Xlsx,
    /// Printable A4 HTML page.
    Html,
    /// One UTF-8 CSV file (with BOM) per form.
    Csv,
    /// JSON bundle with schema version and checksum.
    Json,
}

impl Format {
    /// All formats.
    pub const ALL: [Format; 4] = [Format::Xlsx, Format::Html, Format::Csv, Format::Json];

    /// Parses `xlsx`, `html`, `csv` or `json` (any case).
    pub fn from_code(code: &str) -> Option<Self> {
        match code.trim().to_ascii_lowercase().as_str() {
            "xlsx" => Some(Format::Xlsx),
            "html" => Some(Format::Html),
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

/// What one export run renders from: the exchange bundle (the whole record, already
/// without personal details when private). Every format of one run shows its check code.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// The bundle written as JSON.
    pub bundle: Bundle,
}

impl Source {
    /// The source of one cycle, without personal details when `private`.
    pub fn new(record: CycleRecord, private: bool, stamp: &Stamp) -> Self {
        let record = if private {
            record.without_personal_details()
        } else {
            record
        };
        Source {
            bundle: Bundle::new(record, private, stamp),
        }
    }

    /// Every form of the cycle, times shown at the bundle's UTC offset.
    pub fn forms(&self, lang: Lang) -> Vec<forms::Form> {
        let offset = chrono::DateTime::parse_from_rfc3339(&self.bundle.created_at)
            .map(|t| *t.offset())
            .unwrap_or_else(|_| chrono::Utc.fix());
        forms::all(&self.bundle.record, lang, offset)
    }

    /// "Mã kiểm tra: XXXX-XXXX" in the language.
    pub fn check_code_line(&self, lang: Lang) -> String {
        crate::i18n::tf(lang, "bundle.check_code", &[self.bundle.check_code()])
    }
}

/// The files of one format: (file name, bytes).
pub fn render(
    source: &Source,
    format: Format,
    lang: Lang,
) -> Result<Vec<(String, Vec<u8>)>, ExportError> {
    let r = &source.bundle.record;
    let stem = file_stem(&r.village.name, r.cycle.year);
    let place = format!(
        "{} {}, {} {}, {} {}",
        t(lang, "export.field.commune"),
        r.commune.short_name(),
        t(lang, "export.field.district"),
        r.commune.district,
        t(lang, "export.field.province"),
        r.commune.province
    );
    let check_code = source.check_code_line(lang);
    Ok(match format {
        Format::Xlsx => {
            let margins = xlsx::Margins {
                place: format!(
                    "{}, {place} · {} {}",
                    r.village.name,
                    t(lang, "export.field.year"),
                    r.cycle.year
                ),
                check_code,
            };
            vec![(
                format!("{stem}.xlsx"),
                xlsx::to_xlsx(&source.forms(lang), &margins, lang)?,
            )]
        }
        Format::Html => {
            let page = html::Page {
                title: format!(
                    "{} – {} {}",
                    r.village.name,
                    t(lang, "export.field.year"),
                    r.cycle.year
                ),
                place: format!("{}, {place}", r.village.name),
                check_code,
                note: source
                    .bundle
                    .private
                    .then(|| t(lang, "export.private_note")),
            };
            vec![(
                format!("{stem}.html"),
                html::to_html(&source.forms(lang), &page, lang),
            )]
        }
        Format::Json => vec![(format!("{stem}.json"), source.bundle.to_bytes())],
        Format::Csv => csv::to_csv(&source.forms(lang), &stem, lang),
    })
}

/// ASCII-safe file stem from village and year: "Buôn Kram", 2026 → "buon-kram-2026".
pub fn file_stem(village: &str, year: i32) -> String {
    let folded = crate::domain::text::fold(village);
    let mut stem = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            stem.push(c);
        } else if !stem.is_empty() && !stem.ends_with('-') {
            stem.push('-');
        }
    }
    let stem = stem.trim_end_matches('-');
    if stem.is_empty() {
        format!("village-{year}")
    } else {
        format!("{stem}-{year}")
    }
}

/// Label of a gender.
pub(crate) fn gender_label(lang: Lang, g: Gender) -> String {
    t(lang, &format!("gender.{}", g.code()))
}

/// Label of a wealth group (empty when unknown).
pub(crate) fn wealth_label(lang: Lang, w: Option<WealthGroup>) -> String {
    w.map(|w| t(lang, &format!("wealth.{}", w.code())))
        .unwrap_or_default()
}

/// Labels of organisations, comma-separated.
pub(crate) fn orgs_label(lang: Lang, orgs: &[Organisation]) -> String {
    orgs.iter()
        .map(|o| t(lang, &format!("export.org.{}", o.code())))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Label of a chair's role (empty when not set).
pub(crate) fn role_label(lang: Lang, r: Option<ChairRole>) -> String {
    r.map(|r| t(lang, &format!("role.{}", r.code())))
        .unwrap_or_default()
}

/// "Có"/"Không" (yes/no).
pub(crate) fn yes_no(lang: Lang, b: bool) -> String {
    t(lang, if b { "export.yes" } else { "export.no" })
}

/// Label of a figure key.
pub(crate) fn figure_label(lang: Lang, key: &str) -> String {
    t(lang, &format!("figure.{key}"))
}

/// Whether a figure is a number (count or measure) by its definition.
pub(crate) fn figure_number(key: &str, value: &str) -> Option<f64> {
    use crate::domain::basic_info::{FIGURES, FigureKind};
    let def = FIGURES.iter().find(|d| d.key == key)?;
    match def.kind {
        FigureKind::Text => None,
        FigureKind::Count | FigureKind::Measure => value.trim().replace(',', ".").parse().ok(),
    }
}

/// Labels of what the chair announced.
pub(crate) fn announced_label(lang: Lang, codes: &[String]) -> String {
    codes
        .iter()
        .map(|c| t(lang, &format!("rec.ann.{c}")))
        .collect::<Vec<_>>()
        .join(", ")
}

/// An ISO date `YYYY-MM-DD` (optionally followed by a time) as `DD/MM/YYYY`; other text
/// unchanged.
pub(crate) fn date(iso: &str) -> String {
    let b = iso.as_bytes();
    let shaped = b.len() >= 10
        && b[4] == b'-'
        && b[7] == b'-'
        && [0, 1, 2, 3, 5, 6, 8, 9]
            .iter()
            .all(|&i| b[i].is_ascii_digit());
    if shaped {
        format!("{}/{}/{}", &iso[8..10], &iso[5..7], &iso[..4])
    } else {
        iso.to_string()
    }
}

/// An RFC 3339 time with offset as `DD/MM/YYYY HH:MM (UTC+07:00)`; other text unchanged.
pub fn local_time(rfc3339: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(rfc3339) {
        Ok(t) => format!("{} (UTC{})", t.format("%d/%m/%Y %H:%M"), t.offset()),
        Err(_) => rfc3339.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_stems_are_ascii() {
        assert_eq!(file_stem("Buôn Kram", 2026), "buon-kram-2026");
        assert_eq!(file_stem("Thôn 3", 2027), "thon-3-2027");
        assert_eq!(file_stem("Đắk  Lắk / Ea", 2026), "dak-lak-ea-2026");
        assert_eq!(file_stem("..", 2026), "village-2026");
    }

    #[test]
    fn local_times_keep_their_offset() {
        assert_eq!(
            local_time("2026-12-04T11:05:00+07:00"),
            "04/12/2026 11:05 (UTC+07:00)"
        );
        assert_eq!(local_time("later"), "later");
    }
}
