//! A form: labelled fields with a focus ring and per-field errors. The form never saves;
//! it reports `Submit` and the screen turns its values into a change.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::Input;
use super::popup;
use super::text_field::TextField;
use crate::tui::keymap::Action;
use crate::tui::theme::Theme;

/// What a field holds.
#[derive(Debug, Clone)]
pub enum FieldKind {
    /// Free text.
    Text(Box<TextField>),
    /// One of several labelled options, changed with ←/→ or Space.
    Choice {
        /// Option labels.
        options: Vec<String>,
        /// Index of the chosen option.
        chosen: usize,
    },
}

/// One labelled field.
#[derive(Debug, Clone)]
pub struct Field {
    /// Label shown before the value.
    pub label: String,
    /// The value.
    pub kind: FieldKind,
    /// Error shown under the field after a refused submit.
    pub error: Option<String>,
}

impl Field {
    /// A text field.
    pub fn text(label: String, value: &str) -> Self {
        Field {
            label,
            kind: FieldKind::Text(Box::new(TextField::new(value))),
            error: None,
        }
    }

    /// A choice field.
    pub fn choice(label: String, options: Vec<String>, chosen: usize) -> Self {
        Field {
            label,
            kind: FieldKind::Choice { options, chosen },
            error: None,
        }
    }
}

/// What the form did with an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormEvent {
    /// Still editing.
    Editing,
    /// The user asked to save: the screen validates the values.
    Submit,
    /// The user cancelled.
    Cancel,
}

/// A titled list of fields.
#[derive(Debug, Clone)]
pub struct Form {
    /// Title of the popup.
    pub title: String,
    /// The fields in focus order.
    pub fields: Vec<Field>,
    /// Index of the focused field.
    pub focus: usize,
}

impl Form {
    /// A form with the first field focused.
    pub fn new(title: String, fields: Vec<Field>) -> Self {
        Form {
            title,
            fields,
            focus: 0,
        }
    }

    /// Handles one input.
    pub fn handle(&mut self, input: &Input) -> FormEvent {
        let n = self.fields.len().max(1);
        match input {
            Input::Action(Action::NextField) => self.focus = (self.focus + 1) % n,
            Input::Action(Action::PrevField) => self.focus = (self.focus + n - 1) % n,
            Input::Action(Action::Submit) => return FormEvent::Submit,
            Input::Action(Action::Back) => return FormEvent::Cancel,
            Input::Key(key) => self.edit_focused(key.code, *key),
            Input::Paste(text) => {
                if let Some(FieldKind::Text(f)) =
                    self.fields.get_mut(self.focus).map(|f| &mut f.kind)
                {
                    f.paste(text);
                }
            }
            Input::Action(_) => {}
        }
        FormEvent::Editing
    }

    fn edit_focused(&mut self, code: KeyCode, key: ratatui::crossterm::event::KeyEvent) {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        field.error = None;
        match &mut field.kind {
            FieldKind::Text(f) => {
                f.key(key);
            }
            FieldKind::Choice { options, chosen } => {
                let n = options.len().max(1);
                match code {
                    KeyCode::Right | KeyCode::Char(' ') => *chosen = (*chosen + 1) % n,
                    KeyCode::Left => *chosen = (*chosen + n - 1) % n,
                    _ => {}
                }
            }
        }
    }

    /// The text of field `i` (empty for a choice or a missing field).
    pub fn text(&self, i: usize) -> String {
        match self.fields.get(i).map(|f| &f.kind) {
            Some(FieldKind::Text(f)) => f.value(),
            _ => String::new(),
        }
    }

    /// The chosen option of field `i` (0 for a text or a missing field).
    pub fn chosen(&self, i: usize) -> usize {
        match self.fields.get(i).map(|f| &f.kind) {
            Some(FieldKind::Choice { chosen, .. }) => *chosen,
            _ => 0,
        }
    }

    /// Shows `errors` under their fields and focuses the first one.
    pub fn show_errors(&mut self, errors: Vec<(usize, String)>) {
        for f in &mut self.fields {
            f.error = None;
        }
        if let Some((first, _)) = errors.first() {
            self.focus = *first;
        }
        for (i, message) in errors {
            if let Some(f) = self.fields.get_mut(i) {
                f.error = Some(message);
            }
        }
    }

    /// Height the form needs inside its frame.
    fn rows(&self) -> u16 {
        self.fields
            .iter()
            .map(|f| 1 + u16::from(f.error.is_some()))
            .sum()
    }

    /// Renders the form as a centered popup over `area`.
    pub fn render(&self, theme: &Theme, area: Rect, buf: &mut Buffer) {
        let rect = popup::centered(area, 72, self.rows() + 2);
        let inner = popup::frame(&self.title, theme, rect, buf);
        let label_w = self
            .fields
            .iter()
            .map(|f| f.label.width())
            .max()
            .unwrap_or(0) as u16
            + 2;
        let mut y = inner.y;
        for (i, field) in self.fields.iter().enumerate() {
            if y >= inner.bottom() {
                break;
            }
            let focused = i == self.focus;
            let label_style = if focused { theme.focus } else { theme.muted };
            let row = Rect {
                y,
                height: 1,
                ..inner
            };
            Line::styled(format!("{}:", field.label), label_style).render(row, buf);
            let value = Rect {
                x: row.x.saturating_add(label_w).min(row.right()),
                width: row.width.saturating_sub(label_w),
                ..row
            };
            render_value(field, focused, theme, value, buf);
            y += 1;
            if let (Some(err), true) = (&field.error, y < inner.bottom()) {
                let err_row = Rect { y, ..value };
                Line::from(Span::styled(format!("✗ {err}"), theme.error)).render(err_row, buf);
                y += 1;
            }
        }
    }
}

fn render_value(field: &Field, focused: bool, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let style = if focused {
        theme.focus
    } else {
        ratatui::style::Style::new()
    };
    match &field.kind {
        FieldKind::Text(f) => f.render(area, buf, focused, style),
        FieldKind::Choice { options, chosen } => {
            let label = options.get(*chosen).cloned().unwrap_or_default();
            Line::styled(format!("◀ {label} ▶"), style).render(area, buf);
        }
    }
}
