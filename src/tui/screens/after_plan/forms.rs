//! The after-plan screen's forms, one per kind of record, each read into an
//! [`AfterPlanCommand`] or the errors to show on its fields (index, message). The rules
//! that need stored facts (the plan approved, nobody in both groups, a lower percent, a
//! posting before the money) are the command's; these check what was typed.

use crate::commands::AfterPlanCommand as A;
use crate::domain::activity::FundingSource;
use crate::domain::after_plan::{
    Acceptance, AcceptanceResult, AfterPlanRecord, Assignment, Budget, ContributionKind, Decision,
    Evaluation, GroupKind, GroupMember, ProgressEntry, Receipt, Round, WorkOwner,
};
use crate::domain::annual::{AnnualError, Progress, Quality, parse_amount_or_zero};
use crate::domain::meeting::{display_date, parse_date};
use crate::domain::number::{parse_decimal, parse_whole};
use crate::domain::text::fold;
use crate::domain::{Gender, Person};
use crate::i18n::{Lang, t};
use crate::tui::widgets::form::{Field, Form};

/// Errors to show: (field index, message).
pub(super) type Errors = Vec<(usize, String)>;

/// Which record a form makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// The commune's assignment.
    Assign,
    /// A group member.
    Member,
    /// A ledger line.
    Receipt,
    /// A progress line.
    Progress,
    /// The acceptance.
    Accept,
    /// A public posting.
    Disclose,
    /// An evaluation.
    Evaluate,
}

/// What a form is about: the item, its plan facts and what is recorded.
pub(super) struct Subject<'a> {
    /// The annual-plan item.
    pub item: i64,
    /// The activity's name.
    pub name: &'a str,
    /// The planned quantity.
    pub quantity: Option<f64>,
    /// The planned cost and the amount asked, by source, as a starting budget.
    pub planned: Budget,
    /// What is recorded after the plan.
    pub after: &'a AfterPlanRecord,
    /// The village's register.
    pub people: &'a [Person],
    /// The last date typed on this screen (ISO), to start the next form from.
    pub last_date: &'a str,
}

fn labels<T: Copy>(all: &[T], key: impl Fn(T) -> &'static str, lang: Lang) -> Vec<String> {
    all.iter().map(|v| t(lang, key(*v))).collect()
}

fn position<T: PartialEq>(all: &[T], value: &T) -> Option<usize> {
    all.iter().position(|v| v == value)
}

fn amount_text(n: i64) -> String {
    if n == 0 { String::new() } else { n.to_string() }
}

fn date_field(lang: Lang, iso: &str) -> Field {
    Field::text(t(lang, "rec.date"), &display_date(iso))
}

/// The form for `kind` about `s`, prefilled from what is recorded.
pub(super) fn form(kind: Kind, s: &Subject, lang: Lang) -> Form {
    let title = format!("{} · {}", t(lang, title_key(kind)), s.name);
    Form::new(title, fields(kind, s, lang))
}

fn title_key(kind: Kind) -> &'static str {
    match kind {
        Kind::Assign => "after.life.assigned",
        Kind::Member => "after.form.member",
        Kind::Receipt => "after.form.receipt",
        Kind::Progress => "after.form.progress",
        Kind::Accept => "after.form.accept",
        Kind::Disclose => "after.form.disclose",
        Kind::Evaluate => "after.form.evaluate",
    }
}

fn fields(kind: Kind, s: &Subject, lang: Lang) -> Vec<Field> {
    let l = |k: &str| t(lang, k);
    match kind {
        Kind::Assign => assign_fields(s, lang),
        Kind::Member => vec![
            Field::text(l("after.field.name"), ""),
            Field::choice(
                l("after.field.group"),
                labels(GroupKind::ALL, GroupKind::label_key, lang),
                Some(0),
            ),
            Field::text(l("after.field.role"), ""),
            Field::choice(
                l("after.field.gender_outside"),
                vec![l("gender.m"), l("gender.f")],
                None,
            ),
        ],
        Kind::Receipt => vec![
            date_field(lang, s.last_date),
            Field::choice(
                l("after.field.source"),
                FundingSource::ALL
                    .iter()
                    .map(|f| t(lang, &f.label_key()))
                    .collect(),
                Some(0),
            ),
            Field::choice(
                l("after.field.kind"),
                labels(ContributionKind::ALL, ContributionKind::label_key, lang),
                Some(0),
            ),
            Field::text(l("after.field.amount"), ""),
            Field::text(l("after.field.from"), ""),
            Field::text(l("after.field.note"), ""),
        ],
        Kind::Progress => vec![
            date_field(lang, s.last_date),
            Field::text(l("after.field.percent"), ""),
            Field::text(l("after.field.note"), ""),
            Field::text(l("after.field.problem"), ""),
            Field::text(l("after.field.down_reason"), ""),
        ],
        Kind::Accept => vec![
            date_field(lang, s.last_date),
            Field::choice(
                l("after.field.result"),
                labels(AcceptanceResult::ALL, AcceptanceResult::label_key, lang),
                Some(0),
            ),
            Field::text(l("after.field.signed_by"), ""),
            Field::text(l("after.field.note"), ""),
        ],
        Kind::Disclose => vec![
            date_field(lang, s.last_date),
            Field::text(l("after.field.place"), ""),
            Field::text(l("after.field.spent"), ""),
            Field::text(l("after.field.note"), ""),
        ],
        Kind::Evaluate => evaluate_fields(s, lang),
    }
}

