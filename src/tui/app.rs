//! The application: the current screen, a small modal stack, the store, language and theme.
//! One event in, one state change, one redraw; nothing ticks.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyEvent, KeyEventKind};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::keymap::{Action, Context, resolve};
pub use super::modal::Modal;
use super::modal::{Reply, Surroundings};
use super::screens::{Nav, Outcome, Screen, ViewCtx};
use super::theme::Theme;
use super::widgets::hints::{self, Offer};
use super::widgets::{Input, too_small, wrap};
use crate::commands::{self, Command, CommandError, Effect};
use crate::i18n::{Lang, t, tf};
use crate::store::{Store, StoreError};

/// What a status line reports, shown by its mark as well as its colour (readable
/// without colour): ✓ done, → a hint, ✗ refused or failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Something was saved or written.
    Done,
    /// What to do next; nothing was refused.
    Hint,
    /// Refused, or it failed: nothing changed.
    Refused,
}

/// A line in the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// Translated text.
    pub text: String,
    /// What it reports.
    pub tone: Tone,
}

/// The running application.
pub struct App {
    store: Store,
    lang: Lang,
    theme: Theme,
    screen: Screen,
    /// The popups over the screen, the top one last: keys go to it.
    modals: Vec<Modal>,
    message: Option<Message>,
    quit: bool,
    /// Whether the screen shows a closed cycle (edits are refused before reaching the store).
    read_only: bool,
    /// The history screen a cycle was opened from: "back" from that cycle returns there.
    opened_from: Option<Nav>,
    /// The area last drawn: below 80x24 the screen is hidden, so keys do not reach it.
    drawn: std::cell::Cell<Rect>,
}

impl App {
    /// Opens the home screen on `store`.
    pub fn new(store: Store, lang: Lang, theme: Theme) -> Result<Self, StoreError> {
        let screen = Screen::load(Nav::Home, &store, lang)?;
        Ok(App {
            store,
            lang,
            theme,
            screen,
            modals: Vec::new(),
            message: None,
            quit: false,
            read_only: false,
            opened_from: None,
            drawn: std::cell::Cell::new(Rect::new(0, 0, 80, 24)),
        })
    }

    /// Whether the user asked to leave.
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// The store (tests and the benchmark read it back).
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Shows a message in the status bar.
    pub fn say(&mut self, text: String, tone: Tone) {
        self.message = Some(Message { text, tone });
    }

    /// Handles one terminal event.
    pub fn handle_event(&mut self, event: Event) {
        match event {
            Event::Key(key) if key.kind == KeyEventKind::Release => {}
            // The screen is hidden behind "enlarge the window": only Ctrl-C still acts.
            Event::Key(key)
                if too_small::is_too_small(self.drawn.get())
                    && resolve(Context::Global, &key) == Some(Action::Quit) =>
            {
                self.follow(Outcome::Quit);
            }
            Event::Key(_) if too_small::is_too_small(self.drawn.get()) => {}
            Event::Key(key) => self.handle_key(key),
            Event::Paste(text) => match self.modals.last_mut() {
                Some(modal) => {
                    let reply = modal.paste(text);
                    self.answer(reply);
                }
                None => {
                    let outcome = self.screen.update(Input::Paste(text), self.ctx());
                    self.follow(outcome);
                }
            },
            _ => {}
        }
    }

    fn ctx(&self) -> ViewCtx {
        ViewCtx {
            lang: self.lang,
            theme: self.theme,
        }
    }

    fn handle_key(&mut self, key: KeyEvent) {
        self.message = None;
        match self.modals.last_mut() {
            Some(modal) => {
                let reply = modal.key(&key);
                self.answer(reply);
            }
            None => self.screen_key(key),
        }
    }

