//! One group's section of meeting 2 (men's or women's): the group's details and one row
//! per draft activity. A number typed on the selected row is checked live (whole number,
//! capacity, unique position, non-empty group); Enter saves it and moves down.

use super::data::{Data, GroupData};
use super::{Meeting2Command, save};
use crate::domain::scoring::{
    ActivityKey, Group, InputMode, VoteError, check_votes, parse_position, parse_votes,
};
use crate::i18n::Label;
use crate::store::GroupInfo;
use crate::tui::keymap::{Action, Context};
use crate::tui::screens::Outcome;
use crate::tui::widgets::form::{Errors, Field, Form, FormEvent};
use crate::tui::widgets::{Input, list_cursor};

mod view;

pub use view::{fit, size_unset};

const MAX_TYPED: usize = 8;

/// The state of one group's section.
pub struct GroupTab {
    group: Group,
    selected: usize,
    typed: String,
    error: Option<Label>,
    form: Option<Form>,
    jump: Option<String>,
    pending: bool,
}

impl GroupTab {
    /// A section for `group`, first row selected.
    pub fn new(group: Group) -> Self {
        GroupTab {
            group,
            selected: 0,
            typed: String::new(),
            error: None,
            form: None,
            jump: None,
            pending: false,
        }
    }

    /// The index of the selected row (draft order).
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// Shows `message` as the inline error (e.g. a refused mode change).
    pub fn set_error(&mut self, message: Label) {
        self.error = Some(message);
    }

    /// Keymap context: the details form, or the score rows.
    pub fn context(&self) -> Context {
        if self.form.is_some() {
            Context::Form
        } else {
            Context::Scores
        }
    }

    /// After a save: on success move to the next row (entry) or close the form.
    pub fn on_saved(&mut self, ok: bool, rows: usize) {
        if ok {
            if self.pending {
                list_cursor::step(&mut self.selected, Action::Down, rows);
            }
            self.typed.clear();
            self.error = None;
            self.form = None;
        }
        self.pending = false;
        self.selected = list_cursor::clamp(self.selected, rows);
    }

    /// Handles one input.
    pub fn update(&mut self, input: Input, data: &Data) -> Outcome {
        if self.form.is_some() {
            return self.update_form(&input, data);
        }
        if self.jump.is_some() {
            return self.update_jump(input, data.rows.len());
        }
        let mut row = self.selected;
        if let Input::Action(action) = input
            && list_cursor::step(&mut row, action, data.rows.len())
        {
            self.move_to(row);
            return Outcome::Stay;
        }
        match input {
            Input::Action(Action::Submit) => return self.submit(data),
            Input::Action(Action::Remove) => return self.clear(data),
            Input::Action(Action::Open) => self.form = Some(details_form(data, self.group)),
            Input::Action(Action::GoTo) => self.jump = Some(String::new()),
            Input::Action(Action::Back) if !self.typed.is_empty() => self.move_to(self.selected),
            Input::Action(Action::Back) => return Outcome::Back,
            Input::Key(key) => self.type_key(key.code, data),
            Input::Paste(text) => {
                self.typed.extend(text.chars().take(MAX_TYPED));
                self.live_check(data);
            }
            Input::Action(_) => {}
        }
        Outcome::Stay
    }

    fn move_to(&mut self, row: usize) {
        self.selected = row;
        self.typed.clear();
        self.error = None;
    }

    fn type_key(&mut self, code: ratatui::crossterm::event::KeyCode, data: &Data) {
        use ratatui::crossterm::event::KeyCode;
        match code {
            KeyCode::Char(c) if self.typed.chars().count() < MAX_TYPED => self.typed.push(c),
            KeyCode::Backspace => {
                self.typed.pop();
            }
            _ => return,
        }
        self.live_check(data);
    }

    fn live_check(&mut self, data: &Data) {
        self.error = match self.typed.is_empty() {
            true => None,
            false => self.check(data).err(),
        };
    }

    /// The typed value checked against the group's rules.
    fn check(&self, data: &Data) -> Result<u32, Label> {
        let Some(row) = data.rows.get(self.selected) else {
            return Err(Label::text(""));
        };
        let g = data.group(self.group);
        check_value(g, &data.keys(), row.key, &self.typed).map_err(|e| match e {
            VoteError::EmptyGroup => size_unset(data, self.group),
            e => Label::tf(e.message_key(), &e.args()),
        })
    }

