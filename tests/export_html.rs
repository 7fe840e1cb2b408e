//! The printable HTML of the demo's two years (2026 makes the medium-term plan, 2027
//! carries it over and reviews 2026): every form and meeting record on its own page, every
//! activity name with diacritics, the official plan's ranks as in the snapshot, nothing
//! loaded from outside, user text escaped, counts kept under the privacy option.

#![allow(clippy::unwrap_used)]

use kehoach::export::CycleSnapshot;
use kehoach::export::html::to_html;
use kehoach::i18n::{Lang, t, tf};
use kehoach::store::Store;

/// The demo's 2026 and 2027 snapshots.
fn demo() -> (CycleSnapshot, CycleSnapshot) {
    let mut store = Store::open_in_memory().unwrap();
    let first = kehoach::demo::populate(&mut store).unwrap();
    let next = kehoach::demo::second_year(&store, first).unwrap();
    (
        store.cycle_snapshot(first).unwrap(),
        store.cycle_snapshot(next).unwrap(),
    )
}

fn html(s: &CycleSnapshot, lang: Lang) -> String {
    String::from_utf8(to_html(s, lang)).unwrap()
}

/// Text as the page writes it.
fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The section with this id, up to its end.
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("<section id=\"{id}\""))
        .unwrap_or_else(|| panic!("no section {id}"));
    let end = html[start..].find("</section>").unwrap() + start;
    &html[start..end]
}

const SECTIONS_2026: [&str; 10] = [
    "forms-1-2",
    "meeting-1",
    "activities",
    "form-3",
    "meeting-2",
    "official-plan",
    "review",
    "form-4",
    "approval-meeting",
    "attendance",
];
const SECTIONS_2027: [&str; 5] = [
    "forms-1-2",
    "official-plan",
    "review",
    "form-4",
    "approval-meeting",
];

/// (section id, title) of every form and record the year prints.
fn titles(s: &CycleSnapshot, lang: Lang) -> Vec<(&'static str, String)> {
    let year = s.cycle.year;
    let mut all = vec![
        ("forms-1-2", t(lang, "export.title.basic")),
        ("official-plan", t(lang, "export.title.official")),
        (
            "review",
            tf(lang, "export.title.review", &[(year - 1).to_string()]),
        ),
        (
            "form-4",
            tf(lang, "export.title.form4", &[year.to_string()]),
        ),
        ("form-4", t(lang, "export.title.part1")),
        ("form-4", t(lang, "export.title.part2")),
        ("approval-meeting", t(lang, "export.title.approval")),
    ];
    if year == 2026 {
        all.extend([
            ("meeting-1", t(lang, "export.title.meeting1")),
            ("activities", t(lang, "export.title.activities")),
            ("form-3", t(lang, "export.title.form3")),
            ("meeting-2", t(lang, "export.title.meeting2")),
            ("attendance", t(lang, "export.title.attendees")),
        ]);
    }
    all
}

#[test]
fn both_years_are_utf8_with_every_form_title_in_its_section() {
    let (y2026, y2027) = demo();
    for s in [&y2026, &y2027] {
        for lang in [Lang::Vi, Lang::En] {
            let page = html(s, lang);
            assert!(page.starts_with("<!DOCTYPE html>"));
            assert!(page.contains("<meta charset=\"utf-8\">"));
            for (id, title) in titles(s, lang) {
                let sec = section(&page, id);
                assert!(sec.contains(&esc(&title)), "{} {id}: {title}", s.cycle.year);
            }
            for raw in ["export.", "scoring.", "annual.", "rec.", "{0}"] {
                assert!(
                    !page.contains(raw),
                    "untranslated {raw} in {}",
                    s.cycle.year
                );
            }
        }
    }
    let page = html(&y2027, Lang::Vi);
    assert!(section(&page, "official-plan").contains("Lập năm 2026, áp dụng cho năm 2027"));
    assert!(section(&page, "review").contains("Đánh giá thực hiện kế hoạch năm 2026"));
}

#[test]
fn every_activity_of_each_form_is_named_with_diacritics() {
    let (y2026, y2027) = demo();
    let page = html(&y2026, Lang::Vi);
    assert!(!y2026.draft_plan.is_empty());
    for row in &y2026.draft_plan {
        let a = y2026.activities.iter().find(|a| a.id.0 == row.activity);
        let name = &a.unwrap().fields.name;
        assert!(section(&page, "form-3").contains(&esc(name)), "{name}");
    }
    assert!(page.contains("Tập huấn kỹ thuật tái canh cà phê"));
    for s in [&y2026, &y2027] {
        let page = html(s, Lang::Vi);
        let plan = s.official_plan.as_ref().unwrap();
        for a in &plan.activities {
            let name = esc(&a.fields.name);
            assert!(section(&page, "official-plan").contains(&name), "{name}");
        }
        for row in &s.annual_plan.as_ref().unwrap().rows {
            let name = esc(&row.activity.fields.name);
            assert!(section(&page, "form-4").contains(&name), "{name}");
        }
    }
    let review = y2027.review.as_ref().unwrap();
    let page = html(&y2027, Lang::Vi);
    for row in &review.rows {
        let name = esc(&row.activity.fields.name);
        assert!(section(&page, "review").contains(&name), "{name}");
    }
}