    /// Follows what the top modal made of a key.
    fn answer(&mut self, reply: Reply) {
        match reply {
            Reply::Stay => {}
            Reply::Close => {
                self.modals.pop();
            }
            Reply::Quit => self.quit = true,
            Reply::AskQuit => self.modals.push(Modal::ConfirmQuit),
            Reply::Help => self.follow(Outcome::Help),
            Reply::ToggleLang => self.follow(Outcome::ToggleLang),
            Reply::Rescue(places) => self.rescue(&places),
            Reply::Follow(outcome) => {
                self.modals.pop();
                self.follow(outcome);
            }
            Reply::Save(command) => {
                let prompt = self.modals.pop();
                // Refused: the prompt comes back with the reason typed (unless the file
                // is gone and the rescue question stands instead).
                if !self.save(command) && !self.store.is_gone() {
                    self.modals.extend(prompt);
                }
            }
        }
    }

    fn screen_key(&mut self, key: KeyEvent) {
        let outcome = match resolve(self.screen.context(), &key) {
            Some(Action::Help) => Outcome::Help,
            Some(Action::ToggleLang) => Outcome::ToggleLang,
            Some(Action::Quit) => Outcome::Quit,
            Some(action) => self.screen.update(Input::Action(action), self.ctx()),
            None => self.screen.update(Input::Key(key), self.ctx()),
        };
        self.follow(outcome);
    }

