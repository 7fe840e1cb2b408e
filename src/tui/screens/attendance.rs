//! The attendance component, built once for village meetings 1 and 2 and the annual
//! approval meeting: a quick-add form always ready, suggestions from people already known
//! to the village (diacritic-insensitive), the register, and closing with the 30% rule.

mod pick;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, StatefulWidget, Widget};
use unicode_width::UnicodeWidthStr;

use super::{Command, Outcome, ViewCtx};
use crate::domain::attendance::meets_women_threshold;
use crate::domain::person::{PersonError, ethnicity_choices};
use crate::domain::text::fold;
use crate::domain::{
    Gender, Meeting, MeetingKind, Organisation, Person, PersonDraft, PersonFields, PersonId, Tally,
    VillageId, WealthGroup,
};
use crate::i18n::{Label, Lang, t, tf};
use crate::store::{Attendee, Store, StoreError};
use crate::tui::keymap::{Action, Context};
use crate::tui::modal::{Confirm as Ask, ask_reason};
use crate::tui::widgets::form::{Field, Form, FormEvent};
use crate::tui::widgets::{Input, list_cursor};
use pick::{Pick, PickEvent};

const NAME: usize = 0;
const GENDER: usize = 1;
const ETHNICITY: usize = 2;
const WEALTH: usize = 3;
const FLAGS: usize = 4;
const MAX_SUGGESTIONS: usize = 6;

/// Where the keyboard is inside the component.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Focus {
    Form,
    List,
    /// Marking people present from the village's register.
    Pick,
}

/// The attendance register of one meeting.
pub struct AttendancePanel {
    meeting: Meeting,
    village: VillageId,
    attendees: Vec<Attendee>,
    known: Vec<Person>,
    index: NameIndex,
    form: Form,
    editing: Option<PersonId>,
    suggestion: Option<usize>,
    /// The ethnic group picked with ↑↓ in the ethnicity field (index into the choices).
    ethnic: Option<usize>,
    focus: Focus,
    selected: usize,
    pick: Pick,
    confirm: Option<Confirm>,
    /// Why a closed register cannot be reopened here (i18n key), when it cannot.
    locked: Option<&'static str>,
}

impl AttendancePanel {
    /// Loads the register of `meeting` and the village's known people.
    pub fn load(store: &Store, meeting: Meeting, village: VillageId) -> Result<Self, StoreError> {
        let attendees = store.attendees(meeting.id)?;
        let known = store.people(village)?;
        let index = NameIndex::new(&attendees, &known);
        let focus = first_focus(&meeting, &index, &known);
        Ok(AttendancePanel {
            meeting,
            village,
            index,
            attendees,
            known,
            form: person_form(None),
            editing: None,
            suggestion: None,
            ethnic: None,
            focus,
            selected: 0,
            pick: Pick::default(),
            confirm: None,
            locked: None,
        })
    }

    /// Says that a closed register cannot be reopened from here and why (i18n key), or
    /// that it can (`None`): an approved annual plan keeps its meeting's register closed.
    pub fn lock_reopening(&mut self, why: Option<&'static str>) {
        self.locked = why;
    }

