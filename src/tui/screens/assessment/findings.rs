//! Findings: per sub-group and assigned tool, a multi-line text (advantages, difficulties,
//! causes, potentials) with the minutes spent and the day. The text area is
//! ratatui-textarea (Enter is a new line; F9 saves, Esc cancels).

use crate::domain::subgroup::{FindingId, SubGroupId};
use crate::domain::text::clean_multiline;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, StatefulWidget, Widget, Wrap};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use super::activities::short;
use super::{AssessmentCommand, Data, PendingRemoval, save, step_index};
use crate::i18n::{Lang, t, tf};
use crate::tui::keymap::{Action, Context};
use crate::tui::screens::cycle::unicode_pad;
use crate::tui::screens::{Outcome, ViewCtx};
use crate::tui::widgets::Input;
use crate::tui::widgets::text_field::TextField;

/// One sub-group with one of its tools.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    /// Sub-group id.
    pub subgroup: SubGroupId,
    /// Sub-group name.
    pub group_name: String,
    /// Tool code.
    pub tool: String,
}

/// Every (sub-group, assigned tool) pair, in sub-group order.
pub fn pairs(data: &Data) -> Vec<Pair> {
    data.subgroups
        .iter()
        .flat_map(|g| {
            g.tools.iter().map(|tool| Pair {
                subgroup: g.id,
                group_name: g.name.clone(),
                tool: tool.clone(),
            })
        })
        .collect()
}

/// The open editor.
#[derive(Debug, Clone)]
struct Editor {
    pair: Pair,
    existing: Option<FindingId>,
    text: TextArea<'static>,
    minutes: TextField,
    day: TextField,
    focus: usize,
    /// i18n key of the error shown under the editor (translated when drawn).
    error: Option<&'static str>,
}

/// The findings section's state.
#[derive(Debug, Default)]
pub struct FindingsTab {
    selected: usize,
    editor: Option<Editor>,
}

impl FindingsTab {
    /// The text-area context while editing.
    pub fn context(&self) -> Context {
        if self.editor.is_some() {
            Context::TextArea
        } else {
            Context::Assess
        }
    }

    /// Closes the editor after a successful save.
    pub fn saved(&mut self) {
        self.editor = None;
    }

    /// The selected finding's deletion, to confirm (none when nothing is recorded yet).
    pub fn removal(&self, data: &Data, lang: Lang) -> Option<PendingRemoval> {
        let pair = pairs(data).into_iter().nth(self.selected)?;
        let finding = data.finding(pair.subgroup, &pair.tool)?;
        Some(PendingRemoval {
            key: "assess.confirm.delete_finding",
            args: vec![pair.group_name, data.tool_name(&pair.tool, lang)],
            change: AssessmentCommand::DeleteFinding(finding.id),
        })
    }

    /// Handles one input.
    pub fn update(&mut self, input: Input, data: &Data) -> Outcome {
        if let Some(editor) = &mut self.editor {
            return match editor.handle(input) {
                EditorEvent::Editing => Outcome::Stay,
                EditorEvent::Cancel => {
                    self.editor = None;
                    Outcome::Stay
                }
                EditorEvent::Save(change) => save(change),
            };
        }
        let Input::Action(action) = input else {
            return Outcome::Stay;
        };
        let list = pairs(data);
        match action {
            Action::Back => Outcome::Back,
            Action::Help => Outcome::Help,
            Action::Open | Action::Add | Action::Toggle => {
                if let Some(pair) = list.get(self.selected) {
                    self.editor = Some(Editor::open(pair.clone(), data));
                }
                Outcome::Stay
            }
            other => {
                self.selected = step_index(self.selected, list.len(), other);
                Outcome::Stay
            }
        }
    }

    /// Draws the pair list and the selected finding (or the editor).
    pub fn render(&self, data: &Data, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let [left, right] =
            Layout::horizontal([Constraint::Length(38), Constraint::Min(0)]).areas(area);
        let list = pairs(data);
        let items: Vec<ListItem> = list.iter().map(|p| pair_item(p, data, ctx)).collect();
        let block = Block::bordered().title(Line::styled(
            t(ctx.lang, "assess.findings"),
            ctx.theme.title,
        ));
        if items.is_empty() {
            Paragraph::new(Line::styled(
                t(ctx.lang, "assess.no_pairs"),
                ctx.theme.muted,
            ))
            .block(block)
            .wrap(Wrap { trim: true })
            .render(left, buf);
        } else {
            let widget = List::new(items)
                .block(block)
                .highlight_style(ctx.theme.selected)
                .highlight_symbol("▶");
            let mut state = ListState::default().with_selected(Some(self.selected));
            StatefulWidget::render(widget, left, buf, &mut state);
        }
        match (&self.editor, list.get(self.selected)) {
            (Some(editor), _) => editor.render(data, right, buf, ctx),
            (None, Some(pair)) => render_preview(pair, data, right, buf, ctx),
            (None, None) => {}
        }
    }
}

/// "✓150′ Nhóm 1 · Đi lát cắt", fitted to the list's width.
fn pair_item<'a>(pair: &Pair, data: &Data, ctx: ViewCtx) -> ListItem<'a> {
    let (mark, style) = match data.finding(pair.subgroup, &pair.tool) {
        Some(f) => (format!("✓{}′", f.minutes), ctx.theme.ok),
        None => ("·".to_string(), ctx.theme.muted),
    };
    let group = short(&pair.group_name, 12);
    let label = format!("{group} · {}", data.tool_name(&pair.tool, ctx.lang));
    ListItem::new(Line::from(vec![
        Span::styled(unicode_pad(&mark, 6), style),
        Span::raw(short(&label, 29)),
    ]))
}

