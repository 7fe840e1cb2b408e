//! Shared helpers of the end-to-end tests: the real release binary, and a tmux driver that
//! runs it in a fixed 80x24 terminal, types keys and reads the screen back.

#![allow(dead_code, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// Names typed at a scripted meeting 1: Kinh names with every tone mark, Ê Đê and M'nông
/// names (the crash and power-cut harnesses).
pub const MEETING_NAMES: [&str; 16] = [
    "Y Khu Niê",
    "Nguyễn Thị Hường",
    "Trần Văn Đức",
    "H'Nhi Êban",
    "Y Bhin Adrơng",
    "Lê Thị Mỹ Duyên",
    "H'Blưm Hđök",
    "Phạm Quốc Bảo",
    "Đinh Thị Ngọc Ánh",
    "Y Thuyên Ktla",
    "Hoàng Thị Thu Hà",
    "Võ Văn Sỹ",
    "H'Yăm Byă",
    "Bùi Thị Lụa",
    "Y Ngông Mlô",
    "Đặng Thị Kiều Oanh",
];

/// How long a screen may take to show what a test waits for.
pub const TIMEOUT: Duration = Duration::from_secs(15);

/// Builds `kehoach` with `cargo build --release --bin kehoach` (once per test process) and
/// returns the path of the executable. The tests run under plain `cargo test`, yet the
/// end-to-end tests exercise the binary a facilitator runs: release profile, stripped, LTO.
///
/// A failed build is remembered, so every test reports it without building again.
pub fn release_binary() -> PathBuf {
    static BINARY: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    match BINARY.get_or_init(build_release) {
        Ok(path) => path.clone(),
        Err(why) => panic!("{why}"),
    }
}

fn build_release() -> Result<PathBuf, String> {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = Command::new(env!("CARGO"))
        .current_dir(manifest_dir)
        .args([
            "build",
            "--release",
            "--bin",
            "kehoach",
            "--message-format=json",
        ])
        .output()
        .map_err(|e| format!("cannot run cargo build --release: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "cargo build --release --bin kehoach failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    // Cargo names the executable it built; that respects CARGO_TARGET_DIR and --target.
    let stdout = String::from_utf8_lossy(&output.stdout);
    let built = stdout
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == "kehoach")
        .find_map(|m| m["executable"].as_str().map(PathBuf::from));
    let binary = built.unwrap_or_else(|| manifest_dir.join("target/release/kehoach"));
    if binary.is_file() {
        Ok(binary)
    } else {
        Err(format!(
            "cargo build succeeded but no binary at {}",
            binary.display()
        ))
    }
}

/// Runs the release binary with `args`, stdin empty and stdout/stderr piped (not a
/// terminal), HOME pointed at `home` so nothing touches the real user's data.
pub fn run_piped(home: &Path, args: &[&str]) -> Output {
    Command::new(release_binary())
        .args(args)
        .current_dir(home)
        .env("HOME", home)
        .env_remove("XDG_DATA_HOME")
        .env("LANG", "C.UTF-8")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run kehoach")
}

/// Quotes `text` for `sh` (single quotes, embedded quotes escaped).
pub fn sh_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// `sh_quote` for a path.
pub fn sh_path(path: &Path) -> String {
    sh_quote(&path.to_string_lossy())
}

/// Fails with a clear message when tmux is not installed.
pub fn require_tmux() {
    let found = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found,
        "tmux is needed for the end-to-end tests but was not found on PATH. \
         Install it (Debian/Ubuntu: apt-get install tmux) or run .ci/run, which does."
    );
}

/// A private tmux server (its own socket) with one 80x24 session running a shell script.
/// Dropping it kills the server and everything in it.
pub struct Tmux {
    socket: String,
    target: String,
    _config: TempDir,
}

impl Tmux {
    /// Starts `script` under `sh -c` in a detached 80x24 session, with HOME set to `home`,
    /// no XDG data/config override, and a UTF-8 locale. The pane stays after the script
    /// ends (remain-on-exit), so its last screen can still be read.
    pub fn start(home: &Path, script: &str) -> Tmux {
        Self::start_sized(home, script, 80, 24)
    }