    fn follow(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Stay => {}
            Outcome::Save(command) => {
                self.save(command);
            }
            Outcome::SaveEach(commands) => self.save_each(commands),
            Outcome::Refresh => {
                if let Err(e) = self.screen.refresh(&self.store, self.lang) {
                    let text = self.store_error_text(&e);
                    self.say(text, Tone::Refused);
                }
            }
            Outcome::Export(request) => self.export(&request),
            Outcome::Go(nav) => {
                self.opened_from = match (self.screen.nav(), &nav) {
                    (_, Nav::Cycle(_) | Nav::AfterPlan(..))
                        if self.screen.return_nav().is_some() =>
                    {
                        self.screen.return_nav()
                    }
                    (Nav::Home, _) => None,
                    _ => self.opened_from.take(),
                };
                self.go(nav);
            }
            Outcome::GoHint(nav, text) => {
                self.follow(Outcome::Go(nav));
                self.say(text, Tone::Hint);
            }
            Outcome::Back => {
                let parent = match (self.screen.nav(), &self.opened_from) {
                    (Nav::Cycle(_) | Nav::AfterPlan(..), Some(history)) => Some(*history),
                    _ => self.screen.parent(),
                };
                if let Some(parent) = parent {
                    let from = self.screen.nav();
                    self.go(parent);
                    self.screen.came_back_from(from);
                }
            }
            Outcome::Help => self.modals.push(Modal::Help(self.screen.help_key(), 0)),
            Outcome::ToggleLang => self.lang = self.lang.toggled(),
            Outcome::Ask(ask) => self.modals.push(Modal::asked(ask)),
            Outcome::Quit if self.has_open_edit() => self.modals.push(Modal::ConfirmQuit),
            Outcome::Quit => self.quit = true,
            Outcome::Refuse(text) => self.say(text, Tone::Refused),
            Outcome::Hint(text) => self.say(text, Tone::Hint),
        }
    }

    fn go(&mut self, nav: Nav) {
        match Screen::load(nav, &self.store, self.lang) {
            Ok(screen) => {
                self.read_only = screen
                    .cycle_id()
                    .is_some_and(|id| self.store.cycle(id).is_ok_and(|c| c.closed));
                self.screen = screen;
            }
            Err(e) => {
                let text = self.store_error_text(&e);
                self.say(text, Tone::Refused);
            }
        }
    }

    /// Whether typed text, on the screen or in a prompt, would be lost by quitting.
    fn has_open_edit(&self) -> bool {
        self.screen.has_open_edit() || self.modals.iter().any(Modal::has_open_edit)
    }

    /// Runs one command through `commands::execute`, tells the screen how it went, and
    /// says whether it was saved.
    fn save(&mut self, command: Command) -> bool {
        let deleted = match &command {
            Command::DeleteVillage { name, .. } => Some(name.clone()),
            _ => None,
        };
        let result = if self.read_only {
            // A closed cycle's screens are read-only, village-wide records included; the
            // commands refuse the cycle's own records too.
            Err(CommandError::Store(StoreError::CycleClosed))
        } else {
            commands::execute(&mut self.store, command)
        };
        let result = match result {
            Ok(effect) => {
                let text = match (&effect, deleted) {
                    (Effect::VillageDeleted { backup: Some(path) }, Some(name)) => {
                        tf(self.lang, "del.done", &[name, path.display().to_string()])
                    }
                    (Effect::VillageDeleted { backup: None }, Some(name)) => {
                        tf(self.lang, "del.done_no_backup", &[name])
                    }
                    _ => t(self.lang, "msg.saved"),
                };
                self.say(text, Tone::Done);
                Ok(effect)
            }
            Err(e) => {
                let text = self.command_error_text(&e);
                self.say(text.clone(), Tone::Refused);
                Err(text)
            }
        };
        let saved = result.is_ok();
        if let Err(e) = self.screen.on_saved(&self.store, &result, self.lang) {
            let text = tf(self.lang, "cmd.reload_failed", &[self.store_error_text(&e)]);
            self.say(text, Tone::Refused);
        }
        self.offer_rescue();
        saved
    }

    /// Runs each command in its own transaction (one failing leaves the others saved),
    /// says how many were saved and the first refusal, and tells the screen once.
    fn save_each(&mut self, commands: Vec<Command>) {
        let total = commands.len();
        let mut refusals = Vec::new();
        for command in commands {
            if let Err(e) = commands::execute(&mut self.store, command) {
                refusals.push(self.command_error_text(&e));
            }
        }
        let saved = (total - refusals.len()).to_string();
        let result = match refusals.first() {
            None => {
                self.say(tf(self.lang, "msg.saved_each", &[saved]), Tone::Done);
                Ok(Effect::Done)
            }
            Some(first) => {
                let args = [saved, refusals.len().to_string(), first.clone()];
                let text = tf(self.lang, "msg.saved_some", &args);
                self.say(text.clone(), Tone::Refused);
                Err(text)
            }
        };
        if let Err(e) = self.screen.on_saved(&self.store, &result, self.lang) {
            let text = tf(self.lang, "cmd.reload_failed", &[self.store_error_text(&e)]);
            self.say(text, Tone::Refused);
        }
        self.offer_rescue();
    }

    /// The facilitator's sentence for a refused or failed command; the raw database text,
    /// if any, goes to the log file beside the database.
    fn command_error_text(&self, e: &CommandError) -> String {
        if let CommandError::Store(store_error) = e {
            return self.store_error_text(store_error);
        }
        e.text(self.lang)
    }

    /// One translated sentence for a store error; the details go to the log.
    fn store_error_text(&self, e: &StoreError) -> String {
        crate::log::store_error(self.store.path(), e);
        error_text(self.lang, e)
    }

    fn export(&mut self, request: &crate::deliver::ExportRequest) {
        let result = crate::deliver::export(&self.store, request, self.lang);
        match &result {
            Ok(paths) => self.say(
                tf(self.lang, "exp.done", &[paths.len().to_string()]),
                Tone::Done,
            ),
            Err(crate::deliver::DeliverError::Exists(_)) => {
                let overwrite = crate::deliver::ExportRequest {
                    force: true,
                    ..request.clone()
                };
                let again = Outcome::Export(overwrite);
                let ask = super::modal::Confirm::new("exp.confirm_overwrite", Vec::new(), again);
                self.modals.push(Modal::Confirm(ask));
            }
            Err(e) => self.say(e.text(self.lang), Tone::Refused),
        }
        self.screen.on_export(&result);
    }
}