#[test]
fn official_plan_rows_carry_the_mens_and_womens_ranks_of_the_snapshot() {
    let (y2026, y2027) = demo();
    for s in [&y2026, &y2027] {
        let page = html(s, Lang::Vi);
        let sec = section(&page, "official-plan");
        let plan = s.official_plan.as_ref().unwrap();
        assert!(sec.contains(&esc(&t(Lang::Vi, plan.combined.method.statement_key()))));
        assert!(sec.contains(&format!("<td>{}</td>", plan.men.recorder)));
        for row in &plan.combined.rows {
            let a = plan.activities.iter().find(|a| a.id.0 == row.activity);
            let cells = format!(
                "<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>",
                esc(&a.unwrap().fields.name),
                row.men_points,
                row.men_rank,
                row.women_points,
                row.women_rank,
                row.draft_rank
            );
            assert!(sec.contains(&cells), "{cells}");
        }
    }
}

#[test]
fn nothing_is_loaded_from_outside() {
    let (y2026, y2027) = demo();
    for s in [&y2026, &y2027] {
        for lang in [Lang::Vi, Lang::En] {
            let page = html(s, lang).to_ascii_lowercase();
            for bad in [
                "http://", "https://", "<script", "<link", "@import", "url(", "src=", "<img",
            ] {
                assert!(!page.contains(bad), "{bad}");
            }
        }
    }
}

#[test]
fn user_text_is_escaped() {
    let (mut s, _) = demo();
    let typed = "Đường <b>bê tông</b> & \"cầu\"";
    let id = s.draft_plan[0].activity;
    for a in s.activities.iter_mut().filter(|a| a.id.0 == id) {
        a.fields.name = typed.into();
    }
    let plan = s.official_plan.as_mut().unwrap();
    plan.activities[0].fields.name = typed.into();
    s.annual_plan.as_mut().unwrap().rows[0].activity.fields.name = typed.into();
    s.meeting1.as_mut().unwrap().override_reason = Some("<script>x</script>".into());
    let page = html(&s, Lang::Vi);
    assert!(!page.contains("<b>bê tông</b>") && !page.contains("<script"));
    let escaped = "Đường &lt;b&gt;bê tông&lt;/b&gt; &amp; &quot;cầu&quot;";
    for id in ["activities", "form-3", "official-plan", "form-4"] {
        assert!(section(&page, id).contains(escaped), "{id}");
    }
    assert!(section(&page, "meeting-1").contains("&lt;script&gt;x&lt;/script&gt;"));
}

#[test]
fn each_form_and_meeting_record_starts_a_printed_page() {
    let (y2026, y2027) = demo();
    for (s, ids) in [(&y2026, &SECTIONS_2026[..]), (&y2027, &SECTIONS_2027[..])] {
        let page = html(s, Lang::Vi);
        assert_eq!(page.matches("<section ").count(), ids.len());
        assert_eq!(page.matches("</section>").count(), ids.len());
        let mut at = 0;
        for id in ids {
            let found = page[at..].find(&format!("<section id=\"{id}\" class=\"page"));
            at += found.unwrap_or_else(|| panic!("{id} missing or out of order"));
        }
        for wide in ["official-plan", "form-4", "review"] {
            assert!(page.contains(&format!("<section id=\"{wide}\" class=\"page wide\">")));
        }
    }
    let page = html(&y2026, Lang::Vi);
    for css in [
        "@page{size:A4",
        "@page wide{size:A4 landscape",
        "section{break-before:page;page-break-before:always}",
        "section.wide{page:wide",
        "thead{display:table-header-group}",
    ] {
        assert!(page.contains(css), "{css}");
    }
    let tables = page.matches("<table class=").count();
    let key_value = page.matches("<table class=\"kv\">").count();
    assert_eq!(page.matches("<thead>").count(), tables - key_value);
}

#[test]
fn form_3_marks_unranked_rows_and_ties() {
    let (mut s, _) = demo();
    s.draft_plan[0].rank = None;
    s.draft_plan[1].tied = true;
    s.draft_plan[2].tied = true;
    let page = html(&s, Lang::Vi);
    let sec = section(&page, "form-3");
    assert!(sec.contains("<td>Chưa đủ điểm</td>"));
    let rank = s.draft_plan[1].rank.unwrap();
    assert!(sec.contains(&format!("<td>{rank} (đồng hạng)</td>")));
    let row = &s.draft_plan[3];
    let scores: String = row
        .scores
        .iter()
        .map(|v| format!("<td>{}</td>", v.unwrap()))
        .collect();
    assert!(sec.contains(&format!("{scores}<td>{}</td></tr>", row.total)));
}

