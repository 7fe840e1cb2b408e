//! Progress of the assessment: which selected tools have findings, which sub-groups have
//! reported, activities per sector, and the time used against the 2-day limit.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::activities::short;
use super::{Data, LIMIT_MINUTES};
use crate::domain::activity::Sector;
use crate::i18n::{t, tf};
use crate::tui::keymap::Action;
use crate::tui::screens::cycle::unicode_pad;
use crate::tui::screens::{Outcome, ViewCtx};
use crate::tui::widgets::Input;

/// Handles one input (the progress view only reads).
pub fn update(input: Input) -> Outcome {
    match input {
        Input::Action(Action::Back) => Outcome::Back,
        Input::Action(Action::Help) => Outcome::Help,
        _ => Outcome::Stay,
    }
}

/// The one-line summary shown above every section.
pub fn render_line(data: &Data, ctx: ViewCtx, area: Rect, buf: &mut Buffer) {
    let f = &data.facts;
    let text = tf(
        ctx.lang,
        "assess.progress_line",
        &[
            f.tools_done.to_string(),
            f.tools_selected.to_string(),
            f.subgroups_reported.to_string(),
            f.subgroups.to_string(),
            f.activities.to_string(),
        ],
    );
    let used = data.elapsed();
    let over = used > LIMIT_MINUTES;
    let time = tf(
        ctx.lang,
        "assess.time_line",
        &[used.to_string(), LIMIT_MINUTES.to_string()],
    );
    let (mark, style) = if over {
        ("! ", ctx.theme.warn)
    } else {
        ("", ctx.theme.muted)
    };
    Line::from(vec![
        Span::styled(text, ctx.theme.muted),
        Span::styled(format!(" · {mark}{time}"), style),
    ])
    .render(area, buf);
}

/// The full progress view.
pub fn render(data: &Data, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area);
    let width = usize::from(left.width.saturating_sub(4));
    let mut lines = vec![Line::styled(
        t(ctx.lang, "assess.tools_done"),
        ctx.theme.title,
    )];
    for code in &data.selected {
        let done = data.findings.iter().any(|f| &f.tool_code == code);
        let name = short(&data.tool_name(code, ctx.lang), width);
        lines.push(mark_line(done, name, ctx));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        t(ctx.lang, "assess.groups_reported"),
        ctx.theme.title,
    ));
    for g in &data.subgroups {
        let n = data
            .findings
            .iter()
            .filter(|f| f.subgroup_id == g.id)
            .count();
        let text = tf(
            ctx.lang,
            "assess.group_findings",
            &[g.name.clone(), n.to_string()],
        );
        lines.push(mark_line(n > 0, short(&text, width), ctx));
    }
    Paragraph::new(lines)
        .block(Block::bordered().title(t(ctx.lang, "assess.tab.progress")))
        .wrap(Wrap { trim: true })
        .render(left, buf);
    render_sectors(data, right, buf, ctx);
}

fn mark_line<'a>(done: bool, text: String, ctx: ViewCtx) -> Line<'a> {
    if done {
        Line::styled(format!("✓ {text}"), ctx.theme.ok)
    } else {
        Line::styled(format!("· {text}"), ctx.theme.muted)
    }
}

fn render_sectors(data: &Data, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
    let mut lines = Vec::new();
    for sector in Sector::ALL {
        let n = data
            .activities
            .iter()
            .filter(|a| a.fields.sector == sector)
            .count();
        if n > 0 {
            let label = super::activities::short(&t(ctx.lang, sector.label_key()), 26);
            lines.push(Line::raw(format!("{}{n:>3}", unicode_pad(&label, 27))));
        }
    }
    let women = data
        .activities
        .iter()
        .filter(|a| a.fields.proposed_by_women)
        .count();
    lines.push(Line::raw(""));
    lines.push(Line::raw(tf(
        ctx.lang,
        "assess.by_women_count",
        &[women.to_string()],
    )));
    let title = t(ctx.lang, "assess.per_sector");
    Paragraph::new(lines)
        .block(Block::bordered().title(title))
        .render(area, buf);
}
