//! The after-plan screen's forms, one per kind of record, each read into an
//! [`AfterPlanCommand`] or the errors to show on its fields (index, message). The rules
//! that need stored facts (the plan approved, nobody in both groups, a lower percent, a
//! posting before the money) are the command's; these check what was typed.

use crate::commands::AfterPlanCommand as A;
use crate::domain::activity::FundingSource;
use crate::domain::after_plan::{
    Acceptance, AcceptanceResult, AfterPlanError, AfterPlanRecord, Budget, ContributionKind,
    Decision, Evaluation, GroupKind, GroupMember, ProgressEntry, Receipt, Round, WorkOwner,
    check_new_member, disclosed_amounts,
};
use crate::domain::annual::{
    AnnualError, AnnualItemId, Progress, Quality, parse_amount_or_zero, parse_spoken_amount,
};
use crate::domain::meeting::{display_date, parse_date};
use crate::domain::number::parse_whole;
use crate::domain::text::fold;
use crate::domain::{Gender, Person};
use crate::export::html::number_text;
use crate::i18n::{Label, Lang};
use crate::tui::widgets::form::{Field, Form, about};

pub(super) use crate::tui::widgets::form::Errors;

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
    pub item: AnnualItemId,
    /// The activity's name.
    pub name: &'a str,
    /// The planned quantity.
    pub quantity: Option<f64>,
    /// Its unit.
    pub unit: &'a str,
    /// The planned cost and the amount asked, by source, as a starting budget.
    pub planned: Budget,
    /// What is recorded after the plan.
    pub after: &'a AfterPlanRecord,
    /// The village's register.
    pub people: &'a [Person],
    /// The last date typed on this screen (ISO), to start the next form from.
    pub last_date: &'a str,
}

impl Subject<'_> {
    /// What the assignment form starts from.
    pub fn assign_start(&self) -> super::assign::AssignStart<'_> {
        super::assign::AssignStart {
            name: self.name,
            quantity: self.quantity,
            unit: self.unit,
            planned: self.planned,
            held: self.after.assignment(self.item),
            last_date: self.last_date,
        }
    }
}

pub(super) fn labels<T: Copy>(all: &[T], key: impl Fn(T) -> &'static str) -> Vec<Label> {
    all.iter().map(|v| Label::key(key(*v))).collect()
}

pub(super) fn position<T: PartialEq>(all: &[T], value: &T) -> Option<usize> {
    all.iter().position(|v| v == value)
}

/// A prefilled amount, grouped the way the facilitator reads it (50.000.000).
/// An amount to edit, grouped the Vietnamese way in both languages: the one way every
/// numeric field reads ("50.000.000").
pub(super) fn amount_text(n: i64) -> String {
    if n == 0 {
        String::new()
    } else {
        number_text(n as f64, Lang::Vi)
    }
}

/// The short label of a funding source, so the five fit one line of a form.
fn short_source_key(source: FundingSource) -> String {
    format!("after.src.{}", source.code())
}

/// The short label of a contribution kind, with its unit.
fn short_kind_key(kind: ContributionKind) -> &'static str {
    match kind {
        ContributionKind::Money => "after.short.money",
        ContributionKind::Labour => "after.short.labour",
        ContributionKind::Materials => "after.short.materials",
        ContributionKind::Land => "after.short.land",
    }
}

/// The short label of who carries a work out.
pub(super) fn short_owner_key(owner: WorkOwner) -> &'static str {
    match owner {
        WorkOwner::Village => "after.short.owner_village",
        WorkOwner::Commune => "after.short.owner_commune",
    }
}

/// The short label of a group (the board's full name does not fit beside the others).
fn short_group_key(kind: GroupKind) -> &'static str {
    match kind {
        GroupKind::Management => "after.short.management",
        GroupKind::Monitoring => "after.short.monitoring",
        GroupKind::Board => "after.short.board",
    }
}

/// The short label of an acceptance result.
fn short_result_key(result: AcceptanceResult) -> &'static str {
    match result {
        AcceptanceResult::Passed => "after.short.passed",
        AcceptanceResult::WithFixes => "after.short.with_fixes",
        AcceptanceResult::Failed => "after.short.failed",
    }
}

