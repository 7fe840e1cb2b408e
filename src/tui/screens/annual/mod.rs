//! The annual plan (20-30 May): the working group reconvened (F3), the review of last
//! year (F4), selection into part 1 and part 2 (F5), scoring into form 4 (F6), and the
//! approval meeting (F7; F8 approves, or reopens with a reason once approved).

mod new_activity;
mod popups;
mod review;
mod selection;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::attendance::AttendancePanel;
use super::record::RecordTab;
use super::workgroup::WorkGroupTab;
use super::{Command, Outcome, ViewCtx};
pub use crate::commands::AnnualCommand;
use crate::domain::activity::{Activity, ActivityId};
use crate::domain::after_plan::{AfterPlanRecord, GroupKind, review_prefill};
use crate::domain::annual::{AnnualItemId, Part, ReviewDraft, Spending, YearSummary, rank_by_part};
use crate::domain::scoring::{MatrixRow, RankedRow, Scale};
use crate::domain::{Cycle, CycleId, MeetingKind, Village};
use crate::i18n::{Lang, t, tf};
use crate::store::{AnnualApproval, AnnualItem, Attendee, ReviewRow, Store, StoreError};
use crate::tui::keymap::{Action, Context};
use crate::tui::modal::ask_reason;
use crate::tui::screens::step::Step;
use crate::tui::widgets::form::Form;
use crate::tui::widgets::score_table::{self, MatrixCursor, ScoreEvent};
use crate::tui::widgets::{Input, list_cursor, meter, tabs};
use popups::{approval_form, popup_event};
use review::ReviewForm;

/// The screen's sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    WorkGroup,
    Review,
    Selection,
    Scoring,
    Approval,
}

const SECTIONS: [Section; 5] = [
    Section::WorkGroup,
    Section::Review,
    Section::Selection,
    Section::Scoring,
    Section::Approval,
];
const TABS: [(&str, &str); 5] = [
    ("F3", "ann.tab.wg"),
    ("F4", "ann.tab.review"),
    ("F5", "ann.tab.select"),
    ("F6", "ann.tab.form4"),
    ("F7", "ann.tab.approve"),
];

/// What the open popup form is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Popup {
    Review(ReviewForm),
    /// The approval form; `true` when it must ask why fewer than 30% were women.
    Approve(u32),
    NewActivity,
}

/// The data the screen shows, reloaded after every save.
#[derive(Default)]
struct Data {
    people: Vec<Attendee>,
    reviews: Vec<ReviewRow>,
    totals: Spending,
    priorities: Vec<(u32, Activity)>,
    items: Vec<AnnualItem>,
    rows: Vec<MatrixRow>,
    ranked: Vec<RankedRow>,
    approval: Option<AnnualApproval>,
    previous: Option<CycleId>,
    summary: YearSummary,
    /// What was recorded after last year's plan, which the review starts from.
    last_after: AfterPlanRecord,
}

/// The annual-plan screen's state.
pub struct AnnualScreen {
    cycle: Cycle,
    village: Village,
    data: Data,
    section: Section,
    selected: usize,
    review_selected: usize,
    ranked_view: bool,
    item_selected: usize,
    on_items: bool,
    cursor: MatrixCursor,
    workgroup: WorkGroupTab,
    approval: AttendancePanel,
    /// The approval meeting's record, shown instead of its register after `b`.
    record: RecordTab,
    record_shown: bool,
    popup: Option<(Form, Popup)>,
}

impl AnnualScreen {
    /// Loads the annual step of `id` (creating its approval meeting on first visit).
    pub fn load(store: &Store, id: CycleId) -> Result<Self, StoreError> {
        let cycle = store.cycle(id)?;
        let village = store.village(cycle.village_id)?;
        let meeting = store
            .find_meeting(id, MeetingKind::AnnualApproval)?
            .ok_or(StoreError::NotFound)?;
        let record = RecordTab::load(store, meeting.id, village.commune_id)?;
        let approval = AttendancePanel::load(store, meeting, village.id)?;
        let workgroup = WorkGroupTab::load(store, id, String::new())?;
        let mut screen = AnnualScreen {
            cycle,
            village,
            data: Data::default(),
            section: Section::Review,
            selected: 0,
            review_selected: 0,
            ranked_view: false,
            item_selected: 0,
            on_items: false,
            cursor: MatrixCursor::default(),
            workgroup,
            approval,
            record,
            record_shown: false,
            popup: None,
        };
        screen.reload(store)?;
        Ok(screen)
    }

    fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        let id = self.cycle.id;
        let people = store.people(self.village.id)?;
        self.data = Data {
            people: people
                .into_iter()
                .enumerate()
                .map(|(i, p)| Attendee {
                    gender_at_meeting: p.gender,
                    seq: i as u32 + 1,
                    person: p,
                })
                .collect(),
            reviews: store.last_year_review(id)?,
            totals: store.review_totals(id)?,
            priorities: store.medium_term_priorities(id)?,
            items: store.annual_items(id)?,
            rows: store.annual_matrix_rows(id)?,
            ranked: Vec::new(),
            approval: store.annual_approval(id)?,
            previous: store.previous_cycle(id)?.map(|c| c.id),
            summary: store.year_summary(id)?,
            last_after: match store.previous_cycle(id)? {
                Some(prev) => store.after_plan(prev.id)?,
                None => AfterPlanRecord::default(),
            },
        };
        let locked = self.approved().then_some("ann.err.register_locked");
        self.approval.lock_reopening(locked);
        let items = &self.data.items;
        self.data.ranked = rank_by_part(&self.data.rows, |key| {
            items.iter().find(|i| i.id.0 == key).map(|i| i.part)
        });
        self.cursor.clamp(self.data.items.len());
        Ok(())
    }

    /// Whether the annual plan is approved, so frozen: the commands refuse to change it
    /// (`commands::frozen`) until it is reopened.
    fn approved(&self) -> bool {
        self.data.approval.is_some()
    }

    /// The approval meeting's register, or its record (`b` shows it, Esc goes back).
    fn approval_input(&mut self, input: Input, lang: Lang) -> Outcome {
        if input == Input::Action(Action::ShowRecord) {
            self.record_shown = true;
            return Outcome::Stay;
        }
        if !self.record_shown {
            return self.approval.update(input, lang);
        }
        match self.record.update(input) {
            Outcome::Back => {
                self.record_shown = false;
                Outcome::Stay
            }
            other => other,
        }
    }

    fn workgroup_input(&mut self, input: Input, lang: Lang) -> Outcome {
        if input == Input::Action(Action::Carry) {
            return match self.data.previous {
                Some(from) => Outcome::Save(Command::Annual(AnnualCommand::Reconvene {
                    cycle: self.cycle.id,
                    from,
                })),
                None => Outcome::Refuse(t(lang, "ann.no_previous")),
            };
        }
        self.workgroup.update(input, &self.data.people, lang)
    }

    fn approve_or_reopen(&mut self) -> Outcome {
        if self.data.approval.is_some() {
            let reopen = AnnualCommand::Reopen {
                cycle: self.cycle.id,
                reason: String::new(),
            };
            return ask_reason("ann.reopen_title", Command::Annual(reopen));
        }
        let below = self.approval_needs_reason();
        let present = self.approval.tally().total();
        let date = self.record.date_text();
        self.popup = Some((approval_form(below, &date), Popup::Approve(present)));
        Outcome::Stay
    }

    /// Whether approving must ask for a reason: the approval meeting's register is open
    /// and fewer than 30% of those registered are women.
    fn approval_needs_reason(&self) -> bool {
        !self.approval.is_closed()
            && !crate::domain::attendance::meets_women_threshold(self.approval.tally())
    }

    fn move_in_list(&mut self, action: Action, len: usize) {
        let index = match (self.section, self.on_items) {
            (Section::Review, _) => &mut self.review_selected,
            (_, true) => &mut self.item_selected,
            (_, false) => &mut self.selected,
        };
        list_cursor::step(index, action, len);
    }

    /// The review of last year's `item` as the records after its plan give it.
    fn prefill(&self, item: AnnualItemId, lang: Lang) -> Option<ReviewDraft> {
        let label = |kind: GroupKind| t(lang, kind.label_key());
        review_prefill(&self.data.last_after, item, label)
    }

    fn review_input(&mut self, input: Input, lang: Lang) -> Outcome {
        let Input::Action(action) = input else {
            return Outcome::Stay;
        };
        match action {
            Action::Open => {
                if let Some(row) = self.data.reviews.get(self.review_selected) {
                    let prefill = self.prefill(row.item.id, lang);
                    self.popup = Some((
                        review::item_form(row, prefill.as_ref()),
                        Popup::Review(ReviewForm::Item(row.item.id)),
                    ));
                }
            }
            Action::Add => {
                self.popup = Some((
                    review::summary_form(&self.data.summary),
                    Popup::Review(ReviewForm::Summary),
                ));
            }
            Action::Back => return Outcome::Back,
            Action::Help => return Outcome::Help,
            other => self.move_in_list(other, self.data.reviews.len()),
        }
        Outcome::Stay
    }

    fn selection_input(&mut self, input: Input, lang: Lang) -> Outcome {
        let Input::Action(action) = input else {
            return Outcome::Stay;
        };
        match action {
            Action::PartOne => return self.put_in_part(Part::One, lang),
            Action::PartTwo => return self.put_in_part(Part::Two, lang),
            Action::NextField | Action::PrevField => self.on_items = !self.on_items,
            // Refused before the form is typed, by the check `blocked` greys `a` by.
            Action::Add if self.approved() => {
                return Outcome::Refuse(t(lang, "annual.err.frozen"));
            }
            Action::Add => self.popup = Some((new_activity::form(), Popup::NewActivity)),
            // `x` removes what is highlighted in the list that has the focus.
            Action::Remove => match self.highlighted_item() {
                Some(item) => {
                    return Outcome::Save(Command::Annual(AnnualCommand::Remove { item }));
                }
                None if !self.on_items => return Outcome::Refuse(t(lang, "ann.not_selected")),
                None => {}
            },
            Action::Back => return Outcome::Back,
            Action::Help => return Outcome::Help,
            other => {
                let len = if self.on_items {
                    self.data.items.len()
                } else {
                    self.data.priorities.len()
                };
                self.move_in_list(other, len);
            }
        }
        Outcome::Stay
    }

    /// Puts the selected activity into `part` (`1` or `2`; a reason beyond 2 in part 2).
    fn put_in_part(&mut self, part: Part, lang: Lang) -> Outcome {
        // On an approved plan the command is sent as it is: the freeze refuses it with
        // the message naming the plan and how to reopen it (no reason asked first).
        let approved = self.approved();
        let full = !approved
            && part == Part::Two
            && self
                .data
                .items
                .iter()
                .filter(|i| i.part == Part::Two)
                .count()
                >= crate::domain::annual::MAX_PART_TWO;
        let cycle = self.cycle.id;
        // An activity already in the plan moves between parts, from either list.
        if let Some(item) = self.highlighted_item() {
            let already = self
                .data
                .items
                .iter()
                .any(|i| i.id == item && i.part == part);
            if already && !approved {
                return Outcome::Hint(tf(lang, "ann.already_in_part", &[part_number(part)]));
            }
            let set_part = Command::Annual(AnnualCommand::SetPart {
                item,
                part,
                reason: full.then(String::new),
            });
            return part_two_reason(full, set_part);
        }
        if self.on_items {
            return Outcome::Stay;
        }
        let Some(activity) = self.data.priorities.get(self.selected).map(|(_, a)| a.id) else {
            return Outcome::Stay;
        };
        let select = Command::Annual(AnnualCommand::Select {
            cycle,
            activity,
            part,
            reason: full.then(String::new),
        });
        part_two_reason(full, select)
    }

    /// The plan's item highlighted in the focused list: the selected item, or the item
    /// holding the selected medium-term activity.
    fn highlighted_item(&self) -> Option<AnnualItemId> {
        if self.on_items {
            return selection::display_order(&self.data.items)
                .get(self.item_selected)
                .map(|i| i.id);
        }
        let (_, activity) = self.data.priorities.get(self.selected)?;
        self.data
            .items
            .iter()
            .find(|i| i.activity.id == activity.id)
            .map(|i| i.id)
    }

    fn score_input(&mut self, input: Input, lang: Lang) -> Outcome {
        if input == Input::Action(Action::ToggleView) {
            self.ranked_view = !self.ranked_view;
            return Outcome::Stay;
        }
        let scale = Scale::default();
        match self
            .cursor
            .update(input, self.data.items.len(), scale, lang)
        {
            ScoreEvent::None => Outcome::Stay,
            ScoreEvent::Back => Outcome::Back,
            ScoreEvent::Help => Outcome::Help,
            ScoreEvent::Say(text) => Outcome::Refuse(text),
            ScoreEvent::Set {
                row,
                criterion,
                score,
            } => match self.data.items.get(row) {
                Some(item) => Outcome::Save(Command::Annual(AnnualCommand::Score {
                    item: item.id,
                    criterion,
                    score,
                })),
                None => Outcome::Stay,
            },
        }
    }

    fn render_status(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let lang = ctx.lang;
        match (&self.data.approval, self.section) {
            (_, Section::Approval) => {
                meter::render(self.approval.tally(), lang, &ctx.theme, area, buf)
            }
            (Some(a), _) => {
                let args = [
                    crate::domain::meeting::display_date(&a.date),
                    a.votes_for.to_string(),
                    a.votes_against.to_string(),
                ];
                Line::styled(tf(lang, "ann.approved", &args), ctx.theme.ok).render(area, buf)
            }
            (None, _) => Line::styled(t(lang, "ann.hint"), ctx.theme.muted).render(area, buf),
        }
    }

    fn selection_view(&self) -> selection::SelectionView<'_> {
        selection::SelectionView {
            priorities: &self.data.priorities,
            last_year: &self.data.reviews,
            items: &self.data.items,
            selected: self.selected,
            item_selected: self.item_selected,
            on_items: self.on_items,
        }
    }

    fn render_scores(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        if self.ranked_view {
            return self.render_form4(area, buf, ctx);
        }
        let names: Vec<(i64, String)> = self
            .data
            .items
            .iter()
            .map(|i| {
                (
                    i.id.0,
                    format!(
                        "{}{}",
                        if i.part == Part::Two { "² " } else { "¹ " },
                        i.activity.fields.name
                    ),
                )
            })
            .collect();
        let view = score_table::ScoreTable {
            cursor: &self.cursor,
            names: &names,
            rows: &self.data.rows,
            ranked: &self.data.ranked,
            scale: Scale::default(),
        };
        score_table::render(&view, ctx.lang, &ctx.theme, area, buf);
    }
}