    /// Re-reads the register after a save (the form is cleared by `on_saved`).
    pub fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        self.meeting = store
            .find_meeting(self.meeting.cycle_id, self.meeting.kind)?
            .ok_or(StoreError::NotFound)?;
        let attendees = store.attendees(self.meeting.id)?;
        let known = store.people(self.village)?;
        self.index = NameIndex::new(&attendees, &known);
        self.attendees = attendees;
        self.known = known;
        self.selected = list_cursor::clamp(self.selected, self.attendees.len());
        Ok(())
    }

    /// Clears the form after a successful save of this component and gets ready for the
    /// next person; `mine` is false when another section saved (its typing is kept).
    pub fn on_saved(&mut self, store: &Store, ok: bool, mine: bool) -> Result<(), StoreError> {
        if ok && mine {
            self.form = person_form(None);
            self.editing = None;
            self.suggestion = None;
            self.ethnic = None;
            self.confirm = None;
            self.pick.reset();
            if self.meeting.is_closed() || self.focus == Focus::Form {
                self.focus = Focus::Form;
            }
        }
        self.reload(store)?;
        if self.meeting.is_closed() {
            self.focus = Focus::List;
        }
        Ok(())
    }

    /// Whether `action` means something here now: reopening only a closed register
    /// (what a closed register refuses is [`Self::blocked`]).
    pub fn live(&self, action: Action) -> bool {
        match action {
            // Only the annual approval meeting approves (its screen offers F8 itself).
            Action::Approve => false,
            Action::Reopen if self.context() == Context::Register => self.meeting.is_closed(),
            _ => true,
        }
    }

    /// Why a closed register refuses `action` (the check `update_list` refuses by): its
    /// edits, and reopening it while the annual plan that closed it is approved.
    pub fn blocked(&self, action: Action) -> Option<&'static str> {
        if self.context() != Context::Register || !self.meeting.is_closed() {
            return None;
        }
        let why = match self.locked {
            Some(_) => "blocked.annual",
            None => "blocked.meeting",
        };
        match action {
            Action::Add
            | Action::PickPresent
            | Action::Open
            | Action::Remove
            | Action::CloseMeeting => Some(why),
            Action::Reopen => self.locked.map(|_| why),
            _ => None,
        }
    }

    /// Whether the register is closed (its tally frozen).
    pub fn is_closed(&self) -> bool {
        self.meeting.is_closed()
    }

    /// The live tally (or the frozen one once closed).
    pub fn tally(&self) -> Tally {
        self.meeting
            .closed_tally
            .unwrap_or_else(|| live_tally(&self.attendees))
    }

    /// Everyone registered.
    pub fn attendees(&self) -> &[Attendee] {
        &self.attendees
    }

    /// Whether a form, prompt or confirmation holds the keyboard.
    pub fn context(&self) -> Context {
        if let Some(Confirm::SamePerson(..)) = self.confirm {
            Context::SamePerson
        } else if self.confirm.is_some() {
            Context::Confirm
        } else if self.focus == Focus::Form {
            Context::QuickAdd
        } else if self.focus == Focus::Pick {
            Context::Pick
        } else {
            Context::Register
        }
    }

    /// Handles one input.
    pub fn update(&mut self, input: Input, lang: Lang) -> Outcome {
        if let Some(asked) = self.confirm.take() {
            return self.answer(asked, &input);
        }
        match self.focus {
            Focus::Form => self.update_form(input),
            Focus::List => self.update_list(input, lang),
            Focus::Pick => self.update_pick(input),
        }
    }

    fn update_pick(&mut self, input: Input) -> Outcome {
        let found = self.pick.matches(&self.index, &self.known);
        match self.pick.update(&input, &found) {
            PickEvent::None => Outcome::Stay,
            PickEvent::Help => Outcome::Help,
            PickEvent::NewPerson => {
                self.focus = Focus::Form;
                Outcome::Stay
            }
            PickEvent::Back if self.attendees.is_empty() => Outcome::Back,
            PickEvent::Back => {
                self.focus = Focus::List;
                Outcome::Stay
            }
            PickEvent::Present(i) => match self.known.get(i) {
                Some(p) => Outcome::Save(Command::RegisterKnown {
                    meeting: self.meeting.id,
                    person: p.id,
                    gender: p.gender,
                }),
                None => Outcome::Stay,
            },
        }
    }

    fn answer(&mut self, asked: Confirm, input: &Input) -> Outcome {
        let yes = *input == Input::Action(Action::Yes);
        let no = *input == Input::Action(Action::No);
        match asked {
            Confirm::SamePerson(person, 1) if yes => self.register_known(person),
            Confirm::SamePerson(person, _) if yes => {
                self.suggestion = self.suggestions().iter().position(|p| p.id == person);
                Outcome::Stay
            }
            Confirm::SamePerson(..) if no => self.register_new(),
            Confirm::Twin if yes => self.register_new(),
            _ => Outcome::Stay,
        }
    }

    fn register_known(&self, person: PersonId) -> Outcome {
        match self.known.iter().find(|p| p.id == person) {
            Some(p) => Outcome::Save(Command::RegisterKnown {
                meeting: self.meeting.id,
                person: p.id,
                gender: p.gender,
            }),
            None => Outcome::Stay,
        }
    }

    fn update_form(&mut self, input: Input) -> Outcome {
        let on_name = self.form.focus == NAME;
        match input {
            Input::Action(Action::Up) if on_name => self.move_suggestion(-1),
            Input::Action(Action::Down) if on_name => self.move_suggestion(1),
            Input::Action(Action::Up) if self.form.focus == ETHNICITY => self.move_ethnic(-1),
            Input::Action(Action::Down) if self.form.focus == ETHNICITY => self.move_ethnic(1),
            Input::Action(Action::Up | Action::Down) => {}
            Input::Action(Action::Back) => {
                self.form = person_form(None);
                self.editing = None;
                self.suggestion = None;
                if !self.attendees.is_empty() {
                    self.focus = Focus::List;
                } else {
                    return Outcome::Back;
                }
            }
            other => match self.form.handle(&other) {
                FormEvent::Submit => return self.submit(),
                FormEvent::Cancel | FormEvent::Editing => {
                    self.suggestion = None;
                    self.ethnic = None;
                }
            },
        }
        Outcome::Stay
    }

    /// The ethnic groups offered in the ethnicity field: those of this register's people,
    /// the last registered first, then the village's, then the province's common ones.
    fn ethnic_choices(&self) -> Vec<String> {
        let registered = self.attendees.iter().rev().map(|a| &a.person);
        let used = registered
            .chain(&self.known)
            .filter_map(|p| p.ethnicity.as_deref());
        ethnicity_choices(used)
    }

    /// Puts the next (or previous) ethnic group of the pick list in the ethnicity field;
    /// from an empty pick either arrow starts at the first, the last one used.
    fn move_ethnic(&mut self, step: isize) {
        let choices = self.ethnic_choices();
        let n = choices.len() as isize;
        if n == 0 {
            return;
        }
        let next = match self.ethnic {
            None => 0,
            Some(i) => (i as isize + step).rem_euclid(n),
        } as usize;
        self.ethnic = Some(next);
        if let Some(name) = choices.get(next) {
            self.form.set_text(ETHNICITY, name);
        }
    }

    fn move_suggestion(&mut self, step: isize) {
        let n = self.suggestions().len();
        if n == 0 {
            self.suggestion = None;
            return;
        }
        self.suggestion = match (self.suggestion, step) {
            (None, s) if s > 0 => Some(0),
            (None, _) => Some(n - 1),
            (Some(i), s) => {
                let next = i as isize + s;
                (0..n as isize).contains(&next).then_some(next as usize)
            }
        };
    }

    /// Known people not yet registered whose name contains what is typed (the first
    /// [`MAX_SUGGESTIONS`]).
    fn suggestions(&self) -> Vec<&Person> {
        self.matching().take(MAX_SUGGESTIONS).collect()
    }

    /// Every known person not yet registered whose name contains what is typed.
    fn matching(&self) -> impl Iterator<Item = &Person> {
        let typed = self.form.text(NAME);
        let wanted = (typed.trim().chars().count() >= 2 && self.editing.is_none())
            .then(|| fold(typed.trim()));
        self.known
            .iter()
            .zip(&self.index.known)
            .filter(move |(p, name)| {
                wanted.as_ref().is_some_and(|w| name.contains(w))
                    && !self.index.registered.contains(&p.id)
            })
            .map(|(p, _)| p)
    }

    fn submit(&mut self) -> Outcome {
        if let Some(p) = self
            .suggestion
            .and_then(|i| self.suggestions().get(i).map(|p| p.id))
        {
            return self.register_known(p);
        }
        if let Some(asked) = self.same_name_question() {
            self.confirm = Some(asked);
            return Outcome::Stay;
        }
        self.register_new()
    }

    /// A new person typed in whose name a known person has: is it the same person (one of
    /// those not yet registered here), or a second one beside a namesake registered here?
    fn same_name_question(&self) -> Option<Confirm> {
        let typed = fold(self.form.text(NAME).trim());
        if typed.is_empty() || self.editing.is_some() {
            return None;
        }
        let same: Vec<&Person> = self
            .known
            .iter()
            .zip(&self.index.known)
            .filter(|(_, name)| **name == typed)
            .map(|(p, _)| p)
            .collect();
        let free: Vec<&&Person> = same
            .iter()
            .filter(|p| !self.index.registered.contains(&p.id))
            .collect();
        match (free.first(), same.is_empty()) {
            (Some(p), _) => Some(Confirm::SamePerson(p.id, free.len())),
            (None, false) => Some(Confirm::Twin),
            (None, true) => None,
        }
    }

    /// Registers the form's person as someone new (or saves the edit), after validation.
    fn register_new(&mut self) -> Outcome {
        match draft_of(&self.form).validate() {
            Ok(fields) => self.save_fields(fields),
            Err(errors) => {
                self.form.show_errors(errors.into_iter().map(field_error));
                Outcome::Stay
            }
        }
    }

    fn save_fields(&self, fields: PersonFields) -> Outcome {
        let meeting = self.meeting.id;
        Outcome::Save(match self.editing {
            Some(person) => Command::UpdateAttendee {
                meeting,
                person,
                fields,
            },
            None => Command::RegisterNew {
                village: self.village,
                meeting,
                fields,
            },
        })
    }

    fn update_list(&mut self, input: Input, lang: Lang) -> Outcome {
        let Input::Action(action) = input else {
            return Outcome::Stay;
        };
        if list_cursor::step(&mut self.selected, action, self.attendees.len()) {
            return Outcome::Stay;
        }
        let closed = self.meeting.is_closed();
        match action {
            Action::Back => return Outcome::Back,
            Action::Help => return Outcome::Help,
            _ if closed && let Some(why) = self.locked => return Outcome::Refuse(t(lang, why)),
            _ if closed && action == Action::Reopen => {
                let reopen = Command::ReopenMeeting {
                    meeting: self.meeting.id,
                    reason: String::new(),
                };
                return ask_reason("reason.reopen_meeting", reopen);
            }
            _ if closed => return Outcome::Refuse(t(lang, "att.closed_hint")),
            Action::Add => self.focus = Focus::Form,
            Action::PickPresent => self.focus = Focus::Pick,
            Action::Open => self.start_edit(),
            Action::Remove => return self.ask_remove(),
            Action::CloseMeeting => return self.close(),
            _ => {}
        }
        Outcome::Stay
    }

    fn start_edit(&mut self) {
        if let Some(a) = self.attendees.get(self.selected) {
            let mut fields = PersonFields::of(&a.person);
            fields.gender = a.gender_at_meeting;
            self.form = person_form(Some(&fields));
            self.editing = Some(a.person.id);
            self.focus = Focus::Form;
        }
    }

    fn close(&self) -> Outcome {
        let close = Command::CloseMeeting {
            meeting: self.meeting.id,
            reason: None,
        };
        if meets_women_threshold(self.tally()) {
            // Reopening needs a written reason: closing asks first.
            let total = self.tally().total().to_string();
            Ask::new("att.confirm_close", vec![total], Outcome::Save(close)).ask()
        } else {
            ask_reason("reason.close_below", close)
        }
    }

    /// Asks before removing the selected person from the register.
    fn ask_remove(&self) -> Outcome {
        let Some(a) = self.attendees.get(self.selected) else {
            return Outcome::Stay;
        };
        let name = vec![a.person.name.clone()];
        let remove = Command::RemoveAttendee {
            meeting: self.meeting.id,
            person: a.person.id,
        };
        Ask::new("att.confirm_remove", name, Outcome::Save(remove)).ask()
    }
}

