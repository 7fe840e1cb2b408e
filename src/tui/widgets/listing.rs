//! A bordered, titled list of lines in columns, with a header row and the selected line
//! marked ▶ (the commune's and the district's year screens).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Row, StatefulWidget, Table, TableState};

use crate::tui::theme::Theme;

/// Renders `rows` under `header` in a bordered block titled `title`, line `selected`
/// highlighted.
pub fn render<'a>(
    (title, header): (String, Vec<String>),
    rows: impl IntoIterator<Item = Row<'a>>,
    widths: &[Constraint],
    selected: usize,
    theme: &Theme,
    (area, buf): (Rect, &mut Buffer),
) {
    let table = Table::new(rows, widths.iter().copied())
        .header(Row::new(header).style(theme.title))
        .block(Block::bordered().title(Line::styled(title, theme.title)))
        .row_highlight_style(theme.selected)
        .highlight_symbol("▶ ");
    let mut state = TableState::default().with_selected(Some(selected));
    StatefulWidget::render(table, area, buf, &mut state);
}
