//! The commune conference for one village (issue 14, item 4): its annual activities (form
//! 4's rows) as the commune holds them, with the commune's changes. `c` records a change
//! (kind, new value, the chair's reason), `a` the village's answer to the selected
//! activity's last change, `x` withdraws it. While the commune plan is approved nothing
//! changes here: the commune year screen reopens it with a reason.

mod form;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Row, StatefulWidget, Table, TableState, Widget, Wrap};

use super::{Command, Nav, Outcome, ViewCtx};
use crate::commands::ConferenceCommand;
use crate::domain::commune::{NeedRow, in_order, village_needs, village_needs_with};
use crate::domain::{CommuneId, VillageId};
use crate::export::forms::commune::decision_note;
use crate::export::html::number_text;
use crate::i18n::{Lang, t, tf};
use crate::store::{Store, StoreError};
use crate::tui::keymap::{Action, Context};
use crate::tui::widgets::form::{Form, FormEvent};
use crate::tui::widgets::{Input, list_cursor};

/// A form open on the screen.
enum Editing {
    /// A change to the selected activity.
    Change(Form),
    /// The village's answer to the change of this id.
    Answer(i64, Form),
}

/// The conference screen's state.
pub struct ConferenceScreen {
    commune: CommuneId,
    commune_name: String,
    year: i32,
    village: VillageId,
    name: String,
    rows: Vec<NeedRow>,
    others: Vec<NeedRow>,
    approved: Option<u32>,
    selected: usize,
    editing: Option<Editing>,
}

impl ConferenceScreen {
    /// The village's activities of `year` with the commune's changes (reads only).
    pub fn load(
        store: &Store,
        commune: CommuneId,
        year: i32,
        village: VillageId,
    ) -> Result<Self, StoreError> {
        let commune_name = store
            .communes()?
            .into_iter()
            .find(|c| c.id == commune)
            .ok_or(StoreError::NotFound)?
            .name;
        let villages = store.commune_year(commune, year)?;
        let changes = store.commune_changes(commune, year)?;
        let this = villages
            .iter()
            .find(|v| v.village.id == village)
            .ok_or(StoreError::NotFound)?;
        let others = in_order(&villages)
            .into_iter()
            .filter(|v| v.village.id != village)
            .flat_map(village_needs)
            .collect();
        Ok(ConferenceScreen {
            commune,
            commune_name,
            year,
            village,
            name: this.village.name.clone(),
            rows: village_needs_with(this, &changes),
            others,
            approved: store.commune_approved(commune, year)?,
            selected: 0,
            editing: None,
        })
    }

    /// `c`, `a` or `x` on the selected activity.
    fn act(&mut self, action: Action, lang: Lang) -> Outcome {
        if let Some(version) = self.approved {
            return Outcome::Refuse(tf(
                lang,
                "conference.err.approved",
                &[self.year.to_string(), version.to_string()],
            ));
        }
        let Some(row) = self.rows.get(self.selected) else {
            return Outcome::Refuse(t(lang, "conference.screen.no_activity"));
        };
        let last = row.decisions.last().map(|d| d.change.id);
        match (action, last) {
            (Action::Add, _) => {
                self.editing = Some(Editing::Change(form::change_form(&row.activity.name)));
                Outcome::Stay
            }
            (Action::Toggle, Some(id)) => {
                self.editing = Some(Editing::Answer(id, form::answer_form()));
                Outcome::Stay
            }
            (Action::Remove, Some(change)) => {
                Outcome::Save(Command::Conference(ConferenceCommand::Withdraw { change }))
            }
            _ => Outcome::Refuse(t(lang, "conference.screen.no_change")),
        }
    }

    /// Feeds the open form; a valid submit becomes the command.
    fn edit(&mut self, input: &Input) -> Outcome {
        let target = self.rows.get(self.selected);
        let (event, read) = match (&mut self.editing, target) {
            (Some(Editing::Change(f)), Some(row)) => {
                let event = f.handle(input);
                let to = form::Target {
                    commune: self.commune,
                    year: self.year,
                    row,
                    others: &self.others,
                };
                (event, form::read_change(f, &to))
            }
            (Some(Editing::Answer(id, f)), _) => (f.handle(input), form::read_answer(f, *id)),
            (Some(Editing::Change(_)), None) | (None, _) => (FormEvent::Cancel, Err(Vec::new())),
        };
        match (event, read) {
            (FormEvent::Editing, _) => Outcome::Stay,
            (FormEvent::Cancel, _) => {
                self.editing = None;
                Outcome::Stay
            }
            (FormEvent::Submit, Ok(command)) => Outcome::Save(Command::Conference(command)),
            (FormEvent::Submit, Err(errors)) => {
                if let Some(Editing::Change(f) | Editing::Answer(_, f)) = &mut self.editing {
                    f.show_errors(errors);
                }
                Outcome::Stay
            }
        }
    }

