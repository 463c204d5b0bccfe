//! Inline ignores: an article marks a statement, or itself, as reviewed for a rule, with a
//! reason.
//!
//! ```text
//! <!-- crosscheck-ignore xi-putin-meetings: Xi's own count, quoted from 2019 -->
//! <!-- crosscheck-ignore-file state-visit-length: the visit was cut short; see the correction -->
//! ```
//!
//! In Markdown a marker is an HTML comment; in plain text it is also a line of its own
//! (`crosscheck-ignore RULE: REASON`). A marker alone on its line covers the next paragraph;
//! one beside text covers the paragraph it is in; the `-file` form covers the article. The
//! statements a marker covers are not compared (they are set aside with its reason). This
//! module finds markers and hides their text from matching; [`crate::check`] applies them.

use std::borrow::Cow;

use miette::{Diagnostic, NamedSource, SourceSpan};

use crate::article::Article;

/// The word that starts a marker.
const MARKER: &str = "crosscheck-ignore";

/// One marker in an article.
#[derive(Debug, Clone)]
pub struct Marker {
    /// The marker's bytes in the file (the whole comment, or the whole line).
    pub span: (usize, usize),
    /// The rules it names, each with its span in the file.
    pub rules: Vec<(String, (usize, usize))>,
    /// Why; empty when none was given.
    pub reason: String,
    /// The bytes it covers: a paragraph, or the whole article.
    pub covers: (usize, usize),
    /// True for `crosscheck-ignore-file`.
    pub whole_article: bool,
}

/// A marker that cannot be applied.
#[derive(Debug, Diagnostic, thiserror::Error)]
pub enum IgnoreError {
    /// A marker without a reason (or without a rule).
    #[error("{path}: {message}")]
    #[diagnostic(
        code(crosscheck::ignore::malformed),
        help("write `crosscheck-ignore RULE-ID: why the statement is accepted`; the reason is required")
    )]
    Malformed {
        /// The article.
        path: String,
        /// What is missing.
        message: String,
        /// The article's text.
        #[source_code]
        src: NamedSource<String>,
        /// The marker.
        #[label("this marker")]
        span: SourceSpan,
    },
    /// A marker names a rule that is not loaded.
    #[error("{path}: crosscheck-ignore names no rule `{rule}`")]
    #[diagnostic(code(crosscheck::ignore::unknown_rule))]
    UnknownRule {
        /// The article.
        path: String,
        /// The id as written.
        rule: String,
        /// The nearest id, or what to do.
        #[help]
        help: String,
        /// The article's text.
        #[source_code]
        src: NamedSource<String>,
        /// The id.
        #[label("not the id of any rule")]
        span: SourceSpan,
    },
}

impl IgnoreError {
    /// The article the error is about.
    pub fn path(&self) -> &str {
        match self {
            IgnoreError::Malformed { path, .. } | IgnoreError::UnknownRule { path, .. } => path,
        }
    }
}

/// An ignore (inline or in the configuration) that covered no statement of its rule.
#[derive(Debug, Diagnostic, thiserror::Error)]
#[error("{path}: this ignore of `{rule}` matches no statement")]
#[diagnostic(
    code(crosscheck::ignore::unused),
    severity(Warning),
    help("the statement it was written for is gone or reads differently now; remove the ignore")
)]
pub struct Unused {
    /// The article or configuration file.
    pub path: String,
    /// The rule.
    pub rule: String,
    /// The file's text.
    #[source_code]
    pub src: NamedSource<String>,
    /// The ignore.
    #[label("covers nothing")]
    pub span: SourceSpan,
}

