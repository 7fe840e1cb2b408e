//! The commune's planning year (issue 14, item 2): every village of the commune, typed
//! here or imported from its file, with where its annual plan stands: arrived or not,
//! approved and which version, the check code to compare with the signed paper copy, the
//! approval meeting's women's share and the part-2 count. Villages without a plan stand
//! out (✗, in words as well as colour). ← → change the year; `i` imports villages' files;
//! `e` exports the commune's forms 1-2, 5, 6, B1, B2 and the change report; Enter opens a
//! village's activities at the commune conference; `p` approves the commune plan (frozen
//! as a version), `o` reopens it with a reason.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Row, Widget, Wrap};

use super::{Command, Nav, Outcome, ViewCtx};
use crate::commands::ConferenceCommand;
use crate::domain::commune::{PlanSource, PlanStatus, VillageStatus, VillageYear, status};
use crate::domain::{Commune, CommuneId};
use crate::i18n::{Lang, t, tf};
use crate::store::{Store, StoreError};
use crate::tui::keymap::{Action, Context};
use crate::tui::modal::ask_reason;
use crate::tui::widgets::meter::percent;
use crate::tui::widgets::{Input, list_cursor, listing};

/// One village's line.
struct VillageLine {
    id: crate::domain::VillageId,
    name: String,
    imported: Option<String>,
    status: VillageStatus,
}

/// The commune year screen's state.
pub struct CommuneScreen {
    commune: Commune,
    year: i32,
    lines: Vec<VillageLine>,
    selected: usize,
    /// The commune plan's approved version standing, if approved.
    approved: Option<u32>,
}

impl CommuneScreen {
    /// The commune's villages in `year` (reads only).
    pub fn load(store: &Store, commune: CommuneId, year: i32) -> Result<Self, StoreError> {
        let commune = store
            .communes()?
            .into_iter()
            .find(|c| c.id == commune)
            .ok_or(StoreError::NotFound)?;
        let lines = store
            .commune_year(commune.id, year)?
            .iter()
            .map(line_of)
            .collect();
        Ok(CommuneScreen {
            approved: store.commune_approved(commune.id, year)?,
            commune,
            year,
            lines,
            selected: 0,
        })
    }

    /// Enter opens the selected village's activities; `p` approves the commune plan;
    /// `o` reopens it with a reason.
    fn conference(&mut self, action: Action, lang: Lang) -> Outcome {
        let (commune, year) = (self.commune.id, self.year);
        match (action, self.approved) {
            (Action::Open, _) => match self.lines.get(self.selected) {
                Some(l) => Outcome::Go(Nav::Conference(commune, year, l.id)),
                None => Outcome::Refuse(t(lang, "commune.screen.no_villages")),
            },
            (Action::Approve, None) => {
                Outcome::Save(Command::Conference(ConferenceCommand::Approve {
                    commune,
                    year,
                }))
            }
            (Action::Reopen, Some(_)) => {
                let reopen = ConferenceCommand::Reopen {
                    commune,
                    year,
                    reason: String::new(),
                };
                ask_reason("conference.reason.reopen", Command::Conference(reopen))
            }
            (Action::Approve, Some(v)) => Outcome::Refuse(tf(
                lang,
                "conference.err.approved",
                &[year.to_string(), v.to_string()],
            )),
            _ => Outcome::Refuse(tf(lang, "conference.err.not_approved", &[year.to_string()])),
        }
    }

    /// "Thông qua" state of the commune plan and the key to change it.
    fn approval_line(&self, lang: Lang) -> String {
        match self.approved {
            Some(v) => tf(lang, "conference.screen.frozen_commune", &[v.to_string()]),
            None => t(lang, "conference.screen.open_commune"),
        }
    }

    /// "2 thôn, buôn: 1 đã thông qua, 1 chưa thông qua, 0 chưa nhận kế hoạch".
    fn summary(&self, lang: Lang) -> String {
        let count = |f: fn(PlanStatus) -> bool| {
            self.lines
                .iter()
                .filter(|l| f(l.status.status))
                .count()
                .to_string()
        };
        tf(
            lang,
            "commune.screen.summary",
            &[
                self.lines.len().to_string(),
                count(PlanStatus::is_approved),
                count(|s| s == PlanStatus::NotApproved),
                count(|s| s == PlanStatus::NoPlan),
            ],
        )
    }
}

fn line_of(v: &VillageYear) -> VillageLine {
    VillageLine {
        id: v.village.id,
        name: v.village.name.clone(),
        imported: match &v.source {
            PlanSource::Imported(from) => Some(from.check_code.clone()),
            PlanSource::Local => None,
        },
        status: status(v),
    }
}