/// A question the register asks about the name being typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Confirm {
    /// The typed name is this known person's (not yet registered here), one of this many
    /// with that name: the same person, or another?
    SamePerson(PersonId, usize),
    /// The typed name is that of someone registered here already: add another person?
    Twin,
}

/// The key line under a question.
fn question_keys(asked: Confirm) -> &'static str {
    match asked {
        Confirm::SamePerson(_, 1) => "att.same_person_keys",
        Confirm::SamePerson(..) => "att.same_person_many_keys",
        _ => "confirm.yes_no",
    }
}

/// Folded names computed once per reload, so typing and drawing never re-fold the register.
#[derive(Default)]
struct NameIndex {
    /// Folded names of the known people, aligned with `known`.
    known: Vec<String>,
    /// People already registered at this meeting.
    registered: std::collections::HashSet<PersonId>,
    /// Attendees whose name another attendee also has.
    twins: std::collections::HashSet<PersonId>,
}

impl NameIndex {
    fn new(attendees: &[Attendee], known: &[Person]) -> Self {
        let mut by_name: std::collections::HashMap<String, Vec<PersonId>> = Default::default();
        for a in attendees {
            by_name
                .entry(fold(&a.person.name))
                .or_default()
                .push(a.person.id);
        }
        NameIndex {
            known: known.iter().map(|p| fold(&p.name)).collect(),
            registered: attendees.iter().map(|a| a.person.id).collect(),
            twins: by_name
                .into_values()
                .filter(|ids| ids.len() > 1)
                .flatten()
                .collect(),
        }
    }
}