impl AnnualScreen {
    /// Form 4: the annual plan's items in rank order (each row keyed by its item).
    fn render_form4(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let rows: Vec<Activity> = self
            .data
            .items
            .iter()
            .map(|i| {
                let mut a = i.activity.clone();
                a.id = ActivityId(i.id.0);
                a.fields.name = format!(
                    "{}{}",
                    if i.part == Part::Two { "² " } else { "¹ " },
                    a.fields.name
                );
                a
            })
            .collect();
        let title = tf(ctx.lang, "ann.form4_title", &[self.cycle.year.to_string()]);
        super::wgmeeting::draft::render(&title, &rows, &self.data.ranked, 0, area, buf, ctx);
    }
}

/// Saves `command`, or asks first for the reason a third activity goes into part 2.
fn part_two_reason(full: bool, command: Command) -> Outcome {
    if full {
        ask_reason("ann.part_two_reason", command)
    } else {
        Outcome::Save(command)
    }
}

/// "1" or "2".
fn part_number(part: Part) -> String {
    match part {
        Part::One => "1".into(),
        Part::Two => "2".into(),
    }
}

impl Step for AnnualScreen {
    const HELP: &'static str = "help.step.annual";

    /// The cycle.
    fn cycle_id(&self) -> CycleId {
        self.cycle.id
    }

