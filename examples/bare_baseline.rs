//! The bare baseline of the benchmark: a ratatui + rusqlite program that opens a WAL
//! database, reads one number from it and draws one 80x24 frame to a `TestBackend`.
//! `kehoach`'s first frame is compared with this program's, measured the same way in the
//! same run (see examples/bench.rs).
//!
//! Protocol (shared with `bench --first-frame`): prints `frame` as soon as the frame is
//! drawn, then `in_process_us=N rss_kb=N` (VmHWM from /proc/self/status) and exits.
#![allow(clippy::unwrap_used)]

use std::io::Write;
use std::time::Instant;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};
use rusqlite::Connection;

/// Peak resident set size of this process in kB (0 where /proc is missing).
fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).map(str::to_owned))
        })
        .and_then(|kb| kb.parse().ok())
        .unwrap_or(0)
}

fn main() {
    let start = Instant::now();
    let path = std::env::args().nth(1).expect("usage: bare_baseline DB");
    let conn = Connection::open(&path).expect("open database");
    let mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .expect("WAL");
    conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")
        .expect("pragmas");
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .expect("read");
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    terminal
        .draw(|f| {
            let text = vec![
                Line::raw(format!("journal_mode = {mode}")),
                Line::raw(format!("{tables} objects in the schema")),
            ];
            f.render_widget(
                Paragraph::new(text).block(Block::bordered().title("baseline")),
                f.area(),
            );
        })
        .expect("draw");
    let mut out = std::io::stdout().lock();
    writeln!(out, "frame").expect("stdout");
    out.flush().expect("stdout");
    let in_process = start.elapsed();
    writeln!(
        out,
        "in_process_us={} rss_kb={}",
        in_process.as_micros(),
        peak_rss_kb()
    )
    .expect("stdout");
}