/// Where the keyboard starts: the register once closed; meeting 2 and the approval
/// meeting on the village's register while someone in it is not yet marked present;
/// otherwise the form for a new person.
fn first_focus(meeting: &Meeting, index: &NameIndex, known: &[Person]) -> Focus {
    let unmarked = known.iter().any(|p| !index.registered.contains(&p.id));
    if meeting.is_closed() {
        Focus::List
    } else if meeting.kind != MeetingKind::Village1 && unmarked {
        Focus::Pick
    } else {
        Focus::Form
    }
}

fn live_tally(attendees: &[Attendee]) -> Tally {
    let women = attendees
        .iter()
        .filter(|a| a.gender_at_meeting == Gender::Female)
        .count() as u32;
    Tally {
        men: attendees.len() as u32 - women,
        women,
    }
}

fn person_form(person: Option<&PersonFields>) -> Form {
    let wealth = WealthGroup::ALL
        .iter()
        .map(|w| Label::key(format!("wealth.{}", w.code())));
    let on = flag_values(person);
    let p = person;
    let title = if p.is_some() {
        "att.edit_title"
    } else {
        "att.add_title"
    };
    Form::new(
        title,
        vec![
            Field::text("att.name", p.map_or("", |p| p.name.as_str())),
            Field::choice(
                "att.gender",
                ["gender.m", "gender.f"],
                p.map(|p| usize::from(p.gender == Gender::Female)),
            ),
            Field::text(
                "att.ethnicity",
                p.and_then(|p| p.ethnicity.as_deref()).unwrap_or(""),
            ),
            Field::choice(
                "att.wealth",
                wealth,
                p.and_then(|p| p.wealth)
                    .and_then(|w| WealthGroup::ALL.iter().position(|x| *x == w)),
            ),
            Field::flags("att.flags", flag_labels(), on),
        ],
    )
}

