//! Centered popups: the frame for forms, confirmations and help.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Text};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget, Wrap};

use crate::tui::theme::Theme;

/// A rectangle of at most `width` x `height` centered in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Clears `area` and draws a titled frame; returns the inner area.
pub fn frame(title: &str, theme: &Theme, area: Rect, buf: &mut Buffer) -> Rect {
    Clear.render(area, buf);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .title(Line::styled(format!(" {title} "), theme.title));
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}

/// A yes/no question with the pending action described in `message`.
pub fn confirm(
    title: &str,
    message: &str,
    hint: &str,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let popup = centered(area, 60, 8);
    let inner = frame(title, theme, popup, buf);
    let text = Text::from(vec![
        Line::raw(message),
        Line::raw(""),
        Line::styled(hint, theme.key),
    ]);
    Paragraph::new(text)
        .wrap(Wrap { trim: true })
        .render(inner, buf);
}
