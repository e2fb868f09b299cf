//! Text from frameworks and profiles made safe to show. Other people write
//! those files: a title or a name could carry terminal escape sequences
//! (which can recolour, retitle or rewrite a terminal), a bell, a lone
//! carriage return that overwrites the line before it, a NUL, or bidi
//! overrides that make text read differently from what it is. None of them
//! reaches a terminal or a Markdown table as written.

use std::borrow::Cow;

/// Whether `c` acts on a terminal or on the order of text: control
/// characters other than line breaks and tabs (NEL, U+0085, included), the
/// line and paragraph separators (line breaks to editors and browsers,
/// not to a terminal), and the bidi controls.
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// Whether `text` has an unsafe character at byte `i` (a carriage return
/// is safe only as half of a CRLF line break).
fn unsafe_at(text: &str, i: usize, c: char) -> bool {
    if c == '\r' {
        return !text[i + 1..].starts_with('\n');
    }
    is_unsafe(c)
}

/// `text` with each unsafe character written as a visible escape, `\u{1b}`.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.char_indices().any(|(i, c)| unsafe_at(text, i, c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for (i, c) in text.char_indices() {
        if unsafe_at(text, i, c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// One value from input (a name, an id, a title, an attribute's value, a
/// file's name) as it is put in a line of a report or a message: as
/// [`visible`], and its line breaks too (a CRLF as two escapes), so that
/// no value can end the line it is in and add lines of its own (a fake
/// verdict, a fake row).
pub fn one_line(text: &str) -> Cow<'_, str> {
    let escaped = |c: char| c == '\n' || c == '\r' || is_unsafe(c);
    if !text.contains(escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if escaped(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` with each unsafe character replaced by as many `?` as it has
/// bytes: still visible, and every byte offset into the text (the spans of
/// diagnostics) still right.
pub fn same_offsets(text: &str) -> Cow<'_, str> {
    if !text.char_indices().any(|(i, c)| unsafe_at(text, i, c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if unsafe_at(text, i, c) {
            out.extend(std::iter::repeat_n('?', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` as one cell of a Markdown table: `|` cannot end the cell, `<`,
/// `>` and `&` cannot start HTML or an entity, and a line break cannot end
/// the row.
pub fn markdown_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in visible(text).chars() {
        match c {
            '|' => out.push_str("\\|"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' => out.push_str("<br>"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_bidi_characters_become_visible() {
        assert_eq!(visible("plain\ttext\n"), "plain\ttext\n");
        assert_eq!(visible("a\u{1b}[31mred\u{7}"), "a\\u{1b}[31mred\\u{7}");
        assert_eq!(visible("x\u{202e}y\u{0}"), "x\\u{202e}y\\u{0}");
        assert_eq!(visible("over\rwrite\r\n"), "over\\u{d}write\r\n");
    }

    #[test]
    fn a_value_cannot_end_its_line() {
        assert_eq!(one_line("plain\ttext"), "plain\ttext");
        assert_eq!(
            one_line("A\n  gates: none\r\nB\rC\u{85}D\u{2028}E\u{2029}F\u{1b}"),
            "A\\u{a}  gates: none\\u{d}\\u{a}B\\u{d}C\\u{85}D\\u{2028}E\\u{2029}F\\u{1b}"
        );
        // Whole reports keep their own line breaks, but not the separators.
        assert_eq!(visible("a\nb\u{2028}c"), "a\nb\\u{2028}c");
    }

    #[test]
    fn offsets_are_kept() {
        let text = "ab\u{1b}c\u{202e}d\u{85}e";
        let safe = same_offsets(text);
        assert_eq!(safe.len(), text.len());
        assert_eq!(safe, "ab?c???d??e");
    }

    #[test]
    fn markdown_cells_cannot_break_the_table() {
        assert_eq!(markdown_cell("a | b <script>&\nc"), "a \\| b &lt;script&gt;&amp;<br>c");
    }
}
