//! The commune assignment screen drawn: the plan's standing, then its activities with
//! the commune's decision, the budget assigned (flagged above the commune's cost) and date.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Row, Widget, Wrap};

use super::{CommuneAssignScreen, Editing};
use crate::domain::after_plan::Decision;
use crate::export::html::number_text;
use crate::i18n::{Lang, t, tf};
use crate::tui::screens::ViewCtx;
use crate::tui::screens::after_plan::{Item, short_decision_key};
use crate::tui::widgets::listing;

/// Draws the plan's standing, the activities and any open form.
pub(super) fn render(s: &CommuneAssignScreen, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
    let lang = ctx.lang;
    let tall = match s.above_cost(s.selected) {
        Some(_) => 5,
        None => 3,
    };
    let [head, table] =
        Layout::vertical([Constraint::Length(tall), Constraint::Min(4)]).areas(area);
    Paragraph::new(s.head(lang))
        .wrap(Wrap { trim: true })
        .render(head, buf);
    let header = [
        "assign.screen.col.activity",
        "assign.screen.col.decision",
        "assign.screen.col.budget",
        "assign.screen.col.date",
    ]
    .map(|k| t(lang, k));
    let widths = [
        Constraint::Min(20),
        Constraint::Length(14),
        Constraint::Length(15),
        Constraint::Length(10),
    ];
    let title = tf(
        lang,
        "assign.screen.title",
        &[s.name.clone(), s.year.to_string()],
    );
    let rows = s.items.iter().enumerate().map(|(n, i)| s.row(n, i, ctx));
    listing::render(
        (title, header.to_vec()),
        rows,
        &widths,
        s.selected,
        &ctx.theme,
        (table, buf),
    );
    match &s.editing {
        Some(Editing::Assign(form) | Editing::Folder(form)) => {
            form.render(ctx.lang, &ctx.theme, area, buf);
        }
        None => {}
    }
}

impl CommuneAssignScreen {
    /// The plan's standing and how many activities are assigned, or the files written.
    fn head(&self, lang: Lang) -> String {
        if !self.written.is_empty() {
            return tf(lang, "assign.screen.written", &[self.written.join(", ")]);
        }
        let head = match &self.plan {
            Some(p) => tf(
                lang,
                "assign.screen.head",
                &[
                    p.version.to_string(),
                    self.held.len().to_string(),
                    self.items.len().to_string(),
                ],
            ),
            None => t(lang, "assign.screen.not_approved"),
        };
        match self.above_cost(self.selected) {
            Some((budget, cost)) => {
                let amounts = [budget, cost].map(|n| number_text(n as f64, lang));
                format!("{head}\n{}", tf(lang, "assign.screen.above_cost", &amounts))
            }
            None => head,
        }
    }

    /// The `n`-th activity's budget assigned and the cost the commune conference set,
    /// when the budget is above that cost (flagged, not refused).
    pub(super) fn above_cost(&self, n: usize) -> Option<(i64, i64)> {
        let item = self.items.get(n)?;
        let a = &self.held(item.id)?.assignment;
        let cost = *self.costs.get(n)?;
        let over = a.above_cost(cost)?;
        Some((a.budget.total(), a.budget.total() - over))
    }

    /// The `n`-th activity's row: ✓ assigned, ◐ changed, ✗ not funded, · not yet; its
    /// budget flagged `⚑` above the commune's cost.
    fn row(&self, n: usize, item: &Item, ctx: ViewCtx) -> Row<'static> {
        let lang = ctx.lang;
        let Some(a) = self.held(item.id).map(|h| &h.assignment) else {
            let none = Line::styled(
                format!("· {}", t(lang, "assign.screen.none")),
                ctx.theme.muted,
            );
            return Row::new(vec![item.name.clone().into(), none]);
        };
        let (mark, style) = match a.decision {
            Decision::Accepted => ("✓", ctx.theme.ok),
            Decision::Changed => ("◐", ctx.theme.warn),
            Decision::NotFunded => ("✗", ctx.theme.error),
        };
        let decision = format!("{mark} {}", t(lang, short_decision_key(a.decision)));
        let total = number_text(a.budget.total() as f64, lang);
        let budget = match self.above_cost(n) {
            Some(_) => Line::styled(format!("⚑ {total}"), ctx.theme.warn),
            None => total.into(),
        };
        Row::new(vec![
            item.name.clone().into(),
            Line::styled(decision, style),
            budget,
            crate::domain::meeting::display_date(&a.date).into(),
        ])
    }
}
