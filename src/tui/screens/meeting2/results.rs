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
use crate::domain::scoring::{CombinedRow, Group, InputMode, Method, VoteError};
use crate::i18n::{Label, Lang, t, tf};
use crate::tui::keymap::Action;
use crate::tui::screens::{Outcome, ViewCtx};
use crate::tui::widgets::{Input, list_cursor};

/// Scrolling and the inline message of the results section.
#[derive(Debug, Default)]
pub struct ResultsTab {
    selected: usize,
    error: Option<Label>,
}

impl ResultsTab {
    /// Shows `message` as an inline error (a refused approval, a frozen plan).
    pub fn set_error(&mut self, message: Label) {
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
        match input {
            Input::Action(Action::Back) => Outcome::Back,
            Input::Action(action) => {
                list_cursor::step(&mut self.selected, *action, rows);
                Outcome::Stay
            }
            _ => Outcome::Stay,
        }
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
            Some(e) => Line::styled(format!("✗ {}", e.tr(ctx.lang)), ctx.theme.error),
            None => Line::styled(t(ctx.lang, "m2.res.legend"), ctx.theme.muted),
        };
        legend_text.render(legend, buf);
    }

    fn state_line(&self, data: &Data, ctx: ViewCtx) -> (String, Style) {
        let lang = ctx.lang;
        match (data.settings.plan_frozen, data.version) {
            (true, Some(v)) => (tf(lang, "m2.res.approved", &[v.to_string()]), ctx.theme.ok),
            _ if let Some(why) = approval_blocker(data) => {
                (format!("→ {}", why.tr(lang)), ctx.theme.muted)
            }
            _ if data.settings.locked => (t(lang, "m2.res.locked"), ctx.theme.warn),
            _ => (t(lang, "m2.res.open"), ctx.theme.muted),
        }
    }

    fn render_table(&self, data: &Data, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let lang = ctx.lang;
        let [groups, head, body] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(0),
        ])
        .areas(area);
        let name_w = name_width(area.width);
        let over = |g: Group| {
            format!(
                "{:─^width$}",
                format!(" {} ", t(lang, group_key(g))),
                width = GROUP_W
            )
        };
        let line = format!(
            "{:w$} {} {}",
            "",
            over(Group::Men),
            over(Group::Women),
            w = 5 + name_w
        );
        Line::styled(line, ctx.theme.muted).render(groups, buf);
        Line::styled(head_line(data, name_w, lang), ctx.theme.muted).render(head, buf);
        let totals = Totals::of(data);
        let height = usize::from(body.height);
        let window = list_cursor::window(self.selected, data.combined.rows.len(), height);
        let rows = data.combined.rows.iter().enumerate().skip(window.start);
        for (line, (i, row)) in rows.take(window.len()).enumerate() {
            let style = match i == self.selected {
                true => ctx.theme.selected,
                false => Style::new(),
            };
            let text = row_line(row, data.name(row.activity), &totals, data, name_w, lang);
            let y = body.y + u16::try_from(line).unwrap_or(0);
            Line::styled(text, style).render(
                Rect {
                    y,
                    height: 1,
                    ..body
                },
                buf,
            );
        }
    }
}

/// Width of one group's columns: points, share, rank.
const GROUP_W: usize = 15;

/// The group's short column heading ("Nam", "Nữ").
fn group_key(group: Group) -> &'static str {
    match group {
        Group::Men => "m2.col.men",
        Group::Women => "m2.col.women",
    }
}

/// The activity column's width: what the rank, both groups and the score leave.
fn name_width(width: u16) -> usize {
    usize::from(width)
        .saturating_sub(5 + 2 * (GROUP_W + 1) + 10)
        .max(8)
}

/// Each group's total points, so a row's points read as a share of its group.
struct Totals {
    men: u64,
    women: u64,
}

impl Totals {
    fn of(data: &Data) -> Self {
        let sum = |f: fn(&CombinedRow) -> u64| data.combined.rows.iter().map(f).sum();
        Totals {
            men: sum(|r| r.men_points),
            women: sum(|r| r.women_points),
        }
    }
}

