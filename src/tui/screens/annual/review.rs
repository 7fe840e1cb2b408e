//! Step 1 of the annual plan: review of last year's activities (progress, quality, money
//! spent by source, management and monitoring, impact), totalled by source, and the year's
//! general advantages, difficulties and production results.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Row, StatefulWidget, Table, TableState, Widget, Wrap};

use super::AnnualCommand;
use crate::domain::CycleId;
use crate::domain::annual::{
    AnnualItemId, Progress, Quality, Review, ReviewDraft, ReviewField, Source, Spending,
    YearSummary,
};
use crate::i18n::{Label, Lang, t, tf};
use crate::store::ReviewRow;
use crate::tui::screens::{Command, Outcome, ViewCtx};
use crate::tui::widgets::Input;
use crate::tui::widgets::form::{Field, Form, FormEvent, about};

const PROGRESS: usize = 0;
const PERCENT: usize = 1;
const QUALITY: usize = 2;
const FIRST_AMOUNT: usize = 3;
const MANAGEMENT: usize = FIRST_AMOUNT + 6;
const IMPACT: usize = MANAGEMENT + 1;

/// Which form is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewForm {
    /// Reviewing one item of last year's plan.
    Item(AnnualItemId),
    /// The year's general summary.
    Summary,
}

/// The draft a stored review shows in its form.
fn draft_of(r: &Review) -> ReviewDraft {
    ReviewDraft {
        progress: Some(r.progress),
        percent: r.percent.to_string(),
        quality: r.quality,
        amounts: Source::ALL.map(|s| match r.spending.get(s) {
            0 => String::new(),
            v => v.to_string(),
        }),
        management: r.management.clone(),
        impact: r.impact.clone(),
    }
}

/// A review form for `row`: its stored review, else `prefill` (what was recorded after
/// last year's plan: the latest evaluation, the ledger, the groups), else empty.
pub fn item_form(row: &ReviewRow, prefill: Option<&ReviewDraft>) -> Form {
    let stored = row.review.as_ref().map(draft_of);
    let prefilled = stored.is_none() && prefill.is_some();
    let d = stored.or_else(|| prefill.cloned()).unwrap_or_default();
    let progress = Progress::ALL.iter().map(|p| p.label_key());
    let quality = Quality::ALL.iter().map(|q| q.label_key());
    let mut fields = vec![
        Field::choice(
            "ann.progress",
            progress,
            d.progress
                .and_then(|p| Progress::ALL.iter().position(|x| *x == p)),
        ),
        Field::text("ann.percent", &d.percent),
        Field::choice(
            "ann.quality",
            quality,
            d.quality
                .and_then(|q| Quality::ALL.iter().position(|x| *x == q)),
        ),
    ];
    for source in Source::ALL {
        fields.push(Field::text(source.label_key(), d.amount(source)));
    }
    fields.push(Field::text("ann.management", &d.management));
    fields.push(Field::text("ann.impact", &d.impact));
    let mut title = Label::tf(
        "ann.review_title",
        std::slice::from_ref(&row.item.activity.fields.name),
    );
    if prefilled {
        title = about(title, "ann.review_prefilled");
    }
    Form::new(title, fields)
}

/// The year-summary form.
pub fn summary_form(s: &YearSummary) -> Form {
    Form::new(
        "ann.summary_title",
        vec![
            Field::text("ann.advantages", &s.advantages),
            Field::text("ann.difficulties", &s.difficulties),
            Field::text("ann.production", &s.production_results),
        ],
    )
}

/// Handles input for an open review form; `None` when it was cancelled.
pub fn form_event(
    form: &mut Form,
    which: ReviewForm,
    input: &Input,
    cycle: CycleId,
) -> Option<Outcome> {
    match form.handle(input) {
        FormEvent::Editing => Some(Outcome::Stay),
        FormEvent::Cancel => None,
        FormEvent::Submit => Some(match which {
            ReviewForm::Summary => {
                let summary = YearSummary {
                    advantages: form.text(0),
                    difficulties: form.text(1),
                    production_results: form.text(2),
                };
                Outcome::Save(Command::Annual(AnnualCommand::Summary { cycle, summary }))
            }
            ReviewForm::Item(item) => match draft(form).validate() {
                Ok(review) => Outcome::Save(Command::Annual(AnnualCommand::Review {
                    cycle,
                    item,
                    review,
                })),
                Err(errors) => {
                    form.show_errors(errors.iter().map(|e| {
                        (
                            field_index(e.field),
                            Label::tf(e.error.key(), &e.error.args()),
                        )
                    }));
                    Outcome::Stay
                }
            },
        }),
    }
}

