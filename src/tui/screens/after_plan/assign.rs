//! The assignment form ("Giao kế hoạch"), one for the village's step 8 and for the
//! commune assigning a village's plan: the decision, the commune's reason, the quantity
//! assigned, who carries the work out, the budget by source and the date, prefilled from
//! the assignment held or, the first time, from what the plan asked.

use super::forms::{
    Errors, amount, amount_text, chosen, date, date_field, done, field, labels, position,
    short_decision_key, short_owner_key,
};
use crate::domain::activity::FundingSource;
use crate::domain::after_plan::{Assignment, Budget, Decision, WorkOwner};
use crate::domain::annual::AnnualItemId;
use crate::domain::number::parse_decimal;
use crate::export::html::number_text;
use crate::i18n::{Label, Lang};
use crate::tui::widgets::form::{Field, Form, about};

/// What the form starts from: the activity and its plan, and the assignment held.
pub(in crate::tui::screens) struct AssignStart<'a> {
    /// The activity's name.
    pub name: &'a str,
    /// The planned quantity.
    pub quantity: Option<f64>,
    /// Its unit.
    pub unit: &'a str,
    /// What the plan asked, by source (the first budget offered).
    pub planned: Budget,
    /// The assignment recorded, if any (saving replaces it).
    pub held: Option<&'a Assignment>,
    /// The last date typed (ISO), to start from.
    pub last_date: &'a str,
}

/// The form, titled with the activity's name.
pub(in crate::tui::screens) fn form(s: &AssignStart) -> Form {
    let title = about("after.life.assigned", Label::text(s.name));
    Form::new(title, fields(s))
}

/// The form's fields.
pub(in crate::tui::screens) fn fields(s: &AssignStart) -> Vec<Field> {
    let held = s.held;
    let budget = held.map_or(s.planned, |a| a.budget);
    let mut fields = vec![
        Field::choice(
            "after.field.decision",
            labels(Decision::ALL, short_decision_key),
            held.and_then(|a| position(Decision::ALL, &a.decision))
                .or(Some(0)),
        ),
        Field::text("after.field.reason", held.map_or("", |a| a.reason.as_str())),
        Field::text(
            Label::Args("after.label.target".into(), vec![planned_quantity(s)]),
            &held
                .and_then(|a| a.target_quantity)
                .map(|q| q.to_string())
                .unwrap_or_default(),
        ),
        Field::choice(
            "after.field.owner",
            labels(WorkOwner::ALL, short_owner_key),
            held.and_then(|a| position(WorkOwner::ALL, &a.owner))
                .or(Some(0)),
        ),
    ];
    for source in FundingSource::ALL {
        fields.push(Field::text(
            Label::key(source.label_key()),
            &amount_text(budget.get(source)),
        ));
    }
    fields.push(date_field(held.map_or(s.last_date, |a| a.date.as_str())));
    fields
}

/// The planned quantity with its unit as the facilitator reads it ("—" when the plan
/// has none).
fn planned_quantity(s: &AssignStart) -> Label {
    let Some(q) = s.quantity else {
        return Label::text("—");
    };
    let read = |lang| {
        format!("{} {}", number_text(q, lang), s.unit)
            .trim_end()
            .to_string()
    };
    Label::Both {
        vi: read(Lang::Vi),
        en: read(Lang::En),
    }
}

/// The assignment of `item` the form describes, or the errors to show on its fields.
pub(in crate::tui::screens) fn read(form: &Form, item: AnnualItemId) -> Result<Assignment, Errors> {
    let mut e = Errors::new();
    let decision = field(&mut e, 0, chosen(form, 0, Decision::ALL));
    let reason = form.text(1).trim().to_string();
    if decision.is_some_and(|d| d != Decision::Accepted) && reason.is_empty() {
        e.push((1, "after.fe.reason".into()));
    }
    let target = match parse_decimal(&form.text(2)) {
        Ok(None) => Ok(None),
        Ok(Some(q)) if q > 0.0 && q.is_finite() => Ok(Some(q)),
        Ok(Some(_)) => Err("after.fe.quantity".into()),
        Err(e) => Err(e.key().into()),
    };
    let target = field(&mut e, 2, target);
    let owner = field(&mut e, 3, chosen(form, 3, WorkOwner::ALL));
    let mut budget = Budget::default();
    for (n, source) in FundingSource::ALL.into_iter().enumerate() {
        if let Some(v) = field(&mut e, 4 + n, amount(form, 4 + n)) {
            budget.add(source, v);
        }
    }
    let date = field(&mut e, 9, date(form, 9));
    let value = match (decision, target, owner, date) {
        (Some(decision), Some(target_quantity), Some(owner), Some(date)) => Some(Assignment {
            item,
            decision,
            reason,
            target_quantity,
            owner,
            budget,
            date,
        }),
        _ => None,
    };
    done(e, value)
}