fn flag_labels() -> Vec<Label> {
    let mut labels: Vec<Label> = Organisation::ALL
        .iter()
        .map(|o| Label::key(format!("org.short.{}", o.code())))
        .collect();
    labels.push("att.trained_short".into());
    labels.push("att.core_short".into());
    labels
}

fn flag_values(person: Option<&PersonFields>) -> Vec<bool> {
    let mut on: Vec<bool> = Organisation::ALL
        .iter()
        .map(|o| person.is_some_and(|p| p.organisations.contains(o)))
        .collect();
    on.push(person.is_some_and(|p| p.trained));
    on.push(person.is_some_and(|p| p.core_farmer));
    on
}

fn draft_of(form: &Form) -> PersonDraft {
    let flags = form.flags(FLAGS);
    let n = Organisation::ALL.len();
    PersonDraft {
        name: form.text(NAME),
        gender: form
            .chosen(GENDER)
            .map(|i| if i == 1 { Gender::Female } else { Gender::Male }),
        ethnicity: form.text(ETHNICITY),
        wealth: form
            .chosen(WEALTH)
            .and_then(|i| WealthGroup::ALL.get(i))
            .copied(),
        organisations: Organisation::ALL
            .iter()
            .zip(&flags)
            .filter(|(_, on)| **on)
            .map(|(o, _)| *o)
            .collect(),
        trained: flags.get(n).copied().unwrap_or(false),
        core_farmer: flags.get(n + 1).copied().unwrap_or(false),
    }
}

fn field_error(e: PersonError) -> (usize, &'static str) {
    match e {
        PersonError::Name(n) => (NAME, n.message_key()),
        PersonError::GenderMissing => (GENDER, "err.gender_missing"),
        PersonError::Ethnicity(n) => (ETHNICITY, n.message_key()),
    }
}

