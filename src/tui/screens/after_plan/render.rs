//! Drawing the after-plan screen: the items table, the selected item's summary, its rows
//! and its life, and an open form over them.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Row, StatefulWidget, Table, TableState, Widget, Wrap};

use super::{AfterPlanScreen, Item, Mode};
use crate::domain::after_plan::{
    Decision, GroupKind, GroupStanding, Receipt, Round, activity_life, group_standing, over_budget,
    received,
};
use crate::domain::annual::Part;
use crate::domain::meeting::display_date;
use crate::export::html::number_text;
use crate::i18n::{Lang, t, tf};
use crate::tui::screens::ViewCtx;

/// A row of the item's list that `x` can remove.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Removable {
    /// A group member (its id).
    Member(i64),
    /// A ledger line (its id).
    Receipt(i64),
}

/// One line of the item's rows view.
#[derive(Debug, Clone)]
pub(super) struct DetailRow {
    /// The text.
    pub text: String,
    /// What `x` removes on this line.
    pub removable: Option<Removable>,
}

fn money(n: i64, lang: Lang) -> String {
    format!("{} đ", number_text(n as f64, lang))
}

fn line(text: String) -> DetailRow {
    DetailRow {
        text,
        removable: None,
    }
}

fn amount_with_unit(r: &Receipt, lang: Lang) -> String {
    format!(
        "{} {}",
        number_text(r.amount as f64, lang),
        t(lang, r.kind.unit_key())
    )
}

/// A ledger line's source, kind and amount, as the question before removing it names it.
pub(super) fn receipt_amount(r: &Receipt, lang: Lang) -> String {
    format!(
        "{} · {} · {}",
        t(lang, &r.source.label_key()),
        t(lang, r.kind.label_key()),
        amount_with_unit(r, lang)
    )
}

/// Every row of the selected item: members, ledger, progress, acceptance, postings,
/// evaluations, each under its heading.
pub(super) fn detail_rows(s: &AfterPlanScreen, lang: Lang) -> Vec<DetailRow> {
    let Some(item) = s.items.get(s.selected) else {
        return Vec::new();
    };
    let after = s.after();
    let mut rows = Vec::new();
    for kind in GroupKind::ALL {
        let members = after.group(item.id, *kind);
        if members.is_empty() {
            continue;
        }
        rows.push(line(format!("{}:", t(lang, kind.label_key()))));
        for m in members {
            let outside = if m.is_resident() { "" } else { " ·" };
            let gender = t(
                lang,
                if m.gender == crate::domain::Gender::Female {
                    "gender.f"
                } else {
                    "gender.m"
                },
            );
            rows.push(DetailRow {
                text: format!("  {} ({gender}) {}{outside}", m.name, m.role),
                removable: Some(Removable::Member(m.id)),
            });
        }
    }
    let receipts = after.receipts_of(item.id);
    if !receipts.is_empty() {
        rows.push(line(format!("{}:", t(lang, "after.form.receipt"))));
    }
    for r in receipts {
        let mut text = format!(
            "  {} {} · {} · {}",
            display_date(&r.date),
            t(lang, &r.source.label_key()),
            t(lang, r.kind.label_key()),
            amount_with_unit(r, lang),
        );
        if !r.from.is_empty() {
            text.push_str(&format!(" · {}", r.from));
        }
        rows.push(DetailRow {
            text,
            removable: Some(Removable::Receipt(r.id)),
        });
    }
    for p in after.progress_of(item.id) {
        let why = [p.reason.as_str(), p.problem.as_str()]
            .into_iter()
            .filter(|x| !x.is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
        rows.push(line(format!(
            "{} {}: {}% {}",
            t(lang, "after.form.progress"),
            display_date(&p.date),
            p.percent,
            why
        )));
    }
    if let Some(a) = after.acceptance(item.id) {
        rows.push(line(format!(
            "{} {}: {} · {}",
            t(lang, "after.form.accept"),
            display_date(&a.date),
            t(lang, a.result.label_key()),
            a.signed_by
        )));
    }
    for d in after.disclosures.iter().filter(|d| d.item == item.id) {
        let mut text = format!(
            "{} {}: {} · {}",
            t(lang, "after.form.disclose"),
            display_date(&d.date),
            d.place,
            money(d.amounts.total(), lang)
        );
        if let Some(over) = d.overspent() {
            let flag = tf(lang, "after.screen.overspent", &[money(over, lang)]);
            text.push_str(&format!(" · ⚑ {flag}"));
        }
        rows.push(line(text));
    }
    for round in Round::ALL {
        if let Some(e) = after.evaluation(item.id, *round) {
            rows.push(line(format!(
                "{} {}: {}% · {} · {}",
                t(lang, round.label_key()),
                display_date(&e.date),
                e.completion,
                e.quality
                    .map(|q| t(lang, q.label_key()))
                    .unwrap_or_default(),
                e.difficulties
            )));
        }
    }
    rows
}

pub(super) fn render(s: &AfterPlanScreen, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
    let lang = ctx.lang;
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(4)]).areas(area);
    Paragraph::new(state_line(s, lang)).render(head, buf);
    match s.mode {
        Mode::List => {
            let [table, detail] =
                Layout::vertical([Constraint::Min(5), Constraint::Length(8)]).areas(body);
            render_table(s, table, buf, ctx);
            render_summary(s, detail, buf, ctx);
        }
        Mode::Rows => render_rows(s, body, buf, ctx),
        Mode::Life => render_life(s, body, buf, ctx),
    }
    if let Some((_, form)) = &s.editing {
        form.render(ctx.lang, &ctx.theme, area, buf);
    }
}

