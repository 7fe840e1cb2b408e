//! The draft medium-term plan (form 3, "Biểu 3"): activities in rank order with the
//! attributes the commune needs, for presenting at village meeting 2.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Row, StatefulWidget, Table, TableState};

use crate::domain::activity::{Activity, format_decimal};
use crate::domain::scoring::RankedRow;
use crate::i18n::{t, tf};
use crate::tui::screens::ViewCtx;

/// Activities with their ranked rows, best first (unranked last, in entry order).
pub fn ordered<'a>(
    activities: &'a [Activity],
    ranked: &'a [RankedRow],
) -> Vec<(&'a Activity, &'a RankedRow)> {
    ranked
        .iter()
        .filter_map(|r| {
            activities
                .iter()
                .find(|a| a.id.0 == r.activity)
                .map(|a| (a, r))
        })
        .collect()
}

/// Draws the ranked plan (form 3, or form 4 with `title`), scrolled to `selected`.
pub fn render(
    title: &str,
    activities: &[Activity],
    ranked: &[RankedRow],
    selected: usize,
    area: Rect,
    buf: &mut Buffer,
    ctx: ViewCtx,
) {
    let lang = ctx.lang;
    let rows: Vec<Row> = ordered(activities, ranked)
        .into_iter()
        .map(|(a, r)| {
            let rank = match (r.rank, r.tied) {
                (Some(n), true) => format!("{n}="),
                (Some(n), false) => n.to_string(),
                (None, _) => "—".into(),
            };
            let f = &a.fields;
            let qty = f
                .quantity
                .map(|q| format!("{} {}", format_decimal(q), f.unit))
                .unwrap_or_default();
            let name = match f.missing_plan_fields().is_empty() {
                true => f.name.clone(),
                false => format!("✗ {}", f.name),
            };
            Row::new([
                rank,
                name,
                t(lang, f.sector.label_key()),
                qty,
                f.location.clone(),
                r.total.to_string(),
            ])
        })
        .collect();
    let header = [
        "wgm.rank",
        "wgm.activity",
        "wgm.sector",
        "wgm.quantity",
        "wgm.place",
        "wgm.total",
    ]
    .map(|k| t(lang, k));
    let widths = [
        Constraint::Length(5),
        Constraint::Min(20),
        Constraint::Length(14),
        Constraint::Length(12),
        Constraint::Length(12),
        Constraint::Length(5),
    ];
    let missing = activities
        .iter()
        .filter(|a| !a.fields.missing_plan_fields().is_empty())
        .count();
    let mut block = Block::bordered().title(Line::styled(title, ctx.theme.title));
    if missing > 0 {
        let legend = tf(lang, "plan.missing_legend", &[missing.to_string()]);
        block = block.title_bottom(Line::styled(legend, ctx.theme.warn));
    }
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(ctx.theme.title))
        .block(block)
        .row_highlight_style(ctx.theme.selected);
    let mut state =
        TableState::default().with_selected((!activities.is_empty()).then_some(selected));
    StatefulWidget::render(table, area, buf, &mut state);
}