    /// Keymap context of the active section or popup.
    fn context(&self) -> Context {
        if self.popup.is_some() {
            return Context::Form;
        }
        match self.section {
            Section::WorkGroup => self.workgroup.context(),
            Section::Review => Context::AnnualReview,
            Section::Selection => Context::AnnualList,
            Section::Scoring => Context::WgMatrix,
            Section::Approval if self.record_shown => Context::Record,
            Section::Approval => self.approval.context(),
        }
    }

    /// Handles one input.
    fn update(&mut self, input: Input, ctx: ViewCtx) -> Outcome {
        let lang = ctx.lang;
        if let Some((form, purpose)) = &mut self.popup {
            let purpose = *purpose;
            return match popup_event(form, purpose, &input, self.cycle.id) {
                Some(outcome) => outcome,
                None => {
                    self.popup = None;
                    Outcome::Stay
                }
            };
        }
        let section = match input {
            Input::Action(Action::Section1) => Some(Section::WorkGroup),
            Input::Action(Action::Section2) => Some(Section::Review),
            Input::Action(Action::Section3) => Some(Section::Selection),
            Input::Action(Action::Section4) => Some(Section::Scoring),
            Input::Action(Action::Section5) => Some(Section::Approval),
            _ => None,
        };
        if let Some(s) = section {
            self.section = s;
            // The approval meeting opens on its record until the record has a date.
            self.record_shown = s == Section::Approval
                && self.record.date_text().is_empty()
                && !self.approval.is_closed();
            return Outcome::Stay;
        }
        if input == Input::Action(Action::Approve) {
            return self.approve_or_reopen();
        }
        match self.section {
            Section::WorkGroup => self.workgroup_input(input, lang),
            Section::Review => self.review_input(input, lang),
            Section::Selection => self.selection_input(input, lang),
            Section::Scoring => self.score_input(input, lang),
            Section::Approval => self.approval_input(input, lang),
        }
    }

