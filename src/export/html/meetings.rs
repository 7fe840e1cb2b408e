//! One-page meeting records: village meeting 1 with the working group it elected, village
//! meeting 2 with its men's and women's groups, and the annual plan's approval meeting
//! with its vote. Each shows date, place, time, chair and role, facilitators present,
//! attendance by gender with the women's share, and any override reason; names of
//! ordinary attendees never appear, so the privacy option changes nothing here.

use super::{Doc, Page, date, date_html, esc};
use crate::domain::attendance::women_share;
use crate::export::snapshot::{ApprovalRecord, MeetingRecord};
use crate::export::{announced_label, gender_label, orgs_label, role_label, yes_no};

/// The record of village meeting 1 and the working group it elected.
pub(super) fn meeting1(d: &mut Doc) {
    let s = d.s;
    d.open("meeting-1", Page::Portrait, &d.t("export.title.meeting1"));
    match &s.meeting1 {
        Some(m) => {
            record(d, m);
            elected(d);
            d.sign();
        }
        None => d.p(&d.t("export.m1.none")),
    }
    d.close();
}

/// The record of village meeting 2 and its two groups.
pub(super) fn meeting2(d: &mut Doc) {
    let s = d.s;
    d.open("meeting-2", Page::Portrait, &d.t("export.title.meeting2"));
    match &s.meeting2 {
        Some(m) => {
            record(d, m);
            groups(d);
            d.sign();
        }
        None => d.p(&d.t("export.h.no_meeting2")),
    }
    d.close();
}

/// The record of the meeting that approved the annual plan, and its vote.
pub(super) fn approval(d: &mut Doc) {
    let s = d.s;
    d.open(
        "approval-meeting",
        Page::Portrait,
        &d.t("export.title.approval"),
    );
    let plan = s.annual_plan.as_ref();
    match plan.and_then(|p| p.meeting.as_ref()) {
        Some(m) => {
            record(d, m);
            d.h2(&d.t("export.h.vote"));
            vote(d, plan.and_then(|p| p.approval.as_ref()));
            d.sign();
        }
        None => d.p(&d.t("export.h.no_approval_meeting")),
    }
    d.close();
}

/// The approval vote in one line (date, for, against, abstained), or a line saying the
/// plan is not approved.
pub(super) fn vote_line(d: &mut Doc, approval: Option<&ApprovalRecord>) {
    let Some(a) = approval else {
        d.p(&d.t("export.state.not_approved"));
        return;
    };
    let counts = [
        ("export.field.votes_for", a.votes_for),
        ("export.field.votes_against", a.votes_against),
        ("export.field.abstain", a.abstain),
    ]
    .map(|(k, n)| format!("{}: {n}", d.t(k)))
    .join(" · ");
    let label = format!("{} ({})", d.t("export.h.vote"), date(&a.date));
    d.labelled(&label, &counts);
}

/// The approval vote as a one-row table, or a line saying the plan is not approved.
fn vote(d: &mut Doc, approval: Option<&ApprovalRecord>) {
    let Some(a) = approval else {
        d.p(&d.t("export.state.not_approved"));
        return;
    };
    let headers = [
        "export.h.date",
        "export.field.votes_for",
        "export.field.votes_against",
        "export.field.abstain",
    ]
    .map(|k| d.t(k));
    d.table("vote", &headers);
    d.row(&[
        date(&a.date),
        a.votes_for.to_string(),
        a.votes_against.to_string(),
        a.abstain.to_string(),
    ]);
    d.end_table();
}

/// What every record shows: details, attendance by gender, closing and override reason.
fn record(d: &mut Doc, m: &MeetingRecord) {
    details(d, m);
    attendance(d, m);
    let status = if m.closed {
        "export.m1.closed_yes"
    } else {
        "export.m1.closed_no"
    };
    d.p(&d.t(status));
    if let Some(r) = &m.override_reason {
        d.labelled(&d.t("export.m1.override"), r);
    }
}

