//! The commune assigns one village's approved annual plan back to it (issue 15, item 1;
//! phase 3, "Giao kế hoạch"): the plan's activities in form-4 order with what the commune
//! assigned. Enter (or `g`) opens the same assignment form as the village's step 8; `e`
//! writes one assignment bundle per village of the year into a folder, for the villages
//! to import. A plan not approved, or reopened, cannot be assigned.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Row, Widget, Wrap};

use super::after_plan::assign::{self, AssignStart};
use super::after_plan::{Item, items_of};
use super::{Command, Nav, Outcome, ViewCtx};
use crate::commands::CommuneAssign;
use crate::commands::commune_assign::assigned_items;
use crate::deliver::{DeliverError, ExportRequest, ExportTarget};
use crate::domain::after_plan::{AssignedItem, Decision};
use crate::domain::{CommuneId, VillageId};
use crate::export::bundle::{PlanIdentity, annual_identity};
use crate::export::html::number_text;
use crate::i18n::{Lang, t, tf};
use crate::store::{Store, StoreError};
use crate::tui::keymap::{Action, Context};
use crate::tui::widgets::form::{Field, Form, FormEvent};
use crate::tui::widgets::{Input, listing};

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
        Ok(CommuneAssignScreen {
            commune: (commune, c.name),
            year,
            village,
            name: this.village.name.clone(),
            plan: record.and_then(annual_identity),
            items: record.map(items_of).unwrap_or_default(),
            held,
            selected: 0,
            editing: None,
            last_date: String::new(),
            folder: String::new(),
            written: Vec::new(),
        })
    }

    fn held(&self, item: i64) -> Option<&AssignedItem> {
        self.held.iter().find(|h| h.assignment.item == item)
    }

    fn update(&mut self, input: Input, lang: Lang) -> Outcome {
        if let Some(editing) = self.editing.take() {
            return self.edit(editing, &input, lang);
        }
        let Input::Action(action) = input else {
            return Outcome::Stay;
        };
        let last = self.items.len().saturating_sub(1);
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::PageUp => self.selected = self.selected.saturating_sub(10),
            Action::PageDown => self.selected = (self.selected + 10).min(last),
            Action::Open | Action::Assign => return self.open_form(lang),
            Action::Export => {
                let last = match self.folder.is_empty() {
                    true => super::export::default_folder(),
                    false => self.folder.clone(),
                };
                let folder = Field::text(t(lang, "exp.folder"), &last);
                self.editing = Some(Editing::Folder(Form::new(
                    t(lang, "assign.screen.export_title"),
                    vec![folder],
                )));
            }
            Action::Back => return Outcome::Back,
            Action::Help => return Outcome::Help,
            Action::ToggleLang => return Outcome::ToggleLang,
            _ => {}
        }
        Outcome::Stay
    }

    fn open_form(&mut self, lang: Lang) -> Outcome {
        if self.plan.is_none() {
            return Outcome::Refuse(t(lang, "after.err.plan_not_approved"));
        }
        let Some(item) = self.items.get(self.selected) else {
            return Outcome::Refuse(t(lang, "after.screen.no_items"));
        };
        let form = assign::form(&self.start(item), lang);
        self.editing = Some(Editing::Assign(form));
        Outcome::Stay
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

    fn edit(&mut self, editing: Editing, input: &Input, lang: Lang) -> Outcome {
        let (mut form, is_assign) = match editing {
            Editing::Assign(form) => (form, true),
            Editing::Folder(form) => (form, false),
        };
        let outcome = match form.handle(input) {
            FormEvent::Editing => Outcome::Stay,
            FormEvent::Cancel => return Outcome::Stay,
            FormEvent::Submit if is_assign => self.submit(&mut form, lang),
            FormEvent::Submit => return self.export(&form, lang),
        };
        self.editing = Some(match is_assign {
            true => Editing::Assign(form),
            false => Editing::Folder(form),
        });
        outcome
    }

    fn submit(&mut self, form: &mut Form, lang: Lang) -> Outcome {
        let (Some(item), Some(plan)) = (self.items.get(self.selected), &self.plan) else {
            return Outcome::Stay;
        };
        match assign::read(form, item.id, lang) {
            Ok(assignment) => {
                self.last_date.clone_from(&assignment.date);
                Outcome::Save(Command::CommuneAssign(CommuneAssign {
                    village: self.village,
                    year: self.year,
                    plan_version: plan.version_id.clone(),
                    item: AssignedItem {
                        activity: item.activity,
                        assignment,
                    },
                }))
            }
            Err(errors) => {
                form.show_errors(errors);
                Outcome::Stay
            }
        }
    }

    fn export(&mut self, form: &Form, lang: Lang) -> Outcome {
        let folder = form.text(0).trim().to_string();
        if folder.is_empty() {
            return Outcome::Refuse(t(lang, "exp.err.no_folder"));
        }
        self.folder.clone_from(&folder);
        Outcome::Export(ExportRequest {
            target: ExportTarget::Assignments(self.commune.0, self.year),
            formats: vec![crate::export::Format::Json],
            dir: folder.into(),
            force: false,
            private: false,
        })
    }

    fn render(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let lang = ctx.lang;
        let [head, table] =
            Layout::vertical([Constraint::Length(3), Constraint::Min(4)]).areas(area);
        Paragraph::new(self.head(lang))
            .wrap(Wrap { trim: true })
            .render(head, buf);
        let header = [
            "assign.screen.col.activity",
            "assign.screen.col.decision",
            "assign.screen.col.budget",
            "assign.screen.col.date",
        ]
        .map(|k| t(lang, k));
        let widths = [
            Constraint::Min(20),
            Constraint::Length(14),
            Constraint::Length(15),
            Constraint::Length(10),
        ];
        let title = tf(
            lang,
            "assign.screen.title",
            &[self.name.clone(), self.year.to_string()],
        );
        let rows = self.items.iter().map(|i| self.row(i, ctx));
        listing::render(
            (title, header.to_vec()),
            rows,
            &widths,
            self.selected,
            &ctx.theme,
            (table, buf),
        );
        match &self.editing {
            Some(Editing::Assign(form) | Editing::Folder(form)) => {
                form.render(&ctx.theme, area, buf);
            }
            None => {}
        }
    }

    /// The plan's standing and how many activities are assigned, or the files written.
    fn head(&self, lang: Lang) -> String {
        if !self.written.is_empty() {
            return tf(lang, "assign.screen.written", &[self.written.join(", ")]);
        }
        match &self.plan {
            Some(p) => tf(
                lang,
                "assign.screen.head",
                &[
                    p.version.to_string(),
                    self.held.len().to_string(),
                    self.items.len().to_string(),
                ],
            ),
            None => t(lang, "assign.screen.not_approved"),
        }
    }

    /// An activity's row: ✓ assigned, ◐ changed, ✗ not funded, · not yet.
    fn row(&self, item: &Item, ctx: ViewCtx) -> Row<'static> {
        let lang = ctx.lang;
        let Some(a) = self.held(item.id).map(|h| &h.assignment) else {
            let none = Line::styled(
                format!("· {}", t(lang, "assign.screen.none")),
                ctx.theme.muted,
            );
            return Row::new(vec![item.name.clone().into(), none]);
        };
        let (mark, style) = match a.decision {
            Decision::Accepted => ("✓", ctx.theme.ok),
            Decision::Changed => ("◐", ctx.theme.warn),
            Decision::NotFunded => ("✗", ctx.theme.error),
        };
        let decision = format!(
            "{mark} {}",
            t(lang, super::after_plan::short_decision_key(a.decision))
        );
        Row::new(vec![
            item.name.clone().into(),
            Line::styled(decision, style),
            number_text(a.budget.total() as f64, lang).into(),
            crate::domain::meeting::display_date(&a.date).into(),
        ])
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
        CommuneAssignScreen::update(self, input, ctx.lang)
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
            fresh.selected = s.selected.min(fresh.items.len().saturating_sub(1));
            fresh.last_date.clone_from(&s.last_date);
            fresh.folder.clone_from(&s.folder);
            Ok(fresh)
        })
    }

    fn on_export(
        &mut self,
        result: &Result<Vec<std::path::PathBuf>, DeliverError>,
        _: &ExportRequest,
    ) {
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
        CommuneAssignScreen::render(self, area, buf, ctx);
    }

    fn relabel(&mut self, lang: Lang) {
        if !matches!(self.editing, Some(Editing::Assign(_))) {
            return;
        }
        let fresh = self
            .items
            .get(self.selected)
            .map(|i| assign::form(&self.start(i), lang));
        if let (Some(fresh), Some(Editing::Assign(form))) = (fresh, &mut self.editing) {
            form.relabel(fresh);
        }
    }
}
