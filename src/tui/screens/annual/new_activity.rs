//! Adding an activity that is not in the medium-term plan: allowed only with a stated
//! reason (annual step 2), with the fields a plan needs.

use super::AnnualCommand;
use crate::domain::CycleId;
use crate::domain::activity::{ActivityDraft, Category, Field as ActivityField, Sector, validate};
use crate::domain::annual::Part;
use crate::tui::screens::{Command, Outcome};
use crate::tui::widgets::Input;
use crate::tui::widgets::form::{Errors, Field, Form, FormEvent};

const FIELDS: [ActivityField; 8] = [
    ActivityField::Name,
    ActivityField::Sector,
    ActivityField::Category,
    ActivityField::Quantity,
    ActivityField::Unit,
    ActivityField::Time,
    ActivityField::Location,
    ActivityField::Responsible,
];
const PART: usize = FIELDS.len();
const REASON: usize = PART + 1;

/// The form for a new activity.
pub fn form() -> Form {
    let mut fields: Vec<Field> = FIELDS
        .iter()
        .map(|f| match f {
            ActivityField::Sector => Field::choice(
                f.label_key(),
                Sector::ALL.iter().map(|s| s.label_key()),
                None,
            ),
            ActivityField::Category => Field::choice(
                f.label_key(),
                Category::ALL.iter().map(|c| c.label_key()),
                None,
            ),
            _ => Field::text(f.label_key(), ""),
        })
        .collect();
    fields.push(Field::choice(
        "ann.part",
        ["ann.part1", "ann.part2"],
        Some(0),
    ));
    fields.push(Field::text("ann.new_reason", ""));
    Form::new("ann.new_title", fields)
}

/// Handles input for the open form; `None` when cancelled.
pub fn event(form: &mut Form, input: &Input, cycle: CycleId) -> Option<Outcome> {
    match form.handle(input) {
        FormEvent::Editing => Some(Outcome::Stay),
        FormEvent::Cancel => None,
        FormEvent::Submit => Some(submit(form, cycle)),
    }
}

fn submit(form: &mut Form, cycle: CycleId) -> Outcome {
    let draft = ActivityDraft {
        name: form.text(0),
        sector: form.chosen(1).and_then(|i| Sector::ALL.get(i)).copied(),
        category: form.chosen(2).and_then(|i| Category::ALL.get(i)).copied(),
        quantity: form.text(3),
        unit: form.text(4),
        time: form.text(5),
        location: form.text(6),
        responsible: form.text(7),
        ..ActivityDraft::default()
    };
    let reason = form.text(REASON).trim().to_string();
    let mut errors: Errors = match validate(&draft) {
        Ok(_) => Vec::new(),
        Err(errs) => errs
            .iter()
            .map(|e| {
                (
                    FIELDS.iter().position(|f| *f == e.field).unwrap_or(0),
                    e.key.into(),
                )
            })
            .collect(),
    };
    if reason.is_empty() {
        errors.push((REASON, "reason.required".into()));
    }
    match validate(&draft) {
        Ok(activity) if errors.is_empty() => {
            let part = if form.chosen(PART) == Some(1) {
                Part::Two
            } else {
                Part::One
            };
            Outcome::Save(Command::Annual(AnnualCommand::AddNew {
                cycle,
                activity,
                part,
                reason,
            }))
        }
        _ => {
            form.show_errors(errors);
            Outcome::Stay
        }
    }
}
