//! Marking people present from the village's register: type a few letters of a name
//! (without diacritics if you like), the first match is highlighted, Enter marks them
//! present and clears the search for the next person. Meeting 2 and the approval meeting
//! open here, since their participants are mostly meeting 1's.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, StatefulWidget, Widget, Wrap};

use super::{NameIndex, person_line};
use crate::domain::Person;
use crate::domain::text::fold;
use crate::i18n::{t, tf};
use crate::tui::keymap::Action;
use crate::tui::screens::ViewCtx;
use crate::tui::widgets::text_field::TextField;
use crate::tui::widgets::{Input, list_cursor};

/// What one input asked of the picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PickEvent {
    /// Nothing for the register (the search or the highlight moved).
    None,
    /// Mark this person present.
    Present(usize),
    /// Register someone the village does not know yet.
    NewPerson,
    /// Leave the picker.
    Back,
    /// Show the help.
    Help,
}

/// The search typed so far and the highlighted match.
#[derive(Default)]
pub(super) struct Pick {
    search: TextField,
    selected: usize,
}

impl Pick {
    /// Clears the search after someone was marked present.
    pub(super) fn reset(&mut self) {
        self.search = TextField::default();
        self.selected = 0;
    }

    /// Indexes (into the village's known people) of those not yet registered whose
    /// folded name contains the folded search, in the register's order.
    pub(super) fn matches(&self, index: &NameIndex, known: &[Person]) -> Vec<usize> {
        let wanted = fold(self.search.value().trim_start());
        known
            .iter()
            .zip(&index.known)
            .enumerate()
            .filter(|(_, (p, name))| !index.registered.contains(&p.id) && name.contains(&wanted))
            .map(|(i, _)| i)
            .collect()
    }

    /// Handles one input; `found` is how many people match the search.
    pub(super) fn update(&mut self, input: &Input, found: &[usize]) -> PickEvent {
        if let Input::Action(action) = input
            && list_cursor::step(&mut self.selected, *action, found.len())
        {
            return PickEvent::None;
        }
        match input {
            Input::Action(Action::Submit) => {
                return found
                    .get(list_cursor::clamp(self.selected, found.len()))
                    .map_or(PickEvent::None, |i| PickEvent::Present(*i));
            }
            Input::Action(Action::NextField) => return PickEvent::NewPerson,
            Input::Action(Action::Back) => return PickEvent::Back,
            Input::Action(Action::Help) => return PickEvent::Help,
            Input::Key(key) => {
                if self.search.key(*key) {
                    self.selected = 0;
                }
            }
            Input::Paste(text) => {
                if self.search.paste(text) {
                    self.selected = 0;
                }
            }
            Input::Action(_) => {}
        }
        PickEvent::None
    }

    /// Draws the search line and the matching people, the highlighted one in view.
    pub(super) fn render(
        &self,
        known: &[Person],
        found: &[usize],
        area: Rect,
        buf: &mut Buffer,
        ctx: ViewCtx,
    ) {
        let title = tf(ctx.lang, "pick.title", &[found.len().to_string()]);
        let block = Block::bordered()
            .border_style(ctx.theme.focus)
            .title(Line::styled(title, ctx.theme.title))
            .title_bottom(Line::styled(t(ctx.lang, "pick.note"), ctx.theme.muted));
        let inner = block.inner(area);
        block.render(area, buf);
        let [search, list] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
        let label = format!("{} ", t(ctx.lang, "pick.search"));
        let width = u16::try_from(unicode_width::UnicodeWidthStr::width(label.as_str()))
            .unwrap_or(0)
            .min(search.width);
        Line::styled(label, ctx.theme.title).render(search, buf);
        let field = Rect {
            x: search.x + width,
            width: search.width - width,
            ..search
        };
        self.search
            .render(field, buf, true, ratatui::style::Style::new());
        self.render_list(known, found, list, buf, ctx);
    }

    fn render_list(
        &self,
        known: &[Person],
        found: &[usize],
        area: Rect,
        buf: &mut Buffer,
        ctx: ViewCtx,
    ) {
        if found.is_empty() {
            Paragraph::new(Line::styled(t(ctx.lang, "pick.none"), ctx.theme.warn))
                .wrap(Wrap { trim: true })
                .render(area, buf);
            return;
        }
        // Only the lines in view are built: a village's register can hold hundreds.
        let visible = usize::from(area.height).max(1);
        let selected = list_cursor::clamp(self.selected, found.len());
        let window = list_cursor::window(selected, found.len(), visible);
        let start = window.start;
        let items: Vec<ListItem> = found[window]
            .iter()
            .filter_map(|i| known.get(*i))
            .map(|p| ListItem::new(person_line(p, p.gender, ctx.lang)))
            .collect();
        let list = List::new(items)
            .highlight_style(ctx.theme.selected)
            .highlight_symbol("▶ ");
        let mut state = ListState::default().with_selected(Some(selected - start));
        StatefulWidget::render(list, area, buf, &mut state);
    }
}
