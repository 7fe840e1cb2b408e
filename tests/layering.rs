//! The layers stay apart (see ../shared/architecture.md): `tui` → `workflow` → `domain`,
//! `tui` → `commands` → `store` → `domain`, `export` → `domain`. Only `store` knows
//! rusqlite and SQL; nothing below `tui` knows ratatui; `domain` does no I/O and reads no
//! clock; `tui` and `cli` change the database only through `commands::execute`.
//!
//! These checks read the source text, so a forbidden name in a comment counts too: the
//! rule is that the layer does not even talk about it.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir` (recursively), sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The files of a layer: `src/NAME/**.rs` and `src/NAME.rs`, whichever exist.
fn layer(name: &str) -> Vec<PathBuf> {
    let mut files = rust_files(&src().join(name));
    let single = src().join(format!("{name}.rs"));
    if single.is_file() {
        files.push(single);
    }
    files
}

/// `file:line: text` for every line of `files` containing one of `words`.
fn mentions(files: &[PathBuf], words: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(file).expect("read source file");
        for (n, line) in text.lines().enumerate() {
            for word in words {
                if line.contains(word) {
                    let rel = file.strip_prefix(src()).unwrap_or(file);
                    found.push(format!(
                        "src/{}:{}: {word:?} in {}",
                        rel.display(),
                        n + 1,
                        line.trim()
                    ));
                }
            }
        }
    }
    found
}

fn assert_clean(what: &str, files: &[PathBuf], words: &[&str]) {
    let found = mentions(files, words);
    assert!(found.is_empty(), "{what}:\n{}", found.join("\n"));
}

const SQL: &[&str] = &[
    "SELECT ",
    "INSERT ",
    "UPDATE ",
    "DELETE FROM",
    "CREATE TABLE",
    "PRAGMA ",
];

#[test]
fn the_layers_exist() {
    for name in ["domain", "store", "tui", "export"] {
        assert!(!layer(name).is_empty(), "src/{name} has no Rust files");
    }
    assert!(src().join("workflow.rs").is_file() || src().join("workflow").is_dir());
    assert!(src().join("i18n.rs").is_file() || src().join("i18n").is_dir());
}

#[test]
fn the_interface_names_no_database_library_and_writes_no_sql() {
    let tui = layer("tui");
    assert!(tui.len() >= 5, "src/tui looks incomplete: {tui:?}");
    assert_clean("src/tui must not name rusqlite", &tui, &["rusqlite"]);
    assert_clean("src/tui must not write SQL", &tui, SQL);
}

#[test]
fn the_domain_does_no_io_reads_no_clock_and_knows_no_interface() {
    assert_clean(
        "src/domain must stay pure",
        &layer("domain"),
        &[
            "rusqlite",
            "ratatui",
            "crossterm",
            "std::fs",
            "Local::now",
            "Utc::now",
            "SystemTime::now",
            "crate::store",
            "crate::tui",
            "crate::workflow",
            "crate::export",
        ],
    );
}

#[test]
fn exports_do_not_touch_the_database_or_the_interface() {
    assert_clean(
        "src/export depends on the domain only",
        &layer("export"),
        &[
            "rusqlite",
            "ratatui",
            "crossterm",
            "crate::store",
            "crate::tui",
        ],
    );
}

#[test]
fn the_workflow_reads_no_database_and_knows_no_screen() {
    assert_clean(
        "src/workflow derives status from facts passed in",
        &layer("workflow"),
        &[
            "rusqlite",
            "ratatui",
            "crossterm",
            "crate::store",
            "crate::tui",
        ],
    );
}

#[test]
fn the_store_knows_no_interface() {
    assert_clean(
        "src/store returns domain types and knows no screen",
        &layer("store"),
        &["ratatui", "crossterm", "crate::tui"],
    );
}

#[test]
fn only_the_store_names_rusqlite() {
    let store_dir = src().join("store");
    let others: Vec<PathBuf> = rust_files(&src())
        .into_iter()
        .filter(|p| !p.starts_with(&store_dir))
        .filter(|p| p != &src().join("main.rs") && p != &src().join("lib.rs"))
        .collect();
    assert!(!others.is_empty());
    assert_clean("only src/store may name rusqlite", &others, &["rusqlite"]);
    // And the store does use it (the check above is not vacuous).
    assert!(!mentions(&layer("store"), &["rusqlite"]).is_empty());
}

