//! Adding an activity that is not in the medium-term plan: allowed only with a stated
//! reason (annual step 2), with the fields a plan needs.

use super::AnnualCommand;
use crate::domain::CycleId;
use crate::domain::activity::{ActivityDraft, Category, Field as ActivityField, Sector, validate};
use crate::domain::annual::Part;
use crate::i18n::{Lang, t};
use crate::tui::screens::{Command, Outcome};
use crate::tui::widgets::Input;
use crate::tui::widgets::form::{Field, Form, FormEvent};

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
pub fn form(lang: Lang) -> Form {
    let mut fields: Vec<Field> = FIELDS
        .iter()
        .map(|f| match f {
            ActivityField::Sector => Field::choice(
                t(lang, f.label_key()),
                Sector::ALL.iter().map(|s| t(lang, s.label_key())).collect(),
                None,
            ),
            ActivityField::Category => Field::choice(
                t(lang, f.label_key()),
                Category::ALL
                    .iter()
                    .map(|c| t(lang, c.label_key()))
                    .collect(),
                None,
            ),
            _ => Field::text(t(lang, f.label_key()), ""),
        })
        .collect();
    fields.push(Field::choice(
        t(lang, "ann.part"),
        vec![t(lang, "ann.part1"), t(lang, "ann.part2")],
        Some(0),
    ));
    fields.push(Field::text(t(lang, "ann.new_reason"), ""));
    Form::new(t(lang, "ann.new_title"), fields)
}

/// Handles input for the open form; `None` when cancelled.
pub fn event(form: &mut Form, input: &Input, cycle: CycleId, lang: Lang) -> Option<Outcome> {
    match form.handle(input) {
        FormEvent::Editing => Some(Outcome::Stay),
        FormEvent::Cancel => None,
        FormEvent::Submit => Some(submit(form, cycle, lang)),
    }
}

fn submit(form: &mut Form, cycle: CycleId, lang: Lang) -> Outcome {
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
    let mut errors: Vec<(usize, String)> = match validate(&draft) {
        Ok(_) => Vec::new(),
        Err(errs) => errs
            .iter()
            .map(|e| {
                (
                    FIELDS.iter().position(|f| *f == e.field).unwrap_or(0),
                    t(lang, e.key),
                )
            })
            .collect(),
    };
    if reason.is_empty() {
        errors.push((REASON, t(lang, "reason.required")));
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
