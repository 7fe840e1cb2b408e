//! The plan forms: form 3 (the working group's scored draft), the official medium-term
//! plan, form 4 by part with its vote, and the review of last year's plan.

use chrono::FixedOffset;

use super::activities::{Money, activity_cells, activity_columns, funding_of};
use super::{Column, Form, RowGroup, Table, Value, col, local_timestamp, num, number, text};
use crate::domain::activity::ActivityId;
use crate::domain::annual::{Part, Source};
use crate::domain::record::{ActivityRecord, CycleRecord, GroupRecord, matrix_rows as matrix};
use crate::domain::scoring::{Criterion, Group, MatrixRow, RankedRow, rank_matrix};
use crate::i18n::{Lang, t, tf};

/// Score columns: one per criterion, then the total.
fn score_columns(lang: Lang) -> Vec<Column> {
    let mut columns: Vec<Column> = Criterion::ALL
        .iter()
        .map(|c| num(lang, c.short_key(), None, false))
        .collect();
    columns.push(num(lang, "export.col.total", None, false));
    columns
}

fn score_cells(row: &MatrixRow, ranked: &RankedRow) -> Vec<Value> {
    let mut cells: Vec<Value> = row
        .scores
        .iter()
        .map(|s| s.map_or(Value::Empty, number))
        .collect();
    cells.push(number(ranked.total));
    cells
}

fn rank_note(ranked: &RankedRow, lang: Lang) -> String {
    match (ranked.rank, ranked.tied) {
        (None, _) => t(lang, "export.state.unranked"),
        (Some(_), true) => t(lang, "export.state.tied"),
        (Some(_), false) => String::new(),
    }
}

/// The cells of [`scored_columns`] but the note.
fn scored_cells(
    a: &ActivityRecord,
    part: Option<Part>,
    money: Money,
    m: &MatrixRow,
    rk: &RankedRow,
    lang: Lang,
) -> Vec<Value> {
    let f = &a.activity.fields;
    let mut cells = vec![rk.rank.map_or(Value::Empty, number), text(f.name.clone())];
    cells.extend(activity_cells(f, a.funding, part, money, lang));
    cells.extend(score_cells(m, rk));
    cells
}

/// Rank, activity, the activity columns, the scores, total and note.
fn scored_columns(lang: Lang, money: Money) -> Vec<Column> {
    let mut columns = vec![
        num(lang, "export.col.rank", None, false),
        col(lang, "export.col.activity"),
    ];
    columns.extend(activity_columns(lang, money));
    columns.extend(score_columns(lang));
    columns.push(col(lang, "export.col.note"));
    columns
}

/// Form 3: the working group's matrix ranked, when this cycle makes the medium-term plan.
pub(super) fn form3(r: &CycleRecord, lang: Lang) -> Form {
    let mut form = Form::new(
        lang,
        "export.sheet.form3",
        "bieu-3-du-thao",
        t(lang, "export.title.form3"),
    )
    .signed(lang);
    let kept = r.activities.iter().filter(|a| a.merged_into.is_none());
    let rows = matrix(kept.map(|a| a.activity.id.0), &r.scoring.matrix);
    let ranked = rank_matrix(&rows);
    let scored = ranked.iter().any(|rk| {
        rows.iter()
            .any(|m| m.activity == rk.activity && m.scores.iter().any(Option::is_some))
    });
    if !r.cycle.makes_medium_term_plan() || !scored {
        form.signatures.clear();
        form.notes.push(t(lang, "export.x.no_form3"));
        return form;
    }
    if let Some(s) = &r.scoring.settings {
        form.line(
            lang,
            "export.field.scale",
            text(format!("{}-{}", s.scale_min, s.scale_max)),
        );
    }
    let body = ranked
        .iter()
        .filter_map(|rk| {
            let a = r.activity(ActivityId(rk.activity))?;
            let m = rows.iter().find(|m| m.activity == rk.activity)?;
            let mut cells = scored_cells(a, None, Money::Source, m, rk, lang);
            cells.push(text(rank_note(rk, lang)));
            Some(cells)
        })
        .collect();
    form.tables
        .push(Table::new(scored_columns(lang, Money::Source), body));
    form
}

