//! The selected line of a list: ↑↓ move it one line, PgUp PgDn a page, always inside the
//! list (also when it has shrunk since the last key, e.g. after a reload); and which lines
//! of a long list are in view, so a screen builds only those. Every list screen uses it.

use std::ops::Range;

use crate::tui::keymap::Action;

/// How many lines PgUp and PgDn move the selection.
pub const PAGE: usize = 10;

/// Moves `selected` for Up, Down, PageUp or PageDown in a list of `len` lines, from where
/// it is kept inside the list; returns false, leaving `selected` as it was, for any other
/// action.
pub fn step(selected: &mut usize, action: Action, len: usize) -> bool {
    let at = clamp(*selected, len);
    *selected = match action {
        Action::Up => at.saturating_sub(1),
        Action::Down => at + 1,
        Action::PageUp => at.saturating_sub(PAGE),
        Action::PageDown => at + PAGE,
        _ => return false,
    }
    .min(len.saturating_sub(1));
    true
}

/// `selected` kept inside a list of `len` lines (0 for an empty list).
pub fn clamp(selected: usize, len: usize) -> usize {
    selected.min(len.saturating_sub(1))
}

/// The lines in view when `height` of a list's `len` lines fit, with line `selected` in
/// view: the first ones until the selection passes the bottom, then those ending with it
/// (the window ratatui's `List` shows from offset 0, so the frame is the same as with
/// every line).
pub fn window(selected: usize, len: usize, height: usize) -> Range<usize> {
    let start = (clamp(selected, len) + 1).saturating_sub(height).min(len);
    start..(start + height).min(len)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Action::{Down, PageDown, PageUp, Up};

    /// Checks each (from, action, len, to): `action` on line `from` of `len` lines.
    fn check(cases: &[(usize, Action, usize, usize)]) {
        for &(from, action, len, to) in cases {
            let mut at = from;
            assert!(step(&mut at, action, len), "{action:?} is a movement");
            assert_eq!(at, to, "{action:?} from {from} of {len}");
        }
    }

    #[test]
    fn arrows_move_a_line_and_pages_ten_and_stop_at_both_ends() {
        check(&[
            (5, Up, 30, 4),
            (5, Down, 30, 6),
            (15, PageUp, 30, 5),
            (5, PageDown, 30, 15),
            (0, Up, 30, 0),
            (3, PageUp, 30, 0),
            (29, Down, 30, 29),
            (25, PageDown, 30, 29),
        ]);
    }

    #[test]
    fn an_empty_list_keeps_the_selection_on_zero() {
        for action in [Up, Down, PageUp, PageDown] {
            check(&[(0, action, 0, 0), (7, action, 0, 0)]);
        }
        assert_eq!(clamp(4, 0), 0);
        assert_eq!(window(4, 0, 10), 0..0);
    }

    #[test]
    fn a_shrunk_list_moves_from_its_last_line() {
        // Line 12 was selected; a reload left 5 lines: the last one is shown selected.
        assert_eq!(clamp(12, 5), 4);
        check(&[
            (12, Up, 5, 3),
            (12, Down, 5, 4),
            (12, PageUp, 5, 0),
            (12, PageDown, 5, 4),
        ]);
    }

    #[test]
    fn other_actions_are_not_movements_and_change_nothing() {
        let mut at = 12;
        assert!(!step(&mut at, Action::Open, 5));
        assert!(!step(&mut at, Action::Back, 5));
        assert_eq!(at, 12);
    }

    #[test]
    fn the_window_keeps_the_selection_on_its_bottom_line() {
        let windows = [
            ((0, 100, 10), 0..10),
            ((9, 100, 10), 0..10),
            ((10, 100, 10), 1..11),
            ((99, 100, 10), 90..100),
            ((3, 4, 10), 0..4),
            // Past the end (a shrunk list): the last lines.
            ((500, 100, 10), 90..100),
            ((5, 100, 0), 6..6),
        ];
        for ((selected, len, height), want) in windows {
            assert_eq!(
                window(selected, len, height),
                want,
                "{selected} {len} {height}"
            );
        }
    }
}
