//! Reusable widgets: text field, form, key hints, list cursor, too-small guard, popups.
//! Widgets know nothing of the store; they render state and turn keys into events.

pub mod form;
pub mod hints;
pub mod list_cursor;
pub mod listing;
pub mod meter;
pub mod popup;
pub mod score_table;
pub mod tabs;
pub mod text_field;
pub mod too_small;
pub mod wrap;

use ratatui::crossterm::event::KeyEvent;

use super::keymap::Action;

/// One input as a screen or widget receives it: a resolved action, a raw key (for typing),
/// or pasted text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A key the keymap resolved.
    Action(Action),
    /// A key with no binding in the context (typed text, arrows in a field).
    Key(KeyEvent),
    /// Text pasted in one go (bracketed paste).
    Paste(String),
}