fn state_line(s: &AfterPlanScreen, lang: Lang) -> String {
    let assigned = s
        .items
        .iter()
        .filter(|i| s.after().assignment(i.id).is_some())
        .count();
    let key = match (s.record.cycle.closed, s.approved) {
        (true, _) => "after.screen.state_closed",
        (false, true) => "after.screen.state",
        (false, false) => "after.screen.state_reopened",
    };
    tf(
        lang,
        key,
        &[s.items.len().to_string(), assigned.to_string()],
    )
}

fn short_decision(s: &AfterPlanScreen, item: &Item, lang: Lang) -> String {
    match s.after().assignment(item.id) {
        Some(a) => t(lang, super::forms::short_decision_key(a.decision)),
        None => "—".into(),
    }
}

fn short_progress(s: &AfterPlanScreen, item: &Item) -> String {
    let accepted = s.after().acceptance(item.id).is_some();
    match s.after().last_progress(item.id) {
        Some(p) if accepted => format!("{}% ✓", p.percent),
        Some(p) => format!("{}%", p.percent),
        None => "—".into(),
    }
}

fn short_evaluation(s: &AfterPlanScreen, item: &Item, lang: Lang) -> String {
    match s.after().latest_evaluation(item.id) {
        Some(e) => t(lang, super::forms::short_round_key(e.round)),
        None => "—".into(),
    }
}

fn render_table(s: &AfterPlanScreen, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
    let lang = ctx.lang;
    let header = [
        "after.col.part",
        "after.col.activity",
        "after.col.assigned",
        "after.col.progress",
        "after.col.evaluated",
    ]
    .map(|k| t(lang, k));
    let rows = s.items.iter().map(|item| {
        let part = match item.part {
            Part::One => "1",
            Part::Two => "2",
        };
        Row::new(vec![
            part.to_string(),
            item.name.clone(),
            short_decision(s, item, lang),
            short_progress(s, item),
            short_evaluation(s, item, lang),
        ])
    });
    let widths = [
        Constraint::Length(3),
        Constraint::Min(20),
        Constraint::Length(12),
        Constraint::Length(7),
        Constraint::Length(8),
    ];
    let title = tf(lang, "after.screen.title", &[s.year.to_string()]);
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(ctx.theme.title))
        .block(Block::bordered().title(Line::styled(title, ctx.theme.title)))
        .row_highlight_style(ctx.theme.selected)
        .highlight_symbol("▶ ");
    let mut state = TableState::default().with_selected(Some(s.selected));
    StatefulWidget::render(table, area, buf, &mut state);
}

