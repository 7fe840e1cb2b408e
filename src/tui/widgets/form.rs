//! A form: labelled fields with a focus ring and per-field errors. The form never saves;
//! it reports `Submit` and the screen turns its values into a change. Title, labels,
//! options and errors are [`Label`]s, translated when drawn: a language switch shows the
//! open form in the new language with what was typed, chosen and focused.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::Input;
use super::popup;
use super::text_field::TextField;
use crate::i18n::{Label, Lang};
use crate::tui::keymap::Action;
use crate::tui::theme::Theme;

/// The errors of a refused submit: each field's index and its message.
pub type Errors = Vec<(usize, Label)>;

/// What a field holds.
#[derive(Debug, Clone)]
pub enum FieldKind {
    /// Free text.
    Text(Box<TextField>),
    /// One of several labelled options, changed with ←/→, Space or its number.
    Choice {
        /// Option labels.
        options: Vec<Label>,
        /// Index of the chosen option, `None` while nothing is chosen.
        chosen: Option<usize>,
    },
    /// Several yes/no flags, each toggled by its number key (1-9).
    Flags {
        /// Flag labels.
        options: Vec<Label>,
        /// Which are on.
        on: Vec<bool>,
    },
}

/// One labelled field.
#[derive(Debug, Clone)]
pub struct Field {
    /// Label shown before the value.
    pub label: Label,
    /// The value.
    pub kind: FieldKind,
    /// Error shown under the field after a refused submit.
    pub error: Option<Label>,
}

impl Field {
    /// A text field.
    pub fn text(label: impl Into<Label>, value: &str) -> Self {
        Field {
            label: label.into(),
            kind: FieldKind::Text(Box::new(TextField::new(value))),
            error: None,
        }
    }

    /// A flags field.
    pub fn flags<L: Into<Label>>(
        label: impl Into<Label>,
        options: impl IntoIterator<Item = L>,
        on: Vec<bool>,
    ) -> Self {
        Field {
            label: label.into(),
            kind: FieldKind::Flags {
                options: labels(options),
                on,
            },
            error: None,
        }
    }

    /// A choice field.
    pub fn choice<L: Into<Label>>(
        label: impl Into<Label>,
        options: impl IntoIterator<Item = L>,
        chosen: Option<usize>,
    ) -> Self {
        Field {
            label: label.into(),
            kind: FieldKind::Choice {
                options: labels(options),
                chosen,
            },
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
    pub title: Label,
    /// The fields in focus order.
    pub fields: Vec<Field>,
    /// Index of the focused field.
    pub focus: usize,
}

impl Form {
    /// A form with the first field focused.
    pub fn new(title: impl Into<Label>, fields: Vec<Field>) -> Self {
        Form {
            title: title.into(),
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
                    KeyCode::Right | KeyCode::Char(' ') => {
                        *chosen = Some(chosen.map_or(0, |c| (c + 1) % n))
                    }
                    KeyCode::Left => *chosen = Some(chosen.map_or(n - 1, |c| (c + n - 1) % n)),
                    KeyCode::Char(c) => {
                        if let Some(i) = digit_index(c).filter(|i| *i < n) {
                            *chosen = Some(i);
                        }
                    }
                    KeyCode::Backspace | KeyCode::Delete => *chosen = None,
                    _ => {}
                }
            }
            FieldKind::Flags { on, .. } => {
                if let KeyCode::Char(c) = code
                    && let Some(flag) = digit_index(c).and_then(|i| on.get_mut(i))
                {
                    *flag = !*flag;
                }
            }
        }
    }

    /// The flags of field `i` (empty for other kinds).
    pub fn flags(&self, i: usize) -> Vec<bool> {
        match self.fields.get(i).map(|f| &f.kind) {
            Some(FieldKind::Flags { on, .. }) => on.clone(),
            _ => Vec::new(),
        }
    }

    /// Sets the text of field `i` (a no-op for other kinds).
    pub fn set_text(&mut self, i: usize, text: &str) {
        if let Some(FieldKind::Text(f)) = self.fields.get_mut(i).map(|f| &mut f.kind) {
            f.set(text);
        }
    }

    /// The text of field `i` (empty for a choice or a missing field).
    pub fn text(&self, i: usize) -> String {
        match self.fields.get(i).map(|f| &f.kind) {
            Some(FieldKind::Text(f)) => f.value(),
            _ => String::new(),
        }
    }

    /// The chosen option of field `i` (`None` if unset, a text or a missing field).
    pub fn chosen(&self, i: usize) -> Option<usize> {
        match self.fields.get(i).map(|f| &f.kind) {
            Some(FieldKind::Choice { chosen, .. }) => *chosen,
            _ => None,
        }
    }

    /// Shows `errors` under their fields and focuses the first one.
    pub fn show_errors<L: Into<Label>>(&mut self, errors: impl IntoIterator<Item = (usize, L)>) {
        for f in &mut self.fields {
            f.error = None;
        }
        let mut first = None;
        for (i, message) in errors {
            first.get_or_insert(i);
            if let Some(f) = self.fields.get_mut(i) {
                f.error = Some(message.into());
            }
        }
        if let Some(first) = first {
            self.focus = first;
        }
    }

    /// Height the form needs inside its frame.
    fn rows(&self) -> u16 {
        self.fields
            .iter()
            .map(|f| 1 + u16::from(f.error.is_some()))
            .sum()
    }