/// Date, place, chair, time, what was announced, facilitators present.
fn details(d: &mut Doc, m: &MeetingRecord) {
    let role = role_label(d.lang, m.chair_role);
    let chair = if role.is_empty() {
        m.chair.clone()
    } else {
        format!("{} ({role})", m.chair)
    };
    let mut rows = vec![
        (d.t("export.h.date"), date_html(&m.date)),
        (d.t("rec.place"), esc(&m.place)),
        (d.t("rec.chair"), esc(&chair)),
        (
            d.t("export.m1.time"),
            esc(&format!("{} – {}", m.start_time, m.end_time)),
        ),
    ];
    if !m.announced.is_empty() {
        let text = announced_label(d.lang, &m.announced);
        rows.push((d.t("rec.announced"), esc(&text)));
    }
    let present = dash_if_empty(m.facilitators_present.join(", "));
    rows.push((d.t("rec.facilitators"), esc(&present)));
    d.pairs_html(&rows);
}

/// Men, women, total and the women's share.
fn attendance(d: &mut Doc, m: &MeetingRecord) {
    d.h2(&d.t("export.m1.attendance"));
    let headers = [
        "export.m1.men",
        "export.m1.women",
        "export.m1.total",
        "export.m1.women_share",
    ]
    .map(|k| d.t(k));
    d.table("tally", &headers);
    d.row(&[
        m.tally.men.to_string(),
        m.tally.women.to_string(),
        m.tally.total().to_string(),
        d.dec(women_share(m.tally), 1),
    ]);
    d.end_table();
}

/// The working group elected at meeting 1, its leader and composition.
fn elected(d: &mut Doc) {
    let s = d.s;
    let wg = &s.working_group;
    d.h2(&d.t("export.title.elected"));
    d.labelled(&d.t("export.col.leader"), wg.leader().unwrap_or("–"));
    let headers = [
        "export.col.no",
        "export.col.name",
        "export.col.gender",
        "export.col.organisations",
        "export.col.trained",
    ]
    .map(|k| d.t(k));
    d.table("members", &headers);
    for (i, mb) in wg.members.iter().enumerate() {
        d.row(&[
            (i + 1).to_string(),
            mb.name.clone(),
            gender_label(d.lang, mb.gender),
            orgs_label(d.lang, &mb.organisations),
            yes_no(d.lang, mb.trained),
        ]);
    }
    if wg.members.is_empty() {
        d.none_row(headers.len());
    }
    d.end_table();
    composition(d);
}

/// The working group's frozen composition and override reason.
fn composition(d: &mut Doc) {
    let s = d.s;
    let wg = &s.working_group;
    match wg.frozen {
        Some(c) => {
            let line = format!(
                "{}: {} · {}: {} · {}: {}",
                d.t("export.wg.members"),
                c.members,
                d.t("export.wg.women"),
                c.women,
                d.t("export.wg.trained"),
                c.trained
            );
            d.p(&line);
        }
        None => d.p(&d.t("export.wg.open")),
    }
    if let Some(r) = &wg.override_reason {
        d.labelled(&d.t("export.wg.override"), r);
    }
}

/// Meeting 2's groups, from the plan it approved (none before approval).
fn groups(d: &mut Doc) {
    let s = d.s;
    let made_here = s
        .official_plan
        .as_ref()
        .filter(|p| p.made_in_year == s.cycle.year);
    d.h2(&d.t("export.h.groups"));
    match made_here {
        Some(plan) => {
            super::plans::groups_table(d, plan);
            let method = d.t(plan.combined.method.label_key());
            d.labelled(&d.t("export.field.method"), &method);
        }
        None => d.p(&d.t("export.h.no_official")),
    }
}

/// The text, or "–" when it is empty.
pub(super) fn dash_if_empty(text: String) -> String {
    if text.trim().is_empty() {
        "–".to_string()
    } else {
        text
    }
}
