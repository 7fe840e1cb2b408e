//! The annual-plan screen's pop-up forms: a written reason (part 2 beyond two, reopening)
//! and the approval (date, votes, and why when under 30% women).

use super::{AnnualCommand, Popup, new_activity, review};
use crate::domain::CycleId;
use crate::domain::annual::vote::{VoteCheck, check_vote};
use crate::domain::meeting::parse_date;
use crate::i18n::Label;
use crate::store::AnnualApproval;
use crate::tui::screens::{Command, Outcome};
use crate::tui::widgets::Input;
use crate::tui::widgets::form::{Errors, Field, Form, FormEvent};

/// Date (the meeting record's, as typed there) and votes; with `below`, also the reason
/// fewer than 30% of those present were women.
pub(super) fn approval_form(below: bool, date: &str) -> Form {
    let mut fields = vec![
        Field::text("rec.date", date),
        Field::text("ann.votes_for", ""),
        Field::text("ann.votes_against", "0"),
        Field::text("ann.abstain", "0"),
    ];
    if below {
        fields.push(Field::text("ann.below_reason", ""));
    }
    Form::new("ann.approve_title", fields)
}

/// `None` when cancelled; otherwise the outcome of the popup's input.
pub(super) fn popup_event(
    form: &mut Form,
    purpose: Popup,
    input: &Input,
    cycle: CycleId,
) -> Option<Outcome> {
    if let Popup::Review(which) = purpose {
        return review::form_event(form, which, input, cycle);
    }
    if purpose == Popup::NewActivity {
        return new_activity::event(form, input, cycle);
    }
    let Popup::Approve(present) = purpose else {
        return None;
    };
    match form.handle(input) {
        FormEvent::Editing => Some(Outcome::Stay),
        FormEvent::Cancel => None,
        FormEvent::Submit => Some(submit_approval(form, cycle, present)),
    }
}

/// Index of the reason field, when the form has one.
const REASON_FIELD: usize = 4;

/// Checks the typed approval against the `present` registered: more votes than people is
/// an error on the count; half or fewer for adds the reason field (if not there yet) and
/// asks for it; then the command is built.
fn submit_approval(form: &mut Form, cycle: CycleId, present: u32) -> Outcome {
    let date = parse_date(&form.text(0)).ok().filter(|d| !d.is_empty());
    let number = |i: usize| form.text(i).trim().parse::<u32>().ok();
    let (Some(date), Some(votes_for), Some(votes_against), Some(abstain)) =
        (date.clone(), number(1), number(2), number(3))
    else {
        let mut errors = Errors::new();
        if date.is_none() {
            errors.push((0, "err.date".into()));
        }
        errors.extend(
            (1..4)
                .filter(|i| number(*i).is_none())
                .map(|i| (i, "ann.err.votes".into())),
        );
        form.show_errors(errors);
        return Outcome::Stay;
    };
    let check = check_vote(present, votes_for, votes_against, abstain);
    if check == VoteCheck::TooMany {
        let cast = u64::from(votes_for) + u64::from(votes_against) + u64::from(abstain);
        let args = [cast.to_string(), present.to_string()];
        form.show_errors([(1, Label::tf("vote.err.exceed_field", &args))]);
        return Outcome::Stay;
    }
    if check == VoteCheck::NoMajority && form.fields.len() <= REASON_FIELD {
        form.fields.push(Field::text("vote.reason", ""));
    }
    let reason =
        (form.fields.len() > REASON_FIELD).then(|| form.text(REASON_FIELD).trim().to_string());
    if reason.as_ref().is_some_and(String::is_empty) {
        let key = if check == VoteCheck::NoMajority {
            "vote.err.no_majority_field"
        } else {
            "reason.required"
        };
        form.show_errors([(REASON_FIELD, key)]);
        return Outcome::Stay;
    }
    let approval = AnnualApproval {
        date,
        votes_for,
        votes_against,
        abstain,
        approved_at: String::new(),
    };
    Outcome::Save(Command::Annual(AnnualCommand::Approve {
        cycle,
        approval,
        reason,
    }))
}
