//! The guard shown instead of a broken layout when the terminal is below 80x24.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Text;
use ratatui::widgets::{Paragraph, Widget, Wrap};

/// Smallest usable width.
pub const MIN_WIDTH: u16 = 80;
/// Smallest usable height.
pub const MIN_HEIGHT: u16 = 24;

/// Whether `area` is too small for the real layout.
pub fn is_too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

/// Renders `message` wrapped into whatever space there is (1x1 included).
pub fn render(message: &str, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    Paragraph::new(Text::raw(message))
        .wrap(Wrap { trim: true })
        .render(area, buf);
}
