//! Preparation (phase 1): the village's basic figures for forms 1-2 (each with a source
//! and date), the commune facilitation team, and the village representatives trained in
//! mid-April (who count as "trained" in the working-group check).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Block, Cell, Row, StatefulWidget, Table, TableState};

use super::step::Step;
use super::{Command, Outcome, ViewCtx};
use crate::domain::basic_info::{FIGURES, FigureDef, check_value, shown_value};
use crate::domain::meeting::parse_date;
use crate::domain::text::clean_name;
use crate::domain::{CommuneId, Gender, Organisation, Person, PersonDraft, Village};
use crate::i18n::{Label, Lang, t, tf};
use crate::store::{Facilitator, Figure, Store, StoreError};
use crate::tui::keymap::{Action, Context};
use crate::tui::widgets::form::{Errors, Field, Form, FormEvent};
use crate::tui::widgets::{Input, list_cursor, tabs};

/// The three sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Figures,
    Team,
    Trained,
}

/// What the open form saves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Editing {
    Figure(FigureDef),
    Facilitator,
    TrainedRep,
}

/// The preparation screen's state.
pub struct PreparationScreen {
    cycle: crate::domain::CycleId,
    village: Village,
    figures: Vec<Figure>,
    team: Vec<Facilitator>,
    trained: Vec<Person>,
    section: Section,
    selected: usize,
    form: Option<(Form, Editing)>,
}

impl PreparationScreen {
    /// Loads the village's figures, team and trained representatives.
    pub fn load(store: &Store, cycle: crate::domain::CycleId) -> Result<Self, StoreError> {
        let village = store.village(store.cycle(cycle)?.village_id)?;
        let mut screen = PreparationScreen {
            cycle,
            village,
            figures: Vec::new(),
            team: Vec::new(),
            trained: Vec::new(),
            section: Section::Figures,
            selected: 0,
            form: None,
        };
        screen.reload(store)?;
        Ok(screen)
    }

    fn commune(&self) -> CommuneId {
        self.village.commune_id
    }

    /// Re-reads everything.
    pub fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        self.figures = store.figures(self.village.id)?;
        self.team = store.facilitators(self.commune())?;
        let people = store.people(self.village.id)?;
        self.trained = people.into_iter().filter(|p| p.trained).collect();
        Ok(())
    }

    fn rows(&self) -> usize {
        match self.section {
            Section::Figures => FIGURES.len(),
            Section::Team => self.team.len(),
            Section::Trained => self.trained.len(),
        }
    }

    fn switch(&mut self, section: Section) {
        self.section = section;
        self.selected = 0;
    }

    fn open_form(&mut self, action: Action) {
        self.form = match (self.section, action) {
            (Section::Figures, _) => FIGURES.get(self.selected).map(|def| {
                let stored = self
                    .figures
                    .iter()
                    .find(|f| f.key == def.key)
                    .cloned()
                    .unwrap_or_default();
                (figure_form(*def, &stored), Editing::Figure(*def))
            }),
            (Section::Team, Action::Add) => Some((team_form(), Editing::Facilitator)),
            (Section::Trained, Action::Add) => Some((trained_form(), Editing::TrainedRep)),
            _ => None,
        };
    }

    fn render_tabs(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let tabs = [
            ("F3", "prep.figures"),
            ("F4", "prep.team"),
            ("F5", "prep.trained"),
        ];
        let active = [Section::Figures, Section::Team, Section::Trained]
            .iter()
            .position(|s| *s == self.section)
            .unwrap_or(0);
        tabs::render(&tabs, active, ctx.lang, &ctx.theme, area, buf);
    }

    fn figure_rows(&self, lang: Lang) -> (Row<'static>, Vec<Row<'static>>, Vec<Constraint>) {
        let rows = FIGURES
            .iter()
            .map(|def| {
                let f = self
                    .figures
                    .iter()
                    .find(|f| f.key == def.key)
                    .cloned()
                    .unwrap_or_default();
                Row::new([
                    t(lang, &format!("figure.{}", def.key)),
                    shown_value(*def, &f.value),
                    f.source,
                    f.as_of,
                ])
            })
            .collect();
        let header = Row::new(
            [
                "prep.col.figure",
                "prep.col.value",
                "prep.col.source",
                "prep.col.date",
            ]
            .map(|k| t(lang, k)),
        );
        (
            header,
            rows,
            vec![
                Constraint::Length(30),
                Constraint::Length(12),
                Constraint::Min(14),
                Constraint::Length(11),
            ],
        )
    }

    fn team_rows(&self, lang: Lang) -> (Row<'static>, Vec<Row<'static>>, Vec<Constraint>) {
        let rows = self
            .team
            .iter()
            .map(|f| Row::new([Cell::from(f.name.clone()), Cell::from(f.role.clone())]))
            .collect();
        let header = Row::new(["prep.col.name", "prep.col.role"].map(|k| t(lang, k)));
        (
            header,
            rows,
            vec![Constraint::Length(28), Constraint::Min(10)],
        )
    }

    fn trained_rows(&self, lang: Lang) -> (Row<'static>, Vec<Row<'static>>, Vec<Constraint>) {
        let rows = self
            .trained
            .iter()
            .map(|p| {
                let orgs: Vec<String> = p
                    .organisations
                    .iter()
                    .map(|o| t(lang, &format!("org.short.{}", o.code())))
                    .collect();
                Row::new([
                    p.name.clone(),
                    t(lang, &format!("gender.{}", p.gender.code())),
                    orgs.join(" "),
                ])
            })
            .collect();
        let header = Row::new(["prep.col.name", "att.gender", "att.flags"].map(|k| t(lang, k)));
        (
            header,
            rows,
            vec![
                Constraint::Length(28),
                Constraint::Length(8),
                Constraint::Min(10),
            ],
        )
    }
}

