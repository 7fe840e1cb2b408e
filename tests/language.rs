//! The interface's words as a whole (issue 16, Language): one tone-mark style, the
//! procedure's names, no ambiguous abbreviation and no label that doubles a word the
//! name already has. Reads every string file (`assets/i18n/*.toml`) and the PRA toolkit.

use kehoach::domain::place::commune_short_name;
use kehoach::i18n::{Lang, load_table, t, tf};
use unicode_normalization::UnicodeNormalization;

/// Every Vietnamese text: (where, text).
fn vietnamese() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = load_table()
        .expect("string files parse")
        .into_iter()
        .map(|(key, entry)| (key, entry.vi))
        .collect();
    let pra: toml::Value = toml::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/pra_tools.toml"
        ))
        .expect("pra_tools.toml"),
    )
    .expect("pra_tools.toml parses");
    for tool in pra["tools"].as_array().expect("tools") {
        for (field, value) in tool.as_table().expect("tool") {
            if let (true, Some(text)) = (field.ends_with("_vi"), value.as_str()) {
                out.push((format!("pra_tools {field}"), text.to_owned()));
            }
        }
    }
    out
}

/// Whether `word` (lower case, NFC) puts the tone of an open "oa", "oe" or "uy" on its
/// first vowel ("hóa", "thủy"), the style kehoach does not use ("hoá", "thuỷ").
fn old_tone_style(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    let [.., first, last] = chars.as_slice() else {
        return false;
    };
    let base = |c: char| c.to_string().nfd().next().unwrap_or(c);
    let toned = |c: char| c.to_string().nfd().count() > 1 && c != 'ô' && c != 'ơ' && c != 'ư';
    let qu = word.starts_with("qu");
    match (base(*first), *last) {
        ('o', 'a' | 'e') => toned(*first),
        ('u', 'y') => toned(*first) && !qu,
        _ => false,
    }
}

/// The words of `text`, lower case and NFC.
fn words(text: &str) -> Vec<String> {
    let text: String = text.nfc().flat_map(char::to_lowercase).collect();
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_tone_mark_detector_tells_the_two_styles_apart() {
    for old in ["hóa", "hòa", "thủy", "xóa", "khỏe", "ủy"] {
        assert!(old_tone_style(old), "{old}");
    }
    for new in [
        "hoá", "hoà", "thuỷ", "xoá", "khoẻ", "quý", "hoạch", "toàn", "thuyền", "mùa",
    ] {
        assert!(!old_tone_style(new), "{new}");
    }
}

#[test]
fn every_vietnamese_text_uses_one_tone_mark_style() {
    let all = vietnamese();
    let old: Vec<String> = all
        .iter()
        .flat_map(|(key, text)| {
            words(text)
                .into_iter()
                .filter(|w| old_tone_style(w))
                .map(move |w| format!("{key}: {w}"))
        })
        .collect();
    assert!(
        old.is_empty(),
        "\"hóa/thủy\" style next to \"hoá/thuỷ\": {old:#?}"
    );
    // Not vacuous: the style kept is in use.
    assert!(
        all.iter()
            .any(|(_, text)| words(text).iter().any(|w| w == "hoá"))
    );
    assert!(
        all.iter()
            .any(|(_, text)| words(text).iter().any(|w| w == "thuỷ"))
    );
}

#[test]
fn no_text_uses_an_ambiguous_abbreviation() {
    for (key, entry) in load_table().expect("string files parse") {
        for text in [&entry.vi, &entry.en] {
            // "HĐ" reads as "hợp đồng" (contract); "DT" is no better.
            for bad in ["HĐ", "DT", "Xã Xã", "Nhóm Nhóm", "buôn Buôn"] {
                assert!(!text.contains(bad), "{key}: {bad:?} in {text:?}");
            }
        }
    }
}

#[test]
fn labels_given_a_name_that_has_its_word_show_the_word_once() {
    let args = |a: &[&str]| a.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    let shown = tf(Lang::Vi, "wgm.report_title", &args(&["Nhóm 1", "1", "3"]));
    assert!(
        shown.contains("Nhóm 1 trình bày") && !shown.contains("Nhóm Nhóm"),
        "{shown}"
    );
    let shown = tf(Lang::Vi, "del.prompt", &args(&["Buôn Kram"]));
    assert!(
        shown.starts_with("Xoá Buôn Kram cùng mọi kỳ kế hoạch"),
        "{shown}"
    );
    assert!(!shown.to_lowercase().contains("buôn buôn"), "{shown}");
    // The commune labels add "Xã" and are given the name without it.
    for key in ["home.commune", "cycle.breadcrumb", "hist.breadcrumb"] {
        let shown = tf(
            Lang::Vi,
            key,
            &args(&[commune_short_name("Xã Ea Tiêu"), "Buôn Kram", "2026"]),
        );
        assert!(
            shown.contains("Xã Ea Tiêu") && !shown.contains("Xã Xã"),
            "{key}: {shown}"
        );
    }
    let shown = tf(
        Lang::Vi,
        "check.cycle",
        &args(&["Buôn Kram", commune_short_name("xã Ea Tiêu"), "2026", "9"]),
    );
    assert!(
        shown.contains("xã Ea Tiêu,") && !shown.contains("xã xã"),
        "{shown}"
    );
}

#[test]
fn the_procedure_names_its_steps_acts_and_criteria() {
    let table = load_table().expect("string files parse");
    for (key, entry) in &table {
        let vi = &entry.vi;
        // "duyệt" is not what a village meeting does; "trình duyệt" (browser) is fine.
        assert!(
            !vi.replace("trình duyệt", "").contains("duyệt"),
            "{key}: {vi:?} (say \"thông qua\")"
        );
        for old in ["Họp dân lần", "họp dân lần", "thực trạng", "lược đồ"] {
            assert!(!vi.contains(old), "{key}: {old:?} in {vi:?}");
        }
    }
    let criteria = [
        ("urgency", "Mức cấp thiết"),
        ("ease", "Dễ làm"),
        ("womens_proposal", "Đề xuất của phụ nữ"),
        ("low_outside_dependence", "Ít lệ thuộc vào bên ngoài"),
        ("fits_village_ways", "Phù hợp với cách làm của thôn, buôn"),
    ];
    for (code, words) in criteria {
        assert_eq!(t(Lang::Vi, &format!("scoring.criterion.{code}")), words);
    }
    assert_eq!(t(Lang::Vi, "scoring.criterion.urgency.short"), "Cấp thiết");
    for (place, text) in vietnamese() {
        assert!(
            !text.contains("thôn buôn"),
            "{place}: {text:?} (say \"thôn, buôn\")"
        );
    }
    assert!(t(Lang::Vi, "step.meeting1").starts_with("Họp thôn, buôn lần 1"));
    assert!(t(Lang::Vi, "step.meeting2").starts_with("Họp thôn, buôn lần 2"));
    assert!(t(Lang::Vi, "step.assessment").starts_with("Đánh giá tình hình thôn, buôn"));
}
