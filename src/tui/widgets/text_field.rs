//! A one-line text field wrapping ratatui-textarea (display widths, Vietnamese input,
//! cursor movement and undo come from the widget, not from hand-written code).

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;
use ratatui_textarea::TextArea;

/// Longest text a field keeps, in characters (validation gives the real limits).
pub const MAX_FIELD_CHARS: usize = 10_000;

/// A single-line editable text.
#[derive(Debug, Clone)]
pub struct TextField {
    area: TextArea<'static>,
}

impl Default for TextField {
    fn default() -> Self {
        Self::new("")
    }
}

impl TextField {
    /// A field holding `text`, cursor at the end.
    pub fn new(text: &str) -> Self {
        let mut area = TextArea::new(vec![one_line(text)]);
        area.set_cursor_line_style(Style::new());
        area.move_cursor(ratatui_textarea::CursorMove::End);
        TextField { area }
    }

    /// The current text.
    pub fn value(&self) -> String {
        self.area.lines().first().cloned().unwrap_or_default()
    }

    /// Replaces the text.
    pub fn set(&mut self, text: &str) {
        *self = TextField::new(text);
    }

    /// Feeds a key; Enter and Tab are never inserted. Ctrl-U clears the field and Ctrl-W
    /// deletes the word before the cursor. Returns whether the text changed.
    pub fn key(&mut self, key: KeyEvent) -> bool {
        if matches!(key.code, KeyCode::Enter | KeyCode::Tab | KeyCode::BackTab) {
            return false;
        }
        if key.modifiers.contains(KeyModifiers::CONTROL) {
            return match key.code {
                KeyCode::Char('u') => self.clear(),
                KeyCode::Char('w') => self.area.delete_word(),
                _ => self.area.input(key),
            };
        }
        if self.value().chars().count() >= MAX_FIELD_CHARS && matches!(key.code, KeyCode::Char(_)) {
            return false;
        }
        self.area.input(key)
    }

    /// Empties the field (one undoable edit); whether there was text.
    fn clear(&mut self) -> bool {
        self.area.move_cursor(ratatui_textarea::CursorMove::End);
        self.area.delete_line_by_head()
    }

    /// Inserts pasted text as one line (line breaks become spaces).
    pub fn paste(&mut self, text: &str) -> bool {
        let room = MAX_FIELD_CHARS.saturating_sub(self.value().chars().count());
        let clipped: String = one_line(text).chars().take(room).collect();
        self.area.insert_str(clipped)
    }

    /// Renders the field; the cursor is drawn only when `focused`.
    pub fn render(&self, area: Rect, buf: &mut Buffer, focused: bool, style: Style) {
        let mut view = self.area.clone();
        view.set_style(style);
        let cursor = if focused {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            style
        };
        view.set_cursor_style(cursor);
        (&view).render(area, buf);
    }
}

fn one_line(text: &str) -> String {
    text.replace(['\r', '\n', '\t'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(field: &mut TextField, code: KeyCode) {
        field.key(KeyEvent::new(code, KeyModifiers::NONE));
    }

    #[test]
    fn typing_vietnamese_and_editing() {
        let mut f = TextField::default();
        for c in "Nguyễn Thị Hường".chars() {
            press(&mut f, KeyCode::Char(c));
        }
        press(&mut f, KeyCode::Backspace);
        assert_eq!(f.value(), "Nguyễn Thị Hườn");
        press(&mut f, KeyCode::Enter);
        assert_eq!(f.value(), "Nguyễn Thị Hườn");
    }

    #[test]
    fn ctrl_u_clears_and_ctrl_w_deletes_a_word() {
        let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        let mut f = TextField::new("Hội Liên hiệp Phụ nữ");
        assert!(f.key(ctrl('w')));
        assert_eq!(f.value(), "Hội Liên hiệp Phụ ");
        press(&mut f, KeyCode::Left);
        press(&mut f, KeyCode::Left);
        assert!(f.key(ctrl('u')));
        assert_eq!(f.value(), "");
        assert!(!f.key(ctrl('u')), "nothing left to clear");
    }

    #[test]
    fn paste_stays_on_one_line() {
        let mut f = TextField::new("a");
        f.paste("b\nc");
        assert_eq!(f.value(), "ab c");
    }
}