/// The facilitator-facing text of a store error.
pub fn error_text(lang: Lang, e: &StoreError) -> String {
    crate::messages::store_error(lang, e)
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.drawn.set(area);
        if too_small::is_too_small(area) {
            let args = [area.width.to_string(), area.height.to_string()];
            too_small::render(&tf(self.lang, "msg.too_small", &args), area, buf);
            return;
        }
        let [title, body, status, keys] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(self.status_height(area.width)),
            Constraint::Length(1),
        ])
        .areas(area);
        self.render_title(title, buf);
        self.screen.render(body, buf, self.ctx());
        self.render_status(status, buf);
        let (context, screen_keys) = match self.modals.last() {
            Some(modal) => (modal.context(), false),
            None => (self.screen.context(), true),
        };
        let offer = |action| match self.screen.blocked(action) {
            _ if !screen_keys => Offer::Live,
            Some(why) => Offer::Blocked(why),
            None if self.screen.live(action) => Offer::Live,
            None => Offer::Hidden,
        };
        hints::render(context, &offer, self.lang, &self.theme, keys, buf);
        self.render_modal(body, buf);
    }
}

/// Most rows a status message may take (longer ones are cut).
const MAX_STATUS_ROWS: usize = 3;

impl App {
    fn render_title(&self, area: Rect, buf: &mut Buffer) {
        let lang = self.lang.code().to_uppercase();
        let mut spans = vec![
            Span::styled("kehoach", self.theme.title),
            Span::raw(format!(" · {}", self.screen.breadcrumb(self.lang))),
        ];
        if self.read_only {
            let mark = t(self.lang, "hist.read_only");
            spans.push(Span::styled(format!("  [{mark}]"), self.theme.warn));
        }
        spans.push(Span::styled(format!("  [{lang}]"), self.theme.muted));
        Line::from(spans).render(area, buf);
    }

    /// The status line's text with its mark, if a message is shown.
    fn status_text(&self) -> Option<(String, Style)> {
        self.message.as_ref().map(|m| {
            let (mark, style) = match m.tone {
                Tone::Done => ("✓", self.theme.ok),
                Tone::Hint => ("→", self.theme.muted),
                Tone::Refused => ("✗", self.theme.error),
            };
            (format!("{mark} {}", m.text), style)
        })
    }

    /// Rows the status needs at `width`: one, or up to three for a long message.
    fn status_height(&self, width: u16) -> u16 {
        let rows = self
            .status_text()
            .map_or(1, |(text, _)| wrap::wrapped_rows(&text, usize::from(width)));
        u16::try_from(rows.clamp(1, MAX_STATUS_ROWS)).unwrap_or(1)
    }

    fn render_status(&self, area: Rect, buf: &mut Buffer) {
        if let Some((text, style)) = self.status_text() {
            Paragraph::new(Line::styled(text, style))
                .wrap(Wrap { trim: true })
                .render(area, buf);
        }
    }

    fn render_modal(&self, area: Rect, buf: &mut Buffer) {
        let around = Surroundings {
            lang: self.lang,
            theme: &self.theme,
            screen_context: self.screen.context(),
            db_path: self.store.path(),
        };
        for modal in &self.modals {
            modal.render(&around, area, buf);
        }
    }
}

impl App {
    /// After a refused save: when the file lost its name, offers the rescue copy.
    fn offer_rescue(&mut self) {
        if let Some(path) = self.store.path().filter(|_| self.store.is_gone()) {
            self.modals
                .push(Modal::Rescue(super::rescue::candidates(path)));
        }
    }

    /// Writes what the store holds to the first of `places` that takes it, then carries on
    /// in that file.
    fn rescue(&mut self, places: &[std::path::PathBuf]) {
        self.modals.clear();
        let mut failure = None;
        for target in places {
            match self.store.rescue_to(target).and_then(|p| Store::open(&p)) {
                Ok(store) => {
                    self.store = store;
                    self.go(Nav::Home);
                    let shown = target.display().to_string();
                    return self.say(tf(self.lang, "rescue.done", &[shown]), Tone::Done);
                }
                Err(e) => failure = Some((target, e)),
            }
        }
        if let Some((target, e)) = failure {
            let args = [target.display().to_string(), error_text(self.lang, &e)];
            self.say(tf(self.lang, "rescue.failed", &args), Tone::Refused);
        }
    }
}
