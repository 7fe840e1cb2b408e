//! Column widths from the measured content, and how many lines wrapped text takes: pure
//! functions over display widths (unicode-width), in spreadsheet character units.

use unicode_width::UnicodeWidthStr;

/// Widest a text column grows on a sheet that fits a page; longer text wraps.
const MAX_COLUMN_WIDTH: f64 = 24.0;

/// Narrowest cap text columns shrink to on wide sheets.
const MIN_CAP: f64 = 12.0;

/// How much wider than the others the name column may grow.
const NAME_BONUS: f64 = 12.0;

/// The column holding names (activities, people).
pub(super) const NAME_COLUMN: usize = 1;

/// Widest the first column grows on a sheet whose only content is a note.
const MAX_NOTE_WIDTH: f64 = 75.0;

/// Narrowest column.
const MIN_COLUMN_WIDTH: f64 = 5.0;

/// Room a cell's padding takes (characters).
const PADDING: f64 = 2.0;

/// Room wrapped text leaves unused in its cell (characters; proportional fonts fit a
/// little more than the nominal width, so one is enough).
const WRAP_MARGIN: f64 = 1.0;

/// Total width (characters) wide sheets are squeezed towards: with the columns' padding,
/// about what an A4 landscape page holds at the smallest print scale (73 %).
const WIDE_TARGET: f64 = 170.0;

/// Headers wrap between words: they count at most this wide, or their longest word.
const HEADER_WIDTH: usize = 9;

/// The width a header claims for its column.
pub(super) fn header_width(label: &str) -> usize {
    let longest = label.split_whitespace().map(width).max().unwrap_or(0);
    width(label).min(HEADER_WIDTH.max(longest))
}

/// Display width of text.
pub(super) fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// The display width of a number as its format shows it (`grouped`: thousands
/// separators; fractions show up to three decimals).
pub(super) fn number_width(n: f64, grouped: bool) -> usize {
    let digits = format!("{:.0}", n.abs().trunc()).len();
    let groups = if grouped { (digits - 1) / 3 } else { 0 };
    let decimals = if n.fract() == 0.0 { 0 } else { 4 };
    digits + groups + decimals + usize::from(n < 0.0)
}

/// Column widths: numbers always fit whole; text fits up to a cap that shrinks (to
/// [`MIN_CAP`]) while the sheet is wider than [`WIDE_TARGET`]; the name column may be
/// [`NAME_BONUS`] wider; a sheet holding only a note lets its first column grow.
pub(super) fn column_widths(text: &[usize], numbers: &[usize], note_only: bool) -> Vec<f64> {
    let mut cap = MAX_COLUMN_WIDTH;
    loop {
        let widths = capped(text, numbers, note_only, cap);
        if widths.iter().sum::<f64>() <= WIDE_TARGET || cap <= MIN_CAP {
            return widths;
        }
        cap -= 1.0;
    }
}

fn capped(text: &[usize], numbers: &[usize], note_only: bool, cap: f64) -> Vec<f64> {
    let columns = text.len().max(numbers.len());
    (0..columns)
        .map(|c| {
            let max = match c {
                0 if note_only => MAX_NOTE_WIDTH,
                NAME_COLUMN => cap + NAME_BONUS,
                _ => cap,
            };
            let text = text.get(c).map_or(0.0, |w| *w as f64 + PADDING).min(max);
            let number = numbers.get(c).map_or(0.0, |w| *w as f64 + PADDING);
            text.max(number).max(MIN_COLUMN_WIDTH)
        })
        .collect()
}

/// Lines `text` takes when wrapped between words in a cell `room` characters wide
/// (columns' widths summed); a word longer than a line breaks where it must.
pub(super) fn lines(text: &str, room: f64) -> usize {
    let room = (room - WRAP_MARGIN).max(1.0) as usize;
    text.split('\n').map(|line| line_count(line, room)).sum()
}

fn line_count(line: &str, room: usize) -> usize {
    let mut lines = 1;
    let mut used = 0;
    for word in line.split_whitespace() {
        let w = width(word);
        if used > 0 && used + 1 + w <= room {
            used += 1 + w;
            continue;
        }
        if used > 0 {
            lines += 1;
        }
        lines += w.saturating_sub(1) / room;
        used = match w % room {
            0 if w > 0 => room,
            rest => rest,
        };
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_wrap_between_words() {
        assert_eq!(header_width("Số nam"), 6);
        assert_eq!(header_width("Hạng nhóm nam"), 9);
        assert_eq!(header_width("Điểm/phiếu nhóm nam"), 10);
    }

    #[test]
    fn numbers_measure_as_shown() {
        assert_eq!(number_width(1_200_000_000.0, true), 13);
        assert_eq!(number_width(2026.0, false), 4);
        assert_eq!(number_width(1.5, true), 5);
        assert_eq!(number_width(-12.0, true), 3);
    }

    #[test]
    fn wide_sheets_squeeze_text_but_never_numbers() {
        let text = vec![8, 60, 10, 40, 40, 40, 40, 40, 40, 40];
        let numbers = vec![0, 0, 13, 0, 0, 0, 0, 0, 0, 0];
        let roomy = column_widths(&text[..4], &numbers[..4], false);
        assert_eq!(roomy[3], 24.0, "a narrow sheet keeps the full cap");
        let w = column_widths(&text, &numbers, false);
        assert!(w.iter().sum::<f64>() <= WIDE_TARGET);
        assert_eq!(w[2], 15.0, "a money column keeps its digits");
        assert!(w[1] > w[3], "the name column is wider");
        let narrow = column_widths(&[4, 10], &[], false);
        assert_eq!(narrow, vec![MIN_COLUMN_WIDTH + 1.0, 12.0]);
        let note = column_widths(&[120], &[], true);
        assert_eq!(note, vec![MAX_NOTE_WIDTH]);
    }

    #[test]
    fn wrapped_text_counts_its_lines() {
        assert_eq!(lines("", 10.0), 1);
        assert_eq!(lines("Tổng cộng", 12.0), 1);
        assert_eq!(lines("Điểm/phiếu nhóm nam", 12.0), 2);
        assert_eq!(lines("Trường Tiểu học xã", 12.0), 2);
        assert_eq!(lines("một hai\nba", 40.0), 2);
        assert_eq!(lines("abcdefghijklmnop", 9.0), 2);
    }
}