    /// Renders the form in `lang` as a centered popup over `area`.
    pub fn render(&self, lang: Lang, theme: &Theme, area: Rect, buf: &mut Buffer) {
        let rect = popup::centered(area, 78, self.rows() + 2);
        let inner = popup::frame(&self.title.tr(lang), theme, rect, buf);
        self.render_fields(lang, theme, inner, buf, true);
    }

    /// Renders the fields in `lang` into `inner`; the cursor and focus show only when
    /// `active`.
    pub fn render_fields(
        &self,
        lang: Lang,
        theme: &Theme,
        inner: Rect,
        buf: &mut Buffer,
        active: bool,
    ) {
        let names: Vec<String> = self.fields.iter().map(|f| f.label.tr(lang)).collect();
        let label_w = names.iter().map(|l| l.width()).max().unwrap_or(0) as u16 + 2;
        let mut y = inner.y;
        for ((i, field), name) in self.fields.iter().enumerate().zip(names) {
            if y >= inner.bottom() {
                break;
            }
            let focused = active && i == self.focus;
            let label_style = if focused { theme.focus } else { theme.muted };
            let row = Rect {
                y,
                height: 1,
                ..inner
            };
            Line::styled(format!("{name}:"), label_style).render(row, buf);
            let value = Rect {
                x: row.x.saturating_add(label_w).min(row.right()),
                width: row.width.saturating_sub(label_w),
                ..row
            };
            render_value(field, focused, (lang, theme), value, buf);
            y += 1;
            if let (Some(err), true) = (&field.error, y < inner.bottom()) {
                let err_row = Rect { y, ..value };
                let err = err.tr(lang);
                Line::from(Span::styled(format!("✗ {err}"), theme.error)).render(err_row, buf);
                y += 1;
            }
        }
    }
}

/// The options from the first one that lets option `keep` end within `width` columns,
/// after "…" when some were left out on the left: the chosen option stays in view.
fn scrolled_to(spans: Vec<Span<'_>>, keep: usize, width: usize) -> Vec<Span<'_>> {
    let cols = |s: &Span| unicode_width::UnicodeWidthStr::width(s.content.as_ref());
    let end: usize = spans.iter().take(keep + 1).map(cols).sum();
    if end <= width {
        return spans;
    }
    let mut first = 0;
    let mut shown = end + 1;
    while first < keep && shown > width {
        shown -= cols(&spans[first]);
        first += 1;
    }
    std::iter::once(Span::raw("…"))
        .chain(spans.into_iter().skip(first))
        .collect()
}

/// Columns each flag's label may take so that every flag fits in `width` (all of its
/// own length when they fit).
fn flag_label_room(options: &[String], width: usize) -> usize {
    let cols = |s: &String| unicode_width::UnicodeWidthStr::width(s.as_str());
    let total: usize = options.iter().map(|o| cols(o) + 3).sum();
    if total <= width || options.is_empty() {
        return usize::MAX;
    }
    (width / options.len()).saturating_sub(3).max(2)
}

/// A form's title followed by what it is about: "Title · subject".
pub fn about(title: impl Into<Label>, subject: impl Into<Label>) -> Label {
    Label::Args("form.about".into(), vec![title.into(), subject.into()])
}

/// The labels of a field's options.
fn labels<L: Into<Label>>(options: impl IntoIterator<Item = L>) -> Vec<Label> {
    options.into_iter().map(Into::into).collect()
}

/// `'1'` → 0 ... `'9'` → 8.
fn digit_index(c: char) -> Option<usize> {
    c.to_digit(10).filter(|d| *d >= 1).map(|d| d as usize - 1)
}

fn render_value(
    field: &Field,
    focused: bool,
    (lang, theme): (Lang, &Theme),
    area: Rect,
    buf: &mut Buffer,
) {
    let style = if focused {
        theme.focus
    } else {
        ratatui::style::Style::new()
    };
    match &field.kind {
        FieldKind::Text(f) => f.render(area, buf, focused, style),
        FieldKind::Choice { options, chosen } if focused => {
            let spans: Vec<Span> = options
                .iter()
                .map(|o| o.tr(lang))
                .enumerate()
                .map(|(i, label)| match Some(i) == *chosen {
                    true => Span::styled(format!("[{} {label}] ", i + 1), theme.selected),
                    false => Span::styled(format!(" {} {label}  ", i + 1), style),
                })
                .collect();
            let spans = scrolled_to(spans, chosen.unwrap_or(0), area.width as usize);
            Line::from(spans).render(area, buf);
        }
        FieldKind::Choice { options, chosen } => {
            let label = chosen
                .and_then(|c| options.get(c))
                .map_or_else(|| "—".to_string(), |o| o.tr(lang));
            Line::styled(label, style).render(area, buf);
        }
        FieldKind::Flags { options, on } => {
            let options: Vec<String> = options.iter().map(|o| o.tr(lang)).collect();
            let room = flag_label_room(&options, area.width as usize);
            let spans: Vec<Span> = options
                .iter()
                .zip(on)
                .enumerate()
                .map(|(i, (label, on))| {
                    let mark = if *on { "☑" } else { "☐" };
                    let label = super::wrap::cut(label, room);
                    Span::styled(format!("{}{mark}{label} ", i + 1), style)
                })
                .collect();
            Line::from(spans).render(area, buf);
        }
    }
}
