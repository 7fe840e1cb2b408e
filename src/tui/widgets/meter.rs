//! The women's-share meter: counts, share, and a bar with the 30% threshold marked.
//! Pass or fail is written in words and symbols, never by colour alone.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::domain::Tally;
use crate::domain::attendance::{
    MIN_WOMEN_PERCENT, meets_women_threshold, women_missing, women_share,
};
use crate::i18n::{Lang, t, tf};
use crate::tui::theme::Theme;

/// Renders one line: "Tổng 92 · Nam 60 · Nữ 32 · Nữ 34,8% [████|░░] ✓ ĐẠT".
pub fn render(tally: Tally, lang: Lang, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let share = women_share(tally);
    let ok = meets_women_threshold(tally);
    let counts = tf(
        lang,
        "meter.counts",
        &[
            tally.total().to_string(),
            tally.men.to_string(),
            tally.women.to_string(),
            percent(share, lang),
        ],
    );
    let verdict = if ok {
        Span::styled(format!(" ✓ {}", t(lang, "meter.ok")), theme.ok)
    } else {
        let need = women_missing(tally).to_string();
        Span::styled(
            format!(" ✗ {}", tf(lang, "meter.short", &[need])),
            theme.warn,
        )
    };
    let bar_width = bar_width(area.width, &counts, lang);
    Line::from(vec![
        Span::raw(counts),
        Span::raw(" ["),
        Span::styled(
            bar(share, bar_width),
            if ok { theme.ok } else { theme.warn },
        ),
        Span::raw("]"),
        verdict,
    ])
    .render(area, buf);
}

/// The bar's width in a line of `width` columns after `counts`: room is kept for the
/// wider verdict (met, or short by up to 99 women), so the bar does not change width when
/// the verdict changes, only when a count gains a digit.
pub fn bar_width(width: u16, counts: &str, lang: Lang) -> usize {
    let cols = |s: &str| unicode_width::UnicodeWidthStr::width(s) as u16;
    let ok = cols(&format!(" ✓ {}", t(lang, "meter.ok")));
    let short = cols(&format!(" ✗ {}", tf(lang, "meter.short", &["99".into()])));
    width
        .saturating_sub(cols(counts) + ok.max(short) + 3)
        .min(30) as usize
}

/// A bar of `width` cells filled to `share` percent with `|` at the 30% mark.
/// The fill always agrees with the verdict: it reaches past the mark exactly when the
/// rule is met.
pub fn bar(share: f64, width: usize) -> String {
    if width == 0 {
        return String::new();
    }
    let mark = (MIN_WOMEN_PERCENT as usize * width)
        .div_ceil(100)
        .min(width.saturating_sub(1));
    let raw = ((share / 100.0) * width as f64).round() as usize;
    let filled = if share >= f64::from(MIN_WOMEN_PERCENT) {
        raw.max(mark + 2).min(width)
    } else {
        raw.min(mark)
    };
    (0..width)
        .map(|i| match (i == mark, i < filled) {
            (true, _) => '│',
            (false, true) => '█',
            (false, false) => '░',
        })
        .collect()
}

/// "34,8%" in Vietnamese, "34.8%" in English.
pub fn percent(share: f64, lang: Lang) -> String {
    let text = format!("{share:.1}%");
    match lang {
        Lang::Vi => text.replace('.', ","),
        Lang::En => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bar_marks_the_threshold() {
        assert_eq!(bar(0.0, 10), "░░░│░░░░░░");
        assert_eq!(bar(30.0, 10), "███│█░░░░░");
        assert_eq!(bar(29.9, 10), "███│░░░░░░");
        assert_eq!(bar(30.0, 26), "████████│█░░░░░░░░░░░░░░░░");
        assert_eq!(bar(50.0, 10), "███│█░░░░░");
        assert_eq!(bar(100.0, 1), "│");
        assert_eq!(bar(40.0, 0), "");
    }

    /// The bar was as wide as the verdict left room for: it grew when the rule was met.
    #[test]
    fn the_bar_keeps_its_width_when_the_verdict_changes() {
        let theme = Theme::mono();
        let bar_cells = |tally: Tally, lang: Lang| {
            let area = Rect::new(0, 0, 80, 1);
            let mut buf = Buffer::empty(area);
            render(tally, lang, &theme, area, &mut buf);
            (0..80)
                .filter(|x| matches!(buf[(*x, 0)].symbol(), "█" | "░" | "│"))
                .count()
        };
        for lang in [Lang::Vi, Lang::En] {
            let states = [
                Tally { men: 9, women: 1 },
                Tally { men: 7, women: 3 },
                Tally { men: 5, women: 5 },
                Tally { men: 2, women: 8 },
            ];
            let widths: Vec<usize> = states.iter().map(|t| bar_cells(*t, lang)).collect();
            assert!(widths[0] >= 5, "{lang:?}: {widths:?}");
            assert!(
                widths.iter().all(|w| *w == widths[0]),
                "{lang:?}: {widths:?}"
            );
        }
    }

    #[test]
    fn percent_uses_the_local_decimal_mark() {
        assert_eq!(percent(34.78, Lang::Vi), "34,8%");
        assert_eq!(percent(34.78, Lang::En), "34.8%");
    }
}
