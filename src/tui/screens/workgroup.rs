//! Electing the working group from the attendees, with the procedure's checks live.

mod filter;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, StatefulWidget, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

use super::{Command, Outcome, ViewCtx};
use crate::domain::working_group::{RULE_SIZE, SizeRange, check, display_args, failed, gaps};
use crate::domain::{CycleId, Finding, Gender, Person, PersonId};
use crate::i18n::{Lang, t, tf};
use crate::store::{Attendee, Store, StoreError, WorkingGroup};
use crate::tui::keymap::{Action, Context};
use crate::tui::modal::{Confirm, ask_reason};
use crate::tui::widgets::form::{Field, Form, FormEvent};
use crate::tui::widgets::{Input, list_cursor};
use filter::CandidateFilter;

/// The election tab's state.
pub struct WorkGroupTab {
    cycle: CycleId,
    wg: WorkingGroup,
    selected: usize,
    chair: String,
    range_form: Option<Form>,
    /// The name search and the failed check the list is narrowed to.
    filter: CandidateFilter,
}

impl WorkGroupTab {
    /// Loads the working group of `cycle`; `chair` is the meeting chair's name (leader hint).
    pub fn load(store: &Store, cycle: CycleId, chair: String) -> Result<Self, StoreError> {
        Ok(WorkGroupTab {
            cycle,
            wg: store.working_group(cycle)?,
            selected: 0,
            chair,
            range_form: None,
            filter: CandidateFilter::default(),
        })
    }

    /// Re-reads after a save and closes prompts.
    pub fn reload(&mut self, store: &Store, ok: bool) -> Result<(), StoreError> {
        if ok {
            self.range_form = None;
        }
        self.wg = store.working_group(self.cycle)?;
        Ok(())
    }

    /// Takes the meeting chair's name again (the record may have been saved since).
    pub fn set_chair(&mut self, chair: String) {
        self.chair = chair;
    }

    /// The stored working group.
    pub fn working_group(&self) -> &WorkingGroup {
        &self.wg
    }

    /// Form context while a prompt is open.
    pub fn context(&self) -> Context {
        if self.range_form.is_some() {
            Context::Form
        } else if self.filter.finding() {
            Context::WgFind
        } else {
            Context::WorkGroup
        }
    }

    /// Whether `action` means something here now: reopening only a finalised group
    /// (what a finalised group refuses is [`Self::blocked`]).
    pub fn live(&self, action: Action) -> bool {
        action != Action::Reopen || self.context() != Context::WorkGroup || self.wg.is_final()
    }