fn render_preview(pair: &Pair, data: &Data, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
    let title = format!(
        "{} · {}",
        pair.group_name,
        data.tool_name(&pair.tool, ctx.lang)
    );
    let block = Block::bordered().title(Line::styled(title, ctx.theme.title));
    let lines: Vec<Line> = match data.finding(pair.subgroup, &pair.tool) {
        Some(f) => {
            let mut lines = vec![Line::styled(
                tf(
                    ctx.lang,
                    "assess.time_spent",
                    &[f.minutes.to_string(), f.day.clone()],
                ),
                ctx.theme.muted,
            )];
            lines.extend(f.text.lines().map(|l| Line::raw(l.to_string())));
            lines
        }
        None => vec![Line::styled(
            t(ctx.lang, "assess.no_finding"),
            ctx.theme.muted,
        )],
    };
    Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false })
        .render(area, buf);
}

/// What the editor did with an input.
enum EditorEvent {
    Editing,
    Cancel,
    Save(AssessmentCommand),
}

impl Editor {
    fn open(pair: Pair, data: &Data) -> Self {
        let found = data.finding(pair.subgroup, &pair.tool);
        let lines: Vec<String> = found
            .map(|f| f.text.lines().map(str::to_string).collect())
            .unwrap_or_default();
        let mut text = TextArea::new(lines);
        text.set_wrap_mode(WrapMode::WordOrGlyph);
        text.set_cursor_line_style(Style::new());
        text.move_cursor(CursorMove::Bottom);
        text.move_cursor(CursorMove::End);
        let minutes = found.map(|f| f.minutes.to_string()).unwrap_or_default();
        Editor {
            pair,
            existing: found.map(|f| f.id),
            text,
            minutes: TextField::new(&minutes),
            day: TextField::new(found.map(|f| f.day.as_str()).unwrap_or("1")),
            focus: 0,
            error: None,
        }
    }

    fn handle(&mut self, input: Input) -> EditorEvent {
        match input {
            Input::Action(Action::Back) => return EditorEvent::Cancel,
            Input::Action(Action::Submit) => return self.submit(),
            Input::Action(Action::NextField) => self.focus = (self.focus + 1) % 3,
            Input::Action(Action::PrevField) => self.focus = (self.focus + 2) % 3,
            Input::Key(key) => {
                self.error = None;
                match self.focus {
                    0 => drop(self.text.input(key)),
                    1 if key.code != KeyCode::Enter => drop(self.minutes.key(key)),
                    _ => drop(self.day.key(key)),
                }
            }
            Input::Paste(text) => match self.focus {
                0 => drop(self.text.insert_str(clean_multiline(&text))),
                1 => drop(self.minutes.paste(&text)),
                _ => drop(self.day.paste(&text)),
            },
            Input::Action(_) => {}
        }
        EditorEvent::Editing
    }

    fn submit(&mut self) -> EditorEvent {
        let text = clean_multiline(self.text.lines().join("\n").trim());
        if text.is_empty() {
            self.error = Some("assess.err.finding_empty");
            self.focus = 0;
            return EditorEvent::Editing;
        }
        let Some(minutes) = self.minutes.value().trim().parse::<u32>().ok() else {
            self.error = Some("assess.err.minutes");
            self.focus = 1;
            return EditorEvent::Editing;
        };
        EditorEvent::Save(AssessmentCommand::SaveFinding {
            existing: self.existing,
            subgroup: self.pair.subgroup,
            tool: self.pair.tool.clone(),
            text,
            minutes,
            day: self.day.value().trim().to_string(),
        })
    }

    fn render(&self, data: &Data, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let [text_area, minutes, day, error] = Layout::vertical([
            Constraint::Min(3),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let title = format!(
            "{} · {}",
            self.pair.group_name,
            data.tool_name(&self.pair.tool, ctx.lang)
        );
        let style = if self.focus == 0 {
            ctx.theme.focus
        } else {
            ctx.theme.title
        };
        let mut view = self.text.clone();
        view.set_block(Block::bordered().title(Line::styled(title, style)));
        view.set_cursor_style(cursor(self.focus == 0));
        (&view).render(text_area, buf);
        self.render_field(1, "assess.minutes", &self.minutes, minutes, buf, ctx);
        self.render_field(2, "assess.day", &self.day, day, buf, ctx);
        if let Some(err) = &self.error {
            Line::styled(format!("✗ {}", t(ctx.lang, err)), ctx.theme.error).render(error, buf);
        }
    }

    fn render_field(
        &self,
        index: usize,
        key: &str,
        field: &TextField,
        area: Rect,
        buf: &mut Buffer,
        ctx: ViewCtx,
    ) {
        let focused = self.focus == index;
        let label = format!("{}: ", t(ctx.lang, key));
        let width = unicode_width::UnicodeWidthStr::width(label.as_str()) as u16;
        let style = if focused {
            ctx.theme.focus
        } else {
            ctx.theme.muted
        };
        Line::styled(label, style).render(area, buf);
        let value = Rect {
            x: area.x.saturating_add(width).min(area.right()),
            width: area.width.saturating_sub(width),
            ..area
        };
        field.render(value, buf, focused, Style::new());
    }
}

fn cursor(focused: bool) -> Style {
    if focused {
        Style::new().add_modifier(Modifier::REVERSED)
    } else {
        Style::new()
    }
}
