//! The command line: `kehoach [--db PATH] [--lang vi|en]` opens the interface;
//! `kehoach demo --db PATH` writes the demo village; `kehoach export --db PATH --village
//! NAME_OR_ID --year YYYY --format xlsx,html,csv,json --out DIR [--force] [--private]`
//! writes a cycle's export files; `kehoach check FILE.json` checks an exported bundle;
//! `kehoach import --db FILE BUNDLE.json... | FOLDER... [--dry-run] [--yes]
//! [--take-conflicts --reason TEXT]` imports villages' bundles at the commune (communes'
//! at the district); `kehoach commune export` and `kehoach district export` write the
//! commune's and the district's forms of a year.
//! Errors print one clear line and exit non-zero.

pub mod check;
pub mod commune;
pub mod district;
pub mod export;
pub mod import;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::commands::CommandError;
use crate::i18n::{Lang, t, tf};
use crate::store::{Store, StoreError};

/// Bottom-up village planning (Dak Lak procedure 2134/QĐ-UBND) in the terminal.
#[derive(Debug, Parser)]
#[command(name = "kehoach", version, about)]
pub struct Cli {
    /// Database file (default: kehoach.db in the platform data directory).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Interface language: vi (default) or en.
    #[arg(long, global = true, value_name = "vi|en", value_parser = parse_lang)]
    pub lang: Option<Lang>,
    /// What to do (default: open the interface).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write the demo village (a complete Dak Lak planning cycle) into an empty database.
    Demo,
    /// Export one cycle of one village as xlsx, html, csv and/or json files.
    Export(export::ExportArgs),
    /// Check an exported JSON bundle: checksum, schema version and what it holds.
    Check {
        /// The bundle (.json) to check.
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Import villages' bundles into the commune's database, or communes' into the district's.
    Import(import::ImportArgs),
    /// The commune level: export the commune's forms of a year.
    #[command(subcommand)]
    Commune(commune::CommuneCommand),
    /// The district level: export the communes' priority activities of a year.
    #[command(subcommand)]
    District(district::DistrictCommand),
}

fn parse_lang(text: &str) -> Result<Lang, String> {
    Lang::from_code(text).ok_or_else(|| format!("'{text}': use vi or en"))
}

/// The default database: `kehoach.db` in the platform data directory.
pub fn default_db_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("vn", "kehoach", "kehoach")
        .map(|d| d.data_dir().join("kehoach.db"))
}

/// Parses the command line, runs it, and turns failures into one line and exit code 1.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
    let lang = cli.lang.unwrap_or_default();
    match run(cli, lang) {
        Ok(()) => ExitCode::SUCCESS,
        Err(line) => {
            eprintln!("kehoach: {line}");
            crate::console::hold_window_after_failure(lang);
            ExitCode::FAILURE
        }
    }
}

/// `--help` and `--version` print and succeed; a usage error prints its first line only.
fn usage_error(e: &clap::Error) -> ExitCode {
    if !e.use_stderr() {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    let text = e.to_string();
    let first = text.lines().next().unwrap_or("invalid arguments");
    eprintln!("kehoach: {}", first.trim_start_matches("error: "));
    ExitCode::from(2)
}

fn run(cli: Cli, lang: Lang) -> Result<(), String> {
    if let Some(Command::Check { file }) = &cli.command {
        return print_check(lang, file);
    }
    if cli.command.is_none() && !crate::tui::has_terminal() {
        return Err(t(lang, "err.no_terminal"));
    }
    let (path, is_default) = match cli.db {
        Some(p) => (p, false),
        None => (
            default_db_path().ok_or_else(|| t(lang, "err.no_data_dir"))?,
            true,
        ),
    };
    let first_run = is_default && !path.exists();
    let exports = matches!(
        cli.command,
        Some(Command::Export(_) | Command::Commune(_) | Command::District(_))
    );
    if exports && !path.is_file() {
        return Err(tf(
            lang,
            "export.err.db_missing",
            &[path.display().to_string()],
        ));
    }
    let mut store = Store::open(&path).map_err(|e| store_error(lang, &e))?;
    match cli.command {
        Some(Command::Demo) => write_demo(&mut store, lang, &path),
        Some(Command::Check { file }) => print_check(lang, &file),
        Some(Command::Import(args)) => import::run(&mut store, lang, &args),
        Some(Command::Commune(command)) => {
            print_written(lang, commune::run(&store, lang, &command)?)
        }
        Some(Command::District(command)) => {
            print_written(lang, district::run(&store, lang, &command)?)
        }
        Some(Command::Export(args)) => {
            for written in export::run(&store, lang, &args)? {
                println!(
                    "{}",
                    tf(lang, "export.msg.written", &[written.display().to_string()])
                );
            }
            Ok(())
        }
        None => {
            let note = if first_run {
                Some(load_first_run_demo(&mut store, lang, &path)?)
            } else {
                None
            };
            crate::tui::run(store, lang, note).map_err(|e| e.to_string())
        }
    }
}

/// Prints one line per file written.
fn print_written(lang: Lang, written: Vec<PathBuf>) -> Result<(), String> {
    for path in written {
        println!(
            "{}",
            tf(lang, "export.msg.written", &[path.display().to_string()])
        );
    }
    Ok(())
}

/// Checks a bundle (no database is opened) and prints its summary.
fn print_check(lang: Lang, file: &std::path::Path) -> Result<(), String> {
    for line in check::run(lang, file)? {
        println!("{line}");
    }
    Ok(())
}

fn write_demo(store: &mut Store, lang: Lang, path: &std::path::Path) -> Result<(), String> {
    if !store
        .is_empty()
        .map_err(|e| store_error(lang, &store.located(e)))?
    {
        return Err(tf(
            lang,
            "err.demo_not_empty",
            &[path.display().to_string()],
        ));
    }
    load_demo(store, lang)?;
    println!(
        "{}",
        tf(lang, "msg.demo_written", &[path.display().to_string()])
    );
    Ok(())
}

fn load_first_run_demo(
    store: &mut Store,
    lang: Lang,
    path: &std::path::Path,
) -> Result<String, String> {
    load_demo(store, lang)?;
    Ok(tf(lang, "msg.first_run", &[path.display().to_string()]))
}

/// Fills the store with the demo village through the same command as the interface.
fn load_demo(store: &mut Store, lang: Lang) -> Result<(), String> {
    match crate::commands::execute(store, crate::commands::Command::LoadDemo) {
        Ok(_) => Ok(()),
        Err(CommandError::Store(e)) => {
            let e = store.located(e);
            crate::log::store_error(store.path(), &e);
            Err(store_error(lang, &e))
        }
        Err(e) => Err(e.text(lang)),
    }
}

fn store_error(lang: Lang, e: &StoreError) -> String {
    crate::messages::store_error(lang, e)
}
