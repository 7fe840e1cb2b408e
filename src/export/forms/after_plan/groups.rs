//! "Tổ quản lý" and "Tổ giám sát": for each work, its members (role, gender, whether they
//! live in the village) and the make-up of each group (members, women and their share,
//! residents, the checks). The monitoring form also holds the Community Investment
//! Supervision Board of a commune-owned work, whose checks are kehoach's default from the
//! Law on Implementation of Grassroots Democracy 2022, arts. 41-42.

use super::{Work, label, signatures, work_title, works};
use crate::domain::after_plan::{
    GroupKind, GroupMember, GroupStanding, MIN_BOARD, WorkOwner, group_standing,
};
use crate::domain::record::CycleRecord;
use crate::export::forms::records::place_lines;
use crate::export::forms::{Form, RowGroup, Table, Value, col, num, number, text};
use crate::export::{gender_label, yes_no};
use crate::i18n::{Lang, t, tf};

/// The management groups of the works the village carries out.
pub(super) fn management(r: &CycleRecord, lang: Lang) -> Form {
    let title = t(lang, "apf.title.management");
    let form = Form::new(lang, "apf.sheet.management", "to-quan-ly", title);
    // A work the commune owns is managed by the commune: listed only if a group was named.
    groups_form(form, r, lang, |owner| {
        (owner == WorkOwner::Village).then_some(GroupKind::Management)
    })
}

/// The monitoring groups, or the supervision board of a commune-owned work.
pub(super) fn monitoring(r: &CycleRecord, lang: Lang) -> Form {
    let title = t(lang, "apf.title.monitoring");
    let form = Form::new(lang, "apf.sheet.monitoring", "to-giam-sat", title);
    groups_form(form, r, lang, |owner| match owner {
        WorkOwner::Village => Some(GroupKind::Monitoring),
        WorkOwner::Commune => Some(GroupKind::Board),
    })
}

/// The groups of every funded work: the kind expected for its owner, and any other kind
/// of watching group recorded for it.
fn groups_form(
    mut form: Form,
    r: &CycleRecord,
    lang: Lang,
    expected: impl Fn(WorkOwner) -> Option<GroupKind>,
) -> Form {
    place_lines(&mut form, r, lang);
    let kinds = |w: &Work| -> Vec<GroupKind> {
        let owner = r
            .after
            .assignment(w.item.id)
            .map_or(WorkOwner::Village, |a| a.owner);
        let Some(kind) = expected(owner) else {
            let named = !r.after.group(w.item.id, GroupKind::Management).is_empty();
            return if named {
                vec![GroupKind::Management]
            } else {
                Vec::new()
            };
        };
        let mut kinds = vec![kind];
        if kind != GroupKind::Management {
            let others = [GroupKind::Monitoring, GroupKind::Board];
            kinds.extend(
                others
                    .into_iter()
                    .filter(|k| *k != kind && !r.after.group(w.item.id, *k).is_empty()),
            );
        }
        kinds
    };
    let listed: Vec<(Work, GroupKind)> = works(r)
        .into_iter()
        .filter(|w| r.after.is_assigned(w.item.id))
        .flat_map(|w| kinds(&w).into_iter().map(move |k| (w, k)))
        .collect();
    if listed.is_empty() {
        form.notes.push(t(lang, "apf.x.no_groups"));
        return form;
    }
    form.tables.push(members_table(r, &listed, lang));
    form.tables.push(standing_table(r, &listed, lang));
    form.notes.extend(check_notes(r, &listed, lang));
    if listed.iter().any(|(_, k)| *k == GroupKind::Board) {
        form.notes.push(t(lang, "apf.note.board_rule"));
    }
    form.signatures = signatures(lang, &["apf.sign.village_head"]);
    form
}

/// The members, one row group per work and group.
fn members_table(r: &CycleRecord, listed: &[(Work, GroupKind)], lang: Lang) -> Table {
    let columns = vec![
        num(lang, "export.col.no", None, false),
        col(lang, "export.col.name"),
        col(lang, "apf.col.group_role"),
        col(lang, "export.col.gender"),
        col(lang, "apf.col.resident"),
    ];
    let mut table = Table::new(columns, Vec::new());
    table.subtitle = Some(t(lang, "apf.sub.members"));
    table.empty = Some(t(lang, "apf.x.no_members"));
    table.groups = listed
        .iter()
        .map(|(w, kind)| RowGroup {
            title: Some(group_title(w, *kind, lang)),
            rows: r
                .after
                .group(w.item.id, *kind)
                .iter()
                .enumerate()
                .map(|(i, m)| member_row(r, i, m, lang))
                .collect(),
        })
        .filter(|g| !g.rows.is_empty())
        .collect();
    table
}