fn assign_fields(s: &Subject, lang: Lang) -> Vec<Field> {
    let l = |k: &str| t(lang, k);
    let held = s.after.assignment(s.item);
    let budget = held.map_or(s.planned, |a| a.budget);
    let mut fields = vec![
        Field::choice(
            l("after.field.decision"),
            labels(Decision::ALL, short_decision_key, lang),
            held.and_then(|a| position(Decision::ALL, &a.decision))
                .or(Some(0)),
        ),
        Field::text(
            l("after.field.reason"),
            held.map_or("", |a| a.reason.as_str()),
        ),
        Field::text(
            crate::i18n::tf(lang, "after.field.target", &[planned_quantity(s, lang)]),
            &held
                .and_then(|a| a.target_quantity)
                .map(|q| q.to_string())
                .unwrap_or_default(),
        ),
        Field::choice(
            l("after.field.owner"),
            labels(WorkOwner::ALL, WorkOwner::label_key, lang),
            held.and_then(|a| position(WorkOwner::ALL, &a.owner))
                .or(Some(0)),
        ),
    ];
    for source in FundingSource::ALL {
        fields.push(Field::text(
            t(lang, &source.label_key()),
            &amount_text(budget.get(source)),
        ));
    }
    fields.push(date_field(
        lang,
        held.map_or(s.last_date, |a| a.date.as_str()),
    ));
    fields
}

/// The short label of a decision, to fit a choice at 80 columns.
pub(super) fn short_decision_key(decision: Decision) -> &'static str {
    match decision {
        Decision::Accepted => "after.short.accepted",
        Decision::Changed => "after.short.changed",
        Decision::NotFunded => "after.short.not_funded",
    }
}

/// The planned quantity as the facilitator reads it ("—" when the plan has none).
fn planned_quantity(s: &Subject, lang: Lang) -> String {
    s.quantity
        .map(|q| crate::export::html::number_text(q, lang))
        .unwrap_or_else(|| "—".into())
}

fn evaluate_fields(s: &Subject, lang: Lang) -> Vec<Field> {
    let l = |k: &str| t(lang, k);
    let round = match s.after.evaluation(s.item, Round::SixMonths) {
        Some(_) => 1,
        None => 0,
    };
    let percent = s
        .after
        .last_progress(s.item)
        .map(|p| p.percent.to_string())
        .unwrap_or_default();
    vec![
        Field::choice(
            l("after.field.round"),
            labels(Round::ALL, Round::label_key, lang),
            Some(round),
        ),
        date_field(lang, s.last_date),
        Field::choice(
            l("after.field.progress"),
            labels(&Progress::ALL, Progress::label_key, lang),
            None,
        ),
        Field::text(l("after.field.completion"), &percent),
        Field::choice(
            l("after.field.quality"),
            labels(&Quality::ALL, Quality::label_key, lang),
            None,
        ),
        Field::text(l("after.field.difficulties"), ""),
        Field::text(l("after.field.against_plan"), ""),
        Field::text(l("after.field.against_last_year"), ""),
    ]
}

/// The command the form describes, or the errors to show.
pub(super) fn read(kind: Kind, form: &Form, s: &Subject, lang: Lang) -> Result<A, Errors> {
    match kind {
        Kind::Assign => read_assign(form, s, lang),
        Kind::Member => read_member(form, s, lang),
        Kind::Receipt => read_receipt(form, s, lang),
        Kind::Progress => read_progress(form, s, lang),
        Kind::Accept => read_accept(form, s, lang),
        Kind::Disclose => read_disclose(form, s, lang),
        Kind::Evaluate => read_evaluate(form, s, lang),
    }
}

/// Reads field `i` with `parse`, noting its error.
fn field<T>(errors: &mut Errors, i: usize, parsed: Result<T, String>) -> Option<T> {
    parsed.map_err(|e| errors.push((i, e))).ok()
}

