//! The PRA toolkit catalogue used in the situation assessment (medium-term step 2).
//!
//! The catalogue is data, not code: `assets/pra_tools.toml` declares the themes and the
//! tools (Vietnamese and English name, purpose, themes, what is recorded, help text, and
//! whether the women's sub-group must do it). [`Catalogue::builtin`] parses and validates
//! it; adding a tool or a theme means editing that file only.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The catalogue file compiled into the binary.
pub const BUILTIN_TOML: &str = include_str!("../../assets/pra_tools.toml");

/// Why a catalogue file was refused.
#[derive(Debug, Error)]
pub enum CatalogueError {
    /// The file is not valid TOML or does not have the expected shape.
    #[error("PRA catalogue: {0}")]
    Parse(#[from] toml::de::Error),
    /// A code is empty or uses characters other than a-z, 0-9 and `_`.
    #[error("PRA catalogue: bad code {0:?} (use a-z, 0-9, _)")]
    BadCode(String),
    /// Two themes share a code.
    #[error("PRA catalogue: theme {0} declared twice")]
    DuplicateTheme(String),
    /// Two tools share a code.
    #[error("PRA catalogue: tool {0} declared twice")]
    DuplicateTool(String),
    /// Two tools share a number, or a number is 0.
    #[error("PRA catalogue: tool number {0} is 0 or used twice")]
    BadNumber(u32),
    /// A required text is blank.
    #[error("PRA catalogue: {code} has an empty {field}")]
    EmptyField {
        /// Code of the theme or tool.
        code: String,
        /// Name of the blank field.
        field: &'static str,
    },
    /// A tool lists no theme.
    #[error("PRA catalogue: tool {0} has no theme")]
    NoTheme(String),
    /// A tool lists a theme that is not declared.
    #[error("PRA catalogue: tool {tool} uses undeclared theme {theme}")]
    UnknownTheme {
        /// Code of the tool.
        tool: String,
        /// The undeclared theme code.
        theme: String,
    },
}

/// A theme (sector or topic) that tools serve and sub-groups are given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    /// Stable code (`agriculture`, `gender` ...).
    pub code: String,
    /// Vietnamese label.
    pub name_vi: String,
    /// English label.
    pub name_en: String,
    /// A topic of women's units: must be assessed by a women's sub-group.
    #[serde(default)]
    pub women_only: bool,
}

/// One PRA tool of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tool {
    /// Stable code stored with selections and findings.
    pub code: String,
    /// Number in the toolkit (display order).
    pub number: u32,
    /// Vietnamese name.
    pub name_vi: String,
    /// English name.
    pub name_en: String,
    /// Vietnamese purpose.
    pub purpose_vi: String,
    /// English purpose.
    pub purpose_en: String,
    /// Codes of the themes the tool serves.
    pub themes: Vec<String>,
    /// What the facilitator records, in Vietnamese.
    pub records_vi: String,
    /// What the facilitator records, in English.
    pub records_en: String,
    /// How to run the tool in a village, in Vietnamese.
    pub help_vi: String,
    /// How to run the tool in a village, in English.
    pub help_en: String,
    /// Must be done by the women's sub-group.
    #[serde(default)]
    pub women_group: bool,
}

impl Tool {
    /// Whether the tool serves theme `code`.
    pub fn serves(&self, theme: &str) -> bool {
        self.themes.iter().any(|t| t == theme)
    }
}

/// The file's shape before validation.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogueFile {
    themes: Vec<Theme>,
    tools: Vec<Tool>,
}

/// The validated toolkit: themes in file order, tools by number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Catalogue {
    themes: Vec<Theme>,
    tools: Vec<Tool>,
}

impl Catalogue {
    /// Parses and validates the catalogue compiled into the binary.
    pub fn builtin() -> Result<Self, CatalogueError> {
        Self::parse(BUILTIN_TOML)
    }

