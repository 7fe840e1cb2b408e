//! The commune assigns one village's approved annual plan back to it (issue 15, item 1;
//! phase 3, "Giao kế hoạch"): the plan's activities in form-4 order with what the commune
//! assigned. Enter (or `g`) opens the same assignment form as the village's step 8; `e`
//! writes one assignment bundle per village of the year into a folder, for the villages
//! to import. A plan not approved, or reopened, cannot be assigned. A budget assigned above
//! the cost the commune conference set for the activity is flagged (`⚑`), not refused.

mod keys;
mod render;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::after_plan::assign::{self, AssignStart};
use super::after_plan::{Item, items_of};
use super::{Nav, Outcome, ViewCtx};
use crate::commands::commune_assign::assigned_items;
use crate::deliver::DeliverError;
use crate::domain::after_plan::AssignedItem;
use crate::domain::annual::AnnualItemId;
use crate::domain::commune::commune_cost;
use crate::domain::{CommuneId, VillageId};
use crate::export::bundle::{PlanIdentity, annual_identity};
use crate::i18n::{Lang, tf};
use crate::store::{Store, StoreError};
use crate::tui::keymap::{Action, Context};
use crate::tui::widgets::form::Form;
use crate::tui::widgets::{Input, list_cursor};

/// A form open on the screen.
enum Editing {
    /// The assignment of the selected activity.
    Assign(Form),
    /// The folder the villages' assignment bundles go to.
    Folder(Form),
}

/// The commune's assignment screen for one village.
pub struct CommuneAssignScreen {
    commune: (CommuneId, String),
    year: i32,
    village: VillageId,
    name: String,
    plan: Option<PlanIdentity>,
    items: Vec<Item>,
    /// The cost the commune conference set for each item (đồng), where it changed it.
    costs: Vec<Option<u64>>,
    held: Vec<AssignedItem>,
    selected: usize,
    editing: Option<Editing>,
    last_date: String,
    /// The folder the bundles were last written to (offered again).
    folder: String,
    written: Vec<String>,
}

impl CommuneAssignScreen {
    /// The village's plan of `year` with the commune's assignments (reads only).
    pub fn load(
        store: &Store,
        commune: CommuneId,
        year: i32,
        village: VillageId,
    ) -> Result<Self, StoreError> {
        let (c, _) = store.commune_with_code(commune)?;
        let this = store
            .commune_year(commune, year)?
            .into_iter()
            .find(|v| v.village.id == village)
            .ok_or(StoreError::NotFound)?;
        let held = assigned_items(store, &this)?;
        let record = this.record.as_ref();
        let items = record.map(items_of).unwrap_or_default();
        let changes = store.commune_conference(commune, year)?.changes;
        let code = record.map(|r| r.village_code.as_str()).unwrap_or_default();
        let costs = items
            .iter()
            .map(|i| commune_cost(&changes, code, i.activity))
            .collect();
        Ok(CommuneAssignScreen {
            commune: (commune, c.name),
            year,
            village,
            name: this.village.name.clone(),
            plan: record.and_then(annual_identity),
            items,
            costs,
            held,
            selected: 0,
            editing: None,
            last_date: String::new(),
            folder: String::new(),
            written: Vec::new(),
        })
    }

    fn held(&self, item: AnnualItemId) -> Option<&AssignedItem> {
        self.held.iter().find(|h| h.assignment.item == item)
    }

    fn start<'a>(&'a self, item: &'a Item) -> AssignStart<'a> {
        AssignStart {
            name: &item.name,
            quantity: item.quantity,
            unit: &item.unit,
            planned: item.planned,
            held: self.held(item.id).map(|h| &h.assignment),
            last_date: &self.last_date,
        }
    }
}

impl super::View for CommuneAssignScreen {
    fn parent(&self) -> Option<Nav> {
        Some(Nav::Commune(self.commune.0, self.year))
    }

    fn context(&self) -> Context {
        match self.editing {
            Some(_) => Context::Form,
            None => Context::CommuneAssign,
        }
    }

    fn update(&mut self, input: Input, ctx: ViewCtx) -> Outcome {
        if let Some(editing) = self.editing.take() {
            return self.edit(editing, &input, ctx.lang);
        }
        let Input::Action(action) = input else {
            return Outcome::Stay;
        };
        if list_cursor::step(&mut self.selected, action, self.items.len()) {
            return Outcome::Stay;
        }
        match action {
            Action::Open | Action::Assign => return self.open_form(ctx.lang),
            Action::Export => self.open_folder(),
            Action::Back => return Outcome::Back,
            Action::Help => return Outcome::Help,
            Action::ToggleLang => return Outcome::ToggleLang,
            _ => {}
        }
        Outcome::Stay
    }

    /// Enter and `g` only on an approved plan with activities.
    fn live(&self, action: Action) -> bool {
        match action {
            Action::Open | Action::Assign => self.plan.is_some() && !self.items.is_empty(),
            _ => true,
        }
    }

    fn on_saved(
        &mut self,
        store: &Store,
        result: &Result<super::Effect, String>,
        _lang: Lang,
    ) -> Result<(), StoreError> {
        super::reload_unless_failed(self, result, |s| {
            let mut fresh = CommuneAssignScreen::load(store, s.commune.0, s.year, s.village)?;
            fresh.selected = list_cursor::clamp(s.selected, fresh.items.len());
            fresh.last_date.clone_from(&s.last_date);
            fresh.folder.clone_from(&s.folder);
            Ok(fresh)
        })
    }

    fn on_export(&mut self, result: &Result<Vec<std::path::PathBuf>, DeliverError>) {
        self.written = match result {
            Ok(paths) => paths
                .iter()
                .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                .collect(),
            Err(_) => Vec::new(),
        };
    }

    fn breadcrumb(&self, lang: Lang) -> String {
        tf(
            lang,
            "assign.screen.breadcrumb",
            &[
                self.commune.1.clone(),
                self.year.to_string(),
                self.name.clone(),
            ],
        )
    }

    fn help_key(&self) -> String {
        "help.commune_assign".into()
    }

    fn render(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        render::render(self, area, buf, ctx);
    }
}
