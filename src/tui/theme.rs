//! Semantic styles: a colour theme and a monochrome one for `NO_COLOR` and projectors.
//! Meaning never rests on colour alone: screens pair styles with symbols or words.

use ratatui::style::{Color, Modifier, Style};

/// The style roles screens use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Titles and headings.
    pub title: Style,
    /// The focused field or pane border.
    pub focus: Style,
    /// The selected row.
    pub selected: Style,
    /// A rule met.
    pub ok: Style,
    /// A rule not met yet.
    pub warn: Style,
    /// An error message.
    pub error: Style,
    /// Secondary text.
    pub muted: Style,
    /// Key names in the hint bar.
    pub key: Style,
}

impl Theme {
    /// The colour theme.
    pub fn colour() -> Self {
        Theme {
            title: Style::new().add_modifier(Modifier::BOLD).fg(Color::Cyan),
            focus: Style::new().fg(Color::Yellow),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            ok: Style::new().fg(Color::Green),
            warn: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            muted: Style::new().fg(Color::DarkGray),
            key: Style::new().add_modifier(Modifier::BOLD).fg(Color::Cyan),
        }
    }

    /// The monochrome theme: modifiers only, no colour at all.
    pub fn mono() -> Self {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            title: bold,
            focus: bold,
            selected: Style::new().add_modifier(Modifier::REVERSED),
            ok: Style::new(),
            warn: bold,
            error: bold,
            muted: Style::new(),
            key: bold,
        }
    }

    /// Monochrome when `NO_COLOR` is set to a non-empty value, colour otherwise.
    pub fn from_env() -> Self {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => Theme::mono(),
            _ => Theme::colour(),
        }
    }
}
