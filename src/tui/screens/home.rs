//! Home: every commune, its villages and their cycles; create, rename and delete them.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, StatefulWidget, Widget, Wrap};

use super::delete_village::DeletePrompt;
use super::history::closing::Target;
use super::{Command, Effect, Nav, Outcome, ViewCtx};
use crate::domain::cycle::{parse_span, parse_year};
use crate::domain::text::{NameError, clean_name};
use crate::domain::{CommuneId, NewCycle, VillageId, VillageKind};
use crate::i18n::{Label, Lang, t, tf};
use crate::store::{HomeEntry, Store, StoreError};
use crate::tui::keymap::{Action, Context};
use crate::tui::widgets::form::{Errors, Field, Form, FormEvent};
use crate::tui::widgets::{Input, list_cursor};

/// What the open form will create or rename.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Purpose {
    NewCycle(VillageId),
    Named(Named),
}

/// Forms whose first field is a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Named {
    NewCommune,
    NewVillage(CommuneId),
    RenameCommune(CommuneId),
    RenameVillage(VillageId),
}

/// The home screen's state.
pub struct HomeScreen {
    entries: Vec<HomeEntry>,
    selected: usize,
    form: Option<(Form, Purpose)>,
    deleting: Option<DeletePrompt>,
}

impl HomeScreen {
    /// Loads the tree from the store.
    pub fn load(store: &Store) -> Result<Self, StoreError> {
        Ok(HomeScreen {
            entries: store.home_entries()?,
            selected: 0,
            form: None,
            deleting: None,
        })
    }

    fn act(&mut self, action: Action, lang: Lang) -> Outcome {
        if list_cursor::step(&mut self.selected, action, self.entries.len()) {
            return Outcome::Stay;
        }
        match action {
            Action::Open => return self.open(lang),
            Action::NewCommune => self.open_form(Purpose::Named(Named::NewCommune)),
            Action::NewVillage => return self.new_in_commune(lang),
            Action::NewCycle => return self.new_cycle(lang),
            Action::Rename => return self.rename(lang),
            Action::History => return self.history(lang),
            Action::CommuneYear => return self.commune_year(lang),
            Action::DistrictYear => return self.district_year(lang),
            Action::Import => {
                let commune = self.selected_commune();
                let year = commune.and_then(|c| self.newest_year(c));
                return Outcome::Go(Nav::Import(commune, year.unwrap_or_else(this_year)));
            }
            Action::CloseCycle => return self.close_or_reopen(lang),
            Action::Remove => return self.ask_delete(lang),
            Action::LoadDemo if self.entries.is_empty() => return Outcome::Save(Command::LoadDemo),
            Action::LoadDemo => return Outcome::Refuse(t(lang, "home.demo_only_empty")),
            Action::Quit => return Outcome::Quit,
            Action::Help => return Outcome::Help,
            Action::ToggleLang => return Outcome::ToggleLang,
            _ => {}
        }
        Outcome::Stay
    }

    fn selected_entry(&self) -> Option<&HomeEntry> {
        self.entries.get(self.selected)
    }

    /// The commune of the selected line (itself, or the one above it).
    fn selected_commune(&self) -> Option<CommuneId> {
        self.entries
            .iter()
            .take(self.selected + 1)
            .rev()
            .find_map(|e| match e {
                HomeEntry::Commune(c) => Some(c.id),
                _ => None,
            })
    }

    fn selected_village(&self) -> Option<VillageId> {
        match self.selected_entry()? {
            HomeEntry::Village(v) => Some(v.id),
            HomeEntry::Cycle { village_id, .. } => Some(*village_id),
            HomeEntry::Commune(_) => None,
        }
    }

    fn history(&self, lang: Lang) -> Outcome {
        let cycle = match self.selected_entry() {
            Some(HomeEntry::Cycle { id, .. }) => Some(*id),
            _ => None,
        };
        match self.selected_village() {
            Some(v) => Outcome::Go(Nav::History(v, cycle)),
            None => Outcome::Refuse(t(lang, "hist.need_village")),
        }
    }

