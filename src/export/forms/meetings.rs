//! The record of each village meeting (1, 2, approval): its facts, its register and the
//! register's counts; and the tallies of every meeting on one form.

use chrono::FixedOffset;

use super::records::{person_cells, person_columns};
use super::{Form, Table, Value, col, local_timestamp, num, number, text};
use crate::domain::attendance::women_share;
use crate::domain::record::{CycleRecord, MeetingRecord};
use crate::domain::{Gender, MeetingKind, Person, WealthGroup};
use crate::export::{announced_label, date, gender_label, role_label, wealth_label, yes_no};
use crate::i18n::{Lang, t};

/// The meetings that have a record form, with their sheet, file and title keys.
const RECORDED: [(MeetingKind, &str, &str, &str); 3] = [
    (
        MeetingKind::Village1,
        "export.sheet.meeting1",
        "hop-dan-1",
        "export.title.meeting1",
    ),
    (
        MeetingKind::Village2,
        "form.sheet.meeting2",
        "hop-dan-2",
        "export.title.meeting2",
    ),
    (
        MeetingKind::AnnualApproval,
        "form.sheet.approval",
        "hop-thong-qua",
        "export.title.approval",
    ),
];

/// One record form per meeting held.
pub(super) fn meeting_forms(r: &CycleRecord, lang: Lang, offset: FixedOffset) -> Vec<Form> {
    RECORDED
        .iter()
        .filter_map(|(kind, sheet, file, title)| {
            let m = r.meeting_record(*kind)?;
            let mut form = Form::new(lang, sheet, *file, t(lang, title));
            meeting_lines(&mut form, r, m, lang);
            if *kind == MeetingKind::AnnualApproval {
                approval_lines(&mut form, r, lang, offset);
            }
            let people: Vec<&Person> = m
                .register
                .iter()
                .filter_map(|e| r.person(e.person_id))
                .collect();
            form.tables.push(register(m, r, lang));
            form.tables.push(counts(m, &people, lang));
            Some(form)
        })
        .collect()
}

fn meeting_lines(form: &mut Form, r: &CycleRecord, m: &MeetingRecord, lang: Lang) {
    let chair = match role_label(lang, m.chair_role) {
        role if role.is_empty() => m.chair.clone(),
        role => format!("{} ({role})", m.chair),
    };
    let present: Vec<&str> = r
        .facilitators
        .iter()
        .filter(|f| m.facilitators.contains(&f.id))
        .map(|f| f.name.as_str())
        .collect();
    let tally = m.tally();
    form.line(lang, "rec.date", text(date(&m.date)));
    form.line(lang, "rec.place", text(m.place.clone()));
    form.line(lang, "rec.chair", text(chair));
    form.line(
        lang,
        "export.m1.time",
        text(format!("{} - {}", m.start_time, m.end_time)),
    );
    form.line(
        lang,
        "rec.announced",
        text(announced_label(lang, &m.announced)),
    );
    form.line(lang, "rec.facilitators", text(present.join(", ")));
    form.line(lang, "export.m1.men", number(tally.men));
    form.line(lang, "export.m1.women", number(tally.women));
    form.line(lang, "export.m1.total", number(tally.total()));
    form.line(
        lang,
        "export.m1.women_share",
        number(share(women_share(tally))),
    );
    let state = if m.closed_tally.is_some() {
        "export.m1.closed_yes"
    } else {
        "export.m1.closed_no"
    };
    form.notes.push(t(lang, state));
    if let Some(why) = &m.override_reason {
        form.line(lang, "export.m1.override", text(why.clone()));
    }
}

fn approval_lines(form: &mut Form, r: &CycleRecord, lang: Lang, offset: FixedOffset) {
    let Some(a) = &r.annual.approval else {
        return;
    };
    form.line(lang, "export.field.votes_for", number(a.votes_for));
    form.line(lang, "export.field.votes_against", number(a.votes_against));
    form.line(lang, "export.field.abstain", number(a.abstain));
    if a.frozen {
        form.line(
            lang,
            "export.field.approved_at",
            text(local_timestamp(&a.approved_at, offset)),
        );
    } else {
        form.notes.push(t(lang, "export.state.not_approved"));
    }
}