impl AttendancePanel {
    /// Draws the quick-add form (while open) above the register or the suggestions.
    pub fn render(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let closed = self.meeting.is_closed();
        let form_rows = if closed {
            0
        } else {
            8 + self
                .form
                .fields
                .iter()
                .filter(|f| f.error.is_some())
                .count() as u16
        };
        if self.focus == Focus::Pick {
            self.render_pick(area, buf, ctx);
            return;
        }
        let [form_area, list_area] =
            Layout::vertical([Constraint::Length(form_rows), Constraint::Min(0)]).areas(area);
        if !closed {
            self.render_form(form_area, buf, ctx);
        }
        let suggestions = self.suggestions();
        if self.focus == Focus::Form && !suggestions.is_empty() {
            self.render_suggestions(&suggestions, list_area, buf, ctx);
        } else {
            self.render_register(list_area, buf, ctx);
        }
        if let Some(asked) = self.confirm {
            crate::tui::widgets::popup::confirm(
                &t(ctx.lang, "confirm.title"),
                &self.question(asked, ctx.lang),
                &t(ctx.lang, question_keys(asked)),
                &ctx.theme,
                area,
                buf,
            );
        }
    }

    /// The words of a question the register asks.
    fn question(&self, asked: Confirm, lang: Lang) -> String {
        let name_of = |person: PersonId| {
            self.known
                .iter()
                .find(|p| p.id == person)
                .map(|p| p.name.clone())
                .unwrap_or_default()
        };
        match asked {
            Confirm::SamePerson(person, 1) => {
                let who = self.known.iter().find(|p| p.id == person);
                let line = who.map(|p| person_line(p, p.gender, lang).to_string());
                tf(lang, "att.same_person", &[line.unwrap_or_default()])
            }
            Confirm::SamePerson(person, n) => tf(
                lang,
                "att.same_person_many",
                &[n.to_string(), name_of(person)],
            ),
            Confirm::Twin => tf(
                lang,
                "att.twin_registered",
                &[self.form.text(NAME).trim().to_string()],
            ),
        }
    }

