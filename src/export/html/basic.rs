//! Forms 1-2 (basic information and the commune's facilitation team), the proposed
//! activities and the attendance register of meeting 1 (counts only under the privacy
//! option).

use super::{Doc, Page};
use crate::domain::WealthGroup;
use crate::export::snapshot::CycleSnapshot;
use crate::export::{figure_label, gender_label, orgs_label, wealth_label};

/// Whether the snapshot holds the medium-term plan's own steps (meetings 1-2, proposals,
/// the draft): always in a year that makes the plan, and whenever such data exists.
pub(super) fn has_medium_term(s: &CycleSnapshot) -> bool {
    s.cycle.makes_medium_term_plan()
        || s.meeting1.is_some()
        || s.meeting2.is_some()
        || !s.activities.is_empty()
        || !s.draft_plan.is_empty()
}

/// Forms 1-2: the village's basic figures and the facilitation team.
pub(super) fn forms_1_2(d: &mut Doc) {
    let s = d.s;
    d.open("forms-1-2", Page::Portrait, &d.t("export.title.basic"));
    let period = format!(
        "({} {}-{})",
        d.t("export.field.medium_term"),
        s.cycle.medium_term_start,
        s.cycle.medium_term_end()
    );
    d.p_class("sub", &period);
    let headers = [
        "export.col.no",
        "export.col.item",
        "export.col.value",
        "export.col.source",
        "export.col.as_of",
    ]
    .map(|k| d.t(k));
    d.table("figures", &headers);
    for (i, f) in s.figures.iter().enumerate() {
        d.row(&[
            (i + 1).to_string(),
            figure_label(d.lang, &f.key),
            f.value.clone(),
            f.source.clone(),
            super::date(&f.as_of),
        ]);
    }
    if s.figures.is_empty() {
        d.none_row(headers.len());
    }
    d.end_table();
    team(d);
    d.close();
}

/// The commune's facilitation team.
fn team(d: &mut Doc) {
    let s = d.s;
    d.h2(&d.t("export.title.team"));
    let headers = ["export.col.no", "export.col.name", "export.col.role"].map(|k| d.t(k));
    d.table("team", &headers);
    for (i, f) in s.facilitators.iter().enumerate() {
        d.row(&[(i + 1).to_string(), f.name.clone(), f.role.clone()]);
    }
    if s.facilitators.is_empty() {
        d.none_row(headers.len());
    }
    d.end_table();
}

/// The activities proposed during the assessment, in the order proposed.
pub(super) fn activities(d: &mut Doc) {
    let s = d.s;
    d.open(
        "activities",
        Page::Landscape,
        &d.t("export.title.activities"),
    );
    let mut headers = vec![d.t("export.col.no")];
    headers.extend(super::plans::attribute_headers(d));
    d.table("activities", &headers);
    for (i, a) in s.activities.iter().enumerate() {
        let mut cells = vec![(i + 1).to_string()];
        cells.extend(super::plans::attributes(d, &a.fields));
        d.row(&cells);
    }
    if s.activities.is_empty() {
        d.none_row(headers.len());
    }
    d.end_table();
    d.close();
}

/// The register of meeting 1: names when allowed, counts always.
pub(super) fn attendees(d: &mut Doc) {
    let s = d.s;
    let c = &s.attendance_counts;
    d.open("attendance", Page::Portrait, &d.t("export.title.attendees"));
    let line = format!(
        "{}: {} · {}: {} · {}: {}",
        d.t("export.m1.total"),
        c.registered,
        d.t("export.m1.women"),
        c.by_gender.women,
        d.t("export.col.trained"),
        c.trained
    );
    d.p_class("sub", &line);
    if s.private {
        wealth_counts(d);
    } else {
        register(d);
    }
    d.close();
}

/// People per wealth group (what the privacy option keeps of the register).
fn wealth_counts(d: &mut Doc) {
    let s = d.s;
    let headers = ["export.col.wealth", "export.m1.total"].map(|k| d.t(k));
    d.table("wealth", &headers);
    for (i, n) in s.attendance_counts.by_wealth.iter().enumerate() {
        let label = match WealthGroup::ALL.get(i) {
            Some(w) => wealth_label(d.lang, Some(*w)),
            None => d.t("export.unknown"),
        };
        d.row(&[label, n.to_string()]);
    }
    d.end_table();
}

/// The register line by line.
fn register(d: &mut Doc) {
    let s = d.s;
    let headers = [
        "export.col.no",
        "export.col.name",
        "export.col.gender",
        "export.col.ethnicity",
        "export.col.wealth",
        "export.col.organisations",
    ]
    .map(|k| d.t(k));
    d.table("register", &headers);
    for a in &s.attendees {
        d.row(&[
            a.seq.to_string(),
            a.name.clone().unwrap_or_default(),
            gender_label(d.lang, a.gender),
            a.ethnicity.clone().unwrap_or_default(),
            wealth_label(d.lang, a.wealth),
            orgs_label(d.lang, &a.organisations),
        ]);
    }
    if s.attendees.is_empty() {
        d.none_row(headers.len());
    }
    d.end_table();
}
