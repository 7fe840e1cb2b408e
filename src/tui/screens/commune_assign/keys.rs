//! The commune assignment screen's forms: opening and feeding the assignment form and the
//! folder form.

use super::{CommuneAssignScreen, Editing, assign};
use crate::commands::CommuneAssign;
use crate::deliver::{ExportRequest, ExportTarget};
use crate::domain::after_plan::AssignedItem;
use crate::i18n::{Lang, t};
use crate::tui::screens::{Command, Outcome};
use crate::tui::widgets::Input;
use crate::tui::widgets::form::{Field, Form, FormEvent};

impl CommuneAssignScreen {
    /// Opens the assignment form on the selected activity, if the plan is approved.
    pub(super) fn open_form(&mut self, lang: Lang) -> Outcome {
        if self.plan.is_none() {
            return Outcome::Refuse(t(lang, "after.err.plan_not_approved"));
        }
        let Some(item) = self.items.get(self.selected) else {
            return Outcome::Refuse(t(lang, "after.screen.no_items"));
        };
        let form = assign::form(&self.start(item));
        self.editing = Some(Editing::Assign(form));
        Outcome::Stay
    }

    /// Opens the folder form, offering the folder the bundles were last written to.
    pub(super) fn open_folder(&mut self) {
        let last = match self.folder.is_empty() {
            true => crate::tui::screens::export::default_folder(),
            false => self.folder.clone(),
        };
        let folder = Field::text("exp.folder", &last);
        self.editing = Some(Editing::Folder(Form::new(
            "assign.screen.export_title",
            vec![folder],
        )));
    }

    /// Feeds the open form; a valid submit becomes the command or the export.
    pub(super) fn edit(&mut self, editing: Editing, input: &Input, lang: Lang) -> Outcome {
        let (mut form, is_assign) = match editing {
            Editing::Assign(form) => (form, true),
            Editing::Folder(form) => (form, false),
        };
        let outcome = match form.handle(input) {
            FormEvent::Editing => Outcome::Stay,
            FormEvent::Cancel => return Outcome::Stay,
            FormEvent::Submit if is_assign => self.submit(&mut form),
            FormEvent::Submit => return self.export(&form, lang),
        };
        self.editing = Some(match is_assign {
            true => Editing::Assign(form),
            false => Editing::Folder(form),
        });
        outcome
    }

    fn submit(&mut self, form: &mut Form) -> Outcome {
        let (Some(item), Some(plan)) = (self.items.get(self.selected), &self.plan) else {
            return Outcome::Stay;
        };
        match assign::read(form, item.id) {
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
}