    /// The built-in catalogue, parsed once per process (`None` if the compiled-in file is
    /// invalid, which a test rules out). Screens and the store use this, not `builtin`.
    pub fn shared() -> Option<&'static Catalogue> {
        static SHARED: std::sync::OnceLock<Option<Catalogue>> = std::sync::OnceLock::new();
        SHARED.get_or_init(|| Self::builtin().ok()).as_ref()
    }

    /// Parses and validates catalogue text in the `pra_tools.toml` format.
    pub fn parse(text: &str) -> Result<Self, CatalogueError> {
        let file: CatalogueFile = toml::from_str(text)?;
        validate_themes(&file.themes)?;
        validate_tools(&file.tools, &file.themes)?;
        let mut tools = file.tools;
        tools.sort_by_key(|t| t.number);
        Ok(Self {
            themes: file.themes,
            tools,
        })
    }

    /// All tools, by number.
    pub fn tools(&self) -> &[Tool] {
        &self.tools
    }

    /// All themes, in file order.
    pub fn themes(&self) -> &[Theme] {
        &self.themes
    }

    /// The tool with `code`.
    pub fn tool(&self, code: &str) -> Option<&Tool> {
        self.tools.iter().find(|t| t.code == code)
    }

    /// The theme with `code`.
    pub fn theme(&self, code: &str) -> Option<&Theme> {
        self.themes.iter().find(|t| t.code == code)
    }

    /// Tools serving theme `code`, by number.
    pub fn tools_for_theme<'a>(&'a self, code: &'a str) -> impl Iterator<Item = &'a Tool> + 'a {
        self.tools.iter().filter(move |t| t.serves(code))
    }

    /// Whether theme `code` is a women's topic (unknown codes are not).
    pub fn is_women_theme(&self, code: &str) -> bool {
        self.theme(code).is_some_and(|t| t.women_only)
    }

    /// Whether tool `code` must be done by the women's sub-group (unknown codes are not).
    pub fn is_women_tool(&self, code: &str) -> bool {
        self.tool(code).is_some_and(|t| t.women_group)
    }
}

fn check_code(code: &str) -> Result<(), CatalogueError> {
    let ok = !code.is_empty()
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if ok {
        Ok(())
    } else {
        Err(CatalogueError::BadCode(code.to_string()))
    }
}

