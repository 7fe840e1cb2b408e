//! The five-criteria score table used for the working group's draft plan (form 3) and the
//! annual plan (form 4): one row per activity, one column per criterion. A digit scores
//! the cell and the cursor moves down, so a flipchart of scores is typed in quickly;
//! total and rank update live. The widget reports edits; the screen saves them.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Cell, Row, StatefulWidget, Table, TableState};

use crate::domain::scoring::{Criterion, MatrixRow, RankedRow, Scale, parse_score};
use crate::i18n::{Lang, t, tf};
use crate::tui::keymap::Action;
use crate::tui::theme::Theme;
use crate::tui::widgets::{Input, list_cursor};
use unicode_width::UnicodeWidthStr;

/// What an input did to the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScoreEvent {
    /// Nothing to save.
    None,
    /// Leave the screen.
    Back,
    /// Show help.
    Help,
    /// Tell the facilitator something (a refused score).
    Say(String),
    /// Set (or clear) the score of row `row` on `criterion`.
    Set {
        /// Row index in entry order.
        row: usize,
        /// Criterion.
        criterion: Criterion,
        /// Score, `None` to clear.
        score: Option<u8>,
    },
}

/// Cursor and typing state of the table.
#[derive(Debug, Clone, Default)]
pub struct MatrixCursor {
    /// Row (entry order).
    pub row: usize,
    /// Column (criterion index).
    pub col: usize,
    /// Digits typed for a two-digit score (scales up to 10).
    pub typed: String,
    /// "Go to activity number" being typed, when open.
    pub jump: Option<String>,
}

impl MatrixCursor {
    /// Handles one input on a table of `rows` rows scored on `scale`.
    pub fn update(&mut self, input: Input, rows: usize, scale: Scale, lang: Lang) -> ScoreEvent {
        if let Some(jump) = &mut self.jump {
            if let Some(target) = jump_input(jump, input, rows) {
                self.jump = None;
                if let Some(row) = target {
                    self.row = row;
                }
            }
            return ScoreEvent::None;
        }
        let mut row = self.row;
        if let Input::Action(action) = input
            && list_cursor::step(&mut row, action, rows)
        {
            self.move_to(row, self.col);
            return ScoreEvent::None;
        }
        match input {
            Input::Action(Action::Open) => self.jump = Some(String::new()),
            Input::Action(Action::Back) => return ScoreEvent::Back,
            Input::Action(Action::Help) => return ScoreEvent::Help,
            Input::Key(key) if rows > 0 => return self.key(key.code, scale, lang),
            _ => {}
        }
        ScoreEvent::None
    }

    fn move_to(&mut self, row: usize, col: usize) {
        self.row = row;
        self.col = col.min(Criterion::ALL.len() - 1);
        self.typed.clear();
    }

    fn key(&mut self, code: KeyCode, scale: Scale, lang: Lang) -> ScoreEvent {
        let (row, criterion) = (self.row, Criterion::ALL[self.col.min(4)]);
        match code {
            KeyCode::Left => self.move_to(row, self.col.saturating_sub(1)),
            KeyCode::Right => self.move_to(row, self.col + 1),
            KeyCode::Backspace | KeyCode::Delete => {
                self.typed.clear();
                return ScoreEvent::Set {
                    row,
                    criterion,
                    score: None,
                };
            }
            KeyCode::Char(c) if c.is_ascii_digit() => {
                return self.digit(c, row, criterion, scale, lang);
            }
            KeyCode::Char(_) => {
                return ScoreEvent::Say(tf(lang, "scoring.err.out_of_scale", &scale_args(scale)));
            }
            _ => {}
        }
        ScoreEvent::None
    }

    /// One digit: commits at once unless a longer score could start with it.
    fn digit(
        &mut self,
        c: char,
        row: usize,
        criterion: Criterion,
        scale: Scale,
        lang: Lang,
    ) -> ScoreEvent {
        self.typed.push(c);
        if self.typed.len() == 1 && scale.max >= 10 && c == '1' {
            return ScoreEvent::None;
        }
        let typed = std::mem::take(&mut self.typed);
        match parse_score(&typed, scale) {
            Ok(score) => {
                self.row += 1;
                ScoreEvent::Set {
                    row,
                    criterion,
                    score: Some(score),
                }
            }
            Err(e) => ScoreEvent::Say(tf(lang, e.message_key(), &e.args())),
        }
    }

    /// Keeps the cursor inside `rows` rows (after reloads and moving past the end).
    pub fn clamp(&mut self, rows: usize) {
        self.row = list_cursor::clamp(self.row, rows);
    }
}

