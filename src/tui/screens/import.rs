//! Importing villages' plan files into the commune (issue 14, item 1), and communes'
//! files into the district (item 6): type a folder (a USB stick) or a file, see the dry run (per file: the village, year, plan versions,
//! check code and what importing it would add, replace, leave or refuse, a conflict with
//! its difference), then import the sound ones, one transaction each. A conflict is taken
//! only by a person, with a written reason (`t`). Nothing is written before Enter.

use std::path::PathBuf;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, StatefulWidget, Widget, Wrap};

use super::{Command, Nav, Outcome, ViewCtx};
use crate::commands::ImportCommand;
use crate::commands::import::{FilePlan, ImportFile, Verdict, plan};
use crate::domain::{Commune, CommuneId};
use crate::i18n::{Label, Lang, t, tf};
use crate::receive::{files, summary};
use crate::store::{Store, StoreError};
use crate::tui::keymap::{Action, Context};
use crate::tui::modal::ask_reason;
use crate::tui::widgets::form::{Field, Form, FormEvent};
use crate::tui::widgets::{Input, list_cursor};

/// One file of the batch with the dry run's finding.
struct Found {
    file: ImportFile,
    plan: FilePlan,
}

/// The import screen's state.
pub struct ImportScreen {
    /// The commune whose year it was opened from (`None`: from home, a new database).
    commune: Option<Commune>,
    year: i32,
    /// Where to look (typed).
    chooser: Form,
    /// The folder or files last looked at, once the dry run ran.
    looked_at: Option<PathBuf>,
    found: Vec<Found>,
    /// Lines about files skipped or unreadable.
    skipped: Vec<String>,
    selected: usize,
}

/// Where removable drives usually appear, first one that exists; else the documents
/// folder.
fn default_place() -> String {
    let user = std::env::var("USER").unwrap_or_default();
    let media = PathBuf::from("/media").join(user);
    if media.is_dir() {
        return media.display().to_string();
    }
    directories::UserDirs::new()
        .map(|u| u.document_dir().unwrap_or(u.home_dir()).to_path_buf())
        .unwrap_or_else(|| PathBuf::from("."))
        .display()
        .to_string()
}

impl ImportScreen {
    /// The screen opened from a commune's year, or from home (reads only).
    pub fn load(store: &Store, commune: Option<CommuneId>, year: i32) -> Result<Self, StoreError> {
        let commune = match commune {
            Some(id) => Some(store.commune_with_code(id)?.0),
            None => None,
        };
        Ok(ImportScreen {
            commune,
            year,
            chooser: chooser(),
            looked_at: None,
            found: Vec::new(),
            skipped: Vec::new(),
            selected: 0,
        })
    }

    fn look(&mut self) -> Outcome {
        let typed = self.chooser.text(0).trim().to_string();
        if typed.is_empty() {
            self.chooser
                .show_errors([(0, "import.screen.err.no_place")]);
            return Outcome::Stay;
        }
        self.looked_at = Some(PathBuf::from(typed));
        Outcome::Refresh
    }

    fn act(&mut self, action: Action, lang: Lang) -> Outcome {
        if list_cursor::step(&mut self.selected, action, self.found.len()) {
            return Outcome::Stay;
        }
        match action {
            Action::Submit | Action::Open => return self.import_sound(lang),
            Action::TakeConflict => return self.ask_reason(lang),
            Action::Back => {
                self.looked_at = None;
                self.found.clear();
                self.skipped.clear();
            }
            _ => {}
        }
        Outcome::Stay
    }

    /// Imports every file the dry run found new or replacing (never a conflict, never
    /// a refused or unchanged one), each in its own transaction.
    fn import_sound(&mut self, lang: Lang) -> Outcome {
        let commands: Vec<Command> = self
            .found
            .iter()
            .filter(|f| {
                matches!(
                    f.plan.verdict(),
                    Some(Verdict::New | Verdict::Replace { .. })
                )
            })
            .map(|f| {
                Command::Import(ImportCommand {
                    file: f.file.clone(),
                    conflict_reason: None,
                })
            })
            .collect();
        if commands.is_empty() {
            return Outcome::Hint(t(lang, "import.screen.nothing"));
        }
        Outcome::SaveEach(commands)
    }

    fn selected_conflict(&self) -> Option<&Found> {
        self.found
            .get(self.selected)
            .filter(|f| matches!(f.plan.verdict(), Some(Verdict::Conflict { .. })))
    }

    /// Asks for the reason to take the selected conflicting file.
    fn ask_reason(&self, lang: Lang) -> Outcome {
        let Some(found) = self.selected_conflict() else {
            return Outcome::Refuse(t(lang, "import.screen.not_conflict"));
        };
        let take = Command::Import(ImportCommand {
            file: found.file.clone(),
            conflict_reason: Some(String::new()),
        });
        ask_reason("import.screen.take_title", take)
    }