fn date(form: &Form, i: usize, lang: Lang) -> Result<String, String> {
    match parse_date(&form.text(i)) {
        Ok(d) if !d.is_empty() => Ok(d),
        _ => Err(t(lang, "after.err.date_required")),
    }
}

fn amount(form: &Form, i: usize, lang: Lang) -> Result<i64, String> {
    parse_amount_or_zero(&form.text(i)).map_err(|e| match e {
        AnnualError::Number(e) => t(lang, e.key()),
        _ => t(lang, "after.err.amount"),
    })
}

fn percent(form: &Form, i: usize, lang: Lang) -> Result<u8, String> {
    match parse_whole(form.text(i).trim().trim_end_matches('%')) {
        Ok(Some(p)) if p <= 100 => Ok(p as u8),
        _ => Err(t(lang, "after.err.percent")),
    }
}

fn chosen<T: Copy>(form: &Form, i: usize, all: &[T], lang: Lang) -> Result<T, String> {
    form.chosen(i)
        .and_then(|c| all.get(c).copied())
        .ok_or_else(|| t(lang, "after.err.choose"))
}

fn done<T>(errors: Errors, value: Option<T>) -> Result<T, Errors> {
    match value {
        Some(v) if errors.is_empty() => Ok(v),
        _ => Err(errors),
    }
}

fn read_assign(form: &Form, s: &Subject, lang: Lang) -> Result<A, Errors> {
    let mut e = Errors::new();
    let decision = field(&mut e, 0, chosen(form, 0, Decision::ALL, lang));
    let reason = form.text(1).trim().to_string();
    if decision.is_some_and(|d| d != Decision::Accepted) && reason.is_empty() {
        e.push((1, t(lang, "after.err.reason_required")));
    }
    let target = match parse_decimal(&form.text(2)) {
        Ok(None) => Ok(None),
        Ok(Some(q)) if q > 0.0 && q.is_finite() => Ok(Some(q)),
        Ok(Some(_)) => Err(t(lang, "after.err.quantity")),
        Err(e) => Err(t(lang, e.key())),
    };
    let target = field(&mut e, 2, target);
    let owner = field(&mut e, 3, chosen(form, 3, WorkOwner::ALL, lang));
    let mut budget = Budget::default();
    for (n, source) in FundingSource::ALL.into_iter().enumerate() {
        if let Some(v) = field(&mut e, 4 + n, amount(form, 4 + n, lang)) {
            budget.add(source, v);
        }
    }
    let date = field(&mut e, 9, date(form, 9, lang));
    let value = match (decision, target, owner, date) {
        (Some(decision), Some(target_quantity), Some(owner), Some(date)) => {
            Some(A::Assign(Assignment {
                item: s.item,
                decision,
                reason,
                target_quantity,
                owner,
                budget,
                date,
            }))
        }
        _ => None,
    };
    done(e, value)
}

/// The register's person a typed name means: the one whose name folds the same, or the
/// only one whose name holds the typed letters.
pub(super) fn find_person<'a>(
    people: &'a [Person],
    typed: &str,
) -> Result<Option<&'a Person>, Vec<&'a Person>> {
    let typed = fold(typed.trim());
    if typed.is_empty() {
        return Ok(None);
    }
    if let Some(p) = people.iter().find(|p| fold(&p.name) == typed) {
        return Ok(Some(p));
    }
    let matches: Vec<&Person> = people
        .iter()
        .filter(|p| fold(&p.name).contains(&typed))
        .collect();
    match matches.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(*one)),
        _ => Err(matches),
    }
}

fn read_member(form: &Form, s: &Subject, lang: Lang) -> Result<A, Errors> {
    let mut e = Errors::new();
    let kind = field(&mut e, 1, chosen(form, 1, GroupKind::ALL, lang));
    let typed = form.text(0).trim().to_string();
    if typed.is_empty() {
        e.push((0, t(lang, "after.err.name_required")));
    }
    let person = match find_person(s.people, &typed) {
        Ok(p) => p,
        Err(many) => {
            let names: Vec<&str> = many.iter().take(3).map(|p| p.name.as_str()).collect();
            e.push((
                1,
                format!("{} {}", t(lang, "after.err.which_person"), names.join(", ")),
            ));
            None
        }
    };
    let outsider_allowed = kind == Some(GroupKind::Board);
    if person.is_none() && !typed.is_empty() && !outsider_allowed && e.is_empty() {
        e.push((0, t(lang, "after.err.not_in_register")));
    }
    let gender = match person {
        Some(p) => Some(p.gender),
        None => field(
            &mut e,
            3,
            chosen(form, 3, &[Gender::Male, Gender::Female], lang),
        ),
    };
    let value = match (kind, gender) {
        (Some(kind), Some(gender)) => Some(A::AddMember(GroupMember {
            id: 0,
            item: s.item,
            kind,
            person: person.map(|p| p.id),
            name: person.map_or(typed, |p| p.name.clone()),
            gender,
            role: form.text(2).trim().to_string(),
        })),
        _ => None,
    };
    done(e, value)
}