#[test]
fn only_the_interface_names_ratatui() {
    let tui_dir = src().join("tui");
    let others: Vec<PathBuf> = rust_files(&src())
        .into_iter()
        .filter(|p| !p.starts_with(&tui_dir))
        .filter(|p| p != &src().join("main.rs") && p != &src().join("lib.rs"))
        .collect();
    assert_clean(
        "only src/tui may name ratatui",
        &others,
        &["ratatui", "crossterm"],
    );
}

/// The names of the store's write functions: its `pub fn NAME(&mut self, ...)` methods.
fn store_write_methods() -> Vec<String> {
    let mut names = Vec::new();
    for file in layer("store") {
        let text = std::fs::read_to_string(&file).expect("read source file");
        let mut rest = text.as_str();
        while let Some(at) = rest.find("pub fn ") {
            rest = &rest[at + "pub fn ".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let signature = &rest[name.len()..];
            let open = signature.trim_start_matches(|c: char| c != '(');
            let first = open.trim_start_matches('(').trim_start();
            if first.starts_with("&mut self") {
                names.push(name);
            }
        }
    }
    names.sort();
    names.dedup();
    names
}

#[test]
fn the_commands_layer_knows_no_interface_and_writes_no_sql() {
    let commands = layer("commands");
    assert!(commands.len() >= 5, "src/commands looks incomplete");
    assert_clean(
        "src/commands sits below the interface and the command line",
        &commands,
        &["ratatui", "crossterm", "crate::tui", "crate::cli"],
    );
    assert_clean("src/commands must not write SQL", &commands, SQL);
}

#[test]
fn the_interface_and_the_command_line_write_only_through_commands() {
    let writes = store_write_methods();
    assert!(
        writes.len() >= 40 && writes.iter().any(|w| w == "update_activity"),
        "the store's write methods were not found: {writes:?}"
    );
    let calls: Vec<String> = writes.iter().map(|w| format!(".{w}(")).collect();
    let calls: Vec<&str> = calls.iter().map(String::as_str).collect();
    let mut callers = layer("tui");
    callers.extend(layer("cli"));
    callers.extend(layer("demo"));
    assert_clean(
        "src/tui, src/cli and src/demo call no store write method (build a Command)",
        &callers,
        &calls,
    );
    assert_clean(
        "src/tui and src/cli never hold the store mutably except to run commands",
        &layer("tui"),
        &["Screen::load(nav, &mut", "&mut Store, id"],
    );
    // And they do run commands (the checks above are not vacuous).
    assert!(!mentions(&layer("tui"), &["commands::execute"]).is_empty());
    assert!(!mentions(&layer("cli"), &["commands::execute"]).is_empty());
    assert!(!mentions(&layer("demo"), &["execute(store, command)"]).is_empty());
}

#[test]
fn screens_ask_their_questions_through_the_apps_modal_stack() {
    let screens: Vec<PathBuf> = rust_files(&src().join("tui/screens"))
        .into_iter()
        // The register's question about a typed name (which of two people is it?) is
        // part of its form, with its own keys: the one yes/no drawn by a screen.
        .filter(|f| !f.ends_with("attendance.rs"))
        .collect();
    assert_clean(
        "screens return Outcome::Ask (tui/modal) instead of drawing a yes/no or a reason prompt",
        &screens,
        &["popup::confirm", "ReasonPrompt", "Context::Confirm"],
    );
    // And they do ask through it (the check above is not vacuous).
    assert!(mentions(&screens, &["ask_reason("]).len() >= 8);
    assert!(mentions(&screens, &["Confirm::new(", "Confirm {"]).len() >= 4);
}

#[test]
fn screens_page_through_lists_only_with_the_list_cursor() {
    let cursor = src().join("tui/widgets/list_cursor.rs");
    let mut files = rust_files(&src().join("tui/screens"));
    files.extend(rust_files(&src().join("tui/widgets")));
    files.retain(|f| *f != cursor);
    assert_clean(
        "src/tui screens and widgets move a list's selection with widgets::list_cursor",
        &files,
        &["Action::PageUp", "Action::PageDown", "saturating_sub(10)"],
    );
    // And they do use it (the check above is not vacuous).
    assert!(mentions(&files, &["list_cursor::step("]).len() >= 15);
}
