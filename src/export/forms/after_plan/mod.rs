//! The forms after the plan (phases 3-5 of the procedure), made from the cycle's
//! [`AfterPlanRecord`](crate::domain::after_plan::AfterPlanRecord): the commune's
//! assignment ("Giao kế hoạch"), the management and monitoring groups (with the Community
//! Investment Supervision Board of a commune-owned work), the implementation record (the
//! ledger, received against assigned, the progress log, acceptance), the log of public
//! postings with one printable notice per posting, and the commune's two evaluations. A
//! cycle with nothing recorded after its plan has none of these forms.

mod assignment;
mod disclosure;
mod evaluation;
mod groups;
mod implementation;

use super::{Column, Form, Value, col, num, number, text};
use crate::domain::activity::FundingSource;
use crate::domain::after_plan::Budget;
use crate::domain::record::{AnnualItemRecord, CycleRecord};
use crate::domain::{activity::ValidActivity, after_plan::Round};
use crate::i18n::{Lang, t};

/// The after-plan forms of a cycle, in the procedure's order; none when nothing was
/// recorded after the plan.
pub(super) fn forms(r: &CycleRecord, lang: Lang) -> Vec<Form> {
    if r.after.is_empty() {
        return Vec::new();
    }
    let mut forms = vec![
        assignment::assignment(r, lang),
        groups::management(r, lang),
        groups::monitoring(r, lang),
        implementation::implementation(r, lang),
        disclosure::log(r, lang),
    ];
    forms.extend(disclosure::notices(r, lang));
    forms.push(evaluation::evaluation(r, Round::SixMonths, lang));
    forms.push(evaluation::evaluation(r, Round::YearEnd, lang));
    forms
}

/// One item of the annual plan with its activity, numbered in form 4's order.
#[derive(Clone, Copy)]
struct Work<'a> {
    /// Its number in form 4's order (part 1 first, each part by rank).
    no: usize,
    /// The annual-plan item.
    item: &'a AnnualItemRecord,
    /// The activity (none when it was since deleted).
    activity: Option<&'a ValidActivity>,
}

impl Work<'_> {
    /// The activity's name.
    fn name(&self) -> String {
        self.activity.map(|a| a.name.clone()).unwrap_or_default()
    }

    /// The activity's unit.
    fn unit(&self) -> String {
        self.activity.map(|a| a.unit.clone()).unwrap_or_default()
    }

    /// The quantity planned.
    fn planned(&self) -> Option<f64> {
        self.activity.and_then(|a| a.quantity)
    }
}

/// The annual plan's items in form 4's order (part 1 first, each part by rank).
fn works(r: &CycleRecord) -> Vec<Work<'_>> {
    let items = &r.annual.items;
    let mut ordered: Vec<&AnnualItemRecord> = r
        .annual_ranking()
        .iter()
        .filter_map(|rk| items.iter().find(|i| i.id.0 == rk.activity))
        .collect();
    for item in items {
        if !ordered.iter().any(|o| o.id == item.id) {
            ordered.push(item);
        }
    }
    ordered
        .into_iter()
        .enumerate()
        .map(|(i, item)| Work {
            no: i + 1,
            item,
            activity: r.activity(item.activity).map(|a| &a.activity.fields),
        })
        .collect()
}

/// "3. Đường bê tông" (a work's group title).
fn work_title(w: &Work) -> String {
    format!("{}. {}", w.no, w.name())
}

/// One đồng column per funding source, summed.
fn source_columns(lang: Lang) -> Vec<Column> {
    FundingSource::ALL
        .iter()
        .map(|s| num(lang, &s.label_key(), Some("form.unit.vnd"), true))
        .collect()
}

/// The amounts of a budget, one cell per funding source.
fn source_cells(b: &Budget) -> Vec<Value> {
    FundingSource::ALL
        .iter()
        .map(|s| number(b.get(*s) as f64))
        .collect()
}

/// The number column and the activity column every after-plan table starts with.
fn work_columns(lang: Lang) -> Vec<Column> {
    vec![
        num(lang, "export.col.no", None, false),
        col(lang, "export.col.activity"),
    ]
}

/// The cells of [`work_columns`].
fn work_cells(w: &Work) -> Vec<Value> {
    vec![number(w.no as f64), text(w.name())]
}

/// A date `dd/mm/yyyy` cell.
fn date_cell(iso: &str) -> Value {
    text(crate::export::date(iso))
}

/// A label cell.
fn label(lang: Lang, key: &str) -> Value {
    text(t(lang, key))
}

/// Signature roles from their keys.
fn signatures(lang: Lang, keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| t(lang, k)).collect()
}

/// A header line listing the distinct dates (`dd/mm/yyyy`, in order) of some records.
fn dates_line<'a>(form: &mut Form, lang: Lang, key: &str, dates: impl Iterator<Item = &'a str>) {
    let mut shown: Vec<&str> = dates.collect();
    shown.sort_unstable();
    shown.dedup();
    let shown: Vec<String> = shown.into_iter().map(crate::export::date).collect();
    form.line(lang, key, text(shown.join(", ")));
}
