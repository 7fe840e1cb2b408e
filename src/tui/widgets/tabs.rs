//! The section tabs line of a step screen: "F3 Biên bản  F4 Điểm danh  F5 …", with the
//! active section shown reversed (readable without colour).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::i18n::{Lang, t};
use crate::tui::theme::Theme;

/// Renders `(key, label i18n key)` tabs with the one at `active` highlighted.
pub fn render(
    tabs: &[(&str, &str)],
    active: usize,
    lang: Lang,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let spans: Vec<Span> = tabs
        .iter()
        .enumerate()
        .flat_map(|(i, (key, label))| {
            let style = if i == active {
                theme.selected
            } else {
                theme.muted
            };
            [
                Span::styled(format!(" {key} {} ", t(lang, label)), style),
                Span::raw(" "),
            ]
        })
        .collect();
    Line::from(spans).render(area, buf);
}