/// The markers of an article, in file order.
pub fn markers(article: &Article) -> Vec<Marker> {
    let text = &article.text;
    if !text[article.body..].contains(MARKER) {
        return Vec::new();
    }
    let mut markers = Vec::new();
    let mut offset = article.body;
    for line in text[article.body..].split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let mut from = 0;
        while let Some(open) = body[from..].find("<!--").map(|i| from + i) {
            // The comment's end is searched after its opening, so `<!-->` and `<!--->`
            // (an opening whose dashes a closing could share) are not read as empty comments.
            let Some(close) = body[open + 4..].find("-->").map(|i| open + 4 + i + 3) else {
                break;
            };
            let inner = &body[open + 4..close - 3];
            if let Some(m) = parse(text, offset, open + 4, inner) {
                let alone = body[..open].trim().is_empty() && body[close..].trim().is_empty();
                markers.push(Marker {
                    span: (offset + open, offset + close),
                    ..cover(article, m, offset, alone)
                });
            }
            from = close;
        }
        if from == 0 && !article.markdown && body.trim_start().starts_with(MARKER) {
            let start = body.len() - body.trim_start().len();
            if let Some(m) = parse(text, offset, start, &body[start..]) {
                markers.push(Marker {
                    span: (offset + start, offset + body.len()),
                    ..cover(article, m, offset, true)
                });
            }
        }
        offset += line.len();
    }
    markers
}

/// A marker's contents, before its span and coverage are known.
struct Parsed {
    rules: Vec<(String, (usize, usize))>,
    reason: String,
    whole_article: bool,
}

/// Reads `crosscheck-ignore[-file] RULE[, RULE]: REASON` at `line + at` of `text`.
fn parse(text: &str, line: usize, at: usize, inner: &str) -> Option<Parsed> {
    let lead = inner.len() - inner.trim_start().len();
    let rest = inner.trim_start().strip_prefix(MARKER)?;
    let (whole_article, rest, skip) = match rest.strip_prefix("-file") {
        Some(r) => (true, r, MARKER.len() + 5),
        None => (false, rest, MARKER.len()),
    };
    if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let (ids, reason) = rest.split_once(':').unwrap_or((rest, ""));
    let base = line + at + lead + skip;
    let mut rules = Vec::new();
    let mut pos = 0;
    for id in ids.split(',') {
        let trimmed = id.trim();
        if !trimmed.is_empty() {
            let start = base + pos + (id.len() - id.trim_start().len());
            debug_assert_eq!(&text[start..start + trimmed.len()], trimmed);
            rules.push((trimmed.to_owned(), (start, start + trimmed.len())));
        }
        pos += id.len() + 1;
    }
    Some(Parsed {
        rules,
        reason: reason.trim().to_owned(),
        whole_article,
    })
}

/// Fills in what a marker covers: the article, the paragraph it is in (`alone` false), or
/// the next paragraph after its line (starting at byte `line`).
fn cover(article: &Article, m: Parsed, line: usize, alone: bool) -> Marker {
    let text = &article.text;
    let covers = if m.whole_article {
        (article.body, text.len())
    } else {
        let start = if alone {
            // The next line with text after the marker's own.
            let after = line + text[line..].find('\n').map_or(text.len() - line, |i| i + 1);
            let skipped = text[after..].len() - text[after..].trim_start().len();
            after + skipped
        } else {
            paragraph_start(text, article.body, line, article.markdown)
        };
        (start, paragraph_end(text, start, article.markdown))
    };
    Marker {
        span: (0, 0),
        rules: m.rules,
        reason: m.reason,
        covers,
        whole_article: m.whole_article,
    }
}

/// Where the paragraph holding the line at `line` starts: that line in plain text, after
/// the last blank line before it (or the body's start) in Markdown.
fn paragraph_start(text: &str, body: usize, line: usize, markdown: bool) -> usize {
    if !markdown {
        return line;
    }
    let mut start = line;
    while start > body {
        let prev = text[body..start - 1]
            .rfind('\n')
            .map_or(body, |i| body + i + 1);
        if text[prev..start].trim().is_empty() {
            break;
        }
        start = prev;
    }
    start
}

/// Where the paragraph starting at `start` ends: at the line's end in plain text, at the
/// next blank line in Markdown.
fn paragraph_end(text: &str, start: usize, markdown: bool) -> usize {
    let mut end = start;
    for line in text[start..].split_inclusive('\n') {
        if end > start && (!markdown || line.trim().is_empty()) {
            break;
        }
        end += line.len();
    }
    end
}