    /// The selected commune's planning year: the selected cycle's year, else the newest
    /// year of the commune's cycles, else this year.
    fn commune_year(&self, lang: Lang) -> Outcome {
        let Some(commune) = self.selected_commune() else {
            return Outcome::Refuse(t(lang, "home.need_commune"));
        };
        let year = match self.selected_entry() {
            Some(HomeEntry::Cycle { year, .. }) => *year,
            _ => self.newest_year(commune).unwrap_or_else(this_year),
        };
        Outcome::Go(Nav::Commune(commune, year))
    }

    /// The district year of the selected commune's district (the year as for `g`).
    fn district_year(&self, lang: Lang) -> Outcome {
        match self.commune_year(lang) {
            Outcome::Go(Nav::Commune(commune, year)) => Outcome::Go(Nav::District(commune, year)),
            other => other,
        }
    }

    /// The newest year of a cycle listed under `commune`.
    fn newest_year(&self, commune: CommuneId) -> Option<i32> {
        self.entries
            .iter()
            .skip_while(|e| !matches!(e, HomeEntry::Commune(c) if c.id == commune))
            .skip(1)
            .take_while(|e| !matches!(e, HomeEntry::Commune(_)))
            .filter_map(|e| match e {
                HomeEntry::Cycle { year, .. } => Some(*year),
                _ => None,
            })
            .max()
    }

    fn close_or_reopen(&mut self, lang: Lang) -> Outcome {
        let Some(HomeEntry::Cycle {
            id,
            village_id,
            year,
            closed,
        }) = self.selected_entry()
        else {
            return Outcome::Refuse(t(lang, "hist.need_cycle"));
        };
        let village = self
            .entries
            .iter()
            .find_map(|e| match e {
                HomeEntry::Village(v) if v.id == *village_id => Some(v.name.clone()),
                _ => None,
            })
            .unwrap_or_default();
        let target = Target {
            cycle: *id,
            closed: *closed,
            year: *year,
            village,
        };
        target.ask()
    }

    fn ask_delete(&mut self, lang: Lang) -> Outcome {
        match self.selected_entry() {
            Some(HomeEntry::Village(v)) => {
                self.deleting = Some(DeletePrompt::new(v.id, v.name.clone()));
                Outcome::Stay
            }
            _ => Outcome::Refuse(t(lang, "del.need_village")),
        }
    }

    fn open(&mut self, lang: Lang) -> Outcome {
        match self.selected_entry() {
            Some(HomeEntry::Cycle { id, .. }) => Outcome::Go(Nav::Cycle(*id)),
            Some(HomeEntry::Village(_)) => self.new_cycle(lang),
            Some(HomeEntry::Commune(_)) => self.new_in_commune(lang),
            None => Outcome::Stay,
        }
    }

    fn new_in_commune(&mut self, lang: Lang) -> Outcome {
        match self.selected_commune() {
            Some(c) => self.open_form(Purpose::Named(Named::NewVillage(c))),
            None => return Outcome::Refuse(t(lang, "home.need_commune")),
        }
        Outcome::Stay
    }

    fn new_cycle(&mut self, lang: Lang) -> Outcome {
        match self.selected_village() {
            Some(v) => self.open_form(Purpose::NewCycle(v)),
            None => return Outcome::Refuse(t(lang, "home.need_village")),
        }
        Outcome::Stay
    }

    fn rename(&mut self, lang: Lang) -> Outcome {
        let (purpose, name) = match self.selected_entry() {
            Some(HomeEntry::Commune(c)) => {
                (Purpose::Named(Named::RenameCommune(c.id)), c.name.clone())
            }
            Some(HomeEntry::Village(v)) => {
                (Purpose::Named(Named::RenameVillage(v.id)), v.name.clone())
            }
            _ => return Outcome::Refuse(t(lang, "home.rename_what")),
        };
        let form = Form::new("form.rename", vec![Field::text("field.name", &name)]);
        self.form = Some((form, purpose));
        Outcome::Stay
    }

    fn open_form(&mut self, purpose: Purpose) {
        self.form = Some((new_form(purpose), purpose));
    }