    /// Reloads after a save.
    fn on_saved(&mut self, store: &Store, ok: bool, _lang: Lang) -> Result<(), StoreError> {
        if ok {
            self.popup = None;
            // A saved record leads on to the register.
            self.record_shown = false;
        }
        self.workgroup.reload(store, ok)?;
        self.approval
            .on_saved(store, ok, self.section == Section::Approval)?;
        self.reload(store)
    }

    /// "Buôn Kram › 2027 › Kế hoạch năm".
    fn breadcrumb(&self, lang: Lang) -> String {
        tf(
            lang,
            "ann.breadcrumb",
            &[self.village.name.clone(), self.cycle.year.to_string()],
        )
    }

    /// Draws the tabs, a status line and the active section.
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let [tab_area, status, body] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(0),
        ])
        .areas(area);
        let active = SECTIONS
            .iter()
            .position(|s| *s == self.section)
            .unwrap_or(0);
        tabs::render(&TABS, active, ctx.lang, &ctx.theme, tab_area, buf);
        self.render_status(status, buf, ctx);
        match self.section {
            Section::WorkGroup => self.workgroup.render(&self.data.people, body, buf, ctx),
            Section::Review => review::render(
                &self.data.reviews,
                &self.data.totals,
                &self.data.summary,
                self.review_selected,
                body,
                buf,
                ctx,
            ),
            Section::Selection => self.selection_view().render(body, buf, ctx),
            Section::Scoring => self.render_scores(body, buf, ctx),
            Section::Approval if self.record_shown => self.record.render(body, buf, ctx),
            Section::Approval => self.approval.render(body, buf, ctx),
        }
        if let Some((form, _)) = &self.popup {
            form.render(ctx.lang, &ctx.theme, area, buf);
        }
    }

    /// Whether `action` would be taken now: the working group's keys as its tab says; the
    /// review's; the selection's Tab, and while the plan is not approved (the freeze
    /// refuses them) `1`, `2`, `a` and `x` (on an activity in the plan); form 4's Enter and
    /// `b` (not the scale, fixed for form 4); at the approval meeting F8 (approve, or
    /// reopen once approved) and the register's keys (an approved plan's register stays
    /// closed).
    fn live(&self, action: Action) -> bool {
        if self.popup.is_some() {
            return true;
        }
        match self.section {
            Section::WorkGroup => self.workgroup.live(action),
            Section::Review => true,
            // An approved plan's edits are `blocked`, not hidden.
            Section::Selection => action != Action::Remove || self.highlighted_item().is_some(),
            Section::Scoring => action != Action::EditScale,
            Section::Approval if self.record_shown => true,
            Section::Approval if action == Action::Approve => true,
            Section::Approval => self.approval.live(action),
        }
    }

    /// Why the approved plan refuses `action` (the freeze the commands refuse by): the
    /// selection's edits, the working group's and the approval register's.
    fn blocked(&self, action: Action) -> Option<&'static str> {
        if self.popup.is_some() {
            return None;
        }
        let edits = matches!(
            action,
            Action::PartOne | Action::PartTwo | Action::Add | Action::Remove
        );
        match self.section {
            Section::WorkGroup => self.workgroup.blocked(action),
            Section::Selection => (self.approved() && edits).then_some("blocked.annual"),
            Section::Approval if self.record_shown => None,
            Section::Approval => self.approval.blocked(action),
            Section::Review | Section::Scoring => None,
        }
    }
}
