//! The key-hint bar: reads the keymap, so hints never lie.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::i18n::{Lang, t};
use crate::tui::keymap::{Action, Context, hints, key_name};
use crate::tui::theme::Theme;

/// What the hint bar does with an action now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offer {
    /// Taken if pressed: shown with its label.
    Live,
    /// Refused by a freeze (an approved plan, a closed meeting): its key is shown greyed,
    /// in brackets, with the reason (an i18n key) the refusal gives.
    Blocked(&'static str),
    /// Not meaningful here now (nothing to remove, nothing to reopen): left out.
    Hidden,
}

/// Renders the hints of `context` (then the global ones) on one line, in table order:
/// the live ones with their labels, then the keys a freeze blocks, greyed and bracketed,
/// with its reason (the reason alone when both do not fit). A hint that would not fit
/// whole is left out rather than cut.
pub fn render(
    context: Context,
    offer: &dyn Fn(Action) -> Offer,
    lang: Lang,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let mut spans = Vec::new();
    let mut used = 0;
    let mut blocked: Vec<String> = Vec::new();
    let mut reason = None;
    for binding in hints(context).chain(hints(Context::Global)) {
        match offer(binding.action) {
            Offer::Live => {}
            Offer::Blocked(why) => {
                blocked.push(key_name(binding.key));
                reason.get_or_insert(why);
                continue;
            }
            Offer::Hidden => continue,
        }
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
    if let Some(why) = reason {
        let why = t(lang, why);
        let full = format!("[{}] {why}", blocked.join(" "));
        let room = usize::from(area.width).saturating_sub(used);
        // Short of room, the reason alone (the refusal names the keys when pressed).
        let shown = [full, why].into_iter().find(|text| text.width() <= room);
        spans.extend(shown.map(|text| Span::styled(text, theme.muted)));
    }
    Line::from(spans).render(area, buf);
}
