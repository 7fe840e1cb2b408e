//! The conference's two small forms: a change (kind, new value, the chair's reason) and
//! the village's answer (accepted or defended, the representative's words), each read
//! into a [`ConferenceCommand`] or the errors to show on its fields.

use crate::commands::ConferenceCommand;
use crate::domain::CommuneId;
use crate::domain::annual::Part;
use crate::domain::commune::{AnswerKind, ChangeKind, NeedRow};
use crate::domain::number::parse_decimal;
use crate::domain::text::fold;
use crate::i18n::Label;
use crate::tui::widgets::form::{Errors, Field, Form, about};

/// The kinds offered, in the form's order, with their short labels.
const KINDS: [&str; 6] = [
    "conference.short.drop",
    "conference.short.merge",
    "conference.short.move_year",
    "conference.short.quantity",
    "conference.short.cost",
    "conference.short.part",
];

/// The change form for an activity.
pub(super) fn change_form(name: &str) -> Form {
    Form::new(
        about("conference.screen.change_title", Label::text(name)),
        vec![
            Field::choice("conference.field.kind", KINDS, Some(0)),
            Field::text("conference.field.value", ""),
            Field::text("conference.field.reason", ""),
        ],
    )
}

/// The answer form for a change.
pub(super) fn answer_form() -> Form {
    let answers = [AnswerKind::Accepted, AnswerKind::Defended].map(|a| a.label_key());
    Form::new(
        "conference.screen.answer_title",
        vec![
            Field::choice("conference.field.answer", answers, Some(0)),
            Field::text("conference.field.words", ""),
        ],
    )
}

/// Where a change goes: the commune's year and the village's activity.
pub(super) struct Target<'a> {
    /// The commune.
    pub commune: CommuneId,
    /// The year.
    pub year: i32,
    /// The row changed.
    pub row: &'a NeedRow,
    /// The other villages' rows (for a merge).
    pub others: &'a [NeedRow],
}

/// The change the form describes, or the errors to show (field index, message).
pub(super) fn read_change(form: &Form, to: &Target) -> Result<ConferenceCommand, Errors> {
    let value = form.text(1).trim().to_string();
    let reason = form.text(2).trim().to_string();
    let kind = kind_of(form.chosen(0).unwrap_or(0), &value, to.others);
    let mut errors = Errors::new();
    if kind.is_none() {
        errors.push((1, value_error(form.chosen(0).unwrap_or(0)).into()));
    }
    if reason.is_empty() {
        errors.push((2, "conference.err.no_reason".into()));
    }
    match kind {
        Some(kind) if errors.is_empty() => Ok(ConferenceCommand::Record {
            commune: to.commune,
            year: to.year,
            village_code: to.row.village_code.clone(),
            activity: to.row.activity_id,
            kind,
            reason,
        }),
        Some(_) | None => Err(errors),
    }
}

/// The kind at `index` with its value read from `value`; `None` when the value does not
/// read.
fn kind_of(index: usize, value: &str, others: &[NeedRow]) -> Option<ChangeKind> {
    let number = || parse_decimal(value).ok().flatten();
    Some(match index {
        0 => ChangeKind::Drop,
        1 => merge_target(value, others)?,
        2 => ChangeKind::MoveYear(value.parse().ok().filter(|y| (2000..=2100).contains(y))?),
        3 => ChangeKind::Quantity(number()?),
        4 => ChangeKind::Cost((number()? * 1_000_000.0).round() as u64),
        5 => ChangeKind::Part(match value {
            "1" => Part::One,
            "2" => Part::Two,
            _ => return None,
        }),
        _ => return None,
    })
}

/// The one activity of another village named `value` (case and diacritics ignored).
fn merge_target(value: &str, others: &[NeedRow]) -> Option<ChangeKind> {
    let wanted = fold(value);
    let mut found = others.iter().filter(|r| fold(&r.activity.name) == wanted);
    let row = found.next()?;
    if found.next().is_some() {
        return None;
    }
    Some(ChangeKind::Merge {
        village_code: row.village_code.clone(),
        activity: row.activity_id,
        label: format!("{} – {}", row.village, row.activity.name),
    })
}

/// i18n key of what the value field needs for the kind at `index`.
fn value_error(index: usize) -> &'static str {
    match index {
        1 => "conference.value.merge",
        2 => "conference.value.year",
        5 => "conference.value.part",
        _ => "conference.value.number",
    }
}

/// The answer the form describes, or the errors to show.
pub(super) fn read_answer(form: &Form, change: i64) -> Result<ConferenceCommand, Errors> {
    let answer = match form.chosen(0) {
        Some(1) => AnswerKind::Defended,
        Some(_) | None => AnswerKind::Accepted,
    };
    let words = form.text(1).trim().to_string();
    if answer == AnswerKind::Defended && words.is_empty() {
        return Err(vec![(1, "conference.err.no_words".into())]);
    }
    Ok(ConferenceCommand::Answer {
        change,
        answer,
        words,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_in_the_vietnamese_way() {
        assert_eq!(kind_of(4, "4,5", &[]), Some(ChangeKind::Cost(4_500_000)));
        assert_eq!(kind_of(3, "12", &[]), Some(ChangeKind::Quantity(12.0)));
        assert_eq!(kind_of(3, "-1", &[]), None);
        assert_eq!(kind_of(2, "2027", &[]), Some(ChangeKind::MoveYear(2027)));
        assert_eq!(kind_of(2, "27", &[]), None);
        assert_eq!(kind_of(5, "1", &[]), Some(ChangeKind::Part(Part::One)));
        assert_eq!(kind_of(5, "3", &[]), None);
        assert_eq!(kind_of(0, "", &[]), Some(ChangeKind::Drop));
        assert_eq!(kind_of(1, "Lớp học", &[]), None, "no other village's ask");
    }
}
