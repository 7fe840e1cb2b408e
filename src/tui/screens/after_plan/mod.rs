//! After the plan (issue 15, phases 3-5) for one cycle's approved annual plan: its items
//! in form-4 order with what the commune assigned, how far each work went and how the
//! commune judged it; below, the selected item's groups, money received against the
//! budget assigned, progress, acceptance and postings. Keys open a form for each kind of
//! record (`g` assignment, `m` member, `t` receipt, `p` progress, `n` acceptance, `c`
//! public posting, `d` evaluation); Enter lists the item's rows (`x` removes a member
//! or a ledger line typed by mistake); `v` shows the activity's whole life.

pub(super) mod assign;
mod forms;
mod render;

pub(in crate::tui::screens) use forms::short_decision_key;
use forms::{Kind, Subject};

use super::{Command, Nav, Outcome, ViewCtx};
use crate::commands::AfterPlanCommand;
use crate::domain::CycleId;
use crate::domain::Person;
use crate::domain::activity::FundingSource;
use crate::domain::activity::funding::effective;
use crate::domain::after_plan::{AfterPlanRecord, Budget};
use crate::domain::annual::{AnnualItemId, Part};
use crate::domain::record::CycleRecord;
use crate::i18n::{Lang, tf};
use crate::store::{Store, StoreError};
use crate::tui::keymap::{Action, Context};
use crate::tui::widgets::form::{Form, FormEvent};
use crate::tui::widgets::{Input, list_cursor};

/// One item of the annual plan as the screen lists it.
#[derive(Debug, Clone)]
pub(super) struct Item {
    /// The annual-plan item.
    pub id: AnnualItemId,
    /// Its activity's id.
    pub activity: i64,
    /// The activity's name.
    pub name: String,
    /// Part 1 or 2.
    pub part: Part,
    /// The planned quantity and unit.
    pub quantity: Option<f64>,
    /// Its unit.
    pub unit: String,
    /// What the plan asked, by source, as the assignment's starting budget.
    pub planned: Budget,
}

/// What the screen shows under the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// The items with the selected one's summary.
    List,
    /// The selected item's rows (members, ledger, progress, postings, evaluations).
    Rows,
    /// The selected activity's life, stage by stage.
    Life,
}

/// The after-plan screen's state.
pub struct AfterPlanScreen {
    cycle: CycleId,
    village: String,
    year: i32,
    record: CycleRecord,
    items: Vec<Item>,
    people: Vec<Person>,
    approved: bool,
    selected: usize,
    row: usize,
    mode: Mode,
    editing: Option<(Kind, Form)>,
    last_date: String,
}

/// A removal to ask about: the question (i18n key and arguments) and the command.
struct Removal {
    key: &'static str,
    args: Vec<String>,
    command: AfterPlanCommand,
}

/// The plan's ask for an item, by source: the villagers' money, and the amount asked from
/// the source the plan names (derived as forms 4, 5 and 6 derive it).
fn planned_budget(record: &CycleRecord, item: &crate::domain::record::AnnualItemRecord) -> Budget {
    let mut budget = Budget::default();
    let Some(a) = record.activity(item.activity) else {
        return budget;
    };
    let fields = &a.activity.fields;
    budget.people = i64::try_from(fields.contribution.money_vnd).unwrap_or(0);
    let asked = effective(fields, a.funding, Some(item.part));
    if asked.source != FundingSource::People {
        budget.add(
            asked.source,
            i64::try_from(asked.budget_asked_vnd).unwrap_or(0),
        );
    }
    budget
}

/// The annual plan's items in form-4 order.
pub(super) fn items_of(record: &CycleRecord) -> Vec<Item> {
    record
        .annual_ranking()
        .iter()
        .filter_map(|row| record.annual.items.iter().find(|i| i.id.0 == row.activity))
        .filter_map(|item| {
            let a = record.activity(item.activity)?;
            Some(Item {
                id: item.id,
                activity: item.activity.0,
                name: a.activity.fields.name.clone(),
                part: item.part,
                quantity: a.activity.fields.quantity,
                unit: a.activity.fields.unit.clone(),
                planned: planned_budget(record, item),
            })
        })
        .collect()
}

impl AfterPlanScreen {
    /// The cycle's annual plan with everything recorded after it (reads only).
    pub fn load(store: &Store, cycle: CycleId) -> Result<Self, StoreError> {
        let record = store.cycle_record(cycle)?;
        let people = store.people(record.village.id)?;
        Ok(AfterPlanScreen {
            cycle,
            village: record.village.name.clone(),
            year: record.cycle.year,
            items: items_of(&record),
            approved: store.is_annual_frozen(cycle)?,
            people,
            record,
            selected: 0,
            row: 0,
            mode: Mode::List,
            editing: None,
            last_date: String::new(),
        })
    }

