//! The export screen (step 7): choose formats, a folder and the privacy option, write the
//! village plan for the commune, and see where the files went. An existing file is only
//! replaced after asking, and the old one is kept as `.bak`.

use std::path::PathBuf;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::{Nav, Outcome, ViewCtx};
use crate::deliver::{DeliverError, ExportRequest, ExportTarget};
use crate::domain::{Commune, CommuneId, Cycle, CycleId, Village};
use crate::export::Format;
use crate::i18n::{Label, Lang, t, tf};
use crate::store::{Store, StoreError};
use crate::tui::keymap::{Action, Context};
use crate::tui::widgets::Input;
use crate::tui::widgets::form::{Field, Form, FormEvent};

const FORMATS: usize = 0;
const FOLDER: usize = 1;
const PRIVACY: usize = 2;

/// Whose plan the screen exports.
enum Whose {
    /// A village's cycle.
    Village(Cycle, Village),
    /// A commune's planning year.
    Commune(Commune, i32),
    /// The planning year of a commune's district.
    District(Commune, i32),
}

impl Whose {
    fn title_key(&self) -> &'static str {
        match self {
            Whose::Village(..) => "exp.title",
            Whose::Commune(..) => "commune.screen.export_title",
            Whose::District(..) => "district.screen.export_title",
        }
    }

    fn explain_key(&self) -> &'static str {
        match self {
            Whose::Village(..) => "exp.explain",
            Whose::Commune(..) => "commune.screen.export_explain",
            Whose::District(..) => "district.screen.export_explain",
        }
    }
}

/// The export screen's state.
pub struct ExportScreen {
    whose: Whose,
    form: Form,
    written: Vec<PathBuf>,
}

/// The folder offered first: the user's documents folder, else the home folder.
pub(super) fn default_folder() -> String {
    directories::UserDirs::new()
        .map(|u| u.document_dir().unwrap_or(u.home_dir()).to_path_buf())
        .unwrap_or_else(|| PathBuf::from("."))
        .display()
        .to_string()
}

impl ExportScreen {
    /// The screen for the cycle `id`, all formats chosen.
    pub fn load(store: &Store, id: CycleId) -> Result<Self, StoreError> {
        let cycle = store.cycle(id)?;
        let village = store.village(cycle.village_id)?;
        Ok(Self::new(Whose::Village(cycle, village)))
    }

    /// The screen for a commune's year, all formats chosen.
    pub fn load_commune(store: &Store, commune: CommuneId, year: i32) -> Result<Self, StoreError> {
        Self::load_year(store, (commune, year), Whose::Commune)
    }

    /// The screen for the year of `commune`'s district, all formats chosen.
    pub fn load_district(store: &Store, commune: CommuneId, year: i32) -> Result<Self, StoreError> {
        Self::load_year(store, (commune, year), Whose::District)
    }

    /// The screen for a year of a commune (or of its district).
    fn load_year(
        store: &Store,
        (commune, year): (CommuneId, i32),
        whose: fn(Commune, i32) -> Whose,
    ) -> Result<Self, StoreError> {
        let (commune, _) = store.commune_with_code(commune)?;
        Ok(Self::new(whose(commune, year)))
    }

    fn new(whose: Whose) -> Self {
        let form = Form::new(
            whose.title_key(),
            vec![
                Field::flags(
                    "exp.formats",
                    ["XLSX", "HTML", "CSV", "JSON"].map(Label::text),
                    vec![true; 4],
                ),
                Field::text("exp.folder", &default_folder()),
                Field::choice("exp.privacy", ["exp.full", "exp.private"], Some(0)),
            ],
        );
        ExportScreen {
            whose,
            form,
            written: Vec::new(),
        }
    }

    /// What the screen exports.
    fn target(&self) -> ExportTarget {
        match &self.whose {
            Whose::Village(cycle, _) => ExportTarget::Cycle(cycle.id),
            Whose::Commune(commune, year) => ExportTarget::CommuneYear(commune.id, *year),
            Whose::District(commune, year) => ExportTarget::DistrictYear(commune.id, *year),
        }
    }