/// A village's row: the plan's standing marked ✓ approved, ◐ not approved, ✗ none.
fn row(l: &VillageLine, ctx: ViewCtx) -> Row<'static> {
    let lang = ctx.lang;
    let s = l.status;
    let (mark, style) = match s.status {
        PlanStatus::Approved { .. } => ("✓", ctx.theme.ok),
        PlanStatus::NotApproved => ("◐", ctx.theme.warn),
        PlanStatus::NoPlan => ("✗", ctx.theme.error),
    };
    let version = s
        .status
        .version()
        .map(|v| v.to_string())
        .unwrap_or_default();
    let plan = format!("{mark} {}", tf(lang, s.status.label_key(), &[version]));
    let check = l
        .imported
        .clone()
        .unwrap_or_else(|| t(lang, "commune.screen.typed_here"));
    let women = s.women_share.map(|w| percent(w, lang)).unwrap_or_default();
    let part_two = if s.status == PlanStatus::NoPlan {
        String::new()
    } else {
        s.part_two.to_string()
    };
    Row::new(vec![
        l.name.clone().into(),
        Line::styled(plan, style),
        check.into(),
        women.into(),
        part_two.into(),
    ])
}

impl super::View for CommuneScreen {
    fn parent(&self) -> Option<Nav> {
        Some(Nav::Home)
    }

    fn context(&self) -> Context {
        Context::Commune
    }

    fn update(&mut self, input: Input, ctx: ViewCtx) -> Outcome {
        let Input::Action(action) = input else {
            return Outcome::Stay;
        };
        if list_cursor::step(&mut self.selected, action, self.lines.len()) {
            return Outcome::Stay;
        }
        match action {
            Action::PrevYear => return Outcome::Go(Nav::Commune(self.commune.id, self.year - 1)),
            Action::NextYear => return Outcome::Go(Nav::Commune(self.commune.id, self.year + 1)),
            Action::Import => {
                return Outcome::Go(Nav::Import(Some(self.commune.id), self.year));
            }
            Action::Export if self.lines.is_empty() => {
                return Outcome::Refuse(t(ctx.lang, "commune.screen.no_villages"));
            }
            Action::Export => return Outcome::Go(Nav::CommuneExport(self.commune.id, self.year)),
            Action::Open | Action::Approve | Action::Reopen => {
                return self.conference(action, ctx.lang);
            }
            Action::Assign => {
                return match self.lines.get(self.selected) {
                    Some(l) => Outcome::Go(Nav::CommuneAssign(self.commune.id, self.year, l.id)),
                    None => Outcome::Refuse(t(ctx.lang, "commune.screen.no_villages")),
                };
            }
            Action::Back => return Outcome::Back,
            _ => {}
        }
        Outcome::Stay
    }

    /// `o` (reopen) only while the commune plan is approved, `p` only while it is not;
    /// `g` (assign) only on a village.
    fn live(&self, action: Action) -> bool {
        match action {
            Action::Reopen => self.approved.is_some(),
            Action::Approve => self.approved.is_none(),
            Action::Assign => !self.lines.is_empty(),
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
            let mut fresh = CommuneScreen::load(store, s.commune.id, s.year)?;
            fresh.selected = list_cursor::clamp(s.selected, fresh.lines.len());
            Ok(fresh)
        })
    }

    fn breadcrumb(&self, lang: Lang) -> String {
        tf(
            lang,
            "commune.screen.breadcrumb",
            &[self.commune.name.clone(), self.year.to_string()],
        )
    }

    fn help_key(&self) -> String {
        "help.commune".into()
    }

    fn render(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let lang = ctx.lang;
        let [head, table_area] =
            Layout::vertical([Constraint::Length(3), Constraint::Min(4)]).areas(area);
        let text = format!("{}\n{}", self.summary(lang), self.approval_line(lang));
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .render(head, buf);
        if self.lines.is_empty() {
            Paragraph::new(t(lang, "commune.screen.no_villages"))
                .block(Block::bordered())
                .wrap(Wrap { trim: true })
                .render(table_area, buf);
            return;
        }
        let header = [
            "commune.screen.col.village",
            "commune.screen.col.plan",
            "commune.screen.col.check",
            "commune.screen.col.women",
            "commune.screen.col.part_two",
        ]
        .map(|k| t(lang, k));
        let widths = [
            Constraint::Min(12),
            Constraint::Length(24),
            Constraint::Length(11),
            Constraint::Length(7),
            Constraint::Length(6),
        ];
        let title = tf(
            lang,
            "commune.screen.title",
            &[self.commune.name.clone(), self.year.to_string()],
        );
        listing::render(
            (title, header.to_vec()),
            self.lines.iter().map(|l| row(l, ctx)),
            &widths,
            self.selected,
            &ctx.theme,
            (table_area, buf),
        );
    }
}