    /// The same screen, on the selected activity's life when `life`.
    pub fn showing_life(mut self, life: bool) -> Self {
        if life {
            self.mode = Mode::Life;
        }
        self
    }

    fn after(&self) -> &AfterPlanRecord {
        &self.record.after
    }

    fn subject(&self) -> Option<Subject<'_>> {
        let item = self.items.get(self.selected)?;
        Some(Subject {
            item: item.id,
            name: &item.name,
            quantity: item.quantity,
            unit: &item.unit,
            planned: item.planned,
            after: self.after(),
            people: &self.people,
            last_date: &self.last_date,
        })
    }

    /// Moves the selected item, or in an item's rows the selected row, for a movement
    /// action; false for any other.
    fn scroll(&mut self, action: Action) -> bool {
        if self.mode == Mode::Rows {
            // The number of rows does not depend on the language.
            let len = render::detail_rows(self, Lang::Vi).len();
            return list_cursor::step(&mut self.row, action, len);
        }
        let moved = list_cursor::step(&mut self.selected, action, self.items.len());
        if moved {
            self.row = 0;
        }
        moved
    }

    fn open_form(&mut self, action: Action, lang: Lang) -> Outcome {
        let kind = match action {
            Action::Assign => Kind::Assign,
            Action::AddMember => Kind::Member,
            Action::AddReceipt => Kind::Receipt,
            Action::AddProgress => Kind::Progress,
            Action::Accept => Kind::Accept,
            Action::Disclose => Kind::Disclose,
            Action::Evaluate => Kind::Evaluate,
            _ => return Outcome::Stay,
        };
        if self.record.cycle.closed {
            return Outcome::Refuse(crate::i18n::t(lang, "after.screen.closed"));
        }
        if !self.approved {
            return Outcome::Refuse(crate::i18n::t(lang, "after.err.plan_not_approved"));
        }
        let Some(subject) = self.subject() else {
            return Outcome::Refuse(crate::i18n::t(lang, "after.screen.no_items"));
        };
        if kind != Kind::Assign && !self.after().is_assigned(subject.item) {
            return Outcome::Refuse(crate::i18n::t(lang, "after.err.not_assigned"));
        }
        let form = forms::form(kind, &subject);
        self.editing = Some((kind, form));
        Outcome::Stay
    }

    /// `x` on the rows: asks before removing the selected member or ledger line.
    fn remove(&mut self, lang: Lang) -> Outcome {
        let Some(item) = self.items.get(self.selected).map(|i| i.id) else {
            return Outcome::Stay;
        };
        let after = self.after();
        let removal = match render::detail_rows(self, lang)
            .get(self.row)
            .and_then(|r| r.removable)
        {
            Some(render::Removable::Member(id)) => {
                after.members.iter().find(|m| m.id == id).map(|m| Removal {
                    key: "after.confirm.remove_member",
                    args: vec![m.name.clone(), crate::i18n::t(lang, m.kind.label_key())],
                    command: AfterPlanCommand::RemoveMember { item, id },
                })
            }
            Some(render::Removable::Receipt(id)) => {
                after.receipts.iter().find(|r| r.id == id).map(|r| Removal {
                    key: "after.confirm.remove_receipt",
                    args: vec![
                        crate::domain::meeting::display_date(&r.date),
                        render::receipt_amount(r, lang),
                    ],
                    command: AfterPlanCommand::RemoveReceipt { item, id },
                })
            }
            None => None,
        };
        match removal {
            Some(removal) => {
                let remove = Outcome::Save(Command::AfterPlan(removal.command));
                crate::tui::modal::Confirm::new(removal.key, removal.args, remove).ask()
            }
            None => Outcome::Refuse(crate::i18n::t(lang, "after.screen.not_removable")),
        }
    }

    fn edit(&mut self, input: &Input) -> Outcome {
        let Some((kind, mut form)) = self.editing.take() else {
            return Outcome::Stay;
        };
        let round = form.chosen(0);
        let event = form.handle(input);
        // Another round of the evaluation: its own record, never the other round's text.
        if kind == Kind::Evaluate
            && form.chosen(0) != round
            && let (Some(round), Some(s)) = (form.chosen(0), self.subject())
        {
            form = forms::evaluate_form(&s, round);
        }
        let outcome = match event {
            FormEvent::Editing => Outcome::Stay,
            FormEvent::Cancel => return Outcome::Stay,
            FormEvent::Submit => match self.subject().map(|s| forms::read(kind, &form, &s)) {
                Some(Ok(command)) => {
                    self.remember_date(&command);
                    Outcome::Save(Command::AfterPlan(command))
                }
                Some(Err(errors)) => {
                    form.show_errors(errors);
                    Outcome::Stay
                }
                None => return Outcome::Stay,
            },
        };
        self.editing = Some((kind, form));
        outcome
    }

    /// Keeps the date just typed, to start the next form from.
    fn remember_date(&mut self, command: &AfterPlanCommand) {
        use AfterPlanCommand as C;
        let date = match command {
            C::Assign(a) => &a.date,
            C::AddReceipt(r) => &r.date,
            C::AddProgress(p) => &p.date,
            C::Accept(a) => &a.date,
            C::Disclose { date, .. } => date,
            C::Evaluate(e) => &e.date,
            C::AddMember(_) | C::RemoveMember { .. } | C::RemoveReceipt { .. } => return,
        };
        self.last_date.clone_from(date);
    }

    fn reload(&self, store: &Store) -> Result<Self, StoreError> {
        let mut fresh = AfterPlanScreen::load(store, self.cycle)?;
        fresh.selected = list_cursor::clamp(self.selected, fresh.items.len());
        fresh.mode = self.mode;
        fresh.row = self.row;
        fresh.last_date.clone_from(&self.last_date);
        // After a removal the selection stays on a row that still exists.
        let rows = render::detail_rows(&fresh, Lang::Vi).len();
        fresh.row = list_cursor::clamp(fresh.row, rows);
        Ok(fresh)
    }
}

