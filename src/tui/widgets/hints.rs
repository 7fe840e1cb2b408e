//! The key-hint bar: reads the keymap, so hints never lie.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::i18n::{Lang, t};
use crate::tui::keymap::{Context, hints, key_name};
use crate::tui::theme::Theme;

/// Renders the hints of `context` (then the global ones) on one line.
pub fn render(context: Context, lang: Lang, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let mut spans = Vec::new();
    for binding in hints(context).chain(hints(Context::Global)) {
        spans.push(Span::styled(key_name(binding.key), theme.key));
        spans.push(Span::raw(format!(" {}  ", t(lang, binding.label))));
    }
    Line::from(spans).render(area, buf);
}