pub(super) fn date_field(iso: &str) -> Field {
    Field::text("rec.date", &display_date(iso))
}

/// The form for `kind` about `s`, prefilled from what is recorded.
pub(super) fn form(kind: Kind, s: &Subject) -> Form {
    let title = about(title_key(kind), Label::text(s.name));
    Form::new(title, fields(kind, s))
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

fn fields(kind: Kind, s: &Subject) -> Vec<Field> {
    match kind {
        Kind::Assign => super::assign::fields(&s.assign_start()),
        Kind::Member => vec![
            Field::text("after.label.name", ""),
            Field::choice(
                "after.field.group",
                labels(GroupKind::ALL, short_group_key),
                Some(0),
            ),
            Field::text("after.field.role", ""),
            Field::choice("after.label.gender_outside", ["gender.m", "gender.f"], None),
        ],
        Kind::Receipt => vec![
            date_field(s.last_date),
            Field::choice(
                "after.field.source",
                FundingSource::ALL
                    .iter()
                    .map(|f| Label::key(short_source_key(*f))),
                Some(0),
            ),
            Field::choice(
                "after.field.kind",
                labels(ContributionKind::ALL, short_kind_key),
                Some(0),
            ),
            Field::text("after.label.amount", ""),
            Field::text("after.label.from", ""),
            Field::text("after.field.note", ""),
        ],
        Kind::Progress => vec![
            date_field(s.last_date),
            Field::text("after.field.percent", ""),
            Field::text("after.field.note", ""),
            Field::text("after.field.problem", ""),
            Field::text("after.field.down_reason", ""),
        ],
        Kind::Accept => accept_fields(s),
        Kind::Disclose => vec![
            date_field(s.last_date),
            Field::text("after.field.place", ""),
            Field::text("after.field.spent", ""),
            Field::text("after.field.note", ""),
        ],
        Kind::Evaluate => evaluate_fields(s, None),
    }
}

/// The short label of a decision, to fit a choice at 80 columns.
pub(in crate::tui::screens) fn short_decision_key(decision: Decision) -> &'static str {
    match decision {
        Decision::Accepted => "after.short.accepted",
        Decision::Changed => "after.short.changed",
        Decision::NotFunded => "after.short.not_funded",
    }
}

/// The short label of a round, to fit a choice at 80 columns.
pub(super) fn short_round_key(round: Round) -> &'static str {
    match round {
        Round::SixMonths => "after.short.six_months",
        Round::YearEnd => "after.short.year_end",
    }
}

/// The acceptance form, prefilled from the acceptance recorded, if any (saving replaces it).
fn accept_fields(s: &Subject) -> Vec<Field> {
    let held = s.after.acceptance(s.item);
    vec![
        date_field(held.map_or(s.last_date, |a| a.date.as_str())),
        Field::choice(
            "after.field.result",
            labels(AcceptanceResult::ALL, short_result_key),
            held.and_then(|a| position(AcceptanceResult::ALL, &a.result))
                .or(Some(0)),
        ),
        Field::text(
            "after.field.signed_by",
            held.map_or("", |a| a.signed_by.as_str()),
        ),
        Field::text("after.field.note", held.map_or("", |a| a.note.as_str())),
    ]
}

/// The evaluation form for round `round` (an index of [`Round::ALL`]), started from that
/// round's record: the screen rebuilds it when the facilitator changes the round.
pub(super) fn evaluate_form(s: &Subject, round: usize) -> Form {
    let title = about(title_key(Kind::Evaluate), Label::text(s.name));
    Form::new(title, evaluate_fields(s, Some(round)))
}