impl super::View for AfterPlanScreen {
    fn parent(&self) -> Option<Nav> {
        Some(Nav::Cycle(self.cycle))
    }

    fn context(&self) -> Context {
        match (&self.editing, self.mode) {
            (Some(_), _) => Context::Form,
            (None, Mode::List) => Context::AfterPlan,
            (None, Mode::Rows | Mode::Life) => Context::AfterPlanRows,
        }
    }

    fn update(&mut self, input: Input, ctx: ViewCtx) -> Outcome {
        if self.editing.is_some() {
            return self.edit(&input);
        }
        let Input::Action(action) = input else {
            return Outcome::Stay;
        };
        if self.scroll(action) {
            return Outcome::Stay;
        }
        match action {
            Action::Open => self.mode = Mode::Rows,
            Action::Life => self.mode = Mode::Life,
            Action::Remove if self.mode == Mode::Rows => return self.remove(ctx.lang),
            Action::Back if self.mode != Mode::List => self.mode = Mode::List,
            Action::Back => return Outcome::Back,
            Action::Help => return Outcome::Help,
            Action::ToggleLang => return Outcome::ToggleLang,
            other => return self.open_form(other, ctx.lang),
        }
        Outcome::Stay
    }

    /// The record keys are offered only while a record would be taken: the year open, the
    /// plan approved, and (but for the assignment) the selected item assigned and funded;
    /// `x` only on a line it removes.
    fn live(&self, action: Action) -> bool {
        let writable = !self.record.cycle.closed && self.approved;
        let assigned = self
            .items
            .get(self.selected)
            .is_some_and(|i| self.after().is_assigned(i.id));
        match action {
            Action::Assign => writable && !self.items.is_empty(),
            Action::AddMember
            | Action::AddReceipt
            | Action::AddProgress
            | Action::Accept
            | Action::Disclose
            | Action::Evaluate => writable && assigned,
            Action::Remove => {
                writable
                    && self.mode == Mode::Rows
                    && render::detail_rows(self, Lang::Vi)
                        .get(self.row)
                        .is_some_and(|r| r.removable.is_some())
            }
            _ => true,
        }
    }

    fn on_saved(
        &mut self,
        store: &Store,
        result: &Result<super::Effect, String>,
        _lang: Lang,
    ) -> Result<(), StoreError> {
        super::reload_unless_failed(self, result, |s| s.reload(store))
    }

    fn breadcrumb(&self, lang: Lang) -> String {
        tf(
            lang,
            "after.screen.breadcrumb",
            &[self.village.clone(), self.year.to_string()],
        )
    }

    fn help_key(&self) -> String {
        "help.step.after_plan".into()
    }

    fn render(&self, area: ratatui::layout::Rect, buf: &mut ratatui::buffer::Buffer, ctx: ViewCtx) {
        render::render(self, area, buf, ctx);
    }
}