    /// The village's register to pick from, beside this meeting's register.
    fn render_pick(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)])
                .areas(area);
        let found = self.pick.matches(&self.index, &self.known);
        self.pick.render(&self.known, &found, left, buf, ctx);
        self.render_register(right, buf, ctx);
    }

    fn render_form(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let active = self.focus == Focus::Form;
        let style = if active {
            ctx.theme.focus
        } else {
            ctx.theme.muted
        };
        let block = Block::bordered().border_style(style).title(Line::styled(
            format!(" {} ", self.form.title.tr(ctx.lang)),
            ctx.theme.title,
        ));
        let inner = block.inner(area);
        block.render(area, buf);
        let [fields, notice] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(inner);
        self.form
            .render_fields(ctx.lang, &ctx.theme, fields, buf, active);
        if active && self.form.focus == ETHNICITY {
            self.render_ethnic_choices(notice, buf, ctx);
        } else if let Some(text) = self.duplicate_notice(ctx.lang) {
            Line::styled(text, ctx.theme.warn).render(notice, buf);
        }
    }

    /// "↑↓ Dân tộc: Ê Đê · Kinh · M'nông …", the one in the field highlighted and in view.
    fn render_ethnic_choices(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let choices = self.ethnic_choices();
        let mut spans = vec![Span::styled(
            format!("{} ", t(ctx.lang, "att.ethnic_pick")),
            ctx.theme.muted,
        )];
        let mut used = spans[0].width();
        let room = usize::from(area.width).saturating_sub(2);
        let start = self.ethnic.unwrap_or(0).saturating_sub(2);
        for (i, name) in choices.iter().enumerate().skip(start) {
            let width = name.width() + 3;
            if used + width > room {
                spans.push(Span::styled("…", ctx.theme.muted));
                break;
            }
            used += width;
            let style = match self.ethnic == Some(i) {
                true => ctx.theme.selected,
                false => ratatui::style::Style::new(),
            };
            spans.push(Span::styled(name.clone(), style));
            spans.push(Span::raw(" · "));
        }
        if spans.last().is_some_and(|s| s.content == " · ") {
            spans.pop();
        }
        Line::from(spans).render(area, buf);
    }

    /// "⚑ Đã có người tên này" while the typed name equals a known person's name.
    fn duplicate_notice(&self, lang: Lang) -> Option<String> {
        let typed = fold(self.form.text(NAME).trim());
        if typed.is_empty() || self.editing.is_some() {
            return None;
        }
        let same = self
            .index
            .known
            .iter()
            .filter(|name| **name == typed)
            .count();
        (same > 0).then(|| format!("⚑ {}", tf(lang, "att.duplicate_name", &[same.to_string()])))
    }

    fn render_suggestions(&self, people: &[&Person], area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let items: Vec<ListItem> = people
            .iter()
            .map(|p| ListItem::new(person_line(p, p.gender, ctx.lang)))
            .collect();
        let mut block = Block::bordered().title(Line::styled(
            t(ctx.lang, "att.suggestions"),
            ctx.theme.title,
        ));
        let more = self.matching().count().saturating_sub(people.len());
        if more > 0 {
            let text = tf(ctx.lang, "att.suggestions_more", &[more.to_string()]);
            block = block.title_bottom(Line::styled(text, ctx.theme.warn));
        }
        let list = List::new(items)
            .block(block)
            .highlight_style(ctx.theme.selected)
            .highlight_symbol("▶ ");
        let mut state = ListState::default().with_selected(self.suggestion);
        StatefulWidget::render(list, area, buf, &mut state);
    }

    fn render_register(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        // Only the lines in view are built (a register can hold hundreds): the window is
        // the one `List` would show (the selection in view, else the newest lines), so the
        // frame is the same as with every line.
        let len = self.attendees.len();
        let visible = usize::from(area.height.saturating_sub(2));
        let selected =
            (self.focus == Focus::List && len > 0).then(|| list_cursor::clamp(self.selected, len));
        // Without a selection, the newest lines.
        let window = list_cursor::window(selected.unwrap_or(len), len, visible);
        let start = window.start;
        let items: Vec<ListItem> = self.attendees[window]
            .iter()
            .map(|a| self.register_line(a, ctx))
            .collect();
        let title = match self.meeting.closed_tally {
            Some(_) if self.locked.is_some() => t(ctx.lang, "att.register_locked"),
            Some(_) => t(ctx.lang, "att.register_closed"),
            None => tf(
                ctx.lang,
                "att.register",
                &[self.attendees.len().to_string()],
            ),
        };
        let style = if self.focus == Focus::List {
            ctx.theme.focus
        } else {
            ctx.theme.muted
        };
        let block = Block::bordered()
            .border_style(style)
            .title(Line::styled(title, ctx.theme.title));
        let list = List::new(items)
            .block(block)
            .highlight_style(ctx.theme.selected)
            .highlight_symbol("▶ ");
        let mut state =
            ListState::default().with_selected(selected.map(|s| s.saturating_sub(start)));
        StatefulWidget::render(list, area, buf, &mut state);
    }

    fn register_line<'a>(&self, a: &Attendee, ctx: ViewCtx) -> ListItem<'a> {
        let mut line = person_line(&a.person, a.gender_at_meeting, ctx.lang);
        line.spans.insert(0, Span::raw(format!("{:>3}. ", a.seq)));
        if self.index.twins.contains(&a.person.id) {
            line.spans.push(Span::styled(
                format!("  ⚑ {}", t(ctx.lang, "att.same_name")),
                ctx.theme.warn,
            ));
        }
        ListItem::new(line)
    }
}

/// "Nguyễn Thị Lan · Nữ · Kinh · PN TH" for lists.
pub(super) fn person_line<'a>(p: &Person, gender: Gender, lang: Lang) -> Line<'a> {
    let mut parts = vec![
        p.name.clone(),
        t(lang, &format!("gender.{}", gender.code())),
    ];
    parts.extend(p.ethnicity.clone());
    if let Some(w) = p.wealth {
        parts.push(t(lang, &format!("wealth.{}", w.code())));
    }
    let mut tags: Vec<String> = p
        .organisations
        .iter()
        .map(|o| t(lang, &format!("org.short.{}", o.code())))
        .collect();
    if p.trained {
        tags.push(t(lang, "att.trained_short"));
    }
    if p.core_farmer {
        tags.push(t(lang, "att.core_short"));
    }
    if !tags.is_empty() {
        parts.push(tags.join(" "));
    }
    Line::raw(parts.join(" · "))
}
