//! The plans: form 3 (the working group's scored draft), the official medium-term plan
//! (men's, women's, draft and combined ranks with tie-breaks and top-5 flags) and form 4
//! (the annual plan in part 1 and part 2, with its approval vote).

use super::{Doc, Page, timestamp};
use crate::domain::activity::ValidActivity;
use crate::domain::annual::Part;
use crate::domain::scoring::{CombinedRow, Criterion, InputMode};
use crate::export::snapshot::{AnnualPlanRecord, GroupRecord, OfficialPlan, ScoredRow};
use crate::i18n::Lang;

/// Headers of an activity's plan attributes, in [`attributes`] order.
pub(super) fn attribute_headers(d: &Doc) -> Vec<String> {
    [
        "export.col.activity",
        "export.col.sector",
        "export.col.quantity",
        "export.col.location",
        "export.col.time",
        "export.col.responsible",
        "activity.field.contribution",
        "export.col.cost",
    ]
    .map(|k| d.t(k))
    .to_vec()
}

/// An activity's plan attributes: name, sector, quantity and unit, place, time,
/// responsible, villagers' contribution, estimated cost.
pub(super) fn attributes(d: &Doc, a: &ValidActivity) -> Vec<String> {
    let quantity = a
        .quantity
        .map(|q| format!("{} {}", d.dec(q, 3), a.unit))
        .unwrap_or_default();
    let cost = a
        .estimated_cost_vnd
        .map(|c| d.int(i64::try_from(c).unwrap_or(i64::MAX)))
        .unwrap_or_default();
    vec![
        a.name.clone(),
        d.t(a.sector.label_key()),
        quantity,
        a.location.clone(),
        a.time.clone(),
        a.responsible.clone(),
        contribution(d, a),
        cost,
    ]
}

