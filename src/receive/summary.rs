//! The dry run's lines, in the interface language: per file the village, commune, year,
//! plan versions, check code and what importing it would do, with a conflict's difference
//! (for a commune bundle: the commune, district, year, villages and commune plan version).

use crate::commands::import::{
    AssignmentPlanned, CommuneMatch, CommunePlanned, ConflictKind, FilePlan, LineFate, PlanDiff,
    Planned, Verdict,
};
use crate::export::bundle::{self, PlanKind};
use crate::i18n::{Lang, t, tf};

/// The lines of one file's finding.
pub fn lines(lang: Lang, plan: &FilePlan) -> Vec<String> {
    match plan {
        FilePlan::Refused { file_name, why } => {
            vec![tf(lang, "import.refused", &[why.text(lang, file_name)])]
        }
        FilePlan::Ready { file_name, planned } => ready(lang, file_name, planned),
        FilePlan::Commune { file_name, planned } => commune(lang, file_name, planned),
        FilePlan::Assignment { file_name, planned } => assignment(lang, file_name, planned),
    }
}

/// An assignment bundle's lines: the village, year, plan version assigned, check code,
/// how many activities it assigns and what it would add or replace; then each change.
fn assignment(lang: Lang, file_name: &str, p: &AssignmentPlanned) -> Vec<String> {
    let b = &p.bundle;
    let [added, replaced, same, conflicts] = p.counts();
    let what = match &p.verdict {
        Verdict::Unchanged => t(lang, "import.what.unchanged"),
        Verdict::Conflict { .. } => tf(lang, "assign.what.conflict", &[conflicts.to_string()]),
        Verdict::New | Verdict::Replace { .. } => tf(
            lang,
            "assign.what.apply",
            &[added.to_string(), replaced.to_string(), same.to_string()],
        ),
    };
    let mut out = vec![tf(
        lang,
        "assign.line",
        &[
            file_name.to_string(),
            b.village.clone(),
            b.commune.name.clone(),
            b.year.to_string(),
            b.plan.version.to_string(),
            b.lines.len().to_string(),
            bundle::check_code(&p.sha256),
            what,
        ],
    )];
    for (line, fate) in b.lines.iter().zip(&p.fates) {
        let changes = match fate {
            LineFate::Add => {
                let name = std::slice::from_ref(&line.activity_name);
                out.push(tf(lang, "assign.diff.added", name));
                continue;
            }
            LineFate::Same => continue,
            LineFate::Replace(c) | LineFate::Conflict(c) => c,
        };
        out.extend(diff_lines(
            lang,
            &PlanDiff {
                changed: changes.clone(),
                ..PlanDiff::default()
            },
        ));
    }
    out
}

/// A commune bundle's lines: the commune, district, year, villages, the commune plan's
/// version, check code and what importing would do.
fn commune(lang: Lang, file_name: &str, p: &CommunePlanned) -> Vec<String> {
    let b = &p.bundle;
    let version = match crate::commands::import::commune::version(b) {
        Some(v) => tf(lang, "import.versions.commune", &[v.to_string()]),
        None => t(lang, "import.versions.commune_draft"),
    };
    let mut out = vec![tf(
        lang,
        "import.commune_line",
        &[
            file_name.to_string(),
            b.commune.name.clone(),
            b.commune.district.clone(),
            b.year.to_string(),
            b.villages.len().to_string(),
            version,
            bundle::check_code(&p.sha256),
            match &p.verdict {
                Verdict::Conflict {
                    kind: ConflictKind::Older,
                    held,
                    ..
                } => tf(
                    lang,
                    "import.what.older_commune",
                    &[held
                        .clone()
                        .unwrap_or_else(|| t(lang, "import.what.draft_held"))],
                ),
                other => what(lang, other),
            },
        ],
    )];
    match &p.commune {
        CommuneMatch::ByName(c) => out.push(tf(
            lang,
            "import.commune.by_name",
            std::slice::from_ref(&c.name),
        )),
        CommuneMatch::New => out.push(tf(
            lang,
            "import.commune.new",
            std::slice::from_ref(&b.commune.name),
        )),
        CommuneMatch::ByCode(_) | CommuneMatch::InBatch => {}
    }
    if let Verdict::Conflict { diff, .. } = &p.verdict {
        out.extend(diff_lines(lang, diff));
    }
    out
}

