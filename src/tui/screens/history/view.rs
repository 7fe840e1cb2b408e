//! Drawing the history screen: the years table with the selected year's summary, one
//! year's activities with their evaluation, and a comparison of two years. Reads state
//! only.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Row, StatefulWidget, Table, TableState, Widget, Wrap};

use super::{Comparison, HistoryScreen};
use crate::domain::annual::Part;
use crate::domain::history::{
    Evaluation, MediumTerm, Movement, PastItem, PastYear, RankSource, Tally, movement_counts,
};
use crate::i18n::{Lang, t, tf};
use crate::tui::screens::ViewCtx;

/// The years table, the village switcher above it and the selected year's summary below.
pub fn years(s: &HistoryScreen, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
    let lang = ctx.lang;
    let table_height = u16::try_from(s.years.len() + 3).unwrap_or(u16::MAX);
    let [head, table_area, detail] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Max(table_height.max(4)),
        Constraint::Min(6),
    ])
    .areas(area);
    village_line(s, lang).render(head, buf);
    if s.years.is_empty() {
        Paragraph::new(t(lang, "hist.no_years"))
            .block(Block::bordered())
            .render(table_area, buf);
        return;
    }
    let header = [
        "",
        "hist.col.year",
        "hist.col.period",
        "hist.col.mt",
        "hist.col.annual",
        "hist.col.parts",
        "hist.col.eval",
        "hist.col.state",
    ]
    .map(|k| {
        if k.is_empty() {
            String::new()
        } else {
            t(lang, k)
        }
    });
    let rows = s
        .years
        .iter()
        .enumerate()
        .map(|(i, y)| year_row(y, s.marked == Some(i), ctx));
    let widths = [
        Constraint::Length(1),
        Constraint::Length(4),
        Constraint::Length(9),
        Constraint::Length(12),
        Constraint::Length(12),
        Constraint::Length(5),
        Constraint::Length(13),
        Constraint::Min(9),
    ];
    let title = tf(lang, "hist.title", std::slice::from_ref(&s.village.name));
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(ctx.theme.title))
        .block(Block::bordered().title(Line::styled(title, ctx.theme.title)))
        .row_highlight_style(ctx.theme.selected)
        .highlight_symbol("▶ ");
    let mut state = TableState::default().with_selected(Some(s.selected));
    StatefulWidget::render(table, table_area, buf, &mut state);
    if let Some(y) = s.years.get(s.selected) {
        year_summary(s, y, detail, buf, ctx);
    }
}

fn village_line(s: &HistoryScreen, lang: Lang) -> Line<'static> {
    let here = s
        .villages
        .iter()
        .position(|v| *v == s.village.id)
        .unwrap_or(0);
    Line::raw(tf(
        lang,
        "hist.village_line",
        &[
            s.village.name.clone(),
            (here + 1).to_string(),
            s.villages.len().max(1).to_string(),
        ],
    ))
}

fn year_row(y: &PastYear, marked: bool, ctx: ViewCtx) -> Row<'static> {
    let lang = ctx.lang;
    let c = &y.cycle;
    let mt = match y.medium_term {
        MediumTerm::Approved(v) => tf(lang, "hist.mt.approved", &[v.to_string()]),
        MediumTerm::NotApproved => t(lang, "hist.mt.not_approved"),
        MediumTerm::CarriedOver(from) => tf(lang, "hist.mt.carried", &[from.to_string()]),
    };
    let annual = if y.items.is_empty() {
        t(lang, "hist.annual.none")
    } else if y.annual_approved {
        t(lang, "hist.annual.approved")
    } else {
        t(lang, "hist.annual.not_approved")
    };
    let parts = format!("{}/{}", y.count(Part::One), y.count(Part::Two));
    let state = if c.closed {
        Span::styled(t(lang, "hist.state.closed"), ctx.theme.warn)
    } else {
        Span::raw(t(lang, "hist.state.open"))
    };
    Row::new(vec![
        Line::raw(if marked { "◆" } else { "" }),
        Line::raw(c.year.to_string()),
        Line::raw(format!("{}-{}", c.medium_term_start, c.medium_term_end())),
        Line::raw(mt),
        Line::raw(annual),
        Line::raw(parts),
        Line::raw(tally_marks(&y.tally(), y.items.is_empty())),
        Line::from(state),
    ])
}

/// "✓3 ◐4 ○1 ?0", or "—" without activities.
fn tally_marks(tally: &Tally, empty: bool) -> String {
    if empty {
        return "—".into();
    }
    Evaluation::ALL
        .iter()
        .map(|e| format!("{}{}", e.mark(), tally.of(*e)))
        .collect::<Vec<_>>()
        .join(" ")
}

