//! `kehoach import --db FILE BUNDLE.json... | FOLDER...`: the commune imports villages'
//! bundles, the district communes' bundles (the same rules). A folder gives every .json in it (other files skipped and named). First the dry
//! run's summary ([`crate::commands::import::plan`]), then, after a yes (asked when stdin is
//! a terminal, or `--yes`), one command per bundle, one transaction each. Conflicts are
//! taken only with `--take-conflicts --reason TEXT`. Exits non-zero when a file is refused.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::commands::import::{FilePlan, ImportFile, ImportRefusal, Verdict};
use crate::commands::{Command, CommandError, ImportCommand, execute};
use crate::export::bundle::BundleError;
use crate::i18n::{Lang, t, tf};
use crate::receive::{files, summary};
use crate::store::Store;

/// Arguments of `kehoach import`.
#[derive(Debug, Clone, clap::Args)]
pub struct ImportArgs {
    /// Bundles (.json) or folders holding them (e.g. a USB stick).
    #[arg(value_name = "BUNDLE.json|FOLDER", required = true)]
    pub paths: Vec<PathBuf>,
    /// Go on without asking.
    #[arg(long)]
    pub yes: bool,
    /// Only print what would be done.
    #[arg(long)]
    pub dry_run: bool,
    /// Take conflicting bundles (a person decided; needs --reason).
    #[arg(long)]
    pub take_conflicts: bool,
    /// The written reason for taking conflicting bundles.
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
}

/// A sound bundle to import, with the dry run's verdict.
struct Todo<'a> {
    file: &'a ImportFile,
    /// The exchange code of its village (or, a commune bundle, its commune).
    subject: String,
    verdict: Verdict,
    /// A commune's assignment bundle, not a plan.
    assignment: bool,
}

/// Runs the import; `Err` is the last line (why it stopped, or how many were refused).
pub fn run(store: &mut Store, lang: Lang, args: &ImportArgs) -> Result<(), String> {
    let reason = args
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    if args.take_conflicts && reason.is_none() {
        return Err(t(lang, "import.err.reason_required"));
    }
    let gathered = files::gather(lang, &args.paths)?;
    for line in &gathered.skipped {
        println!("{line}");
    }
    let mut refused = gathered.unreadable.len();
    for line in &gathered.unreadable {
        println!("{}", tf(lang, "import.refused", std::slice::from_ref(line)));
    }
    let plans = crate::commands::import::plan(store, &gathered.files)
        .map_err(|e| crate::messages::store_error(lang, &store.located(e)))?;
    let mut todo = Vec::new();
    for ((plan, file), in_folder) in plans.iter().zip(&gathered.files).zip(&gathered.in_folder) {
        match plan {
            FilePlan::Refused { why, .. } if *in_folder && is_stranger(why) => {
                println!(
                    "{}",
                    tf(
                        lang,
                        "import.skip.not_bundle",
                        std::slice::from_ref(&file.file_name)
                    )
                );
            }
            FilePlan::Refused { .. } => {
                refused += 1;
                print_lines(&summary::lines(lang, plan));
            }
            FilePlan::Ready { .. } | FilePlan::Commune { .. } | FilePlan::Assignment { .. } => {
                print_lines(&summary::lines(lang, plan));
                todo.push(Todo {
                    file,
                    subject: plan.subject().unwrap_or_default().to_string(),
                    verdict: plan.verdict().cloned().unwrap_or(Verdict::Unchanged),
                    assignment: matches!(plan, FilePlan::Assignment { .. }),
                });
            }
        }
    }
    refused += apply(store, lang, args, reason, &todo)?;
    match refused {
        0 => Ok(()),
        n => Err(tf(lang, "import.err.some_refused", &[n.to_string()])),
    }
}