/// The article with its markers blanked out (same length, so every offset still holds), so
/// that a reason's words and numbers are never read as a statement.
pub fn masked<'a>(article: &'a Article, markers: &[Marker]) -> Cow<'a, Article> {
    if markers.is_empty() {
        return Cow::Borrowed(article);
    }
    let mut text = article.text.clone().into_bytes();
    for m in markers {
        for b in &mut text[m.span.0..m.span.1] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    }
    let mut copy = article.clone();
    // Only whole characters were replaced, byte for byte, by spaces.
    copy.text = String::from_utf8(text).unwrap_or_else(|_| article.text.clone());
    Cow::Owned(copy)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str, markdown: bool) -> Article {
        Article {
            path: "a".into(),
            bytes: text.len(),
            sha256: crate::article::digest(text),
            text: text.into(),
            body: 0,
            meta: Default::default(),
            markdown,
            scope: None,
        }
    }

    #[test]
    fn a_comment_alone_covers_the_next_paragraph() {
        let text = "Intro.\n\n<!-- crosscheck-ignore r1, r2: quoted from 2019 -->\n\nThey met\nnearly 30 times.\n\nLater.\n";
        let a = article(text, true);
        let m = &markers(&a)[0];
        let ids: Vec<_> = m.rules.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["r1", "r2"]);
        assert_eq!(m.reason, "quoted from 2019");
        assert_eq!(
            &text[m.covers.0..m.covers.1],
            "They met\nnearly 30 times.\n"
        );
        let (s, e) = m.rules[1].1;
        assert_eq!(&text[s..e], "r2");
    }

    #[test]
    fn a_comment_beside_text_covers_its_own_paragraph() {
        let text = "First.\nThey met 30 times. <!-- crosscheck-ignore r: old -->\nNext line.\n";
        let m = &markers(&article(text, false))[0];
        assert_eq!(
            &text[m.covers.0..m.covers.1],
            "They met 30 times. <!-- crosscheck-ignore r: old -->\n"
        );
    }

    #[test]
    fn in_markdown_a_comment_beside_text_covers_the_whole_wrapped_paragraph() {
        let text = "Intro.\n\nThey met\nnearly 30 times. <!-- crosscheck-ignore r: old -->\nStill here.\n\nNext.\n";
        let m = &markers(&article(text, true))[0];
        assert_eq!(
            &text[m.covers.0..m.covers.1],
            "They met\nnearly 30 times. <!-- crosscheck-ignore r: old -->\nStill here.\n"
        );
    }

    #[test]
    fn a_plain_text_marker_line_covers_the_next_line_and_is_masked() {
        let text = "crosscheck-ignore r: met 30 times in 2019\nThey met 30 times.\nOther.\n";
        let a = article(text, false);
        let ms = markers(&a);
        assert_eq!(
            &text[ms[0].covers.0..ms[0].covers.1],
            "They met 30 times.\n"
        );
        let masked = masked(&a, &ms);
        assert!(!masked.text.contains("2019"));
        assert_eq!(masked.text.len(), text.len());
        // In Markdown a bare line is prose, not a marker.
        assert!(markers(&article(text, true)).is_empty());
    }

    #[test]
    fn an_opening_that_looks_closed_is_no_comment_and_no_panic() {
        for text in [
            "<!-->\ncrosscheck-ignore x: y\n",
            "<!--->\ncrosscheck-ignore x: y\n",
            "a <!--> b <!-- crosscheck-ignore r: why --> c\n",
            "<!---->crosscheck-ignore\n",
        ] {
            for markdown in [false, true] {
                let ms = markers(&article(text, markdown));
                for m in &ms {
                    assert!(m.span.0 <= m.span.1 && m.span.1 <= text.len());
                }
            }
        }
        // The comment that opens at `<!-->` runs to the next `-->`.
        let text = "<!--> crosscheck-ignore r: why -->\nThey met 30 times.\n";
        let ms = markers(&article(text, true));
        assert_eq!(
            ms.len(),
            0,
            "a comment that starts `<!-->` holds `> crosscheck-ignore`"
        );
    }

    #[test]
    fn file_markers_cover_the_article_and_reasons_may_be_missing() {
        let text = "<!-- crosscheck-ignore-file r -->\nA.\n";
        let m = &markers(&article(text, true))[0];
        assert!(m.whole_article);
        assert_eq!(m.covers, (0, text.len()));
        assert_eq!(m.reason, "");
        // Not a marker: another word that starts the same way.
        assert!(markers(&article("<!-- crosscheck-ignored r: x -->\n", true)).is_empty());
    }
}