fn year_summary(s: &HistoryScreen, y: &PastYear, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
    let lang = ctx.lang;
    let year = y.cycle.year.to_string();
    let mut lines = vec![Line::raw(match y.reviewed_in {
        Some(next) => tf(
            lang,
            "hist.summary.reviewed",
            &[
                year.clone(),
                y.count(Part::One).to_string(),
                y.count(Part::Two).to_string(),
                next.to_string(),
            ],
        ),
        None => tf(
            lang,
            "hist.summary.unreviewed",
            &[
                year.clone(),
                y.count(Part::One).to_string(),
                y.count(Part::Two).to_string(),
                (y.cycle.year + 1).to_string(),
            ],
        ),
    })];
    lines.push(legend(&y.tally(), lang));
    if y.cycle.closed {
        lines.push(Line::styled(t(lang, "hist.summary.closed"), ctx.theme.warn));
    } else if let Some(reason) = &y.reopen_reason {
        lines.push(Line::raw(tf(
            lang,
            "hist.summary.reopened",
            std::slice::from_ref(reason),
        )));
    }
    lines.push(match s.marked.and_then(|m| s.years.get(m)) {
        Some(m) => Line::styled(
            tf(lang, "hist.summary.marked", &[m.cycle.year.to_string()]),
            ctx.theme.focus,
        ),
        None => Line::styled(t(lang, "hist.summary.how_to_compare"), ctx.theme.muted),
    });
    lines.push(Line::raw(""));
    lines.extend(by_rank(&y.items).into_iter().map(|i| {
        let rank = i.rank.map(|r| format!("{r}. ")).unwrap_or_default();
        let mark = i.evaluation().mark();
        Line::raw(format!("{mark} {rank}{}", i.name))
    }));
    let title = tf(lang, "hist.summary.title", &[year]);
    Paragraph::new(lines)
        .block(Block::bordered().title(Line::styled(title, ctx.theme.title)))
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

/// A year's activities by form-4 rank (unscored last), part 1 before part 2 on a tie.
fn by_rank(items: &[PastItem]) -> Vec<&PastItem> {
    let mut sorted: Vec<&PastItem> = items.iter().collect();
    sorted.sort_by_key(|i| (i.rank.is_none(), i.rank, i.part == Part::Two));
    sorted
}

/// "✓ 3 hoàn thành · ◐ 4 đang làm · ○ 1 chưa làm · ? 0 chưa đánh giá".
fn legend(tally: &Tally, lang: Lang) -> Line<'static> {
    Line::raw(
        Evaluation::ALL
            .iter()
            .map(|e| {
                let label = t(lang, &format!("hist.eval.{}", e.code()));
                format!("{} {} {label}", e.mark(), tally.of(*e))
            })
            .collect::<Vec<_>>()
            .join(" · "),
    )
}

/// One year's annual plan by form-4 rank, each activity with its evaluation.
pub fn year(s: &HistoryScreen, index: usize, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
    let lang = ctx.lang;
    let Some(y) = s.years.get(index) else { return };
    let [head, table_area, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area);
    Line::raw(tf(
        lang,
        "hist.year.head",
        &[y.cycle.year.to_string(), s.village.name.clone()],
    ))
    .render(head, buf);
    legend(&y.tally(), lang).render(foot, buf);
    let year = y.cycle.year.to_string();
    let title = match y.reviewed_in {
        Some(next) => tf(lang, "hist.year.title", &[year.clone(), next.to_string()]),
        None => tf(
            lang,
            "hist.year.title_unreviewed",
            &[year.clone(), (y.cycle.year + 1).to_string()],
        ),
    };
    let block = Block::bordered().title(Line::styled(title, ctx.theme.title));
    if y.items.is_empty() {
        Paragraph::new(tf(lang, "hist.year.empty", &[year]))
            .block(block)
            .render(table_area, buf);
        return;
    }
    let items = by_rank(&y.items);
    let header = [
        "hist.col.rank",
        "hist.col.part",
        "hist.col.eval",
        "hist.col.activity",
    ]
    .map(|k| t(lang, k));
    let rows = items.iter().map(|i| item_row(i, ctx));
    let widths = [
        Constraint::Length(4),
        Constraint::Length(4),
        Constraint::Length(16),
        Constraint::Min(20),
    ];
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(ctx.theme.title))
        .block(block)
        .row_highlight_style(ctx.theme.selected);
    let mut state = TableState::default().with_selected(Some(s.scroll));
    StatefulWidget::render(table, table_area, buf, &mut state);
}

