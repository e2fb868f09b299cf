//! The canonical layout of a `.lfw` file, printed from its lossless tree.
//!
//! - An item's header starts at the beginning of its line; its property
//!   lines are indented by two spaces.
//! - Items are separated by one blank line, but one-line items written one
//!   under the other (a list of imports, of competencies) stay together;
//!   inside an item, runs of blank lines become one.
//! - Words on a line are separated by one space; `,` and `)` follow the word
//!   before them, and `(` the word after it.
//! - A line break the author made inside a line (the pieces of a long text,
//!   a `because` clause) is kept: a text's next piece lines up under its
//!   first, anything else is indented two spaces more than its line.
//! - Comments stay where they are, on the line they annotate: a trailing
//!   comment after its line (one space before it), a comment line inside an
//!   item at the item's indentation, comment lines above a header or after
//!   an item's last line at the start of their lines.
//! - The file ends with one line break; trailing spaces and carriage
//!   returns are removed.
//!
//! Only a tree without syntax errors is formatted: the layout of a line that
//! does not parse cannot be known.

use crate::kind::{SyntaxKind as K, SyntaxNode, SyntaxToken};
use rowan::NodeOrToken;

/// One printed line of an item or of the file, before indentation.
#[derive(Debug)]
enum Row {
    Blank,
    Comment(String),
    /// A header or property line (possibly running over several printed
    /// lines), with its trailing comment.
    Line {
        node: SyntaxNode,
        comment: Option<String>,
    },
}

/// The canonical text of a file whose tree has no syntax errors.
pub fn format(tree: &SyntaxNode) -> String {
    let mut out = String::new();
    // Whether the item before was one line with no blank line after it.
    let mut previous_one_line = false;
    let leading = rows(tree);
    write_rows(&mut out, trim_blank_end(&leading), Place::Outside);
    for item in tree.children().filter(|n| n.kind().is_item()) {
        let all = rows(&item);
        let first = all.iter().position(|r| !matches!(r, Row::Blank)).unwrap_or(all.len());
        let rows = trim_blank_end(&all[first..]);
        // One-line items written one under the other (a list of
        // competencies, of imports) stay together.
        let lines = rows.iter().filter(|r| matches!(r, Row::Line { .. })).count();
        let together = previous_one_line && lines == 1 && matches!(rows.first(), Some(Row::Line { .. }));
        if !out.is_empty() && !together {
            out.push('\n');
        }
        write_rows(&mut out, rows, Place::Item);
        previous_one_line = lines == 1 && matches!(all.last(), Some(Row::Line { .. }));
    }
    out
}

fn trim_blank_end(rows: &[Row]) -> &[Row] {
    let end = rows.iter().rposition(|r| !matches!(r, Row::Blank)).map_or(0, |i| i + 1);
    &rows[..end]
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Before the first item.
    Outside,
    Item,
}

/// The rows of a node's own children (the file's leading trivia, or one
/// item), in order.
fn rows(node: &SyntaxNode) -> Vec<Row> {
    let mut rows = Vec::new();
    // Whether the current physical line has anything on it yet.
    let mut line_used = false;
    for child in node.children_with_tokens() {
        match child {
            // Items are printed by `format`; whatever follows the last item
            // is inside it.
            NodeOrToken::Node(_) if node.kind() == K::File => break,
            NodeOrToken::Node(n) => {
                rows.push(Row::Line { node: n, comment: None });
                line_used = true;
            }
            NodeOrToken::Token(t) => match t.kind() {
                K::Newline => {
                    if !line_used {
                        rows.push(Row::Blank);
                    }
                    line_used = false;
                }
                K::Comment => {
                    let text = t.text().trim_end().to_string();
                    match rows.last_mut() {
                        Some(Row::Line { comment: slot @ None, .. }) if line_used => *slot = Some(text),
                        _ => rows.push(Row::Comment(text)),
                    }
                    line_used = true;
                }
                _ => {}
            },
        }
    }
    rows
}