/// "3. Kênh mương – Ban giám sát đầu tư của cộng đồng".
fn group_title(w: &Work, kind: GroupKind, lang: Lang) -> String {
    format!("{} – {}", work_title(w), t(lang, kind.label_key()))
}

/// A member's row. A resident's name is the register's, so the privacy option, which
/// leaves out the names of villagers holding no elected office, leaves it out here too.
fn member_row(r: &CycleRecord, i: usize, m: &GroupMember, lang: Lang) -> Vec<Value> {
    let registered = m.person.and_then(|id| r.person(id));
    vec![
        number((i + 1) as f64),
        text(registered.map_or_else(|| m.name.clone(), |p| p.name.clone())),
        text(m.role.clone()),
        text(gender_label(lang, m.gender)),
        text(yes_no(lang, m.is_resident())),
    ]
}

/// Each group's make-up: members, women and their share, residents, the checks.
fn standing_table(r: &CycleRecord, listed: &[(Work, GroupKind)], lang: Lang) -> Table {
    let columns = vec![
        num(lang, "export.col.no", None, false),
        col(lang, "export.col.activity"),
        col(lang, "apf.col.group"),
        num(lang, "apf.col.members", None, false),
        num(lang, "apf.col.women", None, false),
        num(lang, "apf.col.women_share", Some("apf.unit.percent"), false),
        num(lang, "apf.col.residents", None, false),
        col(lang, "apf.col.check"),
    ];
    let rows = listed
        .iter()
        .map(|(w, kind)| {
            let s = standing(r, w, *kind);
            vec![
                number(w.no as f64),
                text(w.name()),
                label(lang, kind.label_key()),
                number(s.members as f64),
                number(s.women as f64),
                s.women_share()
                    .map_or(Value::Empty, |p| number((p * 10.0).round() / 10.0)),
                number(s.residents as f64),
                text(check_text(&s, lang)),
            ]
        })
        .collect();
    let mut table = Table::new(columns, rows);
    table.subtitle = Some(t(lang, "apf.sub.standing"));
    table
}

fn standing(r: &CycleRecord, w: &Work, kind: GroupKind) -> GroupStanding {
    group_standing(kind, &r.after.group(w.item.id, kind))
}

/// "Đạt", or every failed check.
fn check_text(s: &GroupStanding, lang: Lang) -> String {
    if s.members == 0 {
        return t(lang, "apf.check.no_members");
    }
    let mut failed = Vec::new();
    if s.no_women {
        failed.push(t(lang, "apf.check.no_women"));
    }
    if s.short > 0 {
        failed.push(tf(
            lang,
            "apf.check.short",
            &[s.short.to_string(), MIN_BOARD.to_string()],
        ));
    }
    if s.no_resident {
        failed.push(t(lang, "apf.check.no_resident"));
    }
    if failed.is_empty() {
        t(lang, "apf.check.ok")
    } else {
        failed.join("; ")
    }
}

/// One note per failed check, naming the work and the group.
fn check_notes(r: &CycleRecord, listed: &[(Work, GroupKind)], lang: Lang) -> Vec<String> {
    let mut notes = Vec::new();
    for (w, kind) in listed {
        let s = standing(r, w, *kind);
        let args = [work_title(w), t(lang, kind.label_key())];
        if s.members == 0 {
            notes.push(tf(lang, "apf.note.no_members", &args));
            continue;
        }
        if s.no_women {
            notes.push(tf(lang, "apf.note.no_women", &args));
        }
        if s.short > 0 {
            let args = [work_title(w), s.members.to_string(), MIN_BOARD.to_string()];
            notes.push(tf(lang, "apf.note.board_short", &args));
        }
        if s.no_resident {
            notes.push(tf(lang, "apf.note.board_no_resident", &[work_title(w)]));
        }
    }
    notes
}