#[test]
fn form_4_has_both_parts_reasons_and_the_vote() {
    let (mut s, _) = demo();
    let plan = s.annual_plan.as_mut().unwrap();
    let last = plan.rows.len() - 1;
    plan.rows[last].override_reason = Some("Đường lầy lội mùa mưa".into());
    plan.rows[0].added_reason = Some("Dịch tả heo".into());
    let page = html(&s, Lang::Vi);
    let sec = section(&page, "form-4");
    let part2 = sec.find(&t(Lang::Vi, "export.title.part2")).unwrap();
    assert!(sec[part2..].contains("Vượt giới hạn 2 hoạt động: Đường lầy lội mùa mưa"));
    assert!(sec[..part2].contains("Hoạt động mới: Dịch tả heo"));
    let a = s.annual_plan.as_ref().unwrap().approval.as_ref().unwrap();
    let vote = format!(
        "<td>05/06/2026</td><td>{}</td><td>{}</td><td>{}</td>",
        a.votes_for, a.votes_against, a.abstain
    );
    assert!(section(&page, "approval-meeting").contains(&vote), "{vote}");
    let line = format!(
        "(05/06/2026):</b> Tán thành: {} · Không tán thành: {} · Không ý kiến: {}</p>",
        a.votes_for, a.votes_against, a.abstain
    );
    assert!(sec.contains(&line), "{line}");
}

#[test]
fn the_review_shows_progress_spending_totals_and_the_summary() {
    let (_, s) = demo();
    let page = html(&s, Lang::Vi);
    let sec = section(&page, "review");
    let review = s.review.as_ref().unwrap();
    let first = review.rows[0].review.as_ref().unwrap();
    let cells = format!(
        "<td>{}</td><td>{}</td>",
        t(Lang::Vi, first.progress.label_key()),
        first.percent
    );
    assert!(sec.contains(&cells), "{cells}");
    assert!(sec.contains(&esc(&first.management)));
    assert!(sec.contains("<td>882.000.000</td>"), "state total");
    assert!(sec.contains(&esc(&review.summary.difficulties)));
    let en = html(&s, Lang::En);
    assert!(section(&en, "review").contains("<td>882,000,000</td>"));
}

#[test]
fn meeting_records_keep_counts_without_personal_details() {
    let (s, _) = demo();
    let private = s.without_personal_details();
    let page = html(&private, Lang::Vi);
    let records = [
        ("meeting-1", s.meeting1.as_ref().unwrap()),
        ("meeting-2", s.meeting2.as_ref().unwrap()),
        (
            "approval-meeting",
            s.annual_plan.as_ref().unwrap().meeting.as_ref().unwrap(),
        ),
    ];
    for (id, m) in records {
        let sec = section(&page, id);
        let tally = format!(
            "<td>{}</td><td>{}</td><td>{}</td>",
            m.tally.men,
            m.tally.women,
            m.tally.total()
        );
        assert!(sec.contains(&tally), "{id}: {tally}");
        assert!(sec.contains(&esc(&m.chair)), "{id}");
        assert!(sec.contains("Trưởng ban tự quản"), "{id}");
    }
    let sec = section(&page, "meeting-2");
    assert!(sec.contains("<td>Nhóm nam</td><td>50</td>"));
    assert!(sec.contains("<td>Nhóm nữ</td><td>30</td>"));
    let leader = s.working_group.leader().unwrap();
    assert!(section(&page, "meeting-1").contains(&esc(leader)));
    assert!(!page.contains("export.") && !page.contains("{0}"));
    assert!(page.contains(&esc(&t(Lang::Vi, "export.private_note"))));
    let register = section(&page, "attendance");
    assert!(!register.contains(&esc(s.attendees[1].name.as_ref().unwrap())));
}

#[test]
fn a_plan_not_yet_approved_is_said_in_one_line() {
    let (mut s, _) = demo();
    s.official_plan = None;
    s.annual_plan = None;
    s.meeting2 = None;
    let page = html(&s, Lang::Vi);
    assert!(section(&page, "meeting-2").contains(&esc(&t(Lang::Vi, "export.h.no_meeting2"))));
    let official = section(&page, "official-plan");
    assert!(official.contains(&esc(&t(Lang::Vi, "export.h.no_official"))));
    assert!(!official.contains("<table"));
    let form4 = section(&page, "form-4");
    assert!(form4.contains(&esc(&t(Lang::Vi, "export.h.no_annual"))));
    let approval = section(&page, "approval-meeting");
    assert!(approval.contains(&esc(&t(Lang::Vi, "export.h.no_approval_meeting"))));
    let review = section(&page, "review");
    assert!(review.contains("Năm 2025 không có kế hoạch năm để đánh giá."));
    let en = html(&s, Lang::En);
    assert!(section(&en, "review").contains("There was no 2025 annual plan to review."));
    for page in [page, en] {
        assert!(!page.contains("export.") && !page.contains("{0}"));
    }
}