fn ready(lang: Lang, file_name: &str, p: &Planned) -> Vec<String> {
    let r = &p.bundle.record;
    let mut out = vec![tf(
        lang,
        "import.line",
        &[
            file_name.to_string(),
            r.village.name.clone(),
            r.commune.name.clone(),
            p.bundle.year.to_string(),
            versions(lang, &p.bundle),
            bundle::check_code(&p.sha256),
            what(lang, &p.verdict),
        ],
    )];
    let new_village = p.village.is_none() && !p.village_in_batch;
    match &p.commune {
        CommuneMatch::ByName(c) if new_village => {
            out.push(tf(
                lang,
                "import.commune.by_name",
                std::slice::from_ref(&c.name),
            ));
        }
        CommuneMatch::New if new_village => {
            out.push(tf(
                lang,
                "import.commune.new",
                std::slice::from_ref(&r.commune.name),
            ));
        }
        CommuneMatch::ByCode(_)
        | CommuneMatch::ByName(_)
        | CommuneMatch::New
        | CommuneMatch::InBatch => {}
    }
    if new_village {
        out.push(tf(
            lang,
            "import.village.new",
            std::slice::from_ref(&r.village.name),
        ));
    }
    if let Verdict::Conflict { diff, .. } = &p.verdict {
        out.extend(diff_lines(lang, diff));
    }
    out
}

/// The plan versions a bundle carries, or that it is a draft.
fn versions(lang: Lang, b: &bundle::Bundle) -> String {
    if b.plans.is_empty() {
        return t(lang, "import.versions.draft");
    }
    let names: Vec<String> = b
        .plans
        .iter()
        .map(|p| {
            let key = match p.kind {
                PlanKind::MediumTerm => "import.versions.mt",
                PlanKind::Annual => "import.versions.annual",
            };
            tf(lang, key, &[p.version.to_string()])
        })
        .collect();
    names.join(", ")
}

/// What importing would do, in words.
fn what(lang: Lang, verdict: &Verdict) -> String {
    let held = |h: &Option<String>| {
        h.clone()
            .unwrap_or_else(|| t(lang, "import.what.draft_held"))
    };
    match verdict {
        Verdict::Unchanged => t(lang, "import.what.unchanged"),
        Verdict::New => t(lang, "import.what.new"),
        Verdict::Replace {
            held: None,
            same_plan: _,
        } => t(lang, "import.what.replace_draft"),
        Verdict::Replace {
            held: Some(h),
            same_plan,
        } => {
            let key = if *same_plan {
                "import.what.reexport"
            } else {
                "import.what.replace"
            };
            tf(lang, key, std::slice::from_ref(h))
        }
        Verdict::Conflict { kind, held: h, .. } => {
            let key = match kind {
                ConflictKind::SameVersion => "import.what.same_version",
                ConflictKind::Stale => "import.what.stale",
                ConflictKind::Older => "import.what.older",
                ConflictKind::HandTyped => "assign.what.hand_typed",
            };
            tf(lang, key, &[held(h)])
        }
    }
}

/// A conflict's difference, one line per activity added, dropped, changed or moved.
pub fn diff_lines(lang: Lang, diff: &PlanDiff) -> Vec<String> {
    let mut out: Vec<String> = diff
        .added
        .iter()
        .map(|a| tf(lang, "import.diff.added", std::slice::from_ref(a)))
        .collect();
    out.extend(
        diff.dropped
            .iter()
            .map(|a| tf(lang, "import.diff.dropped", std::slice::from_ref(a))),
    );
    out.extend(diff.changed.iter().map(|c| {
        tf(
            lang,
            "import.diff.changed",
            &[
                c.activity.clone(),
                c.field.clone(),
                c.before.clone(),
                c.after.clone(),
            ],
        )
    }));
    out.extend(diff.moved.iter().map(|m| {
        tf(
            lang,
            "import.diff.moved",
            &[
                m.activity.clone(),
                m.before.to_string(),
                m.after.to_string(),
            ],
        )
    }));
    out
}