/// Asks, then imports each file; returns how many were refused or left as conflicts.
fn apply(
    store: &mut Store,
    lang: Lang,
    args: &ImportArgs,
    reason: Option<&str>,
    todo: &[Todo],
) -> Result<usize, String> {
    let writes = todo
        .iter()
        .filter(|t| {
            t.verdict != Verdict::Unchanged && (!is_conflict(&t.verdict) || args.take_conflicts)
        })
        .count();
    if args.dry_run {
        println!("{}", t(lang, "import.msg.dry_run"));
        return Ok(todo.iter().filter(|t| is_conflict(&t.verdict)).count());
    }
    if writes == 0 {
        println!("{}", t(lang, "import.msg.nothing"));
    } else if !args.yes && !confirm(lang, writes, store.path())? {
        println!("{}", t(lang, "import.msg.stopped"));
        return Ok(0);
    }
    let mut refused = 0;
    let mut written: Vec<&str> = Vec::new();
    for item in todo {
        let name = item.file.file_name.clone();
        // An earlier file of this batch wrote the same village: what this one does now.
        let verdict = if written.contains(&item.subject.as_str()) {
            fresh_verdict(store, item.file).unwrap_or_else(|| item.verdict.clone())
        } else {
            item.verdict.clone()
        };
        if is_conflict(&verdict) && !args.take_conflicts {
            println!("{}", tf(lang, "import.left.conflict", &[name]));
            refused += 1;
            continue;
        }
        let command = Command::Import(ImportCommand {
            file: item.file.clone(),
            conflict_reason: reason.filter(|_| is_conflict(&verdict)).map(String::from),
        });
        match execute(store, command) {
            Ok(_) => {
                written.push(&item.subject);
                println!("{}", done(lang, &name, (&verdict, item.assignment), reason));
            }
            Err(e) => {
                refused += 1;
                let why = error_text(store, lang, &name, &e);
                println!("{}", tf(lang, "import.refused", &[why]));
            }
        }
    }
    Ok(refused)
}

fn is_conflict(verdict: &Verdict) -> bool {
    matches!(verdict, Verdict::Conflict { .. })
}

/// The verdict of one file against the database as it is now.
fn fresh_verdict(store: &Store, file: &ImportFile) -> Option<Verdict> {
    crate::commands::import::plan(store, std::slice::from_ref(file))
        .ok()?
        .pop()?
        .verdict()
        .cloned()
}

/// What importing a file did; `assignment`: a commune's assignment bundle, whose
/// replacement replaces activities' assignments, not a plan version.
fn done(
    lang: Lang,
    name: &str,
    (verdict, assignment): (&Verdict, bool),
    reason: Option<&str>,
) -> String {
    let name = name.to_string();
    match verdict {
        Verdict::Unchanged => tf(lang, "import.done.unchanged", &[name]),
        Verdict::New => tf(lang, "import.done.new", &[name]),
        Verdict::Replace { .. } if assignment => tf(lang, "import.done.assign_replace", &[name]),
        Verdict::Replace { .. } => tf(lang, "import.done.replace", &[name]),
        Verdict::Conflict { .. } => tf(
            lang,
            "import.done.conflict",
            &[name, reason.unwrap_or_default().to_string()],
        ),
    }
}

fn error_text(store: &Store, lang: Lang, name: &str, e: &CommandError) -> String {
    match e {
        CommandError::Import(why) => why.text(lang, name),
        CommandError::Store(s) => {
            crate::log::store_error(store.path(), s);
            crate::messages::store_error(lang, s)
        }
        CommandError::Approved(_) | CommandError::Conference(_) | CommandError::AfterPlan(_) => {
            e.text(lang)
        }
    }
}

/// Whether a refusal says the file is no kehoach bundle at all.
fn is_stranger(why: &ImportRefusal) -> bool {
    matches!(
        why,
        ImportRefusal::Bundle(BundleError::NotJson | BundleError::NotABundle)
    )
}

fn print_lines(lines: &[String]) {
    for line in lines {
        println!("{line}");
    }
}

/// Asks on the terminal; without one, `--yes` is needed.
fn confirm(lang: Lang, writes: usize, db: Option<&Path>) -> Result<bool, String> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Err(t(lang, "import.err.need_yes"));
    }
    let db = db.map(|p| p.display().to_string()).unwrap_or_default();
    print!("{}", tf(lang, "import.ask", &[writes.to_string(), db]));
    std::io::stdout().flush().ok();
    let mut answer = String::new();
    stdin.lock().read_line(&mut answer).ok();
    let answer = crate::domain::text::fold(answer.trim());
    Ok(
        answer == t(lang, "import.answer_yes")
            || answer == "y"
            || answer == "yes"
            || answer == "co",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_assignment_bundle_replacing_assignments_has_its_own_wording() {
        let replace = Verdict::Replace {
            held: Some("v".into()),
            same_plan: true,
        };
        let plan = done(Lang::Vi, "a.json", (&replace, false), None);
        assert!(plan.contains("thay bản trước"), "{plan}");
        let assigned = done(Lang::Vi, "a.json", (&replace, true), None);
        assert!(assigned.contains("giao kế hoạch của xã"), "{assigned}");
        assert!(!assigned.contains("bản trước"), "{assigned}");
        let en = done(Lang::En, "a.json", (&replace, true), None);
        assert!(en.contains("commune's assignment"), "{en}");
    }
}