fn draft(form: &Form) -> ReviewDraft {
    ReviewDraft {
        progress: form
            .chosen(PROGRESS)
            .and_then(|i| Progress::ALL.get(i))
            .copied(),
        percent: form.text(PERCENT),
        quality: form
            .chosen(QUALITY)
            .and_then(|i| Quality::ALL.get(i))
            .copied(),
        amounts: std::array::from_fn(|i| form.text(FIRST_AMOUNT + i)),
        management: form.text(MANAGEMENT),
        impact: form.text(IMPACT),
    }
}

fn field_index(field: ReviewField) -> usize {
    match field {
        ReviewField::Progress => PROGRESS,
        ReviewField::Percent => PERCENT,
        ReviewField::Quality => QUALITY,
        ReviewField::Amount(s) => {
            FIRST_AMOUNT + Source::ALL.iter().position(|x| *x == s).unwrap_or(0)
        }
    }
}

/// Draws last year's items with their review, and the totals by source.
pub fn render(
    rows: &[ReviewRow],
    totals: &Spending,
    summary: &YearSummary,
    selected: usize,
    area: Rect,
    buf: &mut Buffer,
    ctx: ViewCtx,
) {
    let lang = ctx.lang;
    let [table_area, summary_area, totals_area] = Layout::vertical([
        Constraint::Min(5),
        Constraint::Length(5),
        Constraint::Length(5),
    ])
    .areas(area);
    render_summary(summary, summary_area, buf, ctx);
    if rows.is_empty() {
        Paragraph::new(t(lang, "ann.no_last_year"))
            .wrap(Wrap { trim: true })
            .block(Block::bordered())
            .render(table_area, buf);
    } else {
        let body: Vec<Row> = rows.iter().map(|r| review_row(r, lang)).collect();
        let header = [
            "ann.col.activity",
            "ann.progress",
            "ann.percent",
            "ann.quality",
        ]
        .map(|k| t(lang, k));
        let widths = [
            Constraint::Min(24),
            Constraint::Length(16),
            Constraint::Length(6),
            Constraint::Length(12),
        ];
        let title = tf(
            lang,
            "ann.review_list",
            &[
                rows.iter()
                    .filter(|r| r.review.is_some())
                    .count()
                    .to_string(),
                rows.len().to_string(),
            ],
        );
        let table = Table::new(body, widths)
            .header(Row::new(header).style(ctx.theme.title))
            .block(Block::bordered().title(Line::styled(title, ctx.theme.title)))
            .row_highlight_style(ctx.theme.selected);
        let mut state = TableState::default().with_selected(Some(selected));
        StatefulWidget::render(table, table_area, buf, &mut state);
    }
    let lines: Vec<Line> = Source::ALL
        .chunks(2)
        .map(|pair| {
            Line::raw(
                pair.iter()
                    .map(|s| {
                        format!(
                            "{}: {}",
                            t(lang, s.label_key()),
                            crate::domain::activity::format_vnd(totals.get(*s).max(0) as u64)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(" · "),
            )
        })
        .collect();
    let block = Block::bordered().title(Line::styled(t(lang, "ann.totals"), ctx.theme.title));
    Paragraph::new(lines).block(block).render(totals_area, buf);
}

/// The year's general review as typed (one line each; `a` edits it), or how to add it.
fn render_summary(s: &YearSummary, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
    let lang = ctx.lang;
    let fields = [
        ("ann.advantages", &s.advantages),
        ("ann.difficulties", &s.difficulties),
        ("ann.production", &s.production_results),
    ];
    let lines: Vec<Line> = if fields.iter().all(|(_, v)| v.trim().is_empty()) {
        vec![Line::styled(t(lang, "ann.summary_empty"), ctx.theme.muted)]
    } else {
        fields
            .iter()
            .map(|(key, value)| {
                Line::from(vec![
                    Span::styled(format!("{}: ", t(lang, key)), ctx.theme.title),
                    Span::raw(value.trim().to_string()),
                ])
            })
            .collect()
    };
    let title = Line::styled(t(lang, "ann.summary_title"), ctx.theme.title);
    Paragraph::new(lines)
        .block(Block::bordered().title(title))
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

fn review_row<'a>(r: &ReviewRow, lang: Lang) -> Row<'a> {
    let name = r.item.activity.fields.name.clone();
    match &r.review {
        Some(Review {
            progress,
            percent,
            quality,
            ..
        }) => Row::new([
            name,
            t(lang, progress.label_key()),
            format!("{percent}%"),
            quality.map(|q| t(lang, q.label_key())).unwrap_or_default(),
        ]),
        None => Row::new([
            name,
            t(lang, "ann.not_reviewed"),
            String::new(),
            String::new(),
        ]),
    }
}
