//! Sub-group reports for presentation: each sub-group's findings and proposed
//! activities in turn, and merging an activity two sub-groups both proposed (both
//! origins are kept).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, StatefulWidget, Widget, Wrap};

use crate::domain::activity::Activity;
use crate::domain::subgroup::SubGroup;
use crate::i18n::{t, tf};
use crate::store::ToolFinding;
use crate::tui::screens::ViewCtx;

/// What the report pane shows.
pub struct ReportView<'a> {
    /// Sub-groups of the cycle.
    pub subgroups: &'a [SubGroup],
    /// Which sub-group is presenting.
    pub current: usize,
    /// All findings of the cycle.
    pub findings: &'a [ToolFinding],
    /// All activities of the cycle (merged duplicates left out).
    pub activities: &'a [Activity],
    /// Selected activity in the list.
    pub selected: usize,
    /// Activity marked to be merged into the selected one.
    pub marked: Option<usize>,
}

/// The tool's name in `lang` from the catalogue (its code if unknown).
fn tool_name(code: &str, lang: crate::i18n::Lang) -> String {
    match (
        crate::domain::pra::Catalogue::shared().and_then(|c| c.tool(code)),
        lang,
    ) {
        (Some(tool), crate::i18n::Lang::Vi) => tool.name_vi.clone(),
        (Some(tool), crate::i18n::Lang::En) => tool.name_en.clone(),
        (None, _) => code.to_string(),
    }
}

impl ReportView<'_> {
    /// Draws the presenting sub-group's findings above the activity list.
    pub fn render(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let [top, bottom] =
            Layout::vertical([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(area);
        self.render_findings(top, buf, ctx);
        self.render_activities(bottom, buf, ctx);
    }

    fn render_findings(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let Some(group) = self.subgroups.get(self.current) else {
            Paragraph::new(t(ctx.lang, "wgm.no_subgroups"))
                .block(Block::bordered())
                .render(area, buf);
            return;
        };
        let lines: Vec<Line> = self
            .findings
            .iter()
            .filter(|f| f.subgroup_id == group.id)
            .flat_map(|f| {
                let args = [tool_name(&f.tool_code, ctx.lang), f.minutes.to_string()];
                let head = Line::styled(tf(ctx.lang, "wgm.finding_head", &args), ctx.theme.title);
                std::iter::once(head).chain(f.text.lines().map(|l| Line::raw(l.to_string())))
            })
            .collect();
        let args = [
            group.name.clone(),
            (self.current + 1).to_string(),
            self.subgroups.len().to_string(),
        ];
        let block = Block::bordered().title(Line::styled(
            tf(ctx.lang, "wgm.report_title", &args),
            ctx.theme.title,
        ));
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: true })
            .render(area, buf);
    }

    fn render_activities(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let current = self.subgroups.get(self.current).map(|g| g.id);
        let items: Vec<ListItem> = self
            .activities
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let mine = a.fields.subgroup_id == current;
                let mark = if self.marked == Some(i) {
                    "⇄ "
                } else if mine {
                    "● "
                } else {
                    "  "
                };
                let women = if a.fields.proposed_by_women {
                    format!(" · {}", t(ctx.lang, "wgm.by_women"))
                } else {
                    String::new()
                };
                let style = if mine {
                    ctx.theme.title
                } else {
                    ratatui::style::Style::new()
                };
                ListItem::new(Line::from(vec![Span::styled(
                    format!("{mark}{}. {}{women}", i + 1, a.fields.name),
                    style,
                )]))
            })
            .collect();
        let block = Block::bordered().title(Line::styled(
            t(ctx.lang, "wgm.activities_title"),
            ctx.theme.title,
        ));
        let list = List::new(items)
            .block(block)
            .highlight_style(ctx.theme.selected);
        let mut state = ListState::default()
            .with_selected((!self.activities.is_empty()).then_some(self.selected));
        StatefulWidget::render(list, area, buf, &mut state);
    }
}