    /// Where "back" leads: the cycle's steps, or the commune's year.
    fn back_to(&self) -> Nav {
        match &self.whose {
            Whose::Village(cycle, _) => Nav::Cycle(cycle.id),
            Whose::Commune(commune, year) => Nav::Commune(commune.id, *year),
            Whose::District(commune, year) => Nav::District(commune.id, *year),
        }
    }

    fn submit(&mut self) -> Outcome {
        let formats: Vec<Format> = Format::ALL
            .iter()
            .zip(self.form.flags(FORMATS))
            .filter(|(_, on)| *on)
            .map(|(f, _)| *f)
            .collect();
        if formats.is_empty() {
            self.form.show_errors([(FORMATS, "exp.err.no_format")]);
            return Outcome::Stay;
        }
        let folder = self.form.text(FOLDER).trim().to_string();
        if folder.is_empty() {
            self.form.show_errors([(FOLDER, "exp.err.no_folder")]);
            return Outcome::Stay;
        }
        let private = self.form.chosen(PRIVACY) == Some(1);
        let request = ExportRequest {
            target: self.target(),
            formats,
            dir: PathBuf::from(folder),
            force: false,
            private,
        };
        Outcome::Export(request)
    }
}

impl super::View for ExportScreen {
    fn parent(&self) -> Option<Nav> {
        Some(self.back_to())
    }

    fn context(&self) -> Context {
        Context::Export
    }

    fn update(&mut self, input: Input, _ctx: ViewCtx) -> Outcome {
        if input == Input::Action(Action::Back) {
            return Outcome::Back;
        }
        match self.form.handle(&input) {
            FormEvent::Submit => self.submit(),
            _ => Outcome::Stay,
        }
    }

    fn on_saved(
        &mut self,
        _store: &Store,
        _result: &Result<super::Effect, String>,
        _lang: Lang,
    ) -> Result<(), StoreError> {
        Ok(())
    }

    /// "Buôn Kram › 2026 › Xuất kế hoạch", or the commune's.
    fn breadcrumb(&self, lang: Lang) -> String {
        match &self.whose {
            Whose::Village(cycle, village) => tf(
                lang,
                "exp.breadcrumb",
                &[village.name.clone(), cycle.year.to_string()],
            ),
            Whose::Commune(commune, year) => tf(
                lang,
                "commune.screen.export_breadcrumb",
                &[commune.name.clone(), year.to_string()],
            ),
            Whose::District(commune, year) => tf(
                lang,
                "district.screen.export_breadcrumb",
                &[
                    crate::domain::place::district_short_name(&commune.district).to_string(),
                    year.to_string(),
                ],
            ),
        }
    }

    fn help_key(&self) -> String {
        "help.step.export".into()
    }

    /// Draws the form and the files written.
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let [top, bottom] =
            Layout::vertical([Constraint::Length(6), Constraint::Min(0)]).areas(area);
        let block = Block::bordered().title(Line::styled(
            format!(" {} ", self.form.title.tr(ctx.lang)),
            ctx.theme.title,
        ));
        let inner = block.inner(top);
        block.render(top, buf);
        self.form
            .render_fields(ctx.lang, &ctx.theme, inner, buf, true);
        let lines: Vec<Line> = if self.written.is_empty() {
            vec![Line::raw(t(ctx.lang, self.whose.explain_key()))]
        } else {
            self.written
                .iter()
                .map(|p| Line::styled(format!("✓ {}", p.display()), ctx.theme.ok))
                .collect()
        };
        let title = if self.written.is_empty() {
            t(ctx.lang, "exp.files")
        } else {
            tf(ctx.lang, "exp.written", &[self.written.len().to_string()])
        };
        let block = Block::bordered().title(Line::styled(title, ctx.theme.title));
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .render(bottom, buf);
    }

    /// Shows what was written (the app asks before overwriting).
    fn on_export(&mut self, result: &Result<Vec<PathBuf>, DeliverError>) {
        match result {
            Ok(paths) => self.written = paths.clone(),
            Err(DeliverError::Exists(_)) => {}
            Err(DeliverError::Failed(_)) => self.written.clear(),
        }
    }
}
