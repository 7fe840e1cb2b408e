//! The district's planning year (issue 14, item 6): every commune of the district that
//! this database holds (received whole from its commune's file, or held here village by
//! village) with where its plan stands: ✗ nothing received, ◐ not yet approved by the
//! commune conference, ✓ approved (which version), the check code of the commune's file
//! to compare with the signed paper copy, its villages, activities and the amount asked.
//! ← → change the year; `i` imports communes' files; `e` exports the district's forms
//! (as `kehoach district export`); Enter opens a commune held here village by village.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Row, Widget, Wrap};

use super::{Nav, Outcome, ViewCtx};
use crate::domain::CommuneId;
use crate::domain::activity::format_vnd;
use crate::domain::commune::PlanSource;
use crate::domain::district::{
    CommuneStatus, CommuneSummary, CommuneYear, communes_of, in_order, summaries,
};
use crate::domain::place::district_short_name;
use crate::i18n::{Lang, t, tf};
use crate::store::{Store, StoreError};
use crate::tui::keymap::{Action, Context};
use crate::tui::widgets::{Input, list_cursor, listing};

/// One commune's line.
struct CommuneLine {
    id: CommuneId,
    /// Received whole from its file (not opened here).
    imported: bool,
    summary: CommuneSummary,
}

/// The district year screen's state.
pub struct DistrictScreen {
    /// The commune it was opened from (names the district).
    from: CommuneId,
    district: String,
    year: i32,
    lines: Vec<CommuneLine>,
    selected: usize,
}

impl DistrictScreen {
    /// The communes of `from`'s district in `year` (reads only).
    pub fn load(store: &Store, from: CommuneId, year: i32) -> Result<Self, StoreError> {
        let all = store.communes()?;
        let own = all
            .iter()
            .find(|c| c.id == from)
            .ok_or(StoreError::NotFound)?;
        let ids: Vec<CommuneId> = communes_of(&all, &own.district)
            .iter()
            .map(|c| c.id)
            .collect();
        let years = store.district_year(&ids, year)?;
        Ok(DistrictScreen {
            from,
            district: district_short_name(&own.district).to_string(),
            year,
            lines: lines_of(&years),
            selected: 0,
        })
    }

    /// Enter opens a commune held here village by village; one received whole is not
    /// opened (its villages are in its file).
    fn open(&self, lang: Lang) -> Outcome {
        match self.lines.get(self.selected) {
            Some(l) if l.imported => Outcome::Refuse(t(lang, "district.screen.received")),
            Some(l) => Outcome::Go(Nav::Commune(l.id, self.year)),
            None => Outcome::Stay,
        }
    }

    /// "3 xã: 1 đã thông qua, 1 chưa thông qua, 1 chưa nhận kế hoạch".
    fn summary(&self, lang: Lang) -> String {
        let count = |f: fn(CommuneStatus) -> bool| {
            let n = self.lines.iter().filter(|l| f(l.summary.status)).count();
            n.to_string()
        };
        tf(
            lang,
            "district.screen.summary",
            &[
                self.lines.len().to_string(),
                count(CommuneStatus::is_approved),
                count(|s| s == CommuneStatus::NotApproved),
                count(|s| s == CommuneStatus::NoPlan),
            ],
        )
    }
}

fn lines_of(years: &[CommuneYear]) -> Vec<CommuneLine> {
    in_order(years)
        .into_iter()
        .zip(summaries(years))
        .map(|(c, summary)| CommuneLine {
            id: c.commune.id,
            imported: matches!(c.source, PlanSource::Imported(_)) || c.villages.is_empty(),
            summary,
        })
        .collect()
}

/// A commune's row: ✓ approved, ◐ not approved, ✗ nothing received (in words too).
fn row(l: &CommuneLine, ctx: ViewCtx) -> Row<'static> {
    let lang = ctx.lang;
    let s = &l.summary;
    let style = match s.status {
        CommuneStatus::Approved { .. } => ctx.theme.ok,
        CommuneStatus::NotApproved => ctx.theme.warn,
        CommuneStatus::NoPlan => ctx.theme.error,
    };
    let key = match s.status {
        CommuneStatus::Approved { .. } => "district.screen.approved",
        CommuneStatus::NotApproved => "district.screen.not_approved",
        CommuneStatus::NoPlan => "district.screen.no_plan",
    };
    let status = Line::styled(tf(lang, key, &s.status.args()), style);
    if s.status == CommuneStatus::NoPlan {
        return Row::new(vec![s.commune.clone().into(), status]);
    }
    // A plan not approved is not counted: its amount is not shown as one.
    let asked = match s.status {
        CommuneStatus::Approved { .. } => format_vnd(s.totals.asked_vnd),
        CommuneStatus::NotApproved | CommuneStatus::NoPlan => "—".to_string(),
    };
    let check = s
        .check_code
        .clone()
        .unwrap_or_else(|| t(lang, "commune.screen.typed_here"));
    Row::new(vec![
        s.commune.clone().into(),
        status,
        check.into(),
        format!("{}/{}", s.approved_plans, s.villages).into(),
        asked.into(),
    ])
}

impl super::View for DistrictScreen {
    fn parent(&self) -> Option<Nav> {
        Some(Nav::Home)
    }

    fn context(&self) -> Context {
        Context::District
    }

    fn update(&mut self, input: Input, ctx: ViewCtx) -> Outcome {
        let Input::Action(action) = input else {
            return Outcome::Stay;
        };
        if list_cursor::step(&mut self.selected, action, self.lines.len()) {
            return Outcome::Stay;
        }
        match action {
            Action::PrevYear => return Outcome::Go(Nav::District(self.from, self.year - 1)),
            Action::NextYear => return Outcome::Go(Nav::District(self.from, self.year + 1)),
            Action::Import => return Outcome::Go(Nav::Import(None, self.year)),
            Action::Export => return Outcome::Go(Nav::DistrictExport(self.from, self.year)),
            Action::Open => return self.open(ctx.lang),
            Action::Back => return Outcome::Back,
            _ => {}
        }
        Outcome::Stay
    }

    fn on_saved(
        &mut self,
        _store: &Store,
        _result: &Result<super::Effect, String>,
        _lang: Lang,
    ) -> Result<(), StoreError> {
        Ok(())
    }

    fn breadcrumb(&self, lang: Lang) -> String {
        tf(
            lang,
            "district.screen.breadcrumb",
            &[self.district.clone(), self.year.to_string()],
        )
    }

    fn help_key(&self) -> String {
        "help.district".into()
    }

    fn render(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let lang = ctx.lang;
        let [head, table_area] =
            Layout::vertical([Constraint::Length(2), Constraint::Min(4)]).areas(area);
        Paragraph::new(self.summary(lang))
            .wrap(Wrap { trim: true })
            .render(head, buf);
        let header = [
            "district.col.commune",
            "district.col.status",
            "commune.screen.col.check",
            "district.screen.col.villages",
            "district.screen.col.asked",
        ]
        .map(|k| t(lang, k));
        let widths = [
            Constraint::Min(12),
            Constraint::Length(26),
            Constraint::Length(11),
            Constraint::Length(8),
            Constraint::Length(12),
        ];
        let title = tf(
            lang,
            "district.screen.title",
            &[self.district.clone(), self.year.to_string()],
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