fn figure_form(def: FigureDef, f: &Figure) -> Form {
    Form::new(
        Label::key(format!("figure.{}", def.key)),
        vec![
            Field::text("prep.col.value", &shown_value(def, &f.value)),
            Field::text("prep.col.source", &f.source),
            Field::text("rec.date", &f.as_of),
        ],
    )
}

fn team_form() -> Form {
    Form::new(
        "prep.add_team",
        vec![
            Field::text("prep.col.name", ""),
            Field::text("prep.col.role", ""),
        ],
    )
}

fn trained_form() -> Form {
    let orgs = Organisation::ALL
        .iter()
        .map(|o| Label::key(format!("org.short.{}", o.code())));
    Form::new(
        "prep.add_trained",
        vec![
            Field::text("att.name", ""),
            Field::choice("att.gender", ["gender.m", "gender.f"], None),
            Field::text("att.ethnicity", ""),
            Field::flags("att.flags", orgs, vec![false; Organisation::ALL.len()]),
        ],
    )
}

fn submit(form: &mut Form, editing: Editing, village: &Village) -> Outcome {
    let result = match editing {
        Editing::Figure(def) => figure_change(form, def, village),
        Editing::Facilitator => team_change(form, village),
        Editing::TrainedRep => trained_change(form, village),
    };
    match result {
        Ok(change) => Outcome::Save(change),
        Err(errors) => {
            form.show_errors(errors);
            Outcome::Stay
        }
    }
}

fn figure_change(form: &Form, def: FigureDef, village: &Village) -> Result<Command, Errors> {
    let value = check_value(def, &form.text(0)).map_err(|e| vec![(0, e.key().into())])?;
    let as_of = parse_date(&form.text(2)).map_err(|_| vec![(2, "err.date".into())])?;
    let source = match form.text(1).trim() {
        "" => String::new(),
        s => clean_name(s).map_err(|_| vec![(1, "err.name_control".into())])?,
    };
    Ok(Command::SetFigure {
        village: village.id,
        figure: Figure {
            key: def.key.into(),
            value,
            source,
            as_of,
        },
    })
}