    fn render_tree(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        // Only the lines in view are built (a commune can hold hundreds): the window is the
        // one `List` would show with the selection and no stored offset, so the frame is
        // the same as with every line.
        let rows = usize::from(area.height.saturating_sub(2));
        let window = list_cursor::window(self.selected, self.entries.len(), rows);
        let selected = list_cursor::clamp(self.selected, self.entries.len());
        let selected = selected.saturating_sub(window.start);
        let items: Vec<ListItem> = self.entries[window]
            .iter()
            .map(|e| entry_line(e, ctx))
            .collect();
        let block = Block::bordered().title(Line::styled(
            t(ctx.lang, "home.list_title"),
            ctx.theme.title,
        ));
        let list = List::new(items)
            .block(block)
            .highlight_style(ctx.theme.selected)
            .highlight_symbol("▶ ");
        let mut state = ListState::default().with_selected(Some(selected));
        StatefulWidget::render(list, area, buf, &mut state);
    }
}

fn entry_line<'a>(entry: &HomeEntry, ctx: ViewCtx) -> ListItem<'a> {
    let lang = ctx.lang;
    let line = match entry {
        HomeEntry::Commune(c) => Line::from(vec![
            Span::styled(
                tf(lang, "home.commune", &[c.short_name().to_owned()]),
                ctx.theme.title,
            ),
            Span::styled(
                format!(
                    "  {}",
                    [c.district.as_str(), c.province.as_str()]
                        .iter()
                        .filter(|s| !s.is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(" · ")
                ),
                ctx.theme.muted,
            ),
        ]),
        HomeEntry::Village(v) => Line::raw(format!("  {}", v.name)),
        HomeEntry::Cycle { year, closed, .. } => {
            let state = if *closed {
                t(lang, "hist.closed_mark")
            } else {
                String::new()
            };
            Line::raw(format!("      {} {year} {state}", t(lang, "home.cycle")))
        }
    };
    ListItem::new(line)
}

fn render_welcome(area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
    let block = Block::bordered().title(Line::styled(
        t(ctx.lang, "home.list_title"),
        ctx.theme.title,
    ));
    let text = vec![
        Line::styled(t(ctx.lang, "home.empty"), ctx.theme.title),
        Line::raw(""),
        Line::raw(t(ctx.lang, "home.offer_demo")),
        Line::raw(t(ctx.lang, "home.offer_new")),
        Line::raw(t(ctx.lang, "home.offer_import")),
    ];
    Paragraph::new(text)
        .block(block)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

fn new_form(purpose: Purpose) -> Form {
    let f = |key: &'static str, value: &str| Field::text(key, value);
    match purpose {
        Purpose::Named(Named::NewCommune) => Form::new(
            "form.new_commune",
            vec![f("field.name", ""), f("field.district", "")],
        ),
        Purpose::Named(Named::NewVillage(_)) => {
            let kinds = VillageKind::ALL
                .iter()
                .map(|k| Label::key(format!("kind.{}", k.code())));
            Form::new(
                "form.new_village",
                vec![
                    f("field.name", ""),
                    Field::choice("field.kind", kinds, Some(0)),
                ],
            )
        }
        Purpose::NewCycle(_) => Form::new(
            "form.new_cycle",
            vec![f("field.year", ""), f("field.span", "5")],
        ),
        Purpose::Named(_) => Form::new("form.rename", vec![f("field.name", "")]),
    }
}

fn name_error(e: NameError) -> Label {
    e.message_key().into()
}

/// Validates the form for `purpose`: a change to save, or the errors shown in the form.
fn submit(form: &mut Form, purpose: Purpose) -> Outcome {
    match to_change(form, purpose) {
        Ok(change) => Outcome::Save(change),
        Err(errors) => {
            form.show_errors(errors);
            Outcome::Stay
        }
    }
}

fn to_change(form: &Form, purpose: Purpose) -> Result<Command, Errors> {
    match purpose {
        Purpose::NewCycle(village_id) => cycle_change(form, village_id),
        Purpose::Named(named) => named_change(form, named),
    }
}

fn cycle_change(form: &Form, village_id: VillageId) -> Result<Command, Errors> {
    let year = parse_year(&form.text(0)).map_err(|_| (0, "err.year".into()));
    let span = parse_span(&form.text(1)).map_err(|_| (1, "err.span".into()));
    match (year, span) {
        (Ok(year), Ok(medium_term_span)) => Ok(Command::CreateCycle(NewCycle {
            village_id,
            year,
            medium_term_span,
        })),
        (y, s) => Err([y.err(), s.err()].into_iter().flatten().collect()),
    }
}

fn named_change(form: &Form, named: Named) -> Result<Command, Errors> {
    let name = clean_name(&form.text(0)).map_err(|e| vec![(0, name_error(e))])?;
    Ok(match named {
        Named::NewCommune => Command::CreateCommune {
            name,
            district: form.text(1).trim().into(),
        },
        Named::NewVillage(commune) => {
            let kind = form
                .chosen(1)
                .and_then(|i| VillageKind::ALL.get(i))
                .copied()
                .unwrap_or(VillageKind::Thon);
            Command::CreateVillage {
                commune,
                name,
                kind,
            }
        }
        Named::RenameCommune(id) => Command::RenameCommune(id, name),
        Named::RenameVillage(id) => Command::RenameVillage(id, name),
    })
}

impl super::View for HomeScreen {
    fn parent(&self) -> Option<Nav> {
        None
    }

    /// The open question's or form's context; on a cycle line the cycle's hints.
    fn context(&self) -> Context {
        if self.form.is_some() || self.deleting.is_some() {
            Context::Form
        } else if matches!(self.selected_entry(), Some(HomeEntry::Cycle { .. })) {
            Context::HomeCycle
        } else {
            Context::Home
        }
    }

    fn update(&mut self, input: Input, ctx: ViewCtx) -> Outcome {
        if let Some(outcome) = DeletePrompt::drive(&mut self.deleting, &input) {
            return outcome;
        }
        if let Some((form, purpose)) = &mut self.form {
            return match form.handle(&input) {
                FormEvent::Editing => Outcome::Stay,
                FormEvent::Cancel => {
                    self.form = None;
                    Outcome::Stay
                }
                FormEvent::Submit => submit(form, *purpose),
            };
        }
        match input {
            Input::Action(action) => self.act(action, ctx.lang),
            _ => Outcome::Stay,
        }
    }

    /// Closes the form and reloads after a save; keeps the form open on failure.
    fn on_saved(
        &mut self,
        store: &Store,
        result: &Result<Effect, String>,
        _lang: Lang,
    ) -> Result<(), StoreError> {
        let Ok(saved) = result else { return Ok(()) };
        self.form = None;
        self.deleting = None;
        self.entries = store.home_entries()?;
        let found = self.entries.iter().position(|e| match (e, saved) {
            (HomeEntry::Commune(c), Effect::Commune(id)) => c.id == *id,
            (HomeEntry::Village(v), Effect::Village(id)) => v.id == *id,
            (HomeEntry::Cycle { id, .. }, Effect::Cycle(want)) => id == want,
            _ => false,
        });
        self.selected = list_cursor::clamp(found.unwrap_or(self.selected), self.entries.len());
        Ok(())
    }

    fn breadcrumb(&self, lang: Lang) -> String {
        crate::i18n::t(lang, "home.title")
    }

    fn help_key(&self) -> String {
        "help.home".into()
    }

    /// Draws the tree (or the first-run welcome) and any open form.
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        if self.entries.is_empty() {
            render_welcome(area, buf, ctx);
        } else {
            self.render_tree(area, buf, ctx);
        }
        if let Some((form, _)) = &self.form {
            form.render(ctx.lang, &ctx.theme, area, buf);
        }
        if let Some(prompt) = &self.deleting {
            prompt.render(area, buf, ctx);
        }
    }
}

/// The current year on this laptop's clock.
fn this_year() -> i32 {
    use chrono::Datelike;
    chrono::Local::now().year()
}
