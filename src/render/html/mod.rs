//! `--format html`: one self-contained page per report — no scripts, no
//! external styles, fonts or images (a Content-Security-Policy says so to
//! the browser) — with inline SVG pictures, print styles, and every piece of
//! input text escaped. Laid out from the same words as the text reports
//! (`super::words`), and from the typed results where a picture needs
//! numbers.

pub mod cohort;
pub mod compare;
pub mod diff;
pub mod readiness;
pub mod routes;
pub mod succession;

/// Text made safe for HTML content and attribute values: control
/// characters and bidi overrides from other people's files shown, not
/// obeyed, as in the text reports (`crate::escape::visible`), then the
/// characters HTML gives a meaning to written as entities.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in crate::escape::visible(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #1b1b1b; line-height: 1.4; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
.meta { color: #555; }
.verdict { font-size: 1.2rem; font-weight: bold; padding: 0.4rem 0.8rem; display: inline-block; border-radius: 0.3rem; }
.ready { background: #d8f0d8; color: #0b4f0b; }
.not-ready { background: #f6dede; color: #7a1010; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; }
th, td { text-align: left; padding: 0.3rem 0.5rem; border-bottom: 1px solid #e2e2e2; vertical-align: top; }
th { background: #f4f4f4; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.met { color: #0b4f0b; } .unmet { color: #7a1010; }
svg { max-width: 100%; height: auto; }
svg text { font-family: system-ui, sans-serif; font-size: 12px; fill: #1b1b1b; }
ol li { margin: 0.2rem 0; }
pre { overflow-x: auto; font-size: 0.85rem; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } table, svg { break-inside: avoid; } }
";

/// A whole page: a title, and the body's HTML (already escaped).
pub fn document(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"lfw {}\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        env!("CARGO_PKG_VERSION"),
        escape(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_from_files_cannot_open_a_tag_or_steer_the_page() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(escape("a\u{202e}b\u{7}"), "a\\u{202e}b\\u{7}");
    }

    #[test]
    fn a_page_loads_nothing_from_outside() {
        let p = document("<t>", "<p>x</p>");
        assert!(p.contains("default-src 'none'"));
        assert!(p.contains("<title>&lt;t&gt;</title>"));
        for outside in ["<script", "src=", "href=", "@import", "url("] {
            assert!(!p.contains(outside), "{outside}");
        }
    }
}
