//! How many rows a text takes when wrapped at word boundaries, for sizing a status line or
//! a popup before drawing it. Widths are display columns (unicode-width).

use unicode_width::UnicodeWidthStr;

/// Rows `text` takes when wrapped at word boundaries to `width` columns; a word wider than
/// the line is split across rows.
pub fn wrapped_rows(text: &str, width: usize) -> usize {
    let width = width.max(1);
    let mut rows = 1;
    let mut used = 0;
    for word in text.split_whitespace() {
        let w = UnicodeWidthStr::width(word);
        let needed = if used == 0 { w } else { used + 1 + w };
        if needed <= width {
            used = needed;
        } else if w <= width {
            rows += 1;
            used = w;
        } else {
            let start = if used == 0 { 0 } else { 1 };
            rows += start + (w - 1) / width;
            used = w % width;
        }
    }
    rows
}

/// `text` wrapped at word boundaries to lines of at most `width` columns (a word wider
/// than the line is cut with "…").
pub fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let needed = UnicodeWidthStr::width(line.as_str()) + 1 + UnicodeWidthStr::width(word);
        if !line.is_empty() && needed > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
        if UnicodeWidthStr::width(line.as_str()) > width {
            lines.push(cut(&std::mem::take(&mut line), width));
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// `text` cut to at most `width` display columns, with "…" when cut.
pub fn cut(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    if unicode_width::UnicodeWidthStr::width(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::wrapped_rows;

    #[test]
    fn rows_follow_word_wrapping() {
        assert_eq!(wrapped_rows("✓ Đã lưu", 80), 1);
        assert_eq!(wrapped_rows("", 10), 1);
        assert_eq!(wrapped_rows("aaaa bbbb", 9), 1);
        assert_eq!(wrapped_rows("aaaa bbbb", 8), 2);
        assert_eq!(wrapped_rows("aaa bbbbb cc", 8), 2);
        assert_eq!(wrapped_rows("aaa bbbbb cc dddddddd", 8), 3);
        assert_eq!(wrapped_rows(&"x".repeat(20), 8), 3);
        assert_eq!(wrapped_rows(&format!("a {}", "x".repeat(20)), 8), 4);
        assert_eq!(wrapped_rows("Thôn 3 và mọi kỳ", 6), 3);
    }
}
