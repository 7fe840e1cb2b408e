//! Communes and villages (thôn, buôn, khối phố).

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

/// Database identifier of a commune.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CommuneId(pub i64);

/// Database identifier of a village.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct VillageId(pub i64);

/// A commune (xã) with its district and province.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commune {
    /// Identifier.
    pub id: CommuneId,
    /// Commune name, e.g. "Ea Tu".
    pub name: String,
    /// District (huyện) name.
    pub district: String,
    /// Province (tỉnh) name.
    pub province: String,
}

impl Commune {
    /// The name for labels that add "Xã" themselves: see [`commune_short_name`].
    pub fn short_name(&self) -> &str {
        commune_short_name(&self.name)
    }
}

/// A commune's name without a leading word "Xã" the user may have typed, so that a label
/// "Xã {0}" shows "Xã Ea Tiêu" once, not "Xã Xã Ea Tiêu".
///
/// The word is matched in any case and Unicode form ("XÃ", "xã", "Xa" + combining tilde) but
/// only with its tone mark: "Xa" or "Xà" is a different word and stays. A name that is only
/// "Xã" is returned whole (nothing else would be left to show).
pub fn commune_short_name(name: &str) -> &str {
    let trimmed = name.trim_start();
    let Some(end) = trimmed.find(char::is_whitespace) else {
        return name;
    };
    let first: String = trimmed[..end].nfc().flat_map(char::to_lowercase).collect();
    let rest = trimmed[end..].trim_start();
    if first == "xã" && !rest.is_empty() {
        rest
    } else {
        name
    }
}

