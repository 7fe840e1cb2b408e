//! The commune's forms, made from its villages' plans of one year: forms 1-2 summed
//! with a column per village, Biểu 5 (public services and technical support), Biểu 6
//! (investment), the commune plan's appendices B1 and B2, and the conference's report of
//! the changes to the villages' plans. Pure: the rows, flags and sums come from
//! `domain::commune`; this module only lays them out.

pub(super) mod cells;
mod changes;
pub(super) mod needs;
mod summary;

pub use changes::decision_note;

use super::{Form, Value, text};
use crate::domain::Commune;
use crate::domain::commune::{
    Change, Conference, Flag, NeedRow, PlanStatus, VillageYear, in_order, status,
};
use crate::i18n::{Lang, t, tf};

/// Every commune form of `year` without conference changes (see [`commune_forms_with`]).
pub fn commune_forms(
    commune: &Commune,
    year: i32,
    villages: &[VillageYear],
    lang: Lang,
) -> Vec<Form> {
    commune_forms_with(commune, year, villages, &Conference::default(), lang)
}

/// Every commune form of `year` with the conference's changes applied, in order: forms
/// 1-2 summed, Biểu 5, Biểu 6, B1, B2 and the report of the changes.
pub fn commune_forms_with(
    commune: &Commune,
    year: i32,
    villages: &[VillageYear],
    conference: &Conference,
    lang: Lang,
) -> Vec<Form> {
    let input = Input {
        commune,
        year,
        villages,
        changes: &conference.changes,
    };
    vec![
        summary::basic(commune, year, villages, lang),
        needs::form5(&input, lang),
        needs::form6(&input, lang),
        summary::b1(&input, lang),
        summary::b2(&input, lang),
        changes::report(&input, conference.approved.as_ref(), lang),
    ]
}

/// What the forms of a commune's year are made from.
struct Input<'a> {
    commune: &'a Commune,
    year: i32,
    villages: &'a [VillageYear],
    changes: &'a [Change],
}

/// Province, district, commune, year and number of villages.
fn header(form: &mut Form, commune: &Commune, year: i32, villages: usize, lang: Lang) {
    form.line(
        lang,
        "export.field.province",
        text(commune.province.clone()),
    );
    form.line(
        lang,
        "export.field.district",
        text(commune.district.clone()),
    );
    form.line(lang, "export.field.commune", text(commune.name.clone()));
    form.line(lang, "export.field.year", Value::Plain(f64::from(year)));
    form.line(
        lang,
        "commune.field.villages",
        super::number(villages as f64),
    );
}

/// The commune's signature block: who prepared the form, the commune chair.
fn signed(mut form: Form, lang: Lang) -> Form {
    form.signatures = ["commune.sign.preparer", "commune.sign.chair"]
        .iter()
        .map(|k| t(lang, k))
        .collect();
    form
}

/// Notes naming the villages whose plan is not approved and those with no plan.
fn status_notes(villages: &[VillageYear], lang: Lang) -> Vec<String> {
    let named = |wanted: PlanStatus| -> Vec<String> {
        in_order(villages)
            .into_iter()
            .filter(|v| status(v).status == wanted)
            .map(|v| v.village.name.clone())
            .collect()
    };
    [
        (named(PlanStatus::NotApproved), "commune.note.not_approved"),
        (named(PlanStatus::NoPlan), "commune.note.no_plan"),
    ]
    .into_iter()
    .filter(|(list, _)| !list.is_empty())
    .map(|(list, key)| tf(lang, key, &[list.join(", ")]))
    .collect()
}

/// A row's flags as text (with the village's reason for a part-2 ask beyond the
/// limit), readable without colour.
fn flags_text(row: &NeedRow, lang: Lang) -> String {
    let mut notes: Vec<String> = Vec::new();
    for flag in &row.flags {
        notes.push(tf(lang, flag.label_key(), &flag.args()));
        let extra = matches!(flag, Flag::ExtraBudgetAsk { .. });
        if let (true, Some(why)) = (extra, &row.override_reason) {
            notes.push(tf(
                lang,
                "commune.flag.village_reason",
                std::slice::from_ref(why),
            ));
        }
    }
    notes.extend(
        row.decisions
            .iter()
            .map(|d| changes::decision_note(d, lang)),
    );
    notes.join("; ")
}