/// The evaluation's fields for `round` (by default the 6-month round until it is
/// recorded, then the year-end one).
fn evaluate_fields(s: &Subject, round: Option<usize>) -> Vec<Field> {
    let round = round.unwrap_or(match s.after.evaluation(s.item, Round::SixMonths) {
        Some(_) => 1,
        None => 0,
    });
    // The round's evaluation recorded, if any: saving replaces it, so it starts from it.
    let held = Round::ALL
        .get(round)
        .and_then(|r| s.after.evaluation(s.item, *r));
    let percent = match held {
        Some(e) => e.completion.to_string(),
        None => s
            .after
            .last_progress(s.item)
            .map(|p| p.percent.to_string())
            .unwrap_or_default(),
    };
    let text = |f: fn(&Evaluation) -> &str| held.map_or("", f);
    vec![
        Field::choice(
            "after.field.round",
            labels(Round::ALL, short_round_key),
            Some(round),
        ),
        date_field(held.map_or(s.last_date, |e| e.date.as_str())),
        Field::choice(
            "after.field.progress",
            labels(&Progress::ALL, Progress::label_key),
            held.and_then(|e| position(&Progress::ALL, &e.progress)),
        ),
        Field::text("after.label.completion", &percent),
        Field::choice(
            "after.field.quality",
            labels(&Quality::ALL, Quality::label_key),
            held.and_then(|e| e.quality)
                .and_then(|q| position(&Quality::ALL, &q)),
        ),
        Field::text("after.field.difficulties", text(|e| &e.difficulties)),
        Field::text("after.field.against_plan", text(|e| &e.against_plan)),
        Field::text(
            "after.field.against_last_year",
            text(|e| &e.against_last_year),
        ),
    ]
}

/// The command the form describes, or the errors to show.
pub(super) fn read(kind: Kind, form: &Form, s: &Subject) -> Result<A, Errors> {
    match kind {
        Kind::Assign => super::assign::read(form, s.item).map(A::Assign),
        Kind::Member => read_member(form, s),
        Kind::Receipt => read_receipt(form, s),
        Kind::Progress => read_progress(form, s),
        Kind::Accept => read_accept(form, s),
        Kind::Disclose => read_disclose(form, s),
        Kind::Evaluate => read_evaluate(form, s),
    }
}

/// Reads field `i` with `parse`, noting its error.
pub(super) fn field<T>(errors: &mut Errors, i: usize, parsed: Result<T, Label>) -> Option<T> {
    parsed.map_err(|e| errors.push((i, e))).ok()
}

pub(super) fn date(form: &Form, i: usize) -> Result<String, Label> {
    match parse_date(&form.text(i)) {
        Ok(d) if !d.is_empty() => Ok(d),
        _ => Err("after.err.date_required".into()),
    }
}

pub(super) fn amount(form: &Form, i: usize) -> Result<i64, Label> {
    let text = form.text(i);
    parse_spoken_amount(&text).ok_or_else(|| match parse_amount_or_zero(&text) {
        Err(AnnualError::Number(e)) => e.key().into(),
        _ => "after.fe.amount".into(),
    })
}

fn percent(form: &Form, i: usize) -> Result<u8, Label> {
    match parse_whole(form.text(i).trim().trim_end_matches('%')) {
        Ok(Some(p)) if p <= 100 => Ok(p as u8),
        _ => Err("after.err.percent".into()),
    }
}

pub(super) fn chosen<T: Copy>(form: &Form, i: usize, all: &[T]) -> Result<T, Label> {
    form.chosen(i)
        .and_then(|c| all.get(c).copied())
        .ok_or_else(|| "after.err.choose".into())
}

