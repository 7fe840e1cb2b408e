//! User-visible strings in Vietnamese and English, loaded from assets/i18n/*.toml.
//!
//! Owns: the language choice and key lookup. Every key carries both languages; a test
//! checks that. Must not: format layout or know about screens.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

/// The interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Tiếng Việt (default).
    #[default]
    Vi,
    /// English.
    En,
}

impl Lang {
    /// Parses `vi` or `en`.
    pub fn from_code(code: &str) -> Option<Self> {
        match code.trim().to_ascii_lowercase().as_str() {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The other language (for the language toggle key).
    pub fn toggled(self) -> Self {
        match self {
            Lang::Vi => Lang::En,
            Lang::En => Lang::Vi,
        }
    }

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }
}

/// One string in both languages.
#[derive(Debug, Clone, Deserialize)]
pub struct Entry {
    /// Vietnamese text.
    pub vi: String,
    /// English text.
    pub en: String,
}

/// The string files compiled into the binary.
pub const SOURCES: [(&str, &str); 11] = [
    ("core", include_str!("../assets/i18n/core.toml")),
    ("rules", include_str!("../assets/i18n/rules.toml")),
    ("scoring", include_str!("../assets/i18n/scoring.toml")),
    ("assessment", include_str!("../assets/i18n/assessment.toml")),
    ("annual", include_str!("../assets/i18n/annual.toml")),
    ("store", include_str!("../assets/i18n/store.toml")),
    ("export", include_str!("../assets/i18n/export.toml")),
    ("assess_ui", include_str!("../assets/i18n/assess_ui.toml")),
    ("meeting2", include_str!("../assets/i18n/meeting2.toml")),
    (
        "annual_store",
        include_str!("../assets/i18n/annual_store.toml"),
    ),
    ("history", include_str!("../assets/i18n/history.toml")),
];

/// Parses all string files into one table; an error names the file.
pub fn load_table() -> Result<HashMap<String, Entry>, String> {
    let mut table = HashMap::new();
    for (name, text) in SOURCES {
        let part: HashMap<String, Entry> =
            toml::from_str(text).map_err(|e| format!("assets/i18n/{name}.toml: {e}"))?;
        for (key, entry) in part {
            if table.insert(key.clone(), entry).is_some() {
                return Err(format!("assets/i18n/{name}.toml: duplicate key {key}"));
            }
        }
    }
    Ok(table)
}

fn table() -> &'static HashMap<String, Entry> {
    static TABLE: OnceLock<HashMap<String, Entry>> = OnceLock::new();
    TABLE.get_or_init(|| load_table().unwrap_or_default())
}

/// The text for `key` in `lang`; the key itself when missing (tests catch that).
pub fn t(lang: Lang, key: &str) -> String {
    match table().get(key) {
        Some(e) => match lang {
            Lang::Vi => e.vi.clone(),
            Lang::En => e.en.clone(),
        },
        None => key.to_string(),
    }
}

/// The text for `key` with `{0}`, `{1}` ... replaced by `args`.
pub fn tf(lang: Lang, key: &str, args: &[String]) -> String {
    args.iter()
        .enumerate()
        .fold(t(lang, key), |s, (i, a)| s.replace(&format!("{{{i}}}"), a))
}

/// Whether `key` exists (used by tests that walk keys referenced in code).
pub fn has(key: &str) -> bool {
    table().contains_key(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_files_parse_and_both_languages_are_filled() {
        let table = load_table().expect("string files parse");
        for (key, e) in &table {
            assert!(!e.vi.trim().is_empty(), "{key} has no Vietnamese");
            assert!(!e.en.trim().is_empty(), "{key} has no English");
        }
    }

    #[test]
    fn arguments_are_substituted() {
        assert_eq!(
            tf(Lang::En, "no.such.key {0}", &["x".into()]),
            "no.such.key x"
        );
    }
}