fn read_receipt(form: &Form, s: &Subject, lang: Lang) -> Result<A, Errors> {
    let mut e = Errors::new();
    let date = field(&mut e, 0, date(form, 0, lang));
    let source = field(&mut e, 1, chosen(form, 1, &FundingSource::ALL, lang));
    let kind = field(&mut e, 2, chosen(form, 2, ContributionKind::ALL, lang));
    let amount = field(
        &mut e,
        3,
        amount(form, 3, lang).and_then(|a| {
            if a > 0 {
                Ok(a)
            } else {
                Err(t(lang, "after.err.amount_zero"))
            }
        }),
    );
    let value = match (date, source, kind, amount) {
        (Some(date), Some(source), Some(kind), Some(amount)) => Some(A::AddReceipt(Receipt {
            id: 0,
            item: s.item,
            date,
            source,
            kind,
            amount,
            from: form.text(4).trim().to_string(),
            note: form.text(5).trim().to_string(),
        })),
        _ => None,
    };
    done(e, value)
}

fn read_progress(form: &Form, s: &Subject, lang: Lang) -> Result<A, Errors> {
    let mut e = Errors::new();
    let date = field(&mut e, 0, date(form, 0, lang));
    let percent = field(&mut e, 1, percent(form, 1, lang));
    let reason = form.text(4).trim().to_string();
    let last = s.after.last_progress(s.item).map(|p| p.percent);
    if let (Some(p), Some(last)) = (percent, last)
        && p < last
        && reason.is_empty()
    {
        let text = crate::i18n::tf(lang, "after.err.progress_down_field", &[last.to_string()]);
        e.push((4, text));
    }
    let value = match (date, percent) {
        (Some(date), Some(percent)) => Some(A::AddProgress(ProgressEntry {
            id: 0,
            item: s.item,
            date,
            percent,
            note: form.text(2).trim().to_string(),
            problem: form.text(3).trim().to_string(),
            reason,
        })),
        _ => None,
    };
    done(e, value)
}

fn read_accept(form: &Form, s: &Subject, lang: Lang) -> Result<A, Errors> {
    let mut e = Errors::new();
    let date = field(&mut e, 0, date(form, 0, lang));
    let result = field(&mut e, 1, chosen(form, 1, AcceptanceResult::ALL, lang));
    let value = match (date, result) {
        (Some(date), Some(result)) => Some(A::Accept(Acceptance {
            item: s.item,
            date,
            result,
            signed_by: form.text(2).trim().to_string(),
            note: form.text(3).trim().to_string(),
        })),
        _ => None,
    };
    done(e, value)
}

fn read_disclose(form: &Form, s: &Subject, lang: Lang) -> Result<A, Errors> {
    let mut e = Errors::new();
    let date = field(&mut e, 0, date(form, 0, lang));
    let place = form.text(1).trim().to_string();
    if place.is_empty() {
        e.push((1, t(lang, "after.err.place_required")));
    }
    let spent = field(&mut e, 2, amount(form, 2, lang));
    let value = match (date, spent) {
        (Some(date), Some(spent)) => Some(A::Disclose {
            item: s.item,
            date,
            place,
            spent,
            note: form.text(3).trim().to_string(),
        }),
        _ => None,
    };
    done(e, value)
}

fn read_evaluate(form: &Form, s: &Subject, lang: Lang) -> Result<A, Errors> {
    let mut e = Errors::new();
    let round = field(&mut e, 0, chosen(form, 0, Round::ALL, lang));
    let date = field(&mut e, 1, date(form, 1, lang));
    let progress = field(&mut e, 2, chosen(form, 2, &Progress::ALL, lang));
    let completion = field(&mut e, 3, percent(form, 3, lang));
    let quality = form.chosen(4).and_then(|c| Quality::ALL.get(c).copied());
    if quality.is_none() && progress.is_some_and(|p| p != Progress::NotStarted) {
        e.push((4, t(lang, "after.err.choose")));
    }
    let value = match (round, date, progress, completion) {
        (Some(round), Some(date), Some(progress), Some(completion)) => {
            Some(A::Evaluate(Evaluation {
                item: s.item,
                round,
                date,
                progress,
                completion,
                quality,
                difficulties: form.text(5).trim().to_string(),
                against_plan: form.text(6).trim().to_string(),
                against_last_year: form.text(7).trim().to_string(),
            }))
        }
        _ => None,
    };
    done(e, value)
}