fn check_filled(code: &str, fields: &[(&'static str, &str)]) -> Result<(), CatalogueError> {
    match fields.iter().find(|(_, text)| text.trim().is_empty()) {
        Some((field, _)) => Err(CatalogueError::EmptyField {
            code: code.to_string(),
            field,
        }),
        None => Ok(()),
    }
}

fn validate_themes(themes: &[Theme]) -> Result<(), CatalogueError> {
    let mut seen = HashSet::new();
    for theme in themes {
        check_code(&theme.code)?;
        if !seen.insert(theme.code.as_str()) {
            return Err(CatalogueError::DuplicateTheme(theme.code.clone()));
        }
        check_filled(
            &theme.code,
            &[("name_vi", &theme.name_vi), ("name_en", &theme.name_en)],
        )?;
    }
    Ok(())
}

fn validate_tools(tools: &[Tool], themes: &[Theme]) -> Result<(), CatalogueError> {
    let mut codes = HashSet::new();
    let mut numbers = HashSet::new();
    for tool in tools {
        check_code(&tool.code)?;
        if !codes.insert(tool.code.as_str()) {
            return Err(CatalogueError::DuplicateTool(tool.code.clone()));
        }
        if tool.number == 0 || !numbers.insert(tool.number) {
            return Err(CatalogueError::BadNumber(tool.number));
        }
        check_filled(&tool.code, &tool_texts(tool))?;
        check_tool_themes(tool, themes)?;
    }
    Ok(())
}

fn tool_texts(tool: &Tool) -> [(&'static str, &str); 8] {
    [
        ("name_vi", &tool.name_vi),
        ("name_en", &tool.name_en),
        ("purpose_vi", &tool.purpose_vi),
        ("purpose_en", &tool.purpose_en),
        ("records_vi", &tool.records_vi),
        ("records_en", &tool.records_en),
        ("help_vi", &tool.help_vi),
        ("help_en", &tool.help_en),
    ]
}

fn check_tool_themes(tool: &Tool, themes: &[Theme]) -> Result<(), CatalogueError> {
    if tool.themes.is_empty() {
        return Err(CatalogueError::NoTheme(tool.code.clone()));
    }
    match tool
        .themes
        .iter()
        .find(|code| !themes.iter().any(|t| &t.code == *code))
    {
        Some(theme) => Err(CatalogueError::UnknownTheme {
            tool: tool.code.clone(),
            theme: theme.clone(),
        }),
        None => Ok(()),
    }
}

/// Test helper shared by the assessment modules: the keys of `assets/i18n/assessment.toml`.
#[cfg(test)]
pub(crate) fn assessment_i18n_keys() -> HashSet<String> {
    let text = include_str!("../../assets/i18n/assessment.toml");
    let table: std::collections::HashMap<String, crate::i18n::Entry> =
        toml::from_str(text).expect("assessment.toml parses");
    table.into_keys().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin() -> Catalogue {
        Catalogue::builtin().expect("builtin catalogue is valid")
    }

    #[test]
    fn builtin_loads_with_twelve_tools_in_order() {
        let cat = builtin();
        assert_eq!(cat.tools().len(), 12);
        let numbers: Vec<u32> = cat.tools().iter().map(|t| t.number).collect();
        assert_eq!(numbers, (1..=12).collect::<Vec<_>>());
    }

    #[test]
    fn every_tool_is_filled_in_both_languages() {
        for tool in builtin().tools() {
            for (field, text) in tool_texts(tool) {
                assert!(!text.trim().is_empty(), "{} has empty {field}", tool.code);
            }
            assert!(!tool.themes.is_empty(), "{} has no theme", tool.code);
        }
    }

    #[test]
    fn codes_are_unique() {
        let cat = builtin();
        let codes: HashSet<&str> = cat.tools().iter().map(|t| t.code.as_str()).collect();
        assert_eq!(codes.len(), cat.tools().len());
        let themes: HashSet<&str> = cat.themes().iter().map(|t| t.code.as_str()).collect();
        assert_eq!(themes.len(), cat.themes().len());
    }

    #[test]
    fn womens_tool_is_flagged_and_only_it() {
        let cat = builtin();
        let women: Vec<&str> = cat
            .tools()
            .iter()
            .filter(|t| t.women_group)
            .map(|t| t.code.as_str())
            .collect();
        assert_eq!(women, ["womens_issues"]);
        assert!(cat.is_women_tool("womens_issues"));
        assert!(cat.is_women_theme("gender"));
        assert!(cat.is_women_theme("womens_union"));
        assert!(!cat.is_women_theme("agriculture"));
        assert!(!cat.is_women_tool("no_such_tool"));
    }

    #[test]
    fn lookups_by_code_and_theme() {
        let cat = builtin();
        let map = cat.tool("resource_map").expect("tool 2");
        assert_eq!(map.number, 2);
        assert_eq!(map.name_vi, "Sơ đồ tài nguyên thôn, buôn");
        assert_eq!(
            cat.theme("forestry").map(|t| t.name_en.as_str()),
            Some("Forestry")
        );
        let agri: Vec<u32> = cat
            .tools_for_theme("agriculture")
            .map(|t| t.number)
            .collect();
        assert_eq!(agri, [4, 5, 6]);
        assert!(cat.tool("nope").is_none());
    }

    #[test]
    fn the_domain_themes_are_all_declared() {
        let cat = builtin();
        for code in [
            "general",
            "land_use",
            "agriculture",
            "forestry",
            "economy",
            "organisations",
            "services",
            "infrastructure",
            "gender",
        ] {
            assert!(cat.theme(code).is_some(), "missing theme {code}");
        }
    }

    const THEME: &str = "[[themes]]\ncode = \"a\"\nname_vi = \"A\"\nname_en = \"A\"\n";

    fn tool_toml(code: &str, number: u32, theme: &str) -> String {
        format!(
            "[[tools]]\ncode = \"{code}\"\nnumber = {number}\nname_vi = \"x\"\nname_en = \"x\"\n\
             themes = [\"{theme}\"]\npurpose_vi = \"x\"\npurpose_en = \"x\"\nrecords_vi = \"x\"\n\
             records_en = \"x\"\nhelp_vi = \"x\"\nhelp_en = \"x\"\n"
        )
    }

    #[test]
    fn a_tool_can_be_added_by_data_only() {
        let text = format!(
            "{THEME}{}{}",
            tool_toml("t2", 2, "a"),
            tool_toml("t1", 1, "a")
        );
        let cat = Catalogue::parse(&text).expect("valid");
        assert_eq!(cat.tools()[0].code, "t1");
        assert!(!cat.tools()[0].women_group);
    }

    #[test]
    fn invalid_catalogues_are_refused() {
        let dup = format!(
            "{THEME}{}{}",
            tool_toml("t", 1, "a"),
            tool_toml("t", 2, "a")
        );
        assert!(matches!(
            Catalogue::parse(&dup),
            Err(CatalogueError::DuplicateTool(_))
        ));
        let num = format!(
            "{THEME}{}{}",
            tool_toml("t", 1, "a"),
            tool_toml("u", 1, "a")
        );
        assert!(matches!(
            Catalogue::parse(&num),
            Err(CatalogueError::BadNumber(1))
        ));
        let theme = format!("{THEME}{}", tool_toml("t", 1, "b"));
        assert!(matches!(
            Catalogue::parse(&theme),
            Err(CatalogueError::UnknownTheme { .. })
        ));
        let code = format!("{THEME}{}", tool_toml("T x", 1, "a"));
        assert!(matches!(
            Catalogue::parse(&code),
            Err(CatalogueError::BadCode(_))
        ));
        let blank = format!("{THEME}{}", tool_toml("t", 1, "a"))
            .replace("help_en = \"x\"", "help_en = \" \"");
        assert!(matches!(
            Catalogue::parse(&blank),
            Err(CatalogueError::EmptyField {
                field: "help_en",
                ..
            })
        ));
        let typo = format!("{THEME}{}women = true\n", tool_toml("t", 1, "a"));
        assert!(matches!(
            Catalogue::parse(&typo),
            Err(CatalogueError::Parse(_))
        ));
    }
}