fn team_change(form: &Form, village: &Village) -> Result<Command, Errors> {
    let name = clean_name(&form.text(0)).map_err(|e| vec![(0, e.message_key().into())])?;
    let role = clean_name(&form.text(1)).unwrap_or_default();
    Ok(Command::AddFacilitator {
        commune: village.commune_id,
        name,
        role,
    })
}

fn trained_change(form: &Form, village: &Village) -> Result<Command, Errors> {
    let draft = PersonDraft {
        name: form.text(0),
        gender: form
            .chosen(1)
            .map(|i| if i == 1 { Gender::Female } else { Gender::Male }),
        ethnicity: form.text(2),
        organisations: Organisation::ALL
            .iter()
            .zip(form.flags(3))
            .filter(|(_, on)| *on)
            .map(|(o, _)| *o)
            .collect(),
        trained: true,
        ..Default::default()
    };
    let fields = draft.validate().map_err(|errors| {
        errors
            .into_iter()
            .map(|e| match e {
                crate::domain::person::PersonError::GenderMissing => {
                    (1, "err.gender_missing".into())
                }
                crate::domain::person::PersonError::Ethnicity(e) => (2, e.message_key().into()),
                crate::domain::person::PersonError::Name(e) => (0, e.message_key().into()),
            })
            .collect::<Errors>()
    })?;
    Ok(Command::AddTrainedRep {
        village: village.id,
        fields,
    })
}

impl Step for PreparationScreen {
    const HELP: &'static str = "help.step.preparation";

    /// The cycle the screen was opened from.
    fn cycle_id(&self) -> crate::domain::CycleId {
        self.cycle
    }

    /// Form context while a form is open.
    fn context(&self) -> Context {
        if self.form.is_some() {
            Context::Form
        } else {
            Context::Prep
        }
    }

    /// Handles one input.
    fn update(&mut self, input: Input, _ctx: ViewCtx) -> Outcome {
        if let Some((form, editing)) = &mut self.form {
            return match form.handle(&input) {
                FormEvent::Editing => Outcome::Stay,
                FormEvent::Cancel => {
                    self.form = None;
                    Outcome::Stay
                }
                FormEvent::Submit => submit(form, *editing, &self.village),
            };
        }
        let Input::Action(action) = input else {
            return Outcome::Stay;
        };
        let rows = self.rows();
        if list_cursor::step(&mut self.selected, action, rows) {
            return Outcome::Stay;
        }
        match action {
            Action::Section1 => self.switch(Section::Figures),
            Action::Section2 => self.switch(Section::Team),
            Action::Section3 => self.switch(Section::Trained),
            Action::Open | Action::Add => self.open_form(action),
            Action::Back => return Outcome::Back,
            Action::Help => return Outcome::Help,
            _ => {}
        }
        Outcome::Stay
    }

    /// Closes the form after a successful save.
    fn on_saved(&mut self, store: &Store, ok: bool, _lang: Lang) -> Result<(), StoreError> {
        if ok {
            self.form = None;
        }
        self.reload(store)
    }

    /// "Buôn Kram › 2026 › Chuẩn bị".
    fn breadcrumb(&self, lang: Lang) -> String {
        tf(
            lang,
            "prep.breadcrumb",
            std::slice::from_ref(&self.village.name),
        )
    }

    /// Draws the section tabs, the active table and any form.
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let [tabs, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        self.render_tabs(tabs, buf, ctx);
        let (header, rows, widths) = match self.section {
            Section::Figures => self.figure_rows(ctx.lang),
            Section::Team => self.team_rows(ctx.lang),
            Section::Trained => self.trained_rows(ctx.lang),
        };
        let table = Table::new(rows, widths)
            .header(header.style(ctx.theme.title))
            .block(Block::bordered())
            .row_highlight_style(ctx.theme.selected)
            .highlight_symbol("▶");
        let mut state =
            TableState::default().with_selected((self.rows() > 0).then_some(self.selected));
        StatefulWidget::render(table, body, buf, &mut state);
        if let Some((form, _)) = &self.form {
            form.render(ctx.lang, &ctx.theme, area, buf);
        }
    }
}