fn render_summary(s: &AfterPlanScreen, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
    let lang = ctx.lang;
    let (title, text) = match s.items.get(s.selected) {
        // The list cuts a long name; the box names the activity in full.
        Some(item) => (item.name.clone(), summary_lines(s, item, lang).join("\n")),
        None => (
            t(lang, "after.screen.detail"),
            t(lang, "after.screen.no_items"),
        ),
    };
    // The key bar has no room left for these two at 80 columns.
    let keys = Line::styled(t(lang, "after.screen.keys"), ctx.theme.muted).right_aligned();
    Paragraph::new(text)
        .block(Block::bordered().title(title).title_bottom(keys))
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

fn summary_lines(s: &AfterPlanScreen, item: &Item, lang: Lang) -> Vec<String> {
    let after = s.after();
    let Some(a) = after.assignment(item.id) else {
        return vec![t(lang, "after.screen.not_assigned")];
    };
    let mut lines = vec![assignment_line(a, item, lang)];
    if a.decision == Decision::NotFunded {
        return lines;
    }
    lines.push(money_line(s, item, lang));
    lines.push(groups_line(s, item, lang));
    lines.push(progress_line(s, item, lang));
    lines
}

fn assignment_line(a: &crate::domain::after_plan::Assignment, item: &Item, lang: Lang) -> String {
    let mut text = format!(
        "{} {} · {}",
        t(lang, a.decision.label_key()),
        display_date(&a.date),
        t(lang, a.owner.label_key())
    );
    if let Some(q) = a.target_quantity {
        let planned = item
            .quantity
            .map(|p| number_text(p, lang))
            .unwrap_or_default();
        text.push_str(&format!(
            " · {} → {} {}",
            planned,
            number_text(q, lang),
            item.unit
        ));
    }
    if !a.reason.is_empty() {
        text.push_str(&format!(" · {}", a.reason));
    }
    text
}

fn money_line(s: &AfterPlanScreen, item: &Item, lang: Lang) -> String {
    let after = s.after();
    let assigned = after
        .assignment(item.id)
        .map(|a| a.budget)
        .unwrap_or_default();
    let got = received(after.receipts_of(item.id), None);
    let mut text = tf(
        lang,
        "after.screen.money",
        &[money(assigned.total(), lang), money(got.total(), lang)],
    );
    for (source, over) in over_budget(&assigned, &got) {
        text.push_str(&format!(
            " · ⚑ {}",
            tf(
                lang,
                "after.screen.over",
                &[t(lang, &source.label_key()), money(over, lang)]
            )
        ));
    }
    text
}

fn groups_line(s: &AfterPlanScreen, item: &Item, lang: Lang) -> String {
    let after = s.after();
    let parts: Vec<String> = GroupKind::ALL
        .iter()
        .filter_map(|kind| {
            let members = after.group(item.id, *kind);
            if members.is_empty() {
                return None;
            }
            let st = group_standing(*kind, &members);
            let mut text = tf(
                lang,
                "after.screen.group",
                &[
                    t(lang, kind.label_key()),
                    st.members.to_string(),
                    st.women.to_string(),
                ],
            );
            if !st.is_complete() {
                text.push_str(&format!(" ⚑ {}", flags(&st, lang)));
            }
            Some(text)
        })
        .collect();
    if parts.is_empty() {
        t(lang, "after.screen.no_groups")
    } else {
        parts.join(" · ")
    }
}

/// What a group lacks, in a few words ("thiếu 3 người, chưa có nữ").
fn flags(st: &GroupStanding, lang: Lang) -> String {
    let mut parts = Vec::new();
    if st.short > 0 {
        parts.push(tf(lang, "after.flag.short", &[st.short.to_string()]));
    }
    if st.no_women {
        parts.push(t(lang, "after.flag.no_women"));
    }
    if st.no_resident {
        parts.push(t(lang, "after.flag.no_resident"));
    }
    parts.join(", ")
}

fn progress_line(s: &AfterPlanScreen, item: &Item, lang: Lang) -> String {
    let after = s.after();
    let mut parts = Vec::new();
    if let Some(p) = after.last_progress(item.id) {
        parts.push(tf(
            lang,
            "after.screen.progress",
            &[p.percent.to_string(), display_date(&p.date)],
        ));
    }
    if let Some(a) = after.acceptance(item.id) {
        parts.push(t(lang, a.result.label_key()));
    }
    let postings = after
        .disclosures
        .iter()
        .filter(|d| d.item == item.id)
        .count();
    parts.push(tf(lang, "after.screen.postings", &[postings.to_string()]));
    if let Some(e) = after.latest_evaluation(item.id) {
        parts.push(format!(
            "{}: {}%",
            t(lang, e.round.label_key()),
            e.completion
        ));
    }
    capitalised(&parts.join(" · "))
}

/// `text` with its first letter upper case (a line may start with a lower-case part).
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn titled(s: &AfterPlanScreen, key: &str, lang: Lang) -> String {
    let name = s.items.get(s.selected).map_or("", |i| i.name.as_str());
    format!("{} · {name}", t(lang, key))
}

fn render_rows(s: &AfterPlanScreen, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
    let lang = ctx.lang;
    let rows = detail_rows(s, lang);
    let block = Block::bordered().title(Line::styled(
        titled(s, "after.screen.rows", lang),
        ctx.theme.title,
    ));
    if rows.is_empty() {
        Paragraph::new(t(lang, "after.screen.no_rows"))
            .block(block)
            .render(area, buf);
        return;
    }
    let table = Table::new(
        rows.into_iter().map(|r| Row::new(vec![r.text])),
        [Constraint::Min(10)],
    )
    .block(block)
    .row_highlight_style(ctx.theme.selected)
    .highlight_symbol("▶ ");
    let mut state = TableState::default().with_selected(Some(s.row));
    StatefulWidget::render(table, area, buf, &mut state);
}

fn render_life(s: &AfterPlanScreen, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
    let lang = ctx.lang;
    let Some(item) = s.items.get(s.selected) else {
        return;
    };
    let lines: Vec<String> = activity_life(&s.record, item.id)
        .into_iter()
        .map(|stage| {
            let mark = if stage.reached { "●" } else { "○" };
            let date = stage
                .date
                .as_deref()
                .map(display_date)
                .unwrap_or_else(|| "—".into());
            let detail = stage
                .detail
                .map(|(key, args)| tf(lang, key, &args))
                .unwrap_or_default();
            let label = pad(&t(lang, stage.stage.label_key()), 24);
            format!("{mark} {label} {}  {detail}", pad(&date, 10))
        })
        .collect();
    Paragraph::new(lines.join("\n"))
        .block(Block::bordered().title(Line::styled(
            titled(s, "after.screen.life", lang),
            ctx.theme.title,
        )))
        .wrap(Wrap { trim: false })
        .render(area, buf);
}

/// `text` followed by spaces up to `width` terminal columns.
fn pad(text: &str, width: usize) -> String {
    let used = unicode_width::UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(used)))
}
