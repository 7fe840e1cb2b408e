//! The PRA tool catalogue: browse the 12 tools with their purpose and help text; Space
//! selects or unselects the highlighted tool for the cycle.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, StatefulWidget, Widget, Wrap};

use super::{AssessmentCommand, Data, save, step_index};
use crate::domain::pra::Tool;
use crate::i18n::{Lang, t, tf};
use crate::tui::keymap::Action;
use crate::tui::screens::{Outcome, ViewCtx};
use crate::tui::widgets::Input;

/// The catalogue section's state: the highlighted tool.
#[derive(Debug, Default)]
pub struct ToolsTab {
    selected: usize,
}

impl ToolsTab {
    /// Handles one input.
    pub fn update(&mut self, input: Input, data: &Data) -> Outcome {
        let Input::Action(action) = input else {
            return Outcome::Stay;
        };
        let tools = data.catalogue.tools();
        match action {
            Action::Back => Outcome::Back,
            Action::Help => Outcome::Help,
            Action::Toggle | Action::Open => match tools.get(self.selected) {
                Some(tool) => save(AssessmentCommand::SelectTool {
                    cycle: data.cycle,
                    code: tool.code.clone(),
                    on: !data.selected.contains(&tool.code),
                }),
                None => Outcome::Stay,
            },
            other => {
                self.selected = step_index(self.selected, tools.len(), other);
                Outcome::Stay
            }
        }
    }

    /// Draws the tool list and the highlighted tool's description.
    pub fn render(&self, data: &Data, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let [list, detail] =
            Layout::horizontal([Constraint::Length(36), Constraint::Min(0)]).areas(area);
        let items: Vec<ListItem> = data
            .catalogue
            .tools()
            .iter()
            .map(|tool| tool_item(tool, data, ctx))
            .collect();
        let title = tf(
            ctx.lang,
            "assess.tools_title",
            &[
                data.selected.len().to_string(),
                data.catalogue.tools().len().to_string(),
            ],
        );
        let widget = List::new(items)
            .block(Block::bordered().title(Line::styled(title, ctx.theme.title)))
            .highlight_style(ctx.theme.selected)
            .highlight_symbol("▶");
        let mut state = ListState::default().with_selected(Some(self.selected));
        StatefulWidget::render(widget, list, buf, &mut state);
        if let Some(tool) = data.catalogue.tools().get(self.selected) {
            render_detail(tool, data, ctx, detail, buf);
        }
    }
}

fn tool_item<'a>(tool: &Tool, data: &Data, ctx: ViewCtx) -> ListItem<'a> {
    let on = data.selected.contains(&tool.code);
    let mark = if on { "☑" } else { "☐" };
    let women = if tool.women_group { " ♀" } else { "" };
    let style = if on {
        ctx.theme.ok
    } else {
        ratatui::style::Style::new()
    };
    let name = data.tool_name(&tool.code, ctx.lang);
    ListItem::new(Line::styled(
        format!("{mark}{:>2}. {name}{women}", tool.number),
        style,
    ))
}

fn render_detail(tool: &Tool, data: &Data, ctx: ViewCtx, area: Rect, buf: &mut Buffer) {
    let lang = ctx.lang;
    let (purpose, records, help) = match lang {
        Lang::Vi => (&tool.purpose_vi, &tool.records_vi, &tool.help_vi),
        Lang::En => (&tool.purpose_en, &tool.records_en, &tool.help_en),
    };
    let themes: Vec<String> = tool
        .themes
        .iter()
        .filter_map(|c| data.catalogue.theme(c))
        .map(|th| match lang {
            Lang::Vi => th.name_vi.clone(),
            Lang::En => th.name_en.clone(),
        })
        .collect();
    let label = |key: &str| Span::styled(format!("{} ", t(lang, key)), ctx.theme.muted);
    let mut lines = vec![
        Line::from(vec![label("assess.purpose"), Span::raw(purpose.clone())]),
        Line::from(vec![label("assess.themes"), Span::raw(themes.join(", "))]),
        Line::from(vec![label("assess.records"), Span::raw(records.clone())]),
    ];
    if tool.women_group {
        lines.push(Line::styled(t(lang, "assess.women_tool"), ctx.theme.warn));
    }
    lines.push(Line::from(vec![
        label("assess.help"),
        Span::raw(help.clone()),
    ]));
    let title = format!("{}. {}", tool.number, data.tool_name(&tool.code, lang));
    Paragraph::new(lines)
        .block(Block::bordered().title(Line::styled(title, ctx.theme.title)))
        .wrap(Wrap { trim: true })
        .render(area, buf);
}
