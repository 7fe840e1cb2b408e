//! The commune conference in the forms: a change's note on its row of forms 5, 6 and B1
//! ("Xã bỏ: <lý do>", the new value with the village's beside it, the one a merged ask
//! joined), and the report "Những thay đổi so với kế hoạch của thôn, buôn": every change
//! per village with its reason and the village's answer.

use super::{Input, header, signed};
use crate::domain::annual::Part;
use crate::domain::commune::{
    Approval, Before, Change, ChangeKind, Decision, NeedRow, in_order, village_needs_with,
};
use crate::export::forms::{Form, RowGroup, Table, Value, col, num, number, text};
use crate::export::html::number_text;
use crate::i18n::{Lang, t, tf};

/// The note a change puts on its row, with the village's answer when given.
pub fn decision_note(d: &Decision, lang: Lang) -> String {
    let c = &d.change;
    let reason = c.reason.clone();
    let (new, old) = values(&c.kind, d.before, lang);
    let mut note = match &c.kind {
        ChangeKind::Drop => tf(lang, "conference.note.dropped", &[reason]),
        ChangeKind::Merge { label, .. } => {
            tf(lang, "conference.note.merged", &[label.clone(), reason])
        }
        ChangeKind::MoveYear(_) => tf(lang, "conference.note.moved", &[new, reason]),
        ChangeKind::Quantity(_) => tf(lang, "conference.note.quantity", &[new, old, reason]),
        ChangeKind::Cost(_) => tf(lang, "conference.note.cost", &[new, old, reason]),
        ChangeKind::Part(_) => tf(lang, "conference.note.part", &[new, old, reason]),
    };
    if let Some(answer) = answer_text(c, lang) {
        note.push_str(&format!(" ({answer})"));
    }
    note
}

/// The new value and the village's, as text (empty where a change has none).
fn values(kind: &ChangeKind, before: Before, lang: Lang) -> (String, String) {
    let n = |x: f64| number_text(x, lang);
    let million = |vnd: u64| number_text(vnd as f64 / 1_000_000.0, lang);
    let opt = |x: Option<String>| x.unwrap_or_else(|| "—".to_string());
    let new = match kind {
        ChangeKind::Drop | ChangeKind::Merge { .. } => String::new(),
        ChangeKind::MoveYear(y) => y.to_string(),
        ChangeKind::Quantity(q) => n(*q),
        ChangeKind::Cost(c) => million(*c),
        ChangeKind::Part(p) => part_name(*p, lang),
    };
    let old = match before {
        Before::Nothing => String::new(),
        Before::Quantity(q) => opt(q.map(n)),
        Before::Cost(c) => opt(c.map(million)),
        Before::Part(p) => part_name(p, lang),
    };
    (new, old)
}

fn part_name(p: Part, lang: Lang) -> String {
    t(
        lang,
        match p {
            Part::One => "commune.part.one",
            Part::Two => "commune.part.two",
        },
    )
}

/// "thôn, buôn: Đồng ý" or with the representative's words, when answered.
fn answer_text(c: &Change, lang: Lang) -> Option<String> {
    let a = c.answer.as_ref()?;
    let kind = t(lang, a.kind.label_key());
    Some(if a.words.is_empty() {
        tf(lang, "conference.note.answer", &[kind])
    } else {
        tf(
            lang,
            "conference.note.answer_words",
            &[kind, a.words.clone()],
        )
    })
}

/// The report of every change, grouped by village in the stable order.
pub(super) fn report(input: &Input, approved: Option<&Approval>, lang: Lang) -> Form {
    let (year, villages, changes) = (input.year, input.villages, input.changes);
    let title = tf(lang, "conference.title", &[year.to_string()]);
    let mut form = signed(Form::new(lang, "conference.sheet", "thay-doi", title), lang);
    header(&mut form, input.commune, year, villages.len(), lang);
    let approval = match approved {
        Some(a) => tf(
            lang,
            "conference.field.version",
            &[a.version.to_string(), a.approved_at.clone()],
        ),
        None => t(lang, "conference.field.not_approved"),
    };
    form.line(lang, "conference.field.approved", text(approval));
    let mut table = Table::new(columns(lang), Vec::new());
    let mut seq = 0;
    table.groups = in_order(villages)
        .into_iter()
        .map(|v| {
            let rows = village_needs_with(v, changes);
            let lines = changes
                .iter()
                .filter(|ch| ch.village_code == v.village_code)
                .map(|ch| {
                    seq += 1;
                    line(seq, ch, &rows, lang)
                })
                .collect();
            RowGroup {
                title: Some(v.village.name.clone()),
                rows: lines,
            }
        })
        .filter(|g| !g.rows.is_empty())
        .collect();
    table.empty = Some(t(lang, "conference.empty"));
    form.tables.push(table);
    form.notes.extend([
        t(lang, "conference.note.report"),
        t(lang, "conference.note.layout"),
    ]);
    form
}

fn columns(lang: Lang) -> Vec<crate::export::forms::Column> {
    vec![
        num(lang, "export.col.no", None, false),
        col(lang, "conference.col.activity"),
        col(lang, "conference.col.kind"),
        col(lang, "conference.col.asked"),
        col(lang, "conference.col.decided"),
        col(lang, "conference.col.reason"),
        col(lang, "conference.col.answer"),
        col(lang, "conference.col.words"),
        col(lang, "conference.col.when"),
    ]
}

/// One change's line: what the village asked beside what the commune decides.
fn line(seq: usize, ch: &Change, rows: &[NeedRow], lang: Lang) -> Vec<Value> {
    let before = rows
        .iter()
        .flat_map(|r| &r.decisions)
        .find(|d| d.change.id == ch.id)
        .map_or(Before::Nothing, |d| d.before);
    let (new, old) = values(&ch.kind, before, lang);
    let decided = match &ch.kind {
        ChangeKind::Merge { label, .. } => label.clone(),
        ChangeKind::Drop => t(lang, ch.kind.label_key()),
        ChangeKind::MoveYear(_)
        | ChangeKind::Quantity(_)
        | ChangeKind::Cost(_)
        | ChangeKind::Part(_) => new,
    };
    let (answer, words) = match &ch.answer {
        Some(a) => (t(lang, a.kind.label_key()), a.words.clone()),
        None => (t(lang, "conference.answer.none"), String::new()),
    };
    vec![
        number(seq as f64),
        text(ch.activity_name.clone()),
        text(t(lang, ch.kind.label_key())),
        text(old),
        text(decided),
        text(ch.reason.clone()),
        text(answer),
        text(words),
        text(ch.recorded_at.clone()),
    ]
}
