//! kehoach: bottom-up village planning (Dak Lak procedure 2134/QĐ-UBND) in the terminal.
//!
//! Layers point one way: `tui` → `workflow` → `domain`, `tui` → `commands` → `store` →
//! `domain`, `export` → `domain`; `tui` and `cli` write only through `commands`. Only `store` knows SQL; only `tui` knows ratatui.

pub mod cli;
pub mod commands;
pub mod console;
pub mod deliver;
pub mod demo;
pub mod domain;
pub mod export;
pub mod i18n;
pub mod log;
pub mod messages;
pub mod receive;
pub mod store;
pub mod tui;
pub mod workflow;
