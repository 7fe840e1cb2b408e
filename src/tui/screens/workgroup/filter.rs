//! Narrowing the election list: by a few letters of a name (diacritics optional, `/`),
//! and by what a failed check asks for (`Tab`: "Thiếu đại diện: Hội Nông dân" lists the
//! candidates not yet elected who are in the Farmers' Union).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::domain::text::fold;
use crate::domain::working_group::{Gap, organisation_key, wealth_key};
use crate::domain::{Person, PersonId};
use crate::i18n::{Lang, t, tf};
use crate::store::Attendee;
use crate::tui::screens::ViewCtx;
use crate::tui::widgets::text_field::TextField;

/// The name search (while typing) and the check the list is narrowed to.
#[derive(Default)]
pub(super) struct CandidateFilter {
    /// The search line, while it has the focus.
    find: Option<TextField>,
    /// The search's text, kept after the search line closes with Enter.
    text: String,
    /// The failed check's gap the list is narrowed to.
    gap: Option<Gap>,
}

impl CandidateFilter {
    /// Whether the search line has the focus (typing searches).
    pub(super) fn finding(&self) -> bool {
        self.find.is_some()
    }

    /// Whether anything narrows the list.
    pub(super) fn active(&self) -> bool {
        self.find.is_some() || !self.text.is_empty() || self.gap.is_some()
    }

    /// Opens the search line on the text searched last.
    pub(super) fn open_find(&mut self) {
        self.find = Some(TextField::new(&self.text));
    }

    /// Closes the search line and forgets both narrowings.
    pub(super) fn clear(&mut self) {
        *self = CandidateFilter::default();
    }

    /// Empties the search for the next name, keeping the line open.
    pub(super) fn next_name(&mut self) {
        self.text.clear();
        if self.find.is_some() {
            self.find = Some(TextField::default());
        }
    }

    /// Feeds a typed key or pasted text to the search line; whether the text changed.
    pub(super) fn type_in(&mut self, input: &crate::tui::widgets::Input) -> bool {
        use crate::tui::widgets::Input;
        let Some(field) = &mut self.find else {
            return false;
        };
        let changed = match input {
            Input::Key(key) => field.key(*key),
            Input::Paste(text) => field.paste(text),
            Input::Action(_) => false,
        };
        self.text = field.value();
        changed
    }

    /// Narrows to the gap after the current one in `gaps` (backwards with `forward`
    /// false); past the last, the list is whole again. Returns whether there was a gap.
    pub(super) fn cycle_gap(&mut self, gaps: &[Gap], forward: bool) -> bool {
        if gaps.is_empty() {
            self.gap = None;
            return false;
        }
        let at = self
            .gap
            .as_ref()
            .and_then(|g| gaps.iter().position(|x| x == g));
        let next = match (at, forward) {
            (None, true) => Some(0),
            (None, false) => Some(gaps.len() - 1),
            (Some(i), true) => (i + 1 < gaps.len()).then_some(i + 1),
            (Some(i), false) => i.checked_sub(1),
        };
        self.gap = next.and_then(|i| gaps.get(i).cloned());
        true
    }

    /// Indexes into `attendees` of the candidates in view: whose folded name contains the
    /// folded search and, with a gap chosen, who are not yet elected and would fill it.
    pub(super) fn visible(&self, attendees: &[Attendee], members: &[PersonId]) -> Vec<usize> {
        let wanted = fold(self.text.trim());
        attendees
            .iter()
            .enumerate()
            .filter(|(_, a)| wanted.is_empty() || fold(&a.person.name).contains(&wanted))
            .filter(|(_, a)| self.fills_gap(&a.person, members))
            .map(|(i, _)| i)
            .collect()
    }

    fn fills_gap(&self, person: &Person, members: &[PersonId]) -> bool {
        match &self.gap {
            None => true,
            Some(gap) => !members.contains(&person.id) && gap.filled_by(person),
        }
    }

    /// The list's title while narrowed to a gap: "Lọc: Hội Nông dân (4 người)".
    pub(super) fn gap_title(&self, shown: usize, lang: Lang) -> Option<String> {
        let gap = self.gap.as_ref()?;
        Some(tf(
            lang,
            "wg.filter_title",
            &[gap_label(gap, lang), shown.to_string()],
        ))
    }

    /// What to say when nobody is in view.
    pub(super) fn empty_note(&self, lang: Lang) -> String {
        match self.gap {
            Some(_) => t(lang, "wg.filter_nobody"),
            None => t(lang, "wg.find_nobody"),
        }
    }

    /// Draws the search line ("Tìm: …") when open or holding text; whether it drew.
    pub(super) fn render_find(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) -> bool {
        if self.find.is_none() && self.text.is_empty() {
            return false;
        }
        let label = format!("{} ", t(ctx.lang, "pick.search"));
        let width = u16::try_from(label.width()).unwrap_or(0).min(area.width);
        Line::styled(label, ctx.theme.title).render(area, buf);
        let field = Rect {
            x: area.x + width,
            width: area.width - width,
            ..area
        };
        match &self.find {
            Some(find) => find.render(field, buf, true, Style::new()),
            None => Line::raw(self.text.clone()).render(field, buf),
        }
        true
    }
}

/// The gap in a few words: "Hội Nông dân", "hộ nghèo", "nữ", "dân tộc Ê Đê".
fn gap_label(gap: &Gap, lang: Lang) -> String {
    match gap {
        Gap::Members => t(lang, "wg.gap.members"),
        Gap::Women => t(lang, "wg.gap.women"),
        Gap::Trained => t(lang, "wg.gap.trained"),
        Gap::Organisation(org) => t(lang, organisation_key(*org)),
        Gap::Wealth(group) => t(lang, wealth_key(*group)),
        Gap::Ethnicity(name) => tf(lang, "wg.gap.ethnicity", std::slice::from_ref(name)),
        Gap::CoreFarmer => t(lang, "wg.gap.core_farmer"),
    }
}