/// The value, or the errors in the form's order (the first one gets the focus).
pub(super) fn done<T>(mut errors: Errors, value: Option<T>) -> Result<T, Errors> {
    errors.sort_by_key(|(i, _)| *i);
    match value {
        Some(v) if errors.is_empty() => Ok(v),
        _ => Err(errors),
    }
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

fn read_member(form: &Form, s: &Subject) -> Result<A, Errors> {
    let mut e = Errors::new();
    let kind = field(&mut e, 1, chosen(form, 1, GroupKind::ALL));
    let typed = form.text(0).trim().to_string();
    let mut person = None;
    if typed.is_empty() {
        e.push((0, "after.err.name_required".into()));
    } else {
        match find_person(s.people, &typed) {
            Ok(found) => person = found,
            Err(many) => {
                let first = many.first().map_or("", |p| p.name.as_str());
                let text = Label::tf(
                    "after.fe.which_person",
                    &[many.len().to_string(), first.to_string()],
                );
                e.push((0, text));
            }
        }
    }
    // Someone typed who is not in the register: only the board takes outsiders.
    let outsider = person.is_none() && e.is_empty();
    if outsider && kind.is_some_and(|k| k != GroupKind::Board) {
        e.push((0, "after.fe.not_in_register".into()));
    }
    if let (Some(p), Some(kind)) = (person, kind) {
        match check_new_member(&s.after.members, s.item, kind, Some(p.id), &p.name) {
            Err(AfterPlanError::AlreadyMember) => {
                e.push((0, "after.fe.already_member".into()));
            }
            Err(AfterPlanError::InBothGroups(_)) => {
                let other = kind.other().map_or("", GroupKind::label_key);
                let args = vec![other.into()];
                e.push((0, Label::Args("after.fe.in_both_groups".into(), args)));
            }
            _ => {}
        }
    }
    let gender = match person {
        Some(p) => Some(p.gender),
        None if outsider && kind == Some(GroupKind::Board) => {
            field(&mut e, 3, chosen(form, 3, &[Gender::Male, Gender::Female]))
        }
        None => None,
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

fn read_receipt(form: &Form, s: &Subject) -> Result<A, Errors> {
    let mut e = Errors::new();
    let date = field(&mut e, 0, date(form, 0));
    let source = field(&mut e, 1, chosen(form, 1, &FundingSource::ALL));
    let kind = field(&mut e, 2, chosen(form, 2, ContributionKind::ALL));
    let amount = field(
        &mut e,
        3,
        amount(form, 3).and_then(|a| {
            if a > 0 {
                Ok(a)
            } else {
                Err("after.fe.amount_zero".into())
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

fn read_progress(form: &Form, s: &Subject) -> Result<A, Errors> {
    let mut e = Errors::new();
    let date = field(&mut e, 0, date(form, 0));
    let percent = field(&mut e, 1, percent(form, 1));
    let reason = form.text(4).trim().to_string();
    let last = s.after.last_progress(s.item).map(|p| p.percent);
    if let (Some(p), Some(last)) = (percent, last)
        && p < last
        && reason.is_empty()
    {
        let text = Label::tf("after.err.progress_down_field", &[last.to_string()]);
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

fn read_accept(form: &Form, s: &Subject) -> Result<A, Errors> {
    let mut e = Errors::new();
    let date = field(&mut e, 0, date(form, 0));
    let result = field(&mut e, 1, chosen(form, 1, AcceptanceResult::ALL));
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

fn read_disclose(form: &Form, s: &Subject) -> Result<A, Errors> {
    let mut e = Errors::new();
    let date = field(&mut e, 0, date(form, 0));
    let place = form.text(1).trim().to_string();
    if place.is_empty() {
        e.push((1, "after.err.place_required".into()));
    }
    if let Some(d) = &date {
        // The ledger is at hand: a posting before the money is refused on its date.
        match disclosed_amounts(&s.after.receipts_of(s.item), d) {
            Err(AfterPlanError::DisclosureBeforeMoney(first)) => {
                e.push((
                    0,
                    Label::tf("after.fe.before_money", &[display_date(&first)]),
                ));
            }
            Err(AfterPlanError::NothingReceived) => {
                e.push((0, "after.fe.nothing_received".into()));
            }
            _ => {}
        }
    }
    let spent = field(&mut e, 2, amount(form, 2));
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

fn read_evaluate(form: &Form, s: &Subject) -> Result<A, Errors> {
    let mut e = Errors::new();
    let round = field(&mut e, 0, chosen(form, 0, Round::ALL));
    let date = field(&mut e, 1, date(form, 1));
    let progress = field(&mut e, 2, chosen(form, 2, &Progress::ALL));
    let completion = field(&mut e, 3, percent(form, 3));
    let quality = form.chosen(4).and_then(|c| Quality::ALL.get(c).copied());
    if quality.is_none() && progress.is_some_and(|p| p != Progress::NotStarted) {
        e.push((4, "after.err.choose".into()));
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
