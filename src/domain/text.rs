//! Names and free text: validation and diacritic-insensitive matching.

use unicode_normalization::UnicodeNormalization;

/// Longest name accepted, in characters.
pub const MAX_NAME_CHARS: usize = 200;

/// Why a typed name was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameError {
    /// Nothing but spaces (or combining marks with no letter to sit on).
    Empty,
    /// More than [`MAX_NAME_CHARS`] characters.
    TooLong,
    /// Contains control or invisible formatting characters.
    ControlCharacters,
}

impl NameError {
    /// The i18n key of the message that says what is wrong.
    pub fn message_key(self) -> &'static str {
        match self {
            NameError::Empty => "err.name_empty",
            NameError::TooLong => "err.name_too_long",
            NameError::ControlCharacters => "err.name_control",
        }
    }
}

/// Validates a name and returns it trimmed, with inner runs of spaces collapsed and in
/// Unicode NFC (so text from different Vietnamese input methods compares equal).
pub fn clean_name(raw: &str) -> Result<String, NameError> {
    if raw.chars().any(is_forbidden) {
        return Err(NameError::ControlCharacters);
    }
    let cleaned: String = raw
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .nfc()
        .collect();
    if cleaned
        .chars()
        .all(|c| c == ' ' || unicode_normalization::char::is_combining_mark(c))
    {
        // Nothing, or only combining marks: no letter for them to sit on.
        Err(NameError::Empty)
    } else if cleaned.chars().count() > MAX_NAME_CHARS {
        Err(NameError::TooLong)
    } else {
        Ok(cleaned)
    }
}

fn is_forbidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

/// Folds text for searching: lower case, diacritics removed, đ → d.
/// `fold("Nguyễn Thị")` is `"nguyen thi"`.
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect()
}

/// Whether `haystack` contains `needle`, ignoring case and Vietnamese diacritics.
pub fn matches(haystack: &str, needle: &str) -> bool {
    fold(haystack).contains(&fold(needle.trim()))
}

/// Text of several lines as a terminal may deliver it, made plain: line breaks of any
/// kind (CR LF, CR alone as terminals send pasted lines, LF) become one `\n`, a tab a
/// space, terminal escape sequences (`ESC [ … m`) and other control or invisible
/// characters are dropped.
pub fn clean_multiline(text: &str) -> String {
    let plain = text
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\t', " ");
    let mut out = String::with_capacity(plain.len());
    let mut chars = plain.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            if chars.next_if_eq(&'[').is_some() {
                // A control sequence ends at its first byte in '@'..='~'.
                for end in chars.by_ref() {
                    if ('@'..='~').contains(&end) {
                        break;
                    }
                }
            } else {
                chars.next();
            }
        } else if c == '\n' || !is_forbidden(c) {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_lines_keep_their_breaks_and_lose_escape_bytes() {
        assert_eq!(
            clean_multiline("Đường đất\rlầy lội\r\nmùa mưa\n\x1b[31mđỏ\x1b[0m\tx"),
            "Đường đất\nlầy lội\nmùa mưa\nđỏ x"
        );
    }

    #[test]
    fn a_name_of_only_combining_marks_is_empty() {
        assert_eq!(clean_name("\u{301}\u{303} \u{323}"), Err(NameError::Empty));
        assert_eq!(clean_name("A\u{301}").as_deref(), Ok("Á"));
    }

    #[test]
    fn folding_removes_vietnamese_diacritics() {
        assert_eq!(fold("Nguyễn Thị Hường"), "nguyen thi huong");
        assert_eq!(fold("ĐINH Văn Đức"), "dinh van duc");
        assert_eq!(fold("H'Nhi Êban"), "h'nhi eban");
    }

    #[test]
    fn search_ignores_case_and_marks() {
        assert!(matches("Nguyễn Thị Lan", "nguyen thi"));
        assert!(matches("Y Bhin Niê", "NIE"));
        assert!(!matches("Trần Văn Nam", "nguyen"));
    }

    #[test]
    fn decomposed_input_equals_composed() {
        let decomposed = "Nguye\u{302}\u{303}n";
        assert_eq!(clean_name(decomposed), Ok("Nguyễn".to_string()));
    }

    #[test]
    fn names_are_validated() {
        assert_eq!(clean_name("   "), Err(NameError::Empty));
        assert_eq!(clean_name(&"a".repeat(201)), Err(NameError::TooLong));
        assert!(clean_name(&"ễ".repeat(200)).is_ok());
        assert_eq!(clean_name("Lan\u{7}"), Err(NameError::ControlCharacters));
        assert_eq!(clean_name("Lan\u{200B}"), Err(NameError::ControlCharacters));
        assert_eq!(clean_name("  Y   Bhin  "), Ok("Y Bhin".to_string()));
        assert_eq!(clean_name("Hoa 🌸"), Ok("Hoa 🌸".to_string()));
    }
}