fn item_row(i: &PastItem, ctx: ViewCtx) -> Row<'static> {
    let lang = ctx.lang;
    let e = i.evaluation();
    let eval = match &i.review {
        Some(r) => {
            let quality = r
                .quality
                .map(|q| format!(" {}", t(lang, &format!("annual.quality.{}", q.code()))))
                .unwrap_or_default();
            format!("{} {}%{quality}", e.mark(), r.percent)
        }
        None => format!("{} {}", e.mark(), t(lang, "hist.eval.unreviewed")),
    };
    let style = match e {
        Evaluation::Done => ctx.theme.ok,
        Evaluation::NotStarted => ctx.theme.warn,
        _ => Style::default(),
    };
    let part = match i.part {
        Part::One => "1",
        Part::Two => "2",
    };
    Row::new(vec![
        Line::raw(i.rank.map(|r| r.to_string()).unwrap_or_else(|| "—".into())),
        Line::raw(part),
        Line::styled(eval, style),
        Line::raw(i.name.clone()),
    ])
}

/// Two years side by side: each activity's rank in both and how it moved.
pub fn comparison(s: &HistoryScreen, c: &Comparison, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
    let lang = ctx.lang;
    let (Some(e), Some(l)) = (s.years.get(c.earlier), s.years.get(c.later)) else {
        return;
    };
    let [head, sources, table_area, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area);
    let (ey, ly) = (e.cycle.year.to_string(), l.cycle.year.to_string());
    Line::raw(tf(
        lang,
        "hist.cmp.head",
        &[ey.clone(), ly.clone(), s.village.name.clone()],
    ))
    .render(head, buf);
    Line::styled(
        tf(
            lang,
            "hist.cmp.sources",
            &[ey.clone(), source(e, lang), ly.clone(), source(l, lang)],
        ),
        ctx.theme.muted,
    )
    .render(sources, buf);
    let n = movement_counts(&c.lines).map(|k| k.to_string());
    Line::raw(tf(lang, "hist.cmp.summary", &n)).render(foot, buf);
    let block = Block::bordered().title(Line::styled(
        tf(lang, "hist.cmp.title", &[ey.clone(), ly.clone()]),
        ctx.theme.title,
    ));
    if c.lines.is_empty() {
        Paragraph::new(t(lang, "hist.cmp.empty"))
            .block(block)
            .render(table_area, buf);
        return;
    }
    let header = vec![
        t(lang, "hist.col.activity"),
        ey,
        ly,
        t(lang, "hist.col.change"),
    ];
    let rows = c.lines.iter().map(|line| {
        let (text, style) = movement(line.movement, ctx);
        let rank = |r: Option<u32>| r.map(|r| r.to_string()).unwrap_or_else(|| "—".into());
        Row::new(vec![
            Line::raw(line.name.clone()),
            Line::raw(rank(line.earlier_rank)),
            Line::raw(rank(line.later_rank)),
            Line::styled(text, style),
        ])
    });
    let widths = [
        Constraint::Min(30),
        Constraint::Length(5),
        Constraint::Length(5),
        Constraint::Length(16),
    ];
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(ctx.theme.title))
        .block(block)
        .row_highlight_style(ctx.theme.selected);
    let mut state = TableState::default().with_selected(Some(s.scroll));
    StatefulWidget::render(table, table_area, buf, &mut state);
}

/// "Biểu 4", "kế hoạch trung hạn bản 1" or "chưa có kế hoạch".
fn source(y: &PastYear, lang: Lang) -> String {
    match y.ranking.source {
        RankSource::AnnualPlan => t(lang, "hist.src.annual"),
        RankSource::MediumTermPlan { version } => tf(lang, "hist.src.plan", &[version.to_string()]),
        RankSource::Nothing => t(lang, "hist.src.nothing"),
    }
}

/// The change column: a symbol and words, so it reads without colour.
fn movement(m: Movement, ctx: ViewCtx) -> (String, Style) {
    let lang = ctx.lang;
    let key = format!("hist.mv.{}", m.code());
    match m {
        Movement::Rose(n) => (tf(lang, &key, &[n.to_string()]), ctx.theme.ok),
        Movement::Fell(n) => (tf(lang, &key, &[n.to_string()]), ctx.theme.warn),
        Movement::Done => (t(lang, &key), ctx.theme.ok),
        Movement::Appeared => (t(lang, &key), ctx.theme.focus),
        Movement::Unchanged | Movement::Dropped => (t(lang, &key), ctx.theme.muted),
    }
}