    /// As [`Tmux::start`] at another size.
    pub fn start_sized(home: &Path, script: &str, width: u16, height: u16) -> Tmux {
        require_tmux();
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let socket = format!(
            "kehoach-test-{}-{}-{nanos}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        );
        let config = tempfile::tempdir().expect("tmux config dir");
        let conf = config.path().join("tmux.conf");
        std::fs::write(
            &conf,
            "set -g remain-on-exit on\nset -g status off\nset -g history-limit 100\n",
        )
        .expect("write tmux config");
        let tmux = Tmux {
            socket,
            target: "kehoach-test".into(),
            _config: config,
        };
        let home_s = home.to_string_lossy().to_string();
        let (w, h) = (width.to_string(), height.to_string());
        let out = tmux.raw(&[
            "-f",
            &conf.to_string_lossy(),
            "new-session",
            "-d",
            "-x",
            &w,
            "-y",
            &h,
            "-s",
            "kehoach-test",
            "env",
            "-u",
            "XDG_DATA_HOME",
            "-u",
            "XDG_CONFIG_HOME",
            "-u",
            "NO_COLOR",
            &format!("HOME={home_s}"),
            "LANG=C.UTF-8",
            "LC_ALL=C.UTF-8",
            "sh",
            "-c",
            script,
        ]);
        assert!(
            out.status.success(),
            "tmux new-session failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        tmux
    }

    fn raw(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-u")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .env_remove("TMUX")
            .env("LANG", "C.UTF-8")
            .env("LC_ALL", "C.UTF-8")
            .output()
            .expect("run tmux")
    }

    fn run(&self, args: &[&str]) -> String {
        let out = self.raw(args);
        assert!(
            out.status.success(),
            "tmux {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Presses keys given in tmux's names ("Enter", "Down", "Tab", "q", "C-c"), each in its
    /// own send-keys call so Escape never merges with the next key into Alt+key.
    pub fn send_keys(&self, keys: &[&str]) {
        for key in keys {
            self.run(&["send-keys", "-t", &self.target, key]);
        }
    }

    /// Types `text` literally (UTF-8, e.g. Vietnamese).
    pub fn type_text(&self, text: &str) {
        self.run(&["send-keys", "-t", &self.target, "-l", text]);
    }

    /// The visible screen, one line per row.
    pub fn capture(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", &self.target])
    }

    /// The screen with the lines scrolled off above it (what tmux keeps in history), lines
    /// wrapped at the window's edge joined back. After the program ends, tmux's "Pane is
    /// dead" line can scroll the last line of output off the visible screen, so checks
    /// after exit read this.
    pub fn capture_all(&self) -> String {
        self.run(&["capture-pane", "-p", "-J", "-S", "-", "-t", &self.target])
    }

    /// A tmux format about the pane, e.g. `#{pane_pid}`.
    pub fn display(&self, format: &str) -> String {
        self.run(&["display-message", "-p", "-t", &self.target, format])
            .trim()
            .to_string()
    }

    /// Whether the pane's program has ended.
    pub fn is_dead(&self) -> bool {
        self.display("#{pane_dead}") == "1"
    }

    /// Polls the screen every 50 ms until it shows `text`; the screen, or an error with
    /// the last screen seen.
    pub fn wait_for(&self, text: &str, timeout: Duration) -> Result<String, String> {
        self.wait_until(timeout, |screen| screen.contains(text))
            .map_err(|last| format!("timed out waiting for {text:?}; screen was:\n{last}"))
    }

    /// Polls until the screen no longer shows `text`.
    pub fn wait_for_gone(&self, text: &str, timeout: Duration) -> Result<String, String> {
        self.wait_until(timeout, |screen| !screen.contains(text))
            .map_err(|last| format!("{text:?} still shown after {timeout:?}:\n{last}"))
    }

    /// As [`Tmux::wait_for`], looking at the history too ([`Tmux::capture_all`]).
    pub fn wait_for_in_history(&self, text: &str, timeout: Duration) -> Result<String, String> {
        self.poll(timeout, true, |screen| screen.contains(text))
            .map_err(|last| format!("timed out waiting for {text:?}; pane was:\n{last}"))
    }

    /// Polls the screen until `ok(screen)`; `Err(last screen)` on timeout, or at once if
    /// the program ended without the screen ever matching.
    pub fn wait_until(
        &self,
        timeout: Duration,
        ok: impl Fn(&str) -> bool,
    ) -> Result<String, String> {
        self.poll(timeout, false, ok)
    }

    fn poll(
        &self,
        timeout: Duration,
        history: bool,
        ok: impl Fn(&str) -> bool,
    ) -> Result<String, String> {
        let capture = || {
            if history {
                self.capture_all()
            } else {
                self.capture()
            }
        };
        let start = Instant::now();
        loop {
            let screen = capture();
            if ok(&screen) {
                // The match may come from a frame still being drawn: return a capture taken
                // once the screen has stopped changing, so callers assert on a whole frame.
                return Ok(settled(&capture, screen));
            }
            let dead = self.is_dead();
            if dead || start.elapsed() > timeout {
                let screen = capture();
                if ok(&screen) {
                    return Ok(screen);
                }
                let note = if dead {
                    "[the program has ended]\n"
                } else {
                    ""
                };
                return Err(format!("{note}{screen}"));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until the pane's program has ended.
    pub fn wait_for_exit(&self, timeout: Duration) -> Result<String, String> {
        let start = Instant::now();
        while start.elapsed() < timeout {
            if self.is_dead() {
                return Ok(self.capture());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Err(format!(
            "the program did not end within {timeout:?}; screen:\n{}",
            self.capture()
        ))
    }

    /// The pid of the pane's process (the app itself when the script `exec`s it).
    pub fn pane_pid(&self) -> u32 {
        let text = self.display("#{pane_pid}");
        text.parse()
            .unwrap_or_else(|_| panic!("pane_pid {text:?} is not a number"))
    }

    /// The pane's terminal device, e.g. /dev/pts/3.
    pub fn pane_tty(&self) -> String {
        self.display("#{pane_tty}")
    }

    /// Resizes the window (the app receives a resize event).
    pub fn resize(&self, width: u16, height: u16) {
        self.run(&[
            "resize-window",
            "-t",
            &self.target,
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
        ]);
    }

    /// Kills the session and with it the app.
    pub fn kill_app(&self) {
        let _ = self.raw(&["kill-session", "-t", &self.target]);
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.raw(&["kill-server"]);
    }
}

/// Terminal settings of `tty` as `stty -a` prints them, split into words.
pub fn stty_flags(tty: &str) -> Vec<String> {
    let out = Command::new("stty")
        .args(["-a", "-F", tty])
        .output()
        .expect("run stty");
    String::from_utf8_lossy(&out.stdout)
        .split(|c: char| c.is_whitespace() || c == ';')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Captures again until two captures 60 ms apart agree (at most about half a second).
fn settled(capture: &dyn Fn() -> String, mut screen: String) -> String {
    for _ in 0..8 {
        std::thread::sleep(Duration::from_millis(60));
        let next = capture();
        if next == screen {
            break;
        }
        screen = next;
    }
    screen
}
