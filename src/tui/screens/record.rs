//! The meeting record: date, place, chair and role, times, what the chair announced and
//! which facilitators were present. Effect with Enter.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Widget};

use super::{Command, Outcome, ViewCtx};
use crate::domain::meeting::{ANNOUNCEMENTS, display_date, parse_date, parse_time, times_in_order};
use crate::domain::text::clean_name;
use crate::domain::{ChairRole, MeetingId};
use crate::i18n::{Label, t};
use crate::store::{Facilitator, MeetingDetails, Store, StoreError};
use crate::tui::keymap::Action;
use crate::tui::widgets::Input;
use crate::tui::widgets::form::{Errors, Field, Form, FormEvent};

const ROLES: [ChairRole; 2] = [ChairRole::BoardHead, ChairRole::BoardDeputy];

/// The record form of one meeting.
pub struct RecordTab {
    meeting: MeetingId,
    team: Vec<Facilitator>,
    form: Form,
}

impl RecordTab {
    /// Reads the record of `meeting` and the team of `commune` from the store.
    pub fn load(
        store: &Store,
        meeting: MeetingId,
        commune: crate::domain::CommuneId,
    ) -> Result<Self, StoreError> {
        let details = store.meeting_details(meeting)?;
        let team = store.facilitators(commune)?;
        let present = store.meeting_facilitators(meeting)?;
        Ok(RecordTab::new(meeting, &details, team, &present))
    }

    /// A form filled with the stored details and present facilitators.
    pub fn new(
        meeting: MeetingId,
        d: &MeetingDetails,
        team: Vec<Facilitator>,
        present: &[i64],
    ) -> Self {
        let announced = ANNOUNCEMENTS
            .iter()
            .map(|a| d.announced.iter().any(|x| x == a))
            .collect();
        let team_on = team
            .iter()
            .take(9)
            .map(|f| present.contains(&f.id))
            .collect();
        let fields = vec![
            Field::text("rec.date", &display_date(&d.date)),
            Field::text("rec.place", &d.place),
            Field::text("rec.chair", &d.chair),
            Field::choice(
                "rec.role",
                ROLES
                    .iter()
                    .map(|r| Label::key(format!("role.{}", r.code()))),
                d.chair_role
                    .and_then(|r| ROLES.iter().position(|x| *x == r)),
            ),
            Field::text("rec.start", &d.start_time),
            Field::text("rec.end", &d.end_time),
            Field::flags(
                "rec.announced",
                ANNOUNCEMENTS
                    .iter()
                    .map(|a| Label::key(format!("rec.ann.{a}"))),
                announced,
            ),
            Field::flags(
                "rec.facilitators",
                team.iter().take(9).map(|f| Label::text(&f.name)),
                team_on,
            ),
        ];
        RecordTab {
            meeting,
            team,
            form: Form::new("rec.title", fields),
        }
    }

    /// The meeting's date as typed (dd/mm/yyyy), to prefill another form with it.
    pub fn date_text(&self) -> String {
        self.form.text(0)
    }

    /// Handles one input.
    pub fn update(&mut self, input: Input) -> Outcome {
        if input == Input::Action(Action::Back) {
            return Outcome::Back;
        }
        match self.form.handle(&input) {
            FormEvent::Submit => self.submit(),
            _ => Outcome::Stay,
        }
    }

    fn submit(&mut self) -> Outcome {
        let mut errors = Errors::new();
        let date = parse_date(&self.form.text(0)).map_err(|_| errors.push((0, "err.date".into())));
        let start = parse_time(&self.form.text(4)).map_err(|_| errors.push((4, "err.time".into())));
        let end = parse_time(&self.form.text(5)).map_err(|_| errors.push((5, "err.time".into())));
        if let (Ok(start), Ok(end)) = (&start, &end)
            && !times_in_order(start, end)
        {
            let args = [start.clone(), end.clone()];
            errors.push((5, Label::tf("rec.err.end_before_start", &args)));
        }
        let text = |i: usize, errors: &mut Errors| match self.form.text(i).trim() {
            "" => String::new(),
            raw => clean_name(raw).unwrap_or_else(|_| {
                errors.push((i, "err.name_control".into()));
                String::new()
            }),
        };
        let place = text(1, &mut errors);
        let chair = text(2, &mut errors);
        if !errors.is_empty() {
            self.form.show_errors(errors);
            return Outcome::Stay;
        }
        let details = MeetingDetails {
            date: date.unwrap_or_default(),
            place,
            chair,
            chair_role: self.form.chosen(3).and_then(|i| ROLES.get(i)).copied(),
            start_time: start.unwrap_or_default(),
            end_time: end.unwrap_or_default(),
            announced: self.checked(6, ANNOUNCEMENTS.iter().map(|a| a.to_string()).collect()),
        };
        let facilitators = self.checked(7, self.team.iter().map(|f| f.id).collect());
        Outcome::Save(Command::SaveMeetingRecord {
            meeting: self.meeting,
            details,
            facilitators,
        })
    }

    fn checked<T: Clone>(&self, field: usize, values: Vec<T>) -> Vec<T> {
        values
            .into_iter()
            .zip(self.form.flags(field))
            .filter(|(_, on)| *on)
            .map(|(v, _)| v)
            .collect()
    }

    /// Draws the form in a frame.
    pub fn render(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let mut block = Block::bordered().title(Line::styled(
            format!(" {} ", self.form.title.tr(ctx.lang)),
            ctx.theme.title,
        ));
        if self.team.is_empty() {
            // The facilitators-present field has nobody to tick: say where the team is kept.
            let note = t(ctx.lang, "rec.no_team");
            block = block.title_bottom(Line::styled(note, ctx.theme.warn));
        }
        let inner = block.inner(area);
        block.render(area, buf);
        self.form
            .render_fields(ctx.lang, &ctx.theme, inner, buf, true);
    }
}
