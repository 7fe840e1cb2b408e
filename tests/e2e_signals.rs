//! SIGTERM and SIGHUP (issue 17, case 10): the release binary in tmux gets the signal after
//! a saved edit; the terminal must come back (main screen, cursor shown, cooked mode), the
//! exit status must name the signal (128 + n), and the saved edit must be in the file.

#![cfg(unix)]
#![allow(clippy::unwrap_used)]

mod common;

use common::{TIMEOUT, Tmux, release_binary, sh_path};
use kehoach::store::Store;

/// The pid of the kehoach process the pane's shell started.
fn child_of(shell: u32) -> u32 {
    let path = format!("/proc/{shell}/task/{shell}/children");
    let start = std::time::Instant::now();
    while start.elapsed() < TIMEOUT {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        if let Some(pid) = text.split_whitespace().next() {
            return pid.parse().unwrap();
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("no child of the pane's shell {shell}");
}

fn signal_after_an_edit(signal: &str, status: i32) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let script = format!(
        "{} --db {}; echo \"kehoach-exit=$?\"; stty -a | tr -s ' ;' '\\n\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; echo; sleep 30",
        sh_path(&release_binary()),
        sh_path(&db)
    );
    let tmux = Tmux::start(dir.path(), &script);
    tmux.wait_for("Chưa có dữ liệu", TIMEOUT).unwrap();
    tmux.send_keys(&["c"]);
    tmux.wait_for("Huyện:", TIMEOUT).unwrap();
    tmux.type_text("Ea Tu");
    tmux.send_keys(&["Enter"]);
    tmux.wait_for("Đã lưu", TIMEOUT).unwrap();
    assert_eq!(tmux.display("#{alternate_on}"), "1");
    assert_eq!(
        tmux.display("#{cursor_flag}"),
        "0",
        "the app hides the cursor"
    );

    let app = child_of(tmux.pane_pid());
    let sent = std::process::Command::new("kill")
        .args([&format!("-{signal}"), &app.to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let after = tmux.wait_for_in_history("kehoach-exit=", TIMEOUT).unwrap();
    assert!(
        after.contains(&format!("kehoach-exit={status}")),
        "exit status after SIG{signal}:\n{after}"
    );
    assert_eq!(tmux.display("#{alternate_on}"), "0", "main screen is back");
    assert_eq!(tmux.display("#{cursor_flag}"), "1", "the cursor is shown");
    let words: Vec<&str> = after.split_whitespace().collect();
    assert!(
        words.contains(&"icanon") && words.contains(&"echo"),
        "{after}"
    );

    let store = Store::open(&db).unwrap();
    assert!(store.integrity_ok().unwrap());
    assert!(store.communes().unwrap().iter().any(|c| c.name == "Ea Tu"));
}

#[test]
fn sigterm_restores_the_terminal_and_keeps_the_saved_edit() {
    signal_after_an_edit("TERM", 128 + 15);
}

#[test]
fn sighup_restores_the_terminal_and_keeps_the_saved_edit() {
    signal_after_an_edit("HUP", 128 + 1);
}