    /// Reads the files where the user pointed and runs the dry run (nothing written).
    fn run_dry(&mut self, store: &Store, lang: Lang) -> Result<(), StoreError> {
        let Some(place) = self.looked_at.clone() else {
            return Ok(());
        };
        let gathered = match files::gather(lang, std::slice::from_ref(&place)) {
            Ok(g) => g,
            Err(line) => {
                self.looked_at = None;
                self.chooser.show_errors([(0, Label::text(line))]);
                return Ok(());
            }
        };
        let plans = plan(store, &gathered.files)?;
        self.skipped = gathered.skipped;
        self.skipped.extend(gathered.unreadable);
        self.found = gathered
            .files
            .into_iter()
            .zip(plans)
            .map(|(file, plan)| Found { file, plan })
            .collect();
        self.selected = list_cursor::clamp(self.selected, self.found.len());
        Ok(())
    }

    fn render_review(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let lang = ctx.lang;
        let [list_area, detail] =
            Layout::vertical([Constraint::Percentage(50), Constraint::Min(5)]).areas(area);
        let mut items: Vec<ListItem> = self
            .found
            .iter()
            .map(|f| {
                let (mark, style) = mark_of(&f.plan, ctx);
                let first = summary::lines(lang, &f.plan)
                    .into_iter()
                    .next()
                    .unwrap_or_default();
                ListItem::new(Line::styled(format!("{mark} {first}"), style))
            })
            .collect();
        items.extend(
            self.skipped
                .iter()
                .map(|s| ListItem::new(Line::styled(format!("· {s}"), ctx.theme.muted))),
        );
        let title = tf(lang, "import.screen.found", &[self.found.len().to_string()]);
        let list = List::new(items)
            .block(Block::bordered().title(Line::styled(title, ctx.theme.title)))
            .highlight_style(ctx.theme.selected)
            .highlight_symbol("▶ ");
        let mut state = ListState::default().with_selected(Some(self.selected));
        StatefulWidget::render(list, list_area, buf, &mut state);
        let lines: Vec<Line> = self
            .found
            .get(self.selected)
            .map(|f| summary::lines(lang, &f.plan))
            .unwrap_or_else(|| vec![t(lang, "import.screen.none_found")])
            .into_iter()
            .map(Line::raw)
            .collect();
        Paragraph::new(lines)
            .block(Block::bordered().title(t(lang, "import.screen.detail")))
            .wrap(Wrap { trim: false })
            .render(detail, buf);
    }
}

fn chooser() -> Form {
    let place = Field::text("import.screen.place", &default_place());
    Form::new("import.screen.title", vec![place])
}

/// ✓ to add or replace, = already held, ! a conflict for a person, ✗ refused.
fn mark_of(plan: &FilePlan, ctx: ViewCtx) -> (&'static str, ratatui::style::Style) {
    match plan.verdict() {
        None => ("✗", ctx.theme.error),
        Some(Verdict::Unchanged) => ("=", ctx.theme.muted),
        Some(Verdict::New | Verdict::Replace { .. }) => ("✓", ctx.theme.ok),
        Some(Verdict::Conflict { .. }) => ("!", ctx.theme.warn),
    }
}

impl super::View for ImportScreen {
    fn parent(&self) -> Option<Nav> {
        Some(match &self.commune {
            Some(c) => Nav::Commune(c.id, self.year),
            None => Nav::Home,
        })
    }

    fn context(&self) -> Context {
        if self.looked_at.is_none() {
            Context::Form
        } else {
            Context::Import
        }
    }

    fn update(&mut self, input: Input, ctx: ViewCtx) -> Outcome {
        if self.looked_at.is_none() {
            return match self.chooser.handle(&input) {
                FormEvent::Submit => self.look(),
                FormEvent::Cancel => Outcome::Back,
                FormEvent::Editing => Outcome::Stay,
            };
        }
        match input {
            Input::Action(action) => self.act(action, ctx.lang),
            _ => Outcome::Stay,
        }
    }

    fn on_saved(
        &mut self,
        store: &Store,
        _result: &Result<super::Effect, String>,
        lang: Lang,
    ) -> Result<(), StoreError> {
        self.run_dry(store, lang)
    }

    fn breadcrumb(&self, lang: Lang) -> String {
        match &self.commune {
            Some(c) => tf(
                lang,
                "import.screen.breadcrumb",
                &[c.name.clone(), self.year.to_string()],
            ),
            None => t(lang, "import.screen.title"),
        }
    }

    fn help_key(&self) -> String {
        "help.import".into()
    }

    fn render(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        if self.looked_at.is_none() {
            let [top, help] =
                Layout::vertical([Constraint::Length(4), Constraint::Min(3)]).areas(area);
            let block = Block::bordered().title(Line::styled(
                format!(" {} ", self.chooser.title.tr(ctx.lang)),
                ctx.theme.title,
            ));
            let inner = block.inner(top);
            block.render(top, buf);
            self.chooser
                .render_fields(ctx.lang, &ctx.theme, inner, buf, true);
            Paragraph::new(t(ctx.lang, "import.screen.explain"))
                .block(Block::bordered())
                .wrap(Wrap { trim: true })
                .render(help, buf);
            return;
        }
        self.render_review(area, buf, ctx);
    }

    fn refresh(&mut self, store: &Store, lang: Lang) -> Result<(), StoreError> {
        self.run_dry(store, lang)
    }
}
