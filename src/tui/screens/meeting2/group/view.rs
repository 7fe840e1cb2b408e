//! Drawing one group's section: header, live status, the rows (scrolled to keep the
//! selected one visible) and the inline message line.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::GroupTab;
use crate::domain::scoring::{Group, InputMode, check_votes};
use crate::i18n::{Label, Lang, t, tf};
use crate::tui::screens::ViewCtx;
use crate::tui::screens::meeting2::data::{Data, GroupData};
use crate::tui::widgets::list_cursor;

impl GroupTab {
    /// Draws the group's header, its status, the rows and the inline message.
    pub fn render(&self, data: &Data, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let [head, status, table, message] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(1),
        ])
        .areas(area);
        let g = data.group(self.group);
        Line::styled(header(g, ctx.lang), ctx.theme.title).render(head, buf);
        let (text, bad) = match g.info.members {
            0 => (size_unset(data, self.group).tr(ctx.lang), true),
            _ => status_line(g, data.rows.len(), ctx.lang),
        };
        let style = if bad {
            ctx.theme.error
        } else {
            ctx.theme.muted
        };
        Line::styled(text, style).render(status, buf);
        self.render_rows(data, table, buf, ctx);
        self.render_message(message, buf, ctx);
        if let Some(form) = &self.form {
            form.render(ctx.lang, &ctx.theme, area, buf);
        }
    }

    fn render_rows(&self, data: &Data, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let g = data.group(self.group);
        let value_head = t(ctx.lang, g.mode().label_key());
        let head = row_text(
            "#",
            &t(ctx.lang, "m2.col.activity"),
            &t(ctx.lang, "m2.col.draft"),
            &value_head,
            area.width,
        );
        Line::styled(head, ctx.theme.muted).render(area, buf);
        let body = Rect {
            y: area.y.saturating_add(1),
            height: area.height.saturating_sub(1),
            ..area
        };
        let height = usize::from(body.height);
        let window = list_cursor::window(self.selected, data.rows.len(), height);
        let offset = window.start;
        for (i, row) in data.rows.iter().enumerate().skip(offset).take(window.len()) {
            let selected = i == self.selected;
            let value = match (selected, g.value(row.key)) {
                (true, _) if !self.typed.is_empty() => format!("{}▏", self.typed),
                (_, Some(v)) => v.to_string(),
                (_, None) => "·".into(),
            };
            let number = (i + 1).to_string();
            let draft = row.draft_rank.to_string();
            let text = row_text(&number, &row.name, &draft, &value, area.width);
            let style = if selected {
                ctx.theme.selected
            } else {
                ratatui::style::Style::new()
            };
            let line_area = Rect {
                y: body.y + u16::try_from(i - offset).unwrap_or(0),
                height: 1,
                ..body
            };
            Line::styled(text, style).render(line_area, buf);
        }
    }

    fn render_message(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let line = if let Some(jump) = &self.jump {
            let prompt = format!("{} {jump}▏", t(ctx.lang, "m2.goto_prompt"));
            let mut spans = vec![Span::styled(prompt, ctx.theme.focus)];
            if let Some(e) = &self.error {
                spans.push(Span::styled(
                    format!("  ✗ {}", e.tr(ctx.lang)),
                    ctx.theme.error,
                ));
            }
            Line::from(spans)
        } else if let Some(e) = &self.error {
            Line::styled(format!("✗ {}", e.tr(ctx.lang)), ctx.theme.error)
        } else {
            Line::styled(t(ctx.lang, "m2.type_hint"), ctx.theme.muted)
        };
        line.render(area, buf);
    }
}

/// "Nhóm nam · 50 người × 3 phiếu · Đếm phiếu · Thư ký: …".
fn header(g: &GroupData, lang: Lang) -> String {
    let recorder = match g.info.recorder.as_str() {
        "" => "—",
        r => r,
    };
    tf(
        lang,
        "m2.group.header",
        &[
            t(lang, g.group.label_key()),
            t(lang, g.mode().label_key()),
            recorder.to_string(),
        ],
    )
}

/// What to do while the group's size is not set, told against meeting 2's register: how
/// many of the group are on it (`e` sets the size, filled in from it), or that nobody is.
pub fn size_unset(data: &Data, group: Group) -> Label {
    match data.present(group) {
        0 => Label::key("m2.group.nobody"),
        n => Label::tf("m2.group.size_unset", &[n.to_string()]),
    }
}

/// The group's live status and whether it breaks a rule (its size is set).
fn status_line(g: &GroupData, n: usize, lang: Lang) -> (String, bool) {
    let members = g.info.members.to_string();
    let entered = g.entered().to_string();
    match g.mode() {
        InputMode::Votes => {
            let capacity = u64::from(g.info.members) * u64::from(g.info.votes_each);
            let counts: Vec<u32> = g.vote_counts();
            if let Err(e) = check_votes(&counts, g.info.members, g.info.votes_each) {
                return (tf(lang, e.message_key(), &e.args()), true);
            }
            let args = [
                members,
                g.info.votes_each.to_string(),
                g.total_votes().to_string(),
                capacity.to_string(),
                entered,
                n.to_string(),
            ];
            (tf(lang, "m2.group.votes_status", &args), false)
        }
        InputMode::Ranking => {
            let args = [members, entered, n.to_string()];
            (tf(lang, "m2.group.ranking_status", &args), g.entered() < n)
        }
    }
}

/// One table line: number, name (cut to fit), draft rank and value, right-aligned.
fn row_text(number: &str, name: &str, draft: &str, value: &str, width: u16) -> String {
    let fixed = 4 + 8 + 12;
    let name_w = usize::from(width).saturating_sub(fixed).max(8);
    format!("{number:>3} {} {draft:>7} {value:>11}", fit(name, name_w))
}

/// `text` cut or padded to exactly `width` display columns.
pub fn fit(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width.saturating_sub(1) && text.width() > width {
            out.push('…');
            used += 1;
            break;
        }
        out.push(c);
        used += w;
    }
    out.push_str(&" ".repeat(width.saturating_sub(used)));
    out
}