fn write_rows(out: &mut String, rows: &[Row], place: Place) {
    let mut blank = false;
    let last_line = rows.iter().rposition(|r| matches!(r, Row::Line { .. }));
    let first_line = rows.iter().position(|r| matches!(r, Row::Line { .. }));
    for (i, row) in rows.iter().enumerate() {
        match row {
            Row::Blank => {
                // Runs of blank lines become one; none at the very start.
                if !out.is_empty() && !blank {
                    out.push('\n');
                }
                blank = true;
                continue;
            }
            Row::Comment(text) => {
                // A comment between an item's lines is indented like them;
                // above its header or after its last line, it is not.
                let inside = place == Place::Item && first_line.is_some_and(|f| f < i) && last_line.is_some_and(|l| l > i);
                if inside {
                    out.push_str("  ");
                }
                out.push_str(text);
                out.push('\n');
            }
            Row::Line { node, comment } => {
                let indent = if node.kind() == K::Header { 0 } else { 2 };
                out.push_str(&" ".repeat(indent));
                line(out, node, indent);
                if let Some(c) = comment {
                    out.push(' ');
                    out.push_str(c);
                }
                out.push('\n');
            }
        }
        blank = false;
    }
}

/// Prints one header or property line (starting at column `indent`),
/// keeping the line breaks its author made inside it.
fn line(out: &mut String, node: &SyntaxNode, indent: usize) {
    let mut previous: Option<SyntaxToken> = None;
    let mut broke = false;
    // The column of the first piece of the text being printed.
    let mut text_column: Option<(SyntaxNode, usize)> = None;
    for element in node.descendants_with_tokens() {
        let NodeOrToken::Token(t) = element else { continue };
        match t.kind() {
            K::Newline => {
                broke = true;
                continue;
            }
            K::Whitespace => continue,
            _ => {}
        }
        if t.kind() == K::Comment {
            // A comment inside a line that runs on: it ends its physical line.
            out.push(' ');
            out.push_str(t.text().trim_end());
            broke = true;
            previous = Some(t);
            continue;
        }
        let text_parent = t.parent().filter(|p| p.kind() == K::Text);
        if broke && previous.is_some() {
            out.push('\n');
            let column = match (&text_column, &text_parent) {
                (Some((node, column)), Some(parent)) if node == parent => *column,
                _ => indent + 2,
            };
            out.push_str(&" ".repeat(column));
        } else if let Some(p) = &previous {
            if space_between(p.kind(), t.kind()) {
                out.push(' ');
            }
        }
        broke = false;
        if let Some(parent) = text_parent {
            if text_column.as_ref().is_none_or(|(n, _)| *n != parent) {
                let line_start = out.rfind('\n').map_or(0, |i| i + 1);
                text_column = Some((parent, out[line_start..].chars().count()));
            }
        }
        out.push_str(t.text());
        previous = Some(t);
    }
}

/// Whether one space goes between two tokens on a line.
fn space_between(before: K, after: K) -> bool {
    !(before == K::LParen || matches!(after, K::RParen | K::Comma))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(text: &str) -> String {
        let parsed = crate::parse(text);
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        format(&parsed.tree)
    }

    #[test]
    fn lays_out_items_lines_and_words() {
        let text = "\n\n// About.\n\n\nframework   f \"F\"   // the header\n default scale s\n\n\n\n   version \"1\"\nimport \"a.lfw\"\nimport \"b.lfw\"\n\nscale s \"S\"\n    levels a<b <   c\nrole r \"R\"\n  // why\n  requires 2 of (a,b , c)   at b\n";
        let want = "// About.\n\nframework f \"F\" // the header\n  default scale s\n\n  version \"1\"\n\nimport \"a.lfw\"\nimport \"b.lfw\"\n\nscale s \"S\"\n  levels a < b < c\n\nrole r \"R\"\n  // why\n  requires 2 of (a, b, c) at b\n";
        assert_eq!(fmt(text), want);
    }

    #[test]
    fn keeps_the_line_breaks_of_long_text_and_aligns_the_pieces() {
        let text = "framework f \"F\"\n   description \"one\"\n \"two\"\ncrosswalk x \"X\"\n from f to f\n map a to b as close\n because \"why\"\n";
        let want = "framework f \"F\"\n  description \"one\"\n              \"two\"\n\ncrosswalk x \"X\"\n  from f to f\n  map a to b as close\n    because \"why\"\n";
        assert_eq!(fmt(text), want);
    }

    #[test]
    fn comments_above_a_header_stay_with_it() {
        let text = "role a \"A\"\n// about b\nrole b \"B\"\n\n// a section\n\nrole c \"C\"\n";
        let want = "role a \"A\"\n\n// about b\nrole b \"B\"\n\n// a section\n\nrole c \"C\"\n";
        assert_eq!(fmt(text), want);
    }
}
