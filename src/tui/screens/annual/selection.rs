//! Step 2 of the annual plan: from the medium-term plan in priority order (with last
//! year's status beside each activity), pick activities into part 1 (the village's own
//! money and labour) or part 2 (asking commune or district budget, at most 2), with the
//! procedure's checks live: the part-2 limit, the people's contribution share of each
//! part-2 activity, and quantity, time, place and responsibility filled in.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, StatefulWidget};

use crate::domain::activity::Activity;
use crate::domain::annual::{MAX_PART_TWO, Part, people_contribution_share};
use crate::i18n::{Lang, t, tf};
use crate::store::{AnnualItem, ReviewRow};
use crate::tui::screens::ViewCtx;
use crate::tui::screens::assessment::activities::{flag_lines, missing_flag};

/// What the selection pane shows.
pub struct SelectionView<'a> {
    /// Medium-term activities with their official rank.
    pub priorities: &'a [(u32, Activity)],
    /// Last year's plan with its review, for the status beside each activity.
    pub last_year: &'a [ReviewRow],
    /// This year's selected items.
    pub items: &'a [AnnualItem],
    /// Selected row in the priorities list.
    pub selected: usize,
    /// Selected row in the items list.
    pub item_selected: usize,
    /// Whether the items list has the focus.
    pub on_items: bool,
}

impl SelectionView<'_> {
    /// Draws the priorities on the left and the annual plan's parts on the right.
    pub fn render(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .areas(area);
        self.render_priorities(left, buf, ctx);
        self.render_items(right, buf, ctx);
    }

    fn render_priorities(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let items: Vec<ListItem> = self
            .priorities
            .iter()
            .map(|(rank, a)| {
                let chosen = self
                    .items
                    .iter()
                    .find(|i| i.activity.id == a.id)
                    .map(|i| part_mark(i.part));
                let status = last_year_mark(self.last_year, a);
                let text = format!(
                    "{}{rank:>2}. {status}{}",
                    chosen.unwrap_or("  "),
                    a.fields.name
                );
                ListItem::new(Line::raw(text))
            })
            .collect();
        let style = if self.on_items {
            ctx.theme.muted
        } else {
            ctx.theme.focus
        };
        let block = Block::bordered()
            .border_style(style)
            .title(Line::styled(t(ctx.lang, "ann.priorities"), ctx.theme.title));
        let list = List::new(items)
            .block(block)
            .highlight_style(ctx.theme.selected);
        let mut state = ListState::default()
            .with_selected((!self.priorities.is_empty()).then_some(self.selected));
        StatefulWidget::render(list, area, buf, &mut state);
    }

    fn render_items(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let lang = ctx.lang;
        let ordered: Vec<&AnnualItem> = Part::ALL
            .iter()
            .flat_map(|p| self.items.iter().filter(move |i| i.part == *p))
            .collect();
        let width = usize::from(area.width).saturating_sub(3);
        let lines: Vec<ListItem> = ordered.iter().map(|i| item_line(i, width, ctx)).collect();
        let part_two = self.items.iter().filter(|i| i.part == Part::Two).count();
        let limit = if part_two > MAX_PART_TWO {
            ctx.theme.warn
        } else {
            ctx.theme.title
        };
        let title = tf(
            lang,
            "ann.plan_parts",
            &[
                count(self.items, Part::One),
                part_two.to_string(),
                MAX_PART_TWO.to_string(),
            ],
        );
        let style = if self.on_items {
            ctx.theme.focus
        } else {
            ctx.theme.muted
        };
        let block = Block::bordered()
            .border_style(style)
            .title(Line::styled(title, limit));
        let list = List::new(lines)
            .block(block)
            .highlight_style(ctx.theme.selected);
        let selected = (self.on_items && !ordered.is_empty()).then_some(self.item_selected);
        let mut state = ListState::default().with_selected(selected);
        StatefulWidget::render(list, area, buf, &mut state);
    }
}

/// The items in display order (part 1 then part 2), as the items list shows them.
pub fn display_order(items: &[AnnualItem]) -> Vec<&AnnualItem> {
    Part::ALL
        .iter()
        .flat_map(|p| items.iter().filter(move |i| i.part == *p))
        .collect()
}

/// Last year's outcome of an activity, one mark wide: ✓ done, ◐ under way, ○ not started,
/// ? in last year's plan but not reviewed yet; nothing when it was not in last year's plan.
fn last_year_mark(last_year: &[ReviewRow], a: &Activity) -> &'static str {
    use crate::domain::annual::Progress;
    match last_year
        .iter()
        .find(|r| r.item.activity.id == a.id)
        .map(|r| r.review.as_ref().map(|v| v.progress))
    {
        None => "",
        Some(None) => "? ",
        Some(Some(Progress::Done)) => "✓ ",
        Some(Some(Progress::UnderWay)) => "◐ ",
        Some(Some(Progress::NotStarted)) => "○ ",
    }
}

fn count(items: &[AnnualItem], part: Part) -> String {
    items.iter().filter(|i| i.part == part).count().to_string()
}

fn part_mark(part: Part) -> &'static str {
    match part {
        Part::One => "¹ ",
        Part::Two => "² ",
    }
}

/// The item's part and name (with its funding in part 2), and below it what a plan still
/// needs of it, wrapped to `width` columns.
fn item_line<'a>(item: &AnnualItem, width: usize, ctx: ViewCtx) -> ListItem<'a> {
    let lang = ctx.lang;
    let f = &item.activity.fields;
    let flag = missing_flag(f, lang);
    let mark = if flag.is_some() { "✗ " } else { "" };
    let mut spans = vec![
        Span::raw(part_mark(item.part)),
        Span::styled(mark, ctx.theme.warn),
        Span::raw(f.name.clone()),
    ];
    if item.part == Part::Two {
        spans.push(Span::styled(
            format!(" · {}", contribution(item, lang)),
            ctx.theme.muted,
        ));
    }
    if item.added_reason.is_some() {
        spans.push(Span::styled(
            format!(" · {}", t(lang, "ann.new_activity")),
            ctx.theme.muted,
        ));
    }
    let mut lines = vec![Line::from(spans)];
    if let Some(flag) = flag {
        lines.extend(flag_lines(&flag, width, ctx));
    }
    ListItem::new(lines)
}

/// "Dân góp 30%" for a part-2 activity (or that the cost is missing).
fn contribution(item: &AnnualItem, lang: Lang) -> String {
    let f = &item.activity.fields;
    let cost = f.estimated_cost_vnd.unwrap_or(0) as i64;
    match people_contribution_share(cost, f.contribution.money_vnd as i64) {
        Some(share) => tf(lang, "ann.people_share", &[format!("{share:.0}")]),
        None => t(lang, "ann.people_share_unknown"),
    }
}