/// The official medium-term plan in force: ranks of both groups, the draft and the
/// combined result, with each activity as approved.
pub(super) fn official(r: &CycleRecord, lang: Lang, offset: FixedOffset) -> Form {
    let mut form = Form::new(
        lang,
        "export.sheet.official",
        "ke-hoach-trung-han",
        t(lang, "export.title.official"),
    );
    let Some((made_in, plan)) = r.official_plan() else {
        form.notes.push(t(lang, "export.x.no_official"));
        return form;
    };
    form = form.signed(lang);
    form.line(
        lang,
        "export.field.version",
        Value::Plain(f64::from(plan.version)),
    );
    form.line(
        lang,
        "form.field.version_id",
        text(format!("{}/{made_in}/mt/v{}", r.village_code, plan.version)),
    );
    form.line(
        lang,
        "export.field.approved_at",
        text(local_timestamp(&plan.approved_at, offset)),
    );
    let method = plan.method;
    form.line(
        lang,
        "export.field.method",
        text(format!(
            "{}: {}",
            t(lang, method.label_key()),
            t(lang, method.statement_key())
        )),
    );
    if made_in != r.cycle.year {
        let made = tf(
            lang,
            "export.field.made_in",
            &[made_in.to_string(), r.cycle.year.to_string()],
        );
        form.line(lang, "export.x.period", text(made));
    }
    if let Some(why) = &plan.change_reason {
        form.line(lang, "export.field.change_reason", text(why.clone()));
    }
    for g in r.official_plan_groups() {
        let key = match g.group {
            Group::Men => "scoring.group.men",
            Group::Women => "scoring.group.women",
        };
        form.line(lang, key, text(group_line(g, lang)));
    }
    let body = plan
        .rows
        .iter()
        .map(|row| {
            let k = &row.ranks;
            let mut note: Vec<String> = k.note_key().map(|key| t(lang, key)).into_iter().collect();
            note.extend(
                k.flag_notes()
                    .into_iter()
                    .map(|(key, args)| tf(lang, key, &args)),
            );
            let mut cells = vec![
                number(k.rank),
                text(row.activity.name.clone()),
                number(k.men_rank),
                number(k.women_rank),
                number(k.draft_rank),
            ];
            let funding = funding_of(r, ActivityId(k.activity));
            cells.extend(activity_cells(
                &row.activity,
                funding,
                None,
                Money::Source,
                lang,
            ));
            cells.extend([
                number(k.men_points as f64),
                number(k.women_points as f64),
                Value::Decimal((k.score * 1000.0).round() / 1000.0),
                text(note.join("; ")),
            ]);
            cells
        })
        .collect();
    let mut columns = vec![
        num(lang, "export.col.combined_rank", None, false),
        col(lang, "export.col.activity"),
        num(lang, "export.col.men_rank", None, false),
        num(lang, "export.col.women_rank", None, false),
        num(lang, "export.col.draft_rank", None, false),
    ];
    columns.extend(activity_columns(lang, Money::Source));
    columns.extend([
        num(lang, "export.col.men_points", None, false),
        num(lang, "export.col.women_points", None, false),
        num(lang, "export.col.combined_score", None, false),
        col(lang, "export.col.note"),
    ]);
    form.tables.push(Table::new(columns, body));
    form
}

/// "Members 50 · votes each 3 · Group recorder Y Kim Niê".
fn group_line(g: &GroupRecord, lang: Lang) -> String {
    format!(
        "{} {} · {} {} · {} {}",
        t(lang, "export.field.group_members"),
        g.members,
        t(lang, "export.field.votes_each"),
        g.votes_each,
        t(lang, "export.field.recorder"),
        g.recorder
    )
}

