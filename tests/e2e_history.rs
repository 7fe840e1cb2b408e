//! End to end, past cycles (issue 7, part 2) in the real release binary at 80x24 in tmux,
//! on its own tmux socket: on the demo database the home screen's `h` on Thôn 3 shows its
//! years (2025 closed), Enter shows 2025's activities with their evaluation, `c` compares
//! 2025 with 2026, `g` opens the closed 2025 cycle read-only, where an edit in step 6 is
//! refused with the clear message; back home, `o` reopens 2025 with a written reason and
//! closes Buôn Kram's 2027 after a yes. After Ctrl+C the file holds exactly that.

#![cfg(unix)]
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;

use common::{TIMEOUT, Tmux, release_binary, run_piped, sh_path};
use kehoach::domain::Cycle;
use kehoach::i18n::{Lang, t};
use kehoach::store::Store;

fn start(dir: &Path, db: &Path) -> Tmux {
    let script = format!("exec {} --db {}", sh_path(&release_binary()), sh_path(db));
    Tmux::start(dir, &script)
}

fn cycles_of(store: &Store, name: &str) -> Vec<Cycle> {
    for commune in store.communes().unwrap() {
        for village in store.villages(commune.id).unwrap() {
            if village.name == name {
                return store.cycles(village.id).unwrap();
            }
        }
    }
    panic!("{name} not in the file");
}

/// The first `n` characters of `text` (the status line may cut a long message).
fn head(text: &str, n: usize) -> String {
    text.chars().take(n).collect()
}

#[test]
fn browse_compare_read_a_closed_year_reopen_and_close() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let db_arg = db.to_string_lossy().to_string();
    let out = run_piped(dir.path(), &["demo", "--db", &db_arg]);
    assert!(
        out.status.success(),
        "kehoach demo failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let audit_before = Store::open(&db).unwrap().audit_log().unwrap().len();

    let tmux = start(dir.path(), &db);
    tmux.wait_for("Kỳ kế hoạch 2025 ■ đã đóng · chỉ xem", TIMEOUT)
        .unwrap();
    // Home lines: commune, Buôn Kram, 2027, 2026, Thôn 3, 2026, 2025.
    tmux.send_keys(&["Down", "Down", "Down", "Down"]);
    tmux.wait_for("▶   Thôn 3", TIMEOUT).unwrap();
    tmux.send_keys(&["h"]);
    let screen = tmux.wait_for("Các năm của Thôn 3", TIMEOUT).unwrap();
    assert!(screen.contains("■ đã đóng"), "{screen}");
    assert!(screen.contains("✓2 ◐2 ○1 ?1"), "{screen}");

    // 2025's activities and their evaluation.
    tmux.send_keys(&["Down", "Enter"]);
    let screen = tmux
        .wait_for("Kế hoạch năm 2025 (Biểu 4) · đánh giá tại kỳ 2026", TIMEOUT)
        .unwrap();
    assert!(screen.contains("✓ 100% Tốt"), "{screen}");
    assert!(screen.contains("? chưa đánh giá"), "{screen}");

    // Back, then compare 2025 (marked) with 2026.
    tmux.send_keys(&["Escape"]);
    tmux.wait_for("Trạng thái", TIMEOUT).unwrap();
    tmux.send_keys(&["Space", "Up"]);
    tmux.wait_for("◆ Đã chọn năm 2025", TIMEOUT).unwrap();
    tmux.send_keys(&["c"]);
    let screen = tmux
        .wait_for("So sánh thứ tự ưu tiên 2025 → 2026", TIMEOUT)
        .unwrap();
    for word in ["▲ lên 3", "▼ xuống 1", "+ mới", "✓ đã xong", "− bỏ"] {
        assert!(screen.contains(word), "{word} missing:\n{screen}");
    }

    // Open the closed 2025 cycle: read-only, every step opens; an edit is refused.
    tmux.send_keys(&["Escape", "Down", "g"]);
    let screen = tmux.wait_for("[CHỈ XEM]", TIMEOUT).unwrap();
    assert!(screen.contains("■ Kỳ đã đóng — chỉ xem"), "{screen}");
    tmux.send_keys(&["Down", "Down", "Down", "Down", "Down", "Enter"]);
    tmux.wait_for("Kế hoạch năm", TIMEOUT).unwrap();
    tmux.send_keys(&["F5"]);
    tmux.send_keys(&["2"]);
    let closed = t(Lang::Vi, "hist.err.cycle_closed");
    tmux.wait_for(&format!("✗ {}", head(&closed, 40)), TIMEOUT)
        .unwrap();

    // Back out: the step, the cycle, then the history it was opened from, then home.
    tmux.send_keys(&["Escape", "Escape"]);
    tmux.wait_for("Các năm của Thôn 3", TIMEOUT).unwrap();
    tmux.send_keys(&["Escape"]);
    // Home: reopen 2025 with a reason.
    tmux.wait_for("Xã · thôn, buôn · kỳ kế hoạch", TIMEOUT)
        .unwrap();
    for _ in 0..6 {
        tmux.send_keys(&["Down"]);
    }
    tmux.wait_for("▶       Kỳ kế hoạch 2025", TIMEOUT).unwrap();
    tmux.send_keys(&["o"]);
    tmux.wait_for("Lý do mở lại kỳ kế hoạch đã đóng", TIMEOUT)
        .unwrap();
    tmux.type_text("Xã yêu cầu sửa số liệu");
    tmux.send_keys(&["Enter"]);
    tmux.wait_for_gone("■ đã đóng", TIMEOUT).unwrap();

    // Close Buôn Kram's 2027 after a yes.
    for _ in 0..4 {
        tmux.send_keys(&["Up"]);
    }
    tmux.wait_for("▶       Kỳ kế hoạch 2027", TIMEOUT).unwrap();
    tmux.send_keys(&["o"]);
    tmux.wait_for("Đóng kỳ kế hoạch 2027 của Buôn Kram?", TIMEOUT)
        .unwrap();
    tmux.send_keys(&["y"]);
    tmux.wait_for("Kỳ kế hoạch 2027 ■ đã đóng", TIMEOUT)
        .unwrap();

    tmux.send_keys(&["C-c"]);
    tmux.wait_for_exit(TIMEOUT).unwrap();
    drop(tmux);

    let store = Store::open(&db).expect("reopen the database (lock released)");
    assert!(store.integrity_ok().unwrap());
    let thon_3 = cycles_of(&store, "Thôn 3");
    let y2025 = thon_3.iter().find(|c| c.year == 2025).unwrap();
    assert!(!y2025.closed, "reopened");
    assert_eq!(
        store.cycle_reopen_reason(y2025.id).unwrap().as_deref(),
        Some("Xã yêu cầu sửa số liệu")
    );
    let kram = cycles_of(&store, "Buôn Kram");
    assert!(kram[0].closed && kram[0].year == 2027, "{kram:?}");
    assert!(!kram[1].closed);
    // Only the reopening (two rows) and the closing (one) were written.
    let log = store.audit_log().unwrap();
    let new: Vec<_> = log[audit_before..]
        .iter()
        .map(|e| (e.entity.as_str(), e.field.as_str(), e.new_value.as_deref()))
        .collect();
    assert_eq!(
        new,
        [
            ("cycle", "closed", Some("0")),
            ("cycle", "reopen_reason", Some("Xã yêu cầu sửa số liệu")),
            ("cycle", "closed", Some("1")),
        ]
    );
}