    /// Why a finalised group refuses `action` (the check `act` refuses by).
    pub fn blocked(&self, action: Action) -> Option<&'static str> {
        let edits = matches!(
            action,
            Action::Toggle | Action::SetLeader | Action::Finalise | Action::EditSizeRange
        );
        (self.context() == Context::WorkGroup && self.wg.is_final() && edits)
            .then_some("blocked.wg")
    }

    /// The procedure's checks on the current members.
    pub fn findings(&self, attendees: &[Attendee]) -> Vec<Finding> {
        let ethnicities: Vec<String> = attendees
            .iter()
            .filter_map(|a| a.person.ethnicity.clone())
            .collect();
        check(
            &self.wg.members,
            self.wg.leader,
            &ethnicities,
            self.wg.range,
        )
    }

    /// Handles one input; `attendees` are the candidates in register order.
    pub fn update(&mut self, input: Input, attendees: &[Attendee], lang: Lang) -> Outcome {
        if let Some(form) = &mut self.range_form {
            let event = form.handle(&input);
            return self.update_range(event);
        }
        if self.filter.finding() {
            return self.find(input, attendees, lang);
        }
        let Input::Action(action) = input else {
            return Outcome::Stay;
        };
        self.act(action, attendees, lang)
    }

    /// The candidates in view (indexes into `attendees`), as narrowed.
    fn visible(&self, attendees: &[Attendee]) -> Vec<usize> {
        let members: Vec<PersonId> = self.wg.members.iter().map(|p| p.id).collect();
        self.filter.visible(attendees, &members)
    }

    /// Input while the search line has the focus: typing narrows, Enter elects or drops
    /// the highlighted candidate and empties the search, Esc ends the search.
    fn find(&mut self, input: Input, attendees: &[Attendee], lang: Lang) -> Outcome {
        match input {
            Input::Action(Action::Submit) => {
                let outcome = self.act(Action::Toggle, attendees, lang);
                if matches!(outcome, Outcome::Save(_)) {
                    self.filter.next_name();
                    self.selected = 0;
                }
                outcome
            }
            Input::Action(Action::Back) => {
                self.filter.clear();
                self.selected = 0;
                Outcome::Stay
            }
            Input::Action(action) => self.act(action, attendees, lang),
            typed => {
                if self.filter.type_in(&typed) {
                    self.selected = 0;
                }
                Outcome::Stay
            }
        }
    }

    /// Narrows the list to the next (or previous) thing a failed check asks for.
    fn cycle_gap(&mut self, attendees: &[Attendee], forward: bool, lang: Lang) -> Outcome {
        self.selected = 0;
        if self
            .filter
            .cycle_gap(&gaps(&self.findings(attendees)), forward)
        {
            Outcome::Stay
        } else {
            Outcome::Refuse(t(lang, "wg.no_gaps"))
        }
    }

    fn act(&mut self, action: Action, attendees: &[Attendee], lang: Lang) -> Outcome {
        let visible = self.visible(attendees);
        if list_cursor::step(&mut self.selected, action, visible.len()) {
            return Outcome::Stay;
        }
        let person = visible
            .get(self.selected)
            .and_then(|i| attendees.get(*i))
            .map(|a| a.person.id);
        let final_ = self.wg.is_final();
        match action {
            Action::Back if self.filter.active() => {
                self.filter.clear();
                self.selected = 0;
            }
            Action::Back => return Outcome::Back,
            Action::Help => return Outcome::Help,
            Action::Search => self.filter.open_find(),
            Action::NextField => return self.cycle_gap(attendees, true, lang),
            Action::PrevField => return self.cycle_gap(attendees, false, lang),
            Action::Reopen if final_ => {
                let reopen = Command::ReopenWg {
                    cycle: self.cycle,
                    reason: String::new(),
                };
                return ask_reason("reason.reopen_wg", reopen);
            }
            Action::Toggle | Action::SetLeader | Action::Finalise | Action::EditSizeRange
                if final_ =>
            {
                return Outcome::Refuse(t(lang, "err.wg_final"));
            }
            Action::Toggle => return self.toggle(person),
            Action::SetLeader => return self.set_leader(person, lang),
            Action::Finalise => return self.finalise(attendees),
            Action::EditSizeRange => self.range_form = Some(range_form(self.wg.range)),
            _ => {}
        }
        Outcome::Stay
    }

    fn is_member(&self, id: PersonId) -> bool {
        self.wg.members.iter().any(|m| m.id == id)
    }

    fn toggle(&self, person: Option<PersonId>) -> Outcome {
        match person {
            Some(p) => Outcome::Save(Command::SetWgMember {
                cycle: self.cycle,
                person: p,
                member: !self.is_member(p),
            }),
            None => Outcome::Stay,
        }
    }

    fn set_leader(&self, person: Option<PersonId>, lang: Lang) -> Outcome {
        match person {
            Some(p) if self.is_member(p) => Outcome::Save(Command::SetWgLeader {
                cycle: self.cycle,
                leader: Some(p),
            }),
            Some(_) => Outcome::Refuse(t(lang, "err.leader_not_member")),
            None => Outcome::Stay,
        }
    }

    fn finalise(&self, attendees: &[Attendee]) -> Outcome {
        let finalise = Command::FinaliseWg {
            cycle: self.cycle,
            reason: None,
        };
        if failed(&self.findings(attendees)) {
            ask_reason("reason.finalise_failed", finalise)
        } else {
            // Undoing it needs a written reason: finalising asks first.
            Confirm::new("wg.confirm_finalise", Vec::new(), Outcome::Save(finalise)).ask()
        }
    }

    fn update_range(&mut self, event: FormEvent) -> Outcome {
        let Some(form) = &mut self.range_form else {
            return Outcome::Stay;
        };
        match event {
            FormEvent::Editing => Outcome::Stay,
            FormEvent::Cancel => {
                self.range_form = None;
                Outcome::Stay
            }
            FormEvent::Submit => {
                let parse = |i: usize| {
                    form.text(i)
                        .trim()
                        .parse::<usize>()
                        .ok()
                        .filter(|n| (1..=200).contains(n))
                };
                match parse(0)
                    .zip(parse(1))
                    .and_then(|(a, b)| SizeRange::new(a, b))
                {
                    Some(range) => Outcome::Save(Command::SetWgRange {
                        cycle: self.cycle,
                        range,
                    }),
                    None => {
                        form.show_errors([(0, "err.range")]);
                        Outcome::Stay
                    }
                }
            }
        }
    }

    /// Draws the candidate list, the checks, and any prompt.
    pub fn render(&self, attendees: &[Attendee], area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let [list, checks] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(area);
        self.render_candidates(attendees, list, buf, ctx);
        self.render_checks(attendees, checks, buf, ctx);
        if let Some(form) = &self.range_form {
            form.render(ctx.lang, &ctx.theme, area, buf);
        }
    }

    fn render_candidates(
        &self,
        attendees: &[Attendee],
        area: Rect,
        buf: &mut Buffer,
        ctx: ViewCtx,
    ) {
        let visible = self.visible(attendees);
        let title = self
            .filter
            .gap_title(visible.len(), ctx.lang)
            .unwrap_or_else(|| {
                tf(
                    ctx.lang,
                    "wg.members_title",
                    &[self.wg.members.len().to_string()],
                )
            });
        let mut block = Block::bordered().title(Line::styled(title, ctx.theme.title));
        if self.filter.finding() {
            block = block.border_style(ctx.theme.focus);
        }
        let inner = block.inner(area);
        block.render(area, buf);
        let [find, rest] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
        let list_area = match self.filter.render_find(find, buf, ctx) {
            true => rest,
            false => inner,
        };
        if visible.is_empty() && self.filter.active() {
            Paragraph::new(Line::styled(
                self.filter.empty_note(ctx.lang),
                ctx.theme.warn,
            ))
            .wrap(Wrap { trim: true })
            .render(list_area, buf);
            return;
        }
        let items: Vec<ListItem> = visible
            .iter()
            .filter_map(|i| attendees.get(*i))
            .map(|a| self.candidate(&a.person, usize::from(list_area.width) - 1, ctx))
            .collect();
        let list = List::new(items)
            .highlight_style(ctx.theme.selected)
            .highlight_symbol("▶");
        let selected = list_cursor::clamp(self.selected, visible.len());
        let mut state =
            ListState::default().with_selected((!visible.is_empty()).then_some(selected));
        StatefulWidget::render(list, list_area, buf, &mut state);
    }

    /// "☑★Name · gender · ethnicity · wealth group · organisations TH NC", on two lines
    /// (the details indented below the name) when one line of `width` would cut it.
    fn candidate<'a>(&self, p: &Person, width: usize, ctx: ViewCtx) -> ListItem<'a> {
        let mark = if self.is_member(p.id) { "☑" } else { "☐" };
        let leader = if self.wg.leader == Some(p.id) {
            "★"
        } else {
            " "
        };
        let whole = super::attendance::person_line(p, p.gender, ctx.lang).to_string();
        let line = format!("{mark}{leader}{whole}");
        if line.width() <= width {
            return ListItem::new(Line::raw(line));
        }
        let head = format!("{}{leader}{} · ", mark, p.name);
        let gender = t(ctx.lang, &format!("gender.{}", p.gender.code()));
        let rest = whole
            .strip_prefix(&format!("{} · {gender}", p.name))
            .unwrap_or("")
            .trim_start_matches(" · ");
        ListItem::new(vec![
            Line::raw(format!("{head}{gender}")),
            Line::raw(format!("    {rest}")),
        ])
    }

    fn render_checks(&self, attendees: &[Attendee], area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let lang = ctx.lang;
        let mut lines = vec![Line::styled(self.summary(lang), ctx.theme.title)];
        if let Some(reason) = &self.wg.override_reason {
            lines.push(Line::styled(
                tf(lang, "wg.override", std::slice::from_ref(reason)),
                ctx.theme.warn,
            ));
        }
        if self.wg.leader.is_none() && !self.chair.is_empty() {
            lines.push(Line::styled(
                tf(lang, "wg.leader_hint", std::slice::from_ref(&self.chair)),
                ctx.theme.muted,
            ));
        }
        let findings = self.findings(attendees);
        lines.extend(fitted_findings(&findings, self.wg.range, &lines, area, ctx));
        let title = if self.wg.is_final() {
            t(lang, "wg.checks_final")
        } else {
            t(lang, "wg.checks")
        };
        let block = Block::bordered().title(Line::styled(title, ctx.theme.title));
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: true })
            .render(area, buf);
    }

    fn summary(&self, lang: Lang) -> String {
        let women = self
            .wg
            .members
            .iter()
            .filter(|p| p.gender == Gender::Female)
            .count();
        let range = format!("{}-{}", self.wg.range.min, self.wg.range.max);
        tf(
            lang,
            "wg.summary",
            &[self.wg.members.len().to_string(), women.to_string(), range],
        )
    }
}