/// Form 4: the annual plan, part 1 and part 2 each ranked on its own, with the vote.
pub(super) fn form4(r: &CycleRecord, lang: Lang, offset: FixedOffset) -> Form {
    let year = r.cycle.year.to_string();
    let title = tf(lang, "export.title.form4", std::slice::from_ref(&year));
    let mut form = Form::new(lang, "export.sheet.form4", "bieu-4-ke-hoach-nam", title);
    let items = &r.annual.items;
    if items.is_empty() {
        form.notes.push(t(lang, "export.x.no_annual"));
        return form;
    }
    form = form.signed(lang);
    let rows = matrix(items.iter().map(|i| i.id.0), &r.annual.scores);
    let ranked = r.annual_ranking();
    for (part, title, money) in [
        (Part::One, "export.title.part1", Money::Source),
        (Part::Two, "export.title.part2", Money::SourceAndAsked),
    ] {
        let body = ranked
            .iter()
            .filter_map(|rk| {
                let item = items
                    .iter()
                    .find(|i| i.id.0 == rk.activity && i.part == part)?;
                let a = r.activity(item.activity)?;
                let m = rows.iter().find(|m| m.activity == rk.activity)?;
                let mut cells = scored_cells(a, Some(part), money, m, rk, lang);
                let mut note = vec![rank_note(rk, lang)];
                if let Some(why) = &item.added_reason {
                    note.push(tf(
                        lang,
                        "export.state.new_activity",
                        std::slice::from_ref(why),
                    ));
                }
                if let Some(why) = &item.override_reason {
                    note.push(tf(
                        lang,
                        "export.state.part2_override",
                        std::slice::from_ref(why),
                    ));
                }
                note.retain(|n| !n.is_empty());
                cells.push(text(note.join("; ")));
                Some(cells)
            })
            .collect();
        let mut table = Table::new(scored_columns(lang, money), body);
        table.subtitle = Some(t(lang, title));
        table.empty = Some(t(lang, "form.empty.part"));
        form.tables.push(table);
    }
    match &r.annual.approval {
        Some(a) if a.frozen => {
            form.line(
                lang,
                "form.field.version_id",
                text(format!("{}/{year}/annual/v1", r.village_code)),
            );
            form.line(lang, "export.h.date", text(crate::export::date(&a.date)));
            form.line(lang, "export.field.votes_for", number(a.votes_for));
            form.line(lang, "export.field.votes_against", number(a.votes_against));
            form.line(lang, "export.field.abstain", number(a.abstain));
            form.line(
                lang,
                "export.field.approved_at",
                text(local_timestamp(&a.approved_at, offset)),
            );
        }
        _ => form.notes.push(t(lang, "export.state.not_approved")),
    }
    form
}

/// The review of last year's annual plan, with spending totals by source and the year's
/// general review as typed.
pub(super) fn review(r: &CycleRecord, lang: Lang) -> Form {
    let last = r.cycle.year - 1;
    let title = tf(lang, "export.title.review", &[last.to_string()]);
    let mut form = Form::new(lang, "export.sheet.review", "danh-gia-nam-truoc", title);
    let Some(plan) = &r.last_year else {
        // A first cycle has no plan to review, but its year may still be summed up.
        form.notes.push(t(lang, "export.x.no_review"));
        push_summary(&mut form, r, lang);
        return form;
    };
    let mut columns = vec![
        num(lang, "export.col.no", None, false),
        col(lang, "export.col.activity"),
        col(lang, "export.col.part"),
        col(lang, "export.col.progress"),
        num(lang, "export.col.percent", None, false),
        col(lang, "export.col.quality"),
    ];
    columns.extend(
        Source::ALL
            .iter()
            .map(|s| num(lang, s.label_key(), None, true)),
    );
    columns.push(col(lang, "export.col.management"));
    columns.push(col(lang, "export.col.impact"));
    let body = plan
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let name = plan
                .activities
                .iter()
                .find(|a| a.activity.id == item.activity)
                .map(|a| a.activity.fields.name.clone())
                .unwrap_or_default();
            let mut cells = vec![
                number((i + 1) as f64),
                text(name),
                text(t(lang, item.part.label_key())),
            ];
            match r.annual.reviews.iter().find(|v| v.item == item.id) {
                Some(v) => {
                    let v = &v.review;
                    cells.push(text(t(lang, v.progress.label_key())));
                    cells.push(number(v.percent));
                    cells.push(text(
                        v.quality
                            .map(|q| t(lang, q.label_key()))
                            .unwrap_or_default(),
                    ));
                    cells.extend(
                        Source::ALL
                            .iter()
                            .map(|s| number(v.spending.get(*s) as f64)),
                    );
                    cells.push(text(v.management.clone()));
                    cells.push(text(v.impact.clone()));
                }
                None => {
                    cells.push(text(t(lang, "export.state.not_reviewed")));
                    cells.extend(std::iter::repeat_n(Value::Empty, 2 + Source::ALL.len() + 2));
                }
            }
            cells
        })
        .collect();
    let mut table = Table::new(columns, body);
    table.groups = vec![RowGroup {
        title: None,
        rows: table.groups.remove(0).rows,
    }];
    form.tables.push(table);
    push_summary(&mut form, r, lang);
    form
}

/// The year's general review as typed (advantages, difficulties, production results).
fn push_summary(form: &mut Form, r: &CycleRecord, lang: Lang) {
    let summary = r.annual.summary.clone().unwrap_or_default();
    for (key, value) in [
        ("export.field.advantages", summary.advantages),
        ("export.field.difficulties", summary.difficulties),
        (
            "export.field.production_results",
            summary.production_results,
        ),
    ] {
        form.notes.push(format!("{}: {}", t(lang, key), value));
    }
}
