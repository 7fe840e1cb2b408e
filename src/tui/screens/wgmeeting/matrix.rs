//! The working group's scoring matrix (form 3): one row per activity, one column per
//! criterion. A digit scores the cell, is saved at once and the cursor moves down, so a
//! flipchart of scores is typed in quickly. Total and rank update live.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Cell, Row, StatefulWidget, Table, TableState};

use super::ScoringChange;
use crate::domain::activity::Activity;
use crate::domain::scoring::{Criterion, MatrixRow, RankedRow, Scale, parse_score};
use crate::i18n::{Lang, t, tf};
use crate::tui::keymap::Action;
use crate::tui::screens::{Change, Outcome, ViewCtx};
use crate::tui::widgets::Input;

/// Cursor and typing state of the matrix.
#[derive(Debug, Clone, Default)]
pub struct MatrixCursor {
    /// Row (activity index in entry order).
    pub row: usize,
    /// Column (criterion index).
    pub col: usize,
    /// Digits typed for a two-digit score (scales up to 10).
    pub typed: String,
    /// "Go to activity number" being typed, when open.
    pub jump: Option<String>,
}

impl MatrixCursor {
    /// Handles one input against `activities` (entry order) on `scale`.
    pub fn update(
        &mut self,
        input: Input,
        activities: &[Activity],
        scale: Scale,
        lang: Lang,
    ) -> Outcome {
        if let Some(jump) = &mut self.jump {
            return jump_input(jump, input, activities.len()).map_or_else(
                || Outcome::Stay,
                |target| {
                    self.jump = None;
                    if let Some(row) = target {
                        self.row = row;
                    }
                    Outcome::Stay
                },
            );
        }
        let last = activities.len().saturating_sub(1);
        match input {
            Input::Action(Action::Up) => self.move_to(self.row.saturating_sub(1), self.col),
            Input::Action(Action::Down) => self.move_to((self.row + 1).min(last), self.col),
            Input::Action(Action::PageUp) => self.move_to(self.row.saturating_sub(10), self.col),
            Input::Action(Action::PageDown) => self.move_to((self.row + 10).min(last), self.col),
            Input::Action(Action::Open) => self.jump = Some(String::new()),
            Input::Action(Action::Back) => return Outcome::Back,
            Input::Action(Action::Help) => return Outcome::Help,
            Input::Key(key) => return self.key(key.code, activities, scale, lang),
            _ => {}
        }
        Outcome::Stay
    }

    fn move_to(&mut self, row: usize, col: usize) {
        self.row = row;
        self.col = col.min(Criterion::ALL.len() - 1);
        self.typed.clear();
    }

    fn key(&mut self, code: KeyCode, activities: &[Activity], scale: Scale, lang: Lang) -> Outcome {
        let Some(activity) = activities.get(self.row).map(|a| a.id) else {
            return Outcome::Stay;
        };
        let criterion = Criterion::ALL[self.col.min(4)];
        match code {
            KeyCode::Left => self.move_to(self.row, self.col.saturating_sub(1)),
            KeyCode::Right => self.move_to(self.row, self.col + 1),
            KeyCode::Backspace | KeyCode::Delete => {
                self.typed.clear();
                return Outcome::Save(Change::Scoring(ScoringChange::Score {
                    activity,
                    criterion,
                    score: None,
                }));
            }
            KeyCode::Char(c) if c.is_ascii_digit() => {
                return self.digit(c, activity, criterion, scale, lang);
            }
            KeyCode::Char(_) => {
                return Outcome::Say(tf(lang, "scoring.err.out_of_scale", &scale_args(scale)));
            }
            _ => {}
        }
        Outcome::Stay
    }

    /// One digit: commits at once when no longer score could start with it.
    fn digit(
        &mut self,
        c: char,
        activity: crate::domain::activity::ActivityId,
        criterion: Criterion,
        scale: Scale,
        lang: Lang,
    ) -> Outcome {
        self.typed.push(c);
        let longer_possible = self.typed.len() == 1 && scale.max >= 10 && c == '1';
        if longer_possible {
            return Outcome::Stay;
        }
        let typed = std::mem::take(&mut self.typed);
        match parse_score(&typed, scale) {
            Ok(score) => {
                self.row += 1;
                Outcome::Save(Change::Scoring(ScoringChange::Score {
                    activity,
                    criterion,
                    score: Some(score),
                }))
            }
            Err(e) => Outcome::Say(tf(lang, e.message_key(), &e.args())),
        }
    }

    /// Keeps the cursor inside `rows` rows (after reloads and moving past the end).
    pub fn clamp(&mut self, rows: usize) {
        self.row = self.row.min(rows.saturating_sub(1));
    }
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

/// What the matrix pane shows.
pub struct MatrixView<'a> {
    /// Cursor and typing state.
    pub cursor: &'a MatrixCursor,
    /// Activities in entry order.
    pub activities: &'a [Activity],
    /// Stored scores.
    pub rows: &'a [MatrixRow],
    /// Totals and ranks.
    pub ranked: &'a [RankedRow],
    /// The cycle's scale.
    pub scale: Scale,
}

/// Draws the matrix with the cursor cell marked; the title tells the scale and any jump.
pub fn render(view: &MatrixView, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
    let MatrixView {
        cursor,
        activities,
        rows,
        ranked,
        scale,
    } = *view;
    let lang = ctx.lang;
    let mut header: Vec<Cell> = vec![Cell::from("#"), Cell::from(t(lang, "wgm.activity"))];
    header.extend(
        Criterion::ALL
            .iter()
            .map(|c| Cell::from(t(lang, c.short_key()))),
    );
    header.push(Cell::from(t(lang, "wgm.total")));
    header.push(Cell::from(t(lang, "wgm.rank")));
    let body: Vec<Row> = activities
        .iter()
        .enumerate()
        .map(|(i, a)| matrix_row(i, a, rows, ranked, cursor, ctx))
        .collect();
    let mut widths = vec![Constraint::Length(3), Constraint::Min(16)];
    widths.extend([Constraint::Length(7); 5]);
    widths.extend([Constraint::Length(5), Constraint::Length(5)]);
    let title = match &cursor.jump {
        Some(text) => tf(lang, "wgm.jump", std::slice::from_ref(text)),
        None => {
            let column = t(lang, Criterion::ALL[cursor.col.min(4)].label_key());
            tf(
                lang,
                "wgm.matrix_title",
                &[column, scale.min.to_string(), scale.max.to_string()],
            )
        }
    };
    let table = Table::new(body, widths)
        .header(Row::new(header).style(ctx.theme.title))
        .column_spacing(1)
        .block(Block::bordered().title(Line::styled(title, ctx.theme.title)))
        .row_highlight_style(ctx.theme.focus);
    let mut state =
        TableState::default().with_selected((!activities.is_empty()).then_some(cursor.row));
    StatefulWidget::render(table, area, buf, &mut state);
}

fn matrix_row<'a>(
    i: usize,
    a: &Activity,
    rows: &[MatrixRow],
    ranked: &[RankedRow],
    cursor: &MatrixCursor,
    ctx: ViewCtx,
) -> Row<'a> {
    let row = rows.iter().find(|r| r.activity == a.id.0);
    let rank = ranked.iter().find(|r| r.activity == a.id.0);
    let mut cells = vec![
        Cell::from(format!("{}", i + 1)),
        Cell::from(a.fields.name.clone()),
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
            cell.style(ctx.theme.selected)
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
