//! Meeting 2's results: men's, women's and combined rank side by side for every activity,
//! the gap between the groups, the top-5 mismatch flags, and a one-line statement of the
//! method. The rows are in combined order: this is the official medium-term plan.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::data::Data;
use super::group::fit;
use crate::domain::scoring::{CombinedRow, Group, Method, TOP_N};
use crate::i18n::{Lang, t, tf};
use crate::tui::keymap::Action;
use crate::tui::screens::{Outcome, ViewCtx};
use crate::tui::widgets::Input;

/// Scrolling and the inline message of the results section.
#[derive(Debug, Default)]
pub struct ResultsTab {
    selected: usize,
    error: Option<String>,
}

impl ResultsTab {
    /// Shows `message` as an inline error (a refused approval, a frozen plan).
    pub fn set_error(&mut self, message: String) {
        self.error = Some(message);
    }

    /// Clears the inline message after a save.
    pub fn on_saved(&mut self, ok: bool) {
        if ok {
            self.error = None;
        }
    }

    /// Scrolls; anything else is for the screen.
    pub fn update(&mut self, input: &Input, rows: usize) -> Outcome {
        let last = rows.saturating_sub(1);
        match input {
            Input::Action(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Input::Action(Action::Down) => self.selected = (self.selected + 1).min(last),
            Input::Action(Action::PageUp) => self.selected = self.selected.saturating_sub(10),
            Input::Action(Action::PageDown) => self.selected = (self.selected + 10).min(last),
            Input::Action(Action::Back) => return Outcome::Back,
            _ => {}
        }
        Outcome::Stay
    }

    /// Draws the method statement, the plan state, the table and the legend.
    pub fn render(&self, data: &Data, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let [method, state, table, legend] = Layout::vertical([
            Constraint::Length(3),
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(1),
        ])
        .areas(area);
        Paragraph::new(method_line(data, ctx.lang))
            .wrap(Wrap { trim: true })
            .render(method, buf);
        let (text, style) = self.state_line(data, ctx);
        Line::styled(text, style).render(state, buf);
        self.render_table(data, table, buf, ctx);
        let legend_text = match &self.error {
            Some(e) => Line::styled(format!("✗ {e}"), ctx.theme.error),
            None => Line::styled(t(ctx.lang, "m2.res.legend"), ctx.theme.muted),
        };
        legend_text.render(legend, buf);
    }

    fn state_line(&self, data: &Data, ctx: ViewCtx) -> (String, Style) {
        let lang = ctx.lang;
        match (data.settings.plan_frozen, data.version) {
            (true, Some(v)) => (tf(lang, "m2.res.approved", &[v.to_string()]), ctx.theme.ok),
            _ if data.settings.locked => (t(lang, "m2.res.locked"), ctx.theme.warn),
            _ => (t(lang, "m2.res.open"), ctx.theme.muted),
        }
    }

    fn render_table(&self, data: &Data, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let lang = ctx.lang;
        let head = result_text(
            &t(lang, "m2.col.rank"),
            &t(lang, "m2.col.activity"),
            [
                t(lang, "m2.col.men"),
                t(lang, "m2.col.women"),
                t(lang, "m2.col.gap"),
            ],
            &t(lang, "m2.col.flag"),
            area.width,
        );
        Line::styled(head, ctx.theme.muted).render(area, buf);
        let height = usize::from(area.height.saturating_sub(1));
        let offset = (self.selected + 1).saturating_sub(height);
        let rows = data.combined.rows.iter().enumerate().skip(offset);
        for (line, (i, row)) in rows.take(height).enumerate() {
            let style = match i == self.selected {
                true => ctx.theme.selected,
                false => Style::new(),
            };
            let text = row_line(row, data.name(row.activity), area.width, lang);
            let y = area.y + 1 + u16::try_from(line).unwrap_or(0);
            Line::styled(text, style).render(
                Rect {
                    y,
                    height: 1,
                    ..area
                },
                buf,
            );
        }
    }
}

/// "Phương pháp: …. <statement>".
fn method_line(data: &Data, lang: Lang) -> String {
    let method = data.settings.method;
    tf(
        lang,
        "m2.res.method",
        &[
            t(lang, method.label_key()),
            t(lang, short_statement_key(method)),
        ],
    )
}

/// i18n key of the method's statement short enough for two lines at 80 columns (the
/// full statement, `Method::statement_key`, is in the help and the exports).
fn short_statement_key(method: Method) -> &'static str {
    match method {
        Method::EqualWeight => "m2.method.equal_weight",
        Method::Borda => "m2.method.borda",
        Method::VoteSum => "m2.method.vote_sum",
    }
}

fn row_line(row: &CombinedRow, name: &str, width: u16, lang: Lang) -> String {
    let tie = if row.tied { "=" } else { "" };
    let gap = match row.rank_gap {
        0 => "0".to_string(),
        g => format!("{g:+}"),
    };
    let flag = if row.men_top_only {
        tf(lang, "m2.flag.men", &[TOP_N.to_string()])
    } else if row.women_top_only {
        tf(lang, "m2.flag.women", &[TOP_N.to_string()])
    } else {
        String::new()
    };
    result_text(
        &format!("{}{tie}", row.rank),
        name,
        [row.men_rank.to_string(), row.women_rank.to_string(), gap],
        &flag,
        width,
    )
}

/// One results line: combined rank, name, men's rank, women's rank, gap, flag.
fn result_text(rank: &str, name: &str, cols: [String; 3], flag: &str, width: u16) -> String {
    let fixed = 5 + 18 + 13;
    let name_w = usize::from(width).saturating_sub(fixed).max(8);
    let [men, women, gap] = cols;
    format!(
        "{rank:>4} {} {men:>5} {women:>5} {gap:>5}  {}",
        fit(name, name_w),
        fit(flag, 12)
    )
}

/// Why the combined ranking cannot be approved yet, as a translated message.
pub fn approval_blocker(data: &Data, lang: Lang) -> Option<String> {
    if data.rows.is_empty() {
        return Some(t(lang, "m2.err.no_activities"));
    }
    if data.settings.plan_frozen {
        return Some(t(lang, "m2.err.already_approved"));
    }
    let keys = data.keys();
    for group in Group::ALL {
        let g = data.group(group);
        let name = t(lang, group.label_key());
        if g.entered() == 0 {
            return Some(tf(lang, "m2.err.no_result", &[name]));
        }
        if let Err(e) = g.result.validate(&keys) {
            let message = tf(lang, e.message_key(), &e.args());
            return Some(format!("{name}: {message}"));
        }
    }
    None
}