/// A commune's name for matching what a person or a file names it: without a leading
/// "Xã", case and diacritics folded, spaces collapsed ("Xã  Ea Tiêu" and "ea tieu" match).
pub fn commune_key(name: &str) -> String {
    let folded = super::text::fold(commune_short_name(name));
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The keys a commune's name typed by a person may mean, in the order to try: its
/// [`commune_key`], then, when it starts with "xa" typed without its tone mark ("xa ea
/// tieu"), the same without that word. A commune whose name itself begins "Xa" is still
/// found by the first.
pub fn commune_keys(wanted: &str) -> Vec<String> {
    let key = commune_key(wanted);
    let loose = key
        .strip_prefix("xa ")
        .map(str::to_string)
        .filter(|rest| !rest.is_empty());
    std::iter::once(key).chain(loose).collect()
}

/// A district's name without a leading "Huyện", "Thị xã" or "Thành phố" (case ignored;
/// the name as written when nothing follows).
pub fn district_short_name(name: &str) -> &str {
    let trimmed = name.trim();
    let folded = super::text::fold(trimmed);
    for prefix in ["huyen ", "thi xa ", "thanh pho ", "tp. ", "tp "] {
        if let Some(rest) = folded.strip_prefix(prefix)
            && !rest.trim().is_empty()
        {
            // The prefix's words, counted in the name as written.
            let words = prefix.split_whitespace().count();
            let mut rest = trimmed;
            for _ in 0..words {
                rest = rest
                    .trim_start()
                    .split_once(char::is_whitespace)
                    .map_or("", |(_, r)| r);
            }
            return rest.trim_start();
        }
    }
    trimmed
}

/// A district's name for matching: without its leading "Huyện" (or "Thị xã", "Thành
/// phố"), case and diacritics folded, spaces collapsed.
pub fn district_key(name: &str) -> String {
    let folded = super::text::fold(district_short_name(name));
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The kind of planning unit; the procedure says "thôn, buôn" for all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum VillageKind {
    /// Thôn: a Kinh or mixed village.
    Thon,
    /// Buôn: an Ê Đê / M'nông village.
    Buon,
    /// Khối phố: an urban block.
    KhoiPho,
}

impl VillageKind {
    /// All kinds in display order.
    pub const ALL: [VillageKind; 3] = [VillageKind::Thon, VillageKind::Buon, VillageKind::KhoiPho];

    /// Stable code used in storage.
    pub fn code(self) -> &'static str {
        match self {
            VillageKind::Thon => "thon",
            VillageKind::Buon => "buon",
            VillageKind::KhoiPho => "khoi_pho",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// A village: the planning unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Village {
    /// Identifier.
    pub id: VillageId,
    /// The commune it belongs to.
    pub commune_id: CommuneId,
    /// Village name, e.g. "Buôn Kô Sier".
    pub name: String,
    /// Thôn, buôn or khối phố.
    pub kind: VillageKind,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn communes_match_with_or_without_xa_and_diacritics() {
        assert_eq!(commune_key("Xã  Ea Tiêu"), "ea tieu");
        assert_eq!(commune_key("ea tieu"), "ea tieu");
        assert_eq!(commune_key("XÃ EA TIÊU "), "ea tieu");
        assert_ne!(
            commune_key("Xa Ea Tiêu"),
            "ea tieu",
            "Xa without its tone is a name"
        );
    }

    #[test]
    fn a_typed_xa_without_its_tone_is_tried_after_the_whole_name() {
        assert_eq!(commune_keys("xa ea tieu"), ["xa ea tieu", "ea tieu"]);
        assert_eq!(commune_keys("XA  EA TIEU"), ["xa ea tieu", "ea tieu"]);
        assert_eq!(commune_keys("Xã Ea Tiêu"), ["ea tieu"]);
        assert_eq!(commune_keys("ea tieu"), ["ea tieu"]);
        assert_eq!(commune_keys("Xa"), ["xa"], "nothing after the word");
    }

    #[test]
    fn districts_match_with_or_without_huyen_and_diacritics() {
        assert_eq!(district_key("Huyện Cư Kuin"), "cu kuin");
        assert_eq!(district_key("  cu   KUIN "), "cu kuin");
        assert_eq!(district_key("huyen cu kuin"), "cu kuin");
        assert_eq!(district_key("Thị xã Buôn Hồ"), "buon ho");
        assert_eq!(district_key("TP. Buôn Ma Thuột"), "buon ma thuot");
        assert_eq!(district_short_name("Huyện Krông Pắc"), "Krông Pắc");
        // A name that is only the word is kept.
        assert_eq!(district_short_name("Huyện"), "Huyện");
    }

    #[test]
    fn a_typed_xa_prefix_is_dropped_once() {
        assert_eq!(commune_short_name("Xã Ea Tiêu"), "Ea Tiêu");
        assert_eq!(commune_short_name("xã Ea Tiêu"), "Ea Tiêu");
        assert_eq!(commune_short_name("XÃ EA TIÊU"), "EA TIÊU");
        assert_eq!(commune_short_name("  Xã   Hòa Phú"), "Hòa Phú");
        // Only the first word: a second "Xã" is part of the name as typed.
        assert_eq!(commune_short_name("Xã Xã Ea Tiêu"), "Xã Ea Tiêu");
    }

    #[test]
    fn the_prefix_is_found_in_decomposed_unicode_too() {
        // "Xa" + U+0303 COMBINING TILDE, as some input methods send it.
        assert_eq!(commune_short_name("Xa\u{303} Ea Tu"), "Ea Tu");
        assert_eq!(commune_short_name("X\u{c3} Ea Tu"), "Ea Tu");
    }

    #[test]
    fn names_without_the_word_xa_with_its_tone_are_kept_whole() {
        for name in [
            "Ea Tiêu", "Xa Ea Tu", "Xà Lâm", "Xá Tân", "Xãnh", "Xã", "Xã ", "Hòa Xã", "",
        ] {
            assert_eq!(commune_short_name(name), name, "{name:?}");
        }
    }

    #[test]
    fn the_commune_method_uses_its_name() {
        let commune = Commune {
            id: CommuneId(1),
            name: "Xã Cư Suê".to_owned(),
            district: "Cư M'gar".to_owned(),
            province: "Đắk Lắk".to_owned(),
        };
        assert_eq!(commune.short_name(), "Cư Suê");
    }
}