/// What the table shows: rows in entry order, each with its key (activity or item id).
pub struct ScoreTable<'a> {
    /// Cursor and typing state.
    pub cursor: &'a MatrixCursor,
    /// `(key, name)` per row in entry order.
    pub names: &'a [(i64, String)],
    /// Stored scores (`MatrixRow::activity` holds the key).
    pub rows: &'a [MatrixRow],
    /// Totals and ranks.
    pub ranked: &'a [RankedRow],
    /// The cycle's scale.
    pub scale: Scale,
}

/// Draws the table with the cursor cell marked; the title names the column's criterion.
pub fn render(view: &ScoreTable, lang: Lang, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let mut header: Vec<Cell> = vec![Cell::from("#"), Cell::from(t(lang, "wgm.activity"))];
    header.extend(
        Criterion::ALL
            .iter()
            .map(|c| Cell::from(t(lang, c.short_key()))),
    );
    header.push(Cell::from(t(lang, "wgm.total")));
    header.push(Cell::from(t(lang, "wgm.rank")));
    let body: Vec<Row> = view
        .names
        .iter()
        .enumerate()
        .map(|(i, (key, name))| score_row(i, (*key, name), view, theme))
        .collect();
    let mut widths = vec![Constraint::Length(3), Constraint::Min(16)];
    // Each criterion's column is as wide as its short name ("Cấp thiết"), at least 7.
    widths.extend(Criterion::ALL.iter().map(|c| {
        let label = UnicodeWidthStr::width(t(lang, c.short_key()).as_str());
        Constraint::Length(u16::try_from(label).unwrap_or(7).max(7))
    }));
    widths.extend([Constraint::Length(5), Constraint::Length(5)]);
    let table = Table::new(body, widths)
        .header(Row::new(header).style(theme.title))
        .column_spacing(1)
        .block(Block::bordered().title(Line::styled(title(view, lang), theme.title)))
        .row_highlight_style(theme.focus);
    let selected = (!view.names.is_empty()).then_some(view.cursor.row);
    let mut state = TableState::default().with_selected(selected);
    StatefulWidget::render(table, area, buf, &mut state);
}

fn title(view: &ScoreTable, lang: Lang) -> String {
    match &view.cursor.jump {
        Some(text) => tf(lang, "wgm.jump", std::slice::from_ref(text)),
        None => {
            let column = t(lang, Criterion::ALL[view.cursor.col.min(4)].label_key());
            tf(
                lang,
                "wgm.matrix_title",
                &[
                    column,
                    view.scale.min.to_string(),
                    view.scale.max.to_string(),
                ],
            )
        }
    }
}

fn score_row<'a>(i: usize, (key, name): (i64, &str), view: &ScoreTable, theme: &Theme) -> Row<'a> {
    let cursor = view.cursor;
    let row = view.rows.iter().find(|r| r.activity == key);
    let rank = view.ranked.iter().find(|r| r.activity == key);
    let mut cells = vec![
        Cell::from(format!("{}", i + 1)),
        Cell::from(name.to_string()),
    ];
    for (col, c) in Criterion::ALL.iter().enumerate() {
        let value = row
            .and_then(|r| r.score(*c))
            .map_or("·".to_string(), |s| s.to_string());
        let here = i == cursor.row && col == cursor.col;
        let text = if here && !cursor.typed.is_empty() {
            format!("{}_", cursor.typed)
        } else {
            value
        };
        let cell = Cell::from(if here {
            format!("[{text}]")
        } else {
            format!(" {text}")
        });
        cells.push(if here {
            cell.style(theme.selected)
        } else {
            cell
        });
    }
    cells.push(Cell::from(rank.map_or(0, |r| r.total).to_string()));
    let rank_text = match rank.and_then(|r| r.rank.map(|n| (n, r.tied))) {
        Some((n, true)) => format!("{n}="),
        Some((n, false)) => n.to_string(),
        None => "—".into(),
    };
    cells.push(Cell::from(rank_text));
    Row::new(cells)
}

fn scale_args(scale: Scale) -> Vec<String> {
    vec![scale.min.to_string(), scale.max.to_string()]
}
/// Typing a row number to jump to: `Some(Some(row))` to go, `Some(None)` to cancel.
fn jump_input(text: &mut String, input: Input, rows: usize) -> Option<Option<usize>> {
    match input {
        Input::Key(k) => match k.code {
            KeyCode::Char(c) if c.is_ascii_digit() && text.len() < 3 => {
                text.push(c);
                None
            }
            KeyCode::Backspace => {
                text.pop();
                None
            }
            KeyCode::Esc => Some(None),
            _ => None,
        },
        Input::Action(Action::Open | Action::Submit) => Some(
            text.parse::<usize>()
                .ok()
                .filter(|n| (1..=rows).contains(n))
                .map(|n| n - 1),
        ),
        Input::Action(Action::Back) => Some(None),
        _ => None,
    }
}