/// "Hạng Hoạt động … Phiếu % Hạng  Phiếu % Hạng  Tổng %".
fn head_line(data: &Data, name_w: usize, lang: Lang) -> String {
    let group = |g: Group| {
        let points = match data.group(g).mode() {
            InputMode::Votes => "m2.col.votes",
            InputMode::Ranking => "m2.col.points",
        };
        format!(
            "{:>5}{:>5}{:>5}",
            t(lang, points),
            "%",
            t(lang, "m2.col.rank_short")
        )
    };
    let score = format!("m2.col.score.{}", data.settings.method.code());
    format!(
        "{:>4} {} {} {} {:>7}",
        t(lang, "m2.col.rank"),
        fit(&t(lang, "m2.col.activity"), name_w),
        group(Group::Men),
        group(Group::Women),
        t(lang, &score),
    )
}

/// One group's points, share of the group's points (%) and rank within the group.
fn group_cells(points: u64, total: u64, rank: u32, lang: Lang) -> String {
    let share = match total {
        0 => 0.0,
        t => points as f64 * 100.0 / t as f64,
    };
    format!("{points:>5}{:>5}{rank:>5}", decimal(share, lang))
}

/// One decimal, with a comma in Vietnamese.
fn decimal(value: f64, lang: Lang) -> String {
    let text = format!("{value:.1}");
    match lang {
        Lang::Vi => text.replace('.', ","),
        Lang::En => text,
    }
}

/// The combined score as the method adds it up: shares in percent, ranks, or votes.
fn score_text(row: &CombinedRow, method: Method, lang: Lang) -> String {
    match method {
        Method::EqualWeight => decimal(row.score * 100.0, lang),
        Method::Borda | Method::VoteSum => format!("{:.0}", row.score),
    }
}

fn row_line(
    row: &CombinedRow,
    name: &str,
    totals: &Totals,
    data: &Data,
    name_w: usize,
    lang: Lang,
) -> String {
    let tie = if row.tied { "=" } else { "" };
    let flag = if row.men_top_only || row.women_top_only {
        "⚑"
    } else {
        ""
    };
    format!(
        "{:>4} {} {} {} {:>7} {flag}",
        format!("{}{tie}", row.rank),
        fit(name, name_w),
        group_cells(row.men_points, totals.men, row.men_rank, lang),
        group_cells(row.women_points, totals.women, row.women_rank, lang),
        score_text(row, data.settings.method, lang),
    )
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

/// Whether `action` would be taken on the results now: approving only when nothing blocks
/// it ([`approval_blocker`]), the method only while the plan is open, reopening only once
/// it is approved.
pub fn live(data: &Data, action: Action) -> bool {
    let frozen = data.settings.plan_frozen;
    match action {
        // Once approved, approving and the method are `blocked` instead.
        Action::Finalise => frozen || approval_blocker(data).is_none(),
        Action::Reopen => frozen,
        _ => true,
    }
}

/// Why the approved plan refuses `action` on the results: choosing the method and
/// approving again (the freeze `change_setting` and [`approval_blocker`] refuse by).
pub fn blocked(data: &Data, action: Action) -> Option<&'static str> {
    let edits = matches!(action, Action::ChooseMethod | Action::Finalise);
    (data.settings.plan_frozen && edits).then_some("blocked.plan")
}

/// Why the combined ranking cannot be approved yet (translated when shown).
pub fn approval_blocker(data: &Data) -> Option<Label> {
    if data.rows.is_empty() {
        return Some(Label::key("m2.err.no_activities"));
    }
    if data.settings.plan_frozen {
        return Some(Label::key("m2.err.already_approved"));
    }
    let keys = data.keys();
    for group in Group::ALL {
        let g = data.group(group);
        let name = Label::key(group.label_key());
        if g.entered() == 0 {
            return Some(Label::Args("m2.err.no_result".into(), vec![name]));
        }
        if let Err(e) = g.result.validate(&keys) {
            let message = match e {
                VoteError::EmptyGroup => super::group::size_unset(data, group),
                e => Label::tf(e.message_key(), &e.args()),
            };
            return Some(Label::Args("m2.err.group_says".into(), vec![name, message]));
        }
    }
    None
}