/// A percentage rounded to one decimal.
pub(super) fn share(percent: f64) -> f64 {
    (percent * 10.0).round() / 10.0
}

fn register(m: &MeetingRecord, r: &CycleRecord, lang: Lang) -> Table {
    let rows = m
        .register
        .iter()
        .map(|e| {
            let mut cells = vec![number(e.seq)];
            match r.person(e.person_id) {
                Some(p) => {
                    cells.extend(person_cells(p, lang));
                    cells[2] = text(gender_label(lang, e.gender));
                }
                None => cells.push(Value::Empty),
            }
            cells
        })
        .collect();
    let mut columns = vec![num(lang, "export.col.no", None, false)];
    columns.extend(person_columns(lang));
    let mut table = Table::new(columns, rows);
    table.subtitle = Some(t(lang, "export.sheet.attendees"));
    table.empty = Some(t(lang, "form.empty.register"));
    table
}

/// Counts over a register by gender (as stated at the meeting), ethnicity, wealth group
/// and training: kept under the privacy option.
fn counts(m: &MeetingRecord, people: &[&Person], lang: Lang) -> Table {
    let mut rows = Vec::new();
    let mut push = |group: &str, item: String, n: usize| {
        rows.push(vec![text(t(lang, group)), text(item), number(n as f64)]);
    };
    for g in [Gender::Male, Gender::Female] {
        let n = m.register.iter().filter(|e| e.gender == g).count();
        push("export.col.gender", gender_label(lang, g), n);
    }
    let mut ethnicities = std::collections::BTreeMap::<String, usize>::new();
    for p in people {
        let e = p
            .ethnicity
            .clone()
            .unwrap_or_else(|| t(lang, "form.unknown"));
        *ethnicities.entry(e).or_default() += 1;
    }
    for (e, n) in ethnicities {
        push("export.col.ethnicity", e, n);
    }
    for w in [
        Some(WealthGroup::Rich),
        Some(WealthGroup::Medium),
        Some(WealthGroup::Poor),
        None,
    ] {
        let n = people.iter().filter(|p| p.wealth == w).count();
        let label = match w {
            Some(_) => wealth_label(lang, w),
            None => t(lang, "form.unknown"),
        };
        push("export.col.wealth", label, n);
    }
    let trained = people.iter().filter(|p| p.trained).count();
    push("export.col.trained", yes_no(lang, true), trained);
    let mut table = Table::new(
        vec![
            col(lang, "form.col.count_by"),
            col(lang, "export.col.item"),
            num(lang, "form.col.people", None, false),
        ],
        rows,
    );
    table.subtitle = Some(t(lang, "form.sub.counts"));
    table
}

/// The tallies of every meeting held, on one form.
pub(super) fn tallies(r: &CycleRecord, lang: Lang) -> Form {
    let mut form = Form::new(
        lang,
        "export.sheet.meetings",
        "cac-cuoc-hop",
        t(lang, "export.sheet.meetings"),
    );
    let rows = RECORDED
        .iter()
        .filter_map(|(kind, _, _, title)| {
            let m = r.meeting_record(*kind)?;
            let tally = m.tally();
            Some(vec![
                text(t(lang, title)),
                text(date(&m.date)),
                text(m.chair.clone()),
                number(tally.men),
                number(tally.women),
                number(tally.total()),
                number(share(women_share(tally))),
                text(yes_no(lang, m.closed_tally.is_some())),
                text(m.override_reason.clone().unwrap_or_default()),
            ])
        })
        .collect();
    let mut table = Table::new(
        vec![
            col(lang, "export.x.meeting"),
            col(lang, "rec.date"),
            col(lang, "rec.chair"),
            num(lang, "export.m1.men", None, false),
            num(lang, "export.m1.women", None, false),
            num(lang, "export.m1.total", None, false),
            num(lang, "export.m1.women_share", None, false),
            col(lang, "export.m1.closed"),
            col(lang, "export.m1.override"),
        ],
        rows,
    );
    table.key_columns = 1;
    table.empty = Some(t(lang, "export.x.no_meetings"));
    form.tables.push(table);
    form
}