/// The check lines, failed first, made to fit the panel below `above`: in full when they
/// fit; else the failed ones by what is missing only, and the passed ones counted in one
/// line; every failed check stays in view.
fn fitted_findings<'a>(
    findings: &[Finding],
    range: SizeRange,
    above: &[Line],
    area: Rect,
    ctx: ViewCtx,
) -> Vec<Line<'a>> {
    let (failed, passed): (Vec<&Finding>, Vec<&Finding>) = findings.iter().partition(|f| !f.passed);
    let room = usize::from(area.height.saturating_sub(2));
    let width = usize::from(area.width.saturating_sub(2)).max(1);
    let full: Vec<Line> = failed
        .iter()
        .chain(&passed)
        .map(|f| finding_line(f, range, true, ctx))
        .collect();
    if rows(above, width) + rows(&full, width) <= room {
        return full;
    }
    let mut short: Vec<Line> = failed
        .iter()
        .map(|f| finding_line(f, range, false, ctx))
        .collect();
    if !passed.is_empty() {
        let text = tf(ctx.lang, "wg.checks_passed", &[passed.len().to_string()]);
        short.push(Line::styled(format!("✓ {text}"), ctx.theme.ok));
    }
    short
}

/// Rows `lines` take when wrapped at `width`, with a little room for word wrapping.
fn rows(lines: &[Line], width: usize) -> usize {
    let usable = (width * 9 / 10).max(1);
    lines
        .iter()
        .map(|l| l.width().div_ceil(usable).max(1))
        .sum()
}

/// "✓ rule", or "✗ rule: what is missing" (`labelled`) / "✗ what is missing".
fn finding_line<'a>(f: &Finding, range: SizeRange, labelled: bool, ctx: ViewCtx) -> Line<'a> {
    let lang = ctx.lang;
    let label = match f.rule {
        // The size check names the range set (`r`), not the procedure's "about 20".
        RULE_SIZE => tf(
            lang,
            "wg.size_range",
            &[range.min, range.max].map(|n| n.to_string()),
        ),
        rule => t(lang, rule),
    };
    if f.passed {
        return Line::from(vec![Span::styled(format!("✓ {label}"), ctx.theme.ok)]);
    }
    let detail = tf(lang, f.detail_key, &display_args(f, |k| t(lang, k)));
    let text = match labelled {
        true => format!("✗ {label}: {detail}"),
        false => format!("✗ {detail}"),
    };
    Line::from(vec![Span::styled(text, ctx.theme.warn)])
}

fn range_form(range: SizeRange) -> Form {
    Form::new(
        "wg.range_title",
        vec![
            Field::text("wg.range_min", &range.min.to_string()),
            Field::text("wg.range_max", &range.max.to_string()),
        ],
    )
}