    fn submit(&mut self, data: &Data) -> Outcome {
        let Some(row) = data.rows.get(self.selected) else {
            return Outcome::Stay;
        };
        if self.typed.trim().is_empty() {
            self.move_to((self.selected + 1).min(data.rows.len() - 1));
            return Outcome::Stay;
        }
        if data.settings.plan_frozen {
            self.error = Some(Label::key("m2.err.frozen"));
            return Outcome::Stay;
        }
        match self.check(data) {
            Ok(value) => {
                self.pending = true;
                save(Meeting2Command::Entry {
                    cycle: data.cycle,
                    group: self.group,
                    mode: data.group(self.group).mode(),
                    activity: row.key,
                    value: Some(value),
                })
            }
            Err(message) => {
                self.error = Some(message);
                Outcome::Stay
            }
        }
    }

    fn clear(&mut self, data: &Data) -> Outcome {
        let Some(row) = data.rows.get(self.selected) else {
            return Outcome::Stay;
        };
        save(Meeting2Command::Entry {
            cycle: data.cycle,
            group: self.group,
            mode: data.group(self.group).mode(),
            activity: row.key,
            value: None,
        })
    }

    fn update_jump(&mut self, input: Input, n: usize) -> Outcome {
        let Some(jump) = self.jump.as_mut() else {
            return Outcome::Stay;
        };
        match input {
            Input::Key(key) => match key.code {
                ratatui::crossterm::event::KeyCode::Char(c) if c.is_ascii_digit() => jump.push(c),
                ratatui::crossterm::event::KeyCode::Backspace => {
                    jump.pop();
                }
                _ => {}
            },
            Input::Action(Action::Submit) => match jump.parse::<usize>() {
                Ok(k) if (1..=n).contains(&k) => {
                    self.jump = None;
                    self.move_to(k - 1);
                }
                _ => self.error = Some(Label::tf("m2.err.no_such_row", &[n.to_string()])),
            },
            Input::Action(Action::Back) => self.jump = None,
            _ => {}
        }
        Outcome::Stay
    }

    fn update_form(&mut self, input: &Input, data: &Data) -> Outcome {
        let Some(form) = self.form.as_mut() else {
            return Outcome::Stay;
        };
        match form.handle(input) {
            FormEvent::Editing => Outcome::Stay,
            FormEvent::Cancel => {
                self.form = None;
                Outcome::Stay
            }
            FormEvent::Submit => match read_details(form) {
                Ok(info) => save(Meeting2Command::GroupInfo {
                    cycle: data.cycle,
                    group: self.group,
                    info,
                }),
                Err(errors) => {
                    form.show_errors(errors);
                    Outcome::Stay
                }
            },
        }
    }
}

/// Checks `text` typed for activity `key` of a group: a non-empty group, then a vote count
/// keeping the group within members × votes each, or a free position 1..=n.
pub fn check_value(
    g: &GroupData,
    keys: &[ActivityKey],
    key: ActivityKey,
    text: &str,
) -> Result<u32, VoteError> {
    if g.info.members == 0 {
        return Err(VoteError::EmptyGroup);
    }
    match g.mode() {
        InputMode::Votes => {
            let votes = parse_votes(text)?;
            let others = keys
                .iter()
                .filter(|k| **k != key)
                .filter_map(|k| g.value(*k));
            let counts: Vec<u32> = others.chain(std::iter::once(votes)).collect();
            check_votes(&counts, g.info.members, g.info.votes_each).map(|()| votes)
        }
        InputMode::Ranking => {
            let n = u32::try_from(keys.len()).unwrap_or(u32::MAX);
            let position = parse_position(text, n)?;
            match keys
                .iter()
                .find(|k| **k != key && g.value(**k) == Some(position))
            {
                Some(&activity) => Err(VoteError::DuplicatePosition { position, activity }),
                None => Ok(position),
            }
        }
    }
}

/// The group's details; a size not typed yet is taken from the register.
fn details_form(data: &Data, group: Group) -> Form {
    let info = &data.group(group).info;
    let members = match info.members {
        0 => data.present(group),
        typed => typed,
    };
    Form::new(
        Label::Args("m2.form.title".into(), vec![group.label_key().into()]),
        vec![
            Field::text("m2.form.members", &members.to_string()),
            Field::text("m2.form.votes_each", &info.votes_each.to_string()),
            Field::text("m2.form.recorder", &info.recorder),
        ],
    )
}

fn read_details(form: &Form) -> Result<GroupInfo, Errors> {
    let number = |i: usize| parse_votes(&form.text(i)).map_err(|e| (i, e.message_key().into()));
    let members = number(0);
    let votes_each = number(1);
    match (members, votes_each) {
        (Ok(members), Ok(votes_each)) => Ok(GroupInfo {
            members,
            votes_each,
            recorder: form.text(2).trim().to_string(),
        }),
        (m, v) => Err([m.err(), v.err()].into_iter().flatten().collect()),
    }
}