/// The villagers' contribution in one line: land, money, labour, materials.
fn contribution(d: &Doc, a: &ValidActivity) -> String {
    let c = &a.contribution;
    let as_i64 = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
    let parts = [
        (
            c.land_m2 > 0,
            "export.h.contrib.land",
            d.int(as_i64(c.land_m2)),
        ),
        (
            c.money_vnd > 0,
            "export.h.contrib.money",
            d.int(as_i64(c.money_vnd)),
        ),
        (
            c.labour_days > 0.0,
            "export.h.contrib.labour",
            d.dec(c.labour_days, 2),
        ),
        (
            !c.materials.trim().is_empty(),
            "export.h.contrib.materials",
            c.materials.clone(),
        ),
    ];
    parts
        .into_iter()
        .filter(|(given, _, _)| *given)
        .map(|(_, key, value)| d.tf(key, &[value]))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A rank with its tie marked in words, or "not fully scored".
fn rank_cell(d: &Doc, rank: Option<u32>, tied: bool) -> String {
    match (rank, tied) {
        (None, _) => d.t("export.state.unranked"),
        (Some(r), true) => format!("{r} ({})", d.t("export.state.tied")),
        (Some(r), false) => r.to_string(),
    }
}

/// Headers of a scored matrix: rank, attributes, the five criteria and the total.
fn matrix_headers(d: &Doc) -> Vec<String> {
    let mut headers = vec![d.t("export.col.rank")];
    headers.extend(attribute_headers(d));
    headers.extend(Criterion::ALL.map(|c| d.t(c.short_key())));
    headers.push(d.t("export.col.total"));
    headers
}

/// Cells of a scored row: rank, attributes, the five scores and the total.
fn matrix_cells(d: &Doc, a: &ValidActivity, row: &ScoredRow) -> Vec<String> {
    let mut cells = vec![rank_cell(d, row.rank, row.tied)];
    cells.extend(attributes(d, a));
    cells.extend(
        row.scores
            .map(|sc| sc.map(|v| v.to_string()).unwrap_or_else(|| "–".into())),
    );
    cells.push(row.total.to_string());
    cells
}

/// The score range and what each criterion column means.
fn legend(d: &mut Doc) {
    let (min, max) = d.s.scale;
    let criteria = Criterion::ALL
        .map(|c| format!("{} = {}", d.t(c.short_key()), d.t(c.label_key())))
        .join("; ");
    let text = format!(
        "{}: {min}–{max}. {}: {criteria}.",
        d.t("export.field.scale"),
        d.t("export.h.criteria")
    );
    d.p_class("legend", &text);
}

/// Form 3: the working group's ranked draft, best first.
pub(super) fn form3(d: &mut Doc) {
    let s = d.s;
    d.open("form-3", Page::Landscape, &d.t("export.title.form3"));
    let headers = matrix_headers(d);
    d.table("form", &headers);
    for row in &s.draft_plan {
        if let Some(a) = s.activities.iter().find(|a| a.id.0 == row.activity) {
            d.row(&matrix_cells(d, &a.fields, row));
        }
    }
    if s.draft_plan.is_empty() {
        d.none_row(headers.len());
    }
    d.end_table();
    legend(d);
    d.close();
}

/// The official medium-term plan, or one line saying it is not approved yet.
pub(super) fn official(d: &mut Doc) {
    let s = d.s;
    d.open(
        "official-plan",
        Page::Landscape,
        &d.t("export.title.official"),
    );
    let Some(plan) = &s.official_plan else {
        d.p(&d.t("export.h.no_official"));
        d.close();
        return;
    };
    if plan.made_in_year != s.cycle.year {
        let args = [plan.made_in_year, s.cycle.year].map(|y| y.to_string());
        d.p_class("made", &d.tf("export.field.made_in", &args));
    }
    plan_details(d, plan);
    groups_table(d, plan);
    official_table(d, plan);
    d.close();
}

/// Version, approval time, change reason and the combination method in plain words.
fn plan_details(d: &mut Doc, plan: &OfficialPlan) {
    let method = plan.combined.method;
    let mut rows = vec![
        (d.t("export.field.version"), plan.version.to_string()),
        (
            d.t("export.field.approved_at"),
            timestamp(&plan.approved_at),
        ),
    ];
    if let Some(r) = &plan.change_reason {
        rows.push((d.t("export.field.change_reason"), r.clone()));
    }
    let statement = format!(
        "{}. {}",
        d.t(method.label_key()),
        d.t(method.statement_key())
    );
    rows.push((d.t("export.field.method"), statement));
    d.pairs(&rows);
    if [&plan.men, &plan.women]
        .iter()
        .any(|g| g.mode == InputMode::Ranking)
    {
        d.p_class("legend", &d.t(crate::domain::scoring::RANKING_NOTE_KEY));
    }
}

/// The men's and women's groups: size, how they scored, votes each, recorder.
pub(super) fn groups_table(d: &mut Doc, plan: &OfficialPlan) {
    let headers = [
        "export.h.col.group",
        "export.field.group_members",
        "export.field.input_mode",
        "export.field.votes_each",
        "export.field.recorder",
    ]
    .map(|k| d.t(k));
    d.table("groups", &headers);
    for (key, g) in [
        ("scoring.group.men", &plan.men),
        ("scoring.group.women", &plan.women),
    ] {
        d.row(&group_cells(d, key, g));
    }
    d.end_table();
}

/// One group's row.
fn group_cells(d: &Doc, key: &str, g: &GroupRecord) -> Vec<String> {
    let votes_each = match g.mode {
        InputMode::Votes => g.votes_each.to_string(),
        InputMode::Ranking => "–".into(),
    };
    vec![
        d.t(key),
        g.members.to_string(),
        d.t(g.mode.label_key()),
        votes_each,
        super::meetings::dash_if_empty(g.recorder.clone()),
    ]
}

/// The combined ranking as approved.
fn official_table(d: &mut Doc, plan: &OfficialPlan) {
    let headers = [
        "export.col.combined_rank",
        "export.col.activity",
        "export.col.men_points",
        "export.col.men_rank",
        "export.col.women_points",
        "export.col.women_rank",
        "export.col.draft_rank",
        "export.col.combined_score",
        "export.col.note",
    ]
    .map(|k| d.t(k));
    d.table("official", &headers);
    for (i, row) in plan.combined.rows.iter().enumerate() {
        let name = plan
            .activities
            .iter()
            .find(|a| a.id.0 == row.activity)
            .or_else(|| plan.activities.get(i))
            .map(|a| a.fields.name.clone())
            .unwrap_or_default();
        d.row(&official_cells(d, row, name));
    }
    if plan.combined.rows.is_empty() {
        d.none_row(headers.len());
    }
    d.end_table();
}

/// One row of the official plan.
fn official_cells(d: &Doc, row: &CombinedRow, name: String) -> Vec<String> {
    let mut notes: Vec<String> = row.note_key().map(|k| d.t(k)).into_iter().collect();
    notes.extend(row.flag_notes().into_iter().map(|(k, a)| d.tf(k, &a)));
    vec![
        rank_cell(d, Some(row.rank), row.tied),
        name,
        row.men_points.to_string(),
        row.men_rank.to_string(),
        row.women_points.to_string(),
        row.women_rank.to_string(),
        row.draft_rank.to_string(),
        combined_score(d, row.score),
        notes.join("; "),
    ]
}

/// A combined score: whole numbers as they are, shares to three decimals.
fn combined_score(d: &Doc, score: f64) -> String {
    let text = if score.fract() == 0.0 {
        format!("{score:.0}")
    } else {
        format!("{score:.3}")
    };
    match d.lang {
        Lang::Vi => text.replace('.', ","),
        Lang::En => text,
    }
}

/// Form 4: the annual plan in part 1 and part 2, then its approval vote.
pub(super) fn form4(d: &mut Doc) {
    let s = d.s;
    let title = d.tf("export.title.form4", &[s.cycle.year.to_string()]);
    d.open("form-4", Page::Landscape, &title);
    match &s.annual_plan {
        Some(plan) => {
            for part in Part::ALL {
                part_table(d, plan, part);
            }
            legend(d);
            super::meetings::vote_line(d, plan.approval.as_ref());
        }
        None => d.p(&d.t("export.h.no_annual")),
    }
    d.close();
}

/// One part of form 4 with its reasons.
fn part_table(d: &mut Doc, plan: &AnnualPlanRecord, part: Part) {
    let title = match part {
        Part::One => "export.title.part1",
        Part::Two => "export.title.part2",
    };
    d.h2(&d.t(title));
    let mut headers = matrix_headers(d);
    headers.push(d.t("export.col.note"));
    d.table("form", &headers);
    let mut any = false;
    for row in plan.part(part) {
        let mut cells = matrix_cells(d, &row.activity.fields, &row.scoring);
        let reasons = [
            ("export.state.new_activity", &row.added_reason),
            ("export.state.part2_override", &row.override_reason),
        ];
        let notes: Vec<String> = reasons
            .into_iter()
            .filter_map(|(k, r)| r.as_ref().map(|r| d.tf(k, std::slice::from_ref(r))))
            .collect();
        cells.push(notes.join("; "));
        d.row(&cells);
        any = true;
    }
    if !any {
        d.none_row(headers.len());
    }
    d.end_table();
}
