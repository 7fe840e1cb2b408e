//! The key-hint bar: reads the keymap, so hints never lie.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::i18n::{Lang, t};
use crate::tui::keymap::{Action, Context, hints, key_name};
use crate::tui::theme::Theme;

/// Renders the hints of `context` (then the global ones) on one line, in table order,
/// leaving out the actions `live` says would be refused now; a hint that would not fit
/// whole is left out rather than cut.
pub fn render(
    context: Context,
    live: &dyn Fn(Action) -> bool,
    lang: Lang,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let mut spans = Vec::new();
    let mut used = 0;
    let bindings = hints(context).chain(hints(Context::Global));
    for binding in bindings.filter(|b| live(b.action)) {
        let key = key_name(binding.key);
        let label = format!(" {}", t(lang, binding.label));
        let width = key.width() + label.width();
        if used + width > usize::from(area.width) {
            break;
        }
        used += width + 2;
        spans.push(Span::styled(key, theme.key));
        spans.push(Span::raw(format!("{label}  ")));
    }
    Line::from(spans).render(area, buf);
}