    fn render_table(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let lang = ctx.lang;
        let header = [
            "conference.screen.col.part",
            "conference.col.activity",
            "conference.screen.col.quantity",
            "conference.screen.col.cost",
            "conference.col.decided",
        ]
        .map(|k| t(lang, k));
        let rows = self.rows.iter().map(|r| row(r, lang));
        let widths = [
            Constraint::Length(4),
            Constraint::Min(18),
            Constraint::Length(8),
            Constraint::Length(9),
            Constraint::Length(22),
        ];
        let title = tf(
            lang,
            "conference.screen.title",
            &[self.name.clone(), self.year.to_string()],
        );
        let table = Table::new(rows, widths)
            .header(Row::new(header).style(ctx.theme.title))
            .block(Block::bordered().title(Line::styled(title, ctx.theme.title)))
            .row_highlight_style(ctx.theme.selected)
            .highlight_symbol("▶ ");
        let mut state = TableState::default().with_selected(Some(self.selected));
        StatefulWidget::render(table, area, buf, &mut state);
    }
}

/// An activity's row: part, name, quantity and cost as the commune holds them, and what
/// the commune decided (the kinds of its changes, or "kept").
fn row(r: &NeedRow, lang: Lang) -> Row<'static> {
    let part = match r.part {
        crate::domain::annual::Part::One => "1",
        crate::domain::annual::Part::Two => "2",
    };
    let quantity = r.activity.quantity.map(|q| number_text(q, lang));
    let cost = r
        .activity
        .estimated_cost_vnd
        .map(|c| number_text(c as f64 / 1_000_000.0, lang));
    let decided = if r.decisions.is_empty() {
        t(lang, "conference.screen.kept")
    } else {
        let kinds: Vec<String> = r
            .decisions
            .iter()
            .map(|d| t(lang, d.change.kind.label_key()))
            .collect();
        kinds.join(", ")
    };
    Row::new(vec![
        part.to_string(),
        r.activity.name.clone(),
        quantity.unwrap_or_default(),
        cost.unwrap_or_default(),
        decided,
    ])
}

impl super::View for ConferenceScreen {
    fn parent(&self) -> Option<Nav> {
        Some(Nav::Commune(self.commune, self.year))
    }

    fn context(&self) -> Context {
        match self.editing {
            Some(_) => Context::Form,
            None => Context::Conference,
        }
    }

    fn update(&mut self, input: Input, ctx: ViewCtx) -> Outcome {
        if self.editing.is_some() {
            return self.edit(&input);
        }
        let Input::Action(action) = input else {
            return Outcome::Stay;
        };
        if list_cursor::step(&mut self.selected, action, self.rows.len()) {
            return Outcome::Stay;
        }
        match action {
            Action::Add | Action::Toggle | Action::Remove => return self.act(action, ctx.lang),
            Action::Back => return Outcome::Back,
            Action::Help => return Outcome::Help,
            Action::ToggleLang => return Outcome::ToggleLang,
            _ => {}
        }
        Outcome::Stay
    }

    fn on_saved(
        &mut self,
        store: &Store,
        result: &Result<super::Effect, String>,
        _lang: Lang,
    ) -> Result<(), StoreError> {
        super::reload_unless_failed(self, result, |s| {
            let mut fresh = ConferenceScreen::load(store, s.commune, s.year, s.village)?;
            fresh.selected = list_cursor::clamp(s.selected, fresh.rows.len());
            Ok(fresh)
        })
    }

    fn breadcrumb(&self, lang: Lang) -> String {
        tf(
            lang,
            "conference.screen.breadcrumb",
            &[
                self.commune_name.clone(),
                self.year.to_string(),
                self.name.clone(),
            ],
        )
    }

    fn help_key(&self) -> String {
        "help.conference".into()
    }

    fn render(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let lang = ctx.lang;
        let [head, table_area, detail] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Min(4),
            Constraint::Length(7),
        ])
        .areas(area);
        let state = match self.approved {
            Some(v) => tf(lang, "conference.screen.frozen", &[v.to_string()]),
            None => t(lang, "conference.screen.open"),
        };
        Paragraph::new(state)
            .wrap(Wrap { trim: true })
            .render(head, buf);
        self.render_table(table_area, buf, ctx);
        let selected = self.rows.get(self.selected);
        let mut notes: Vec<String> = selected.iter().map(|r| r.activity.name.clone()).collect();
        notes.extend(
            selected
                .iter()
                .flat_map(|r| &r.decisions)
                .map(|d| decision_note(d, lang)),
        );
        if notes.len() == 1 {
            notes.push(t(lang, "conference.screen.kept"));
        }
        let text = notes.join("\n");
        Paragraph::new(text)
            .block(Block::bordered().title(t(lang, "conference.screen.detail")))
            .wrap(Wrap { trim: true })
            .render(detail, buf);
        match &self.editing {
            Some(Editing::Change(f) | Editing::Answer(_, f)) => {
                f.render(ctx.lang, &ctx.theme, area, buf)
            }
            None => {}
        }
    }
}
