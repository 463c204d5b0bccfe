//! Text as the engine sees it: typographic variants folded to plain forms, sentences with
//! byte spans, and line/column positions.
//!
//! Every offset this module hands out can be mapped back to the article's original bytes;
//! it never changes what an article says, only how it is spelled.

/// Text with typographic variants folded (curly quotes, non-breaking spaces, dashes), and
/// the way back to the original offsets.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// The folded text.
    pub text: String,
    /// `(folded offset, original offset)` at each point where the two stop moving together.
    shifts: Vec<(usize, usize)>,
}

impl Normalized {
    /// The original byte offset of a byte offset into [`Normalized::text`].
    pub fn to_original(&self, offset: usize) -> usize {
        let i = self.shifts.partition_point(|&(n, _)| n <= offset);
        match i.checked_sub(1).map(|i| self.shifts[i]) {
            Some((n, o)) => o + (offset - n),
            None => offset,
        }
    }
}

/// The plain form of a typographic character, if it has one.
fn plain(c: char) -> Option<char> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => '"',
        '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{2009}' | '\u{200A}' | '\u{2002}'
        | '\u{2003}' => ' ',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => '-',
        '\u{2026}' => '.',
        _ => return None,
    })
}

/// Folds curly quotes, non-breaking spaces and dashes to their plain forms.
pub fn normalize(s: &str) -> Normalized {
    let mut text = String::with_capacity(s.len());
    let mut shifts = Vec::new();
    // Every character with a plain form is outside ASCII: copy the runs between them whole.
    let bytes = s.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii() {
            i += 1;
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        let end = i + c.len_utf8();
        if let Some(p) = plain(c) {
            text.push_str(&s[copied..i]);
            text.push(p);
            shifts.push((text.len(), end));
            copied = end;
        }
        i = end;
    }
    text.push_str(&s[copied..]);
    Normalized { text, shifts }
}

/// One sentence: a byte span of the text it was split from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset one past the last character.
    pub end: usize,
    /// Index of the paragraph it belongs to.
    pub paragraph: usize,
}

/// Words that end in a period without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "st", "jr",
    "sr", "vs", "etc", "no", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "approx", "est", "u.s", "u.k", "u.n", "e.g", "i.e",
    "a.m", "p.m",
];

/// Splits text into sentences.
///
/// A paragraph ends at a blank line; in plain text (`line_paragraphs`) every line is a
/// paragraph, as scraped articles put one paragraph on a line. Inside a paragraph a
/// sentence ends at `.`, `!` or `?` (with closing quotes) followed by white space, unless
/// the word before the period is a known abbreviation or a single letter.
pub fn sentences(text: &str, line_paragraphs: bool) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut paragraph = 0;
    let mut start = 0;
    for (line_start, line) in lines(text) {
        let blank = line.trim().is_empty();
        if blank || line_paragraphs {
            push_trimmed(text, start, line_start, paragraph, &mut out);
            paragraph += usize::from(out.last().is_some_and(|s| s.paragraph == paragraph));
            start = line_start;
            if blank {
                continue;
            }
        }
        let bytes = line.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if !matches!(b, b'.' | b'!' | b'?') {
                continue;
            }
            let mut j = i + 1;
            while j < bytes.len() && matches!(bytes[j], b'"' | b'\'' | b')' | b'.' | b'!' | b'?') {
                j += 1;
            }
            let at_break = j == bytes.len() || bytes[j].is_ascii_whitespace();
            if at_break && !(b == b'.' && is_abbreviation(&line[..i])) {
                let end = line_start + j;
                if end > start {
                    push_trimmed(text, start, end, paragraph, &mut out);
                    start = end;
                }
            }
        }
    }
    push_trimmed(text, start, text.len(), paragraph, &mut out);
    out
}

/// Lines of `text` with their start offsets; line ends (`\n`, `\r\n`) are not included.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split_inclusive('\n').map(move |l| {
        let start = offset;
        offset += l.len();
        (start, l.trim_end_matches(['\n', '\r']))
    })
}

/// True when the word that ends at the end of `before` is an abbreviation or an initial.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("");
    (word.chars().count() == 1 && word.chars().all(char::is_alphabetic))
        || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

/// Adds the sentence `start..end` without its surrounding white space, if anything is left.
fn push_trimmed(text: &str, start: usize, end: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(Sentence {
            start: start + lead,
            end: end - trail,
            paragraph,
        });
    }
}

/// Line starts of a text, for turning byte offsets into line and column.
///
/// Long lines (scraped pages put a whole article on one) also get checkpoints every
/// `CHECKPOINT` bytes with their column, so a column costs at most that many bytes of
/// counting, not the whole line before it.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// `(byte offset, characters from its line's start)`, in offset order, on character
    /// boundaries.
    checkpoints: Vec<(usize, usize)>,
}

/// Bytes between column checkpoints.
const CHECKPOINT: usize = 4096;

impl LineIndex {
    /// Indexes the lines of `text`.
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut checkpoints = Vec::new();
        for (n, &start) in starts.iter().enumerate() {
            let end = starts.get(n + 1).copied().unwrap_or(text.len());
            let bom = n == 0 && text.starts_with('\u{FEFF}');
            let (mut at, mut column) = (if bom { 3 } else { start }, 0);
            while end.saturating_sub(at) > CHECKPOINT {
                let mut next = at + CHECKPOINT;
                while !text.is_char_boundary(next) {
                    next += 1;
                }
                column += text[at..next].chars().count();
                at = next;
                checkpoints.push((at, column));
            }
        }
        LineIndex {
            starts,
            checkpoints,
        }
    }

    /// 1-based line and column (in characters) of a byte offset; a byte-order mark at the
    /// start of the text is not counted as a column.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let mut start = self.starts[line - 1];
        let mut counted = 0;
        let nearest = self.checkpoints.partition_point(|&(at, _)| at <= offset);
        if let Some(&(at, column)) = nearest.checked_sub(1).map(|i| &self.checkpoints[i]) {
            if at > start {
                (start, counted) = (at, column);
            }
        }
        if line == 1 && start == 0 && text.starts_with('\u{FEFF}') && offset >= 3 {
            start = 3;
        }
        let column = text
            .get(start..offset)
            .map_or(1, |s| counted + s.chars().count() + 1);
        (line, column)
    }
}

/// An article's prose prepared for matching: folded, split into sentences, and indexed by
/// line, with the way back from folded offsets to the file's own.
#[derive(Debug, Clone)]
pub struct Prose<'a> {
    /// The whole file.
    file: &'a str,
    /// Where the prose starts in the file.
    body: usize,
    /// The prose, folded.
    folded: Normalized,
    /// Its sentences, as spans of the folded prose.
    pub sentences: Vec<Sentence>,
    lines: LineIndex,
}

impl<'a> Prose<'a> {
    /// Prepares `file[body..]`; `line_paragraphs` as for [`sentences`].
    pub fn new(file: &'a str, body: usize, line_paragraphs: bool) -> Prose<'a> {
        let folded = normalize(&file[body..]);
        let sentences = sentences(&folded.text, line_paragraphs);
        Prose {
            file,
            body,
            folded,
            sentences,
            lines: LineIndex::new(file),
        }
    }

    /// The folded prose.
    pub fn text(&self) -> &str {
        &self.folded.text
    }

    /// The folded text of a sentence.
    pub fn sentence(&self, s: &Sentence) -> &str {
        &self.folded.text[s.start..s.end]
    }

    /// The file's byte span of a span of the folded prose.
    pub fn file_span(&self, start: usize, end: usize) -> (usize, usize) {
        (
            self.body + self.folded.to_original(start),
            self.body + self.folded.to_original(end),
        )
    }

    /// The file's text at a file span.
    pub fn quote(&self, (start, end): (usize, usize)) -> &'a str {
        &self.file[start..end]
    }

    /// 1-based line and column of a file offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        self.lines.line_col(self.file, offset)
    }
}

/// `text` with every control character but tab and line breaks replaced by `?`, byte for
/// byte (a two-byte C1 control becomes `??`), so that offsets into it still hold and a
/// snippet of it cannot move a terminal's cursor, set its title or change its colours.
pub fn neutralize_controls(text: &str) -> String {
    if !text.chars().any(is_unsafe_control) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_unsafe_control(c) {
            out.extend(std::iter::repeat_n('?', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}

/// True for a control character a terminal may act on: C0 but tab, line feed and carriage
/// return; DEL; C1.
pub fn is_unsafe_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || ('\u{80}'..='\u{9f}').contains(&c)
}

/// Text that is not UTF-8, as it can be shown: decoded lossily with its controls
/// neutralized, and the offset of its first bad byte (a replacement character there).
#[derive(Debug)]
pub(crate) struct NotUtf8 {
    /// The text to show.
    pub lossy: String,
    /// Where the first bad byte was.
    pub at: usize,
}

impl NotUtf8 {
    /// The span of the first bad byte in [`NotUtf8::lossy`].
    pub fn span(&self) -> miette::SourceSpan {
        (self.at, '\u{FFFD}'.len_utf8()).into()
    }
}

/// Decodes a file's bytes as UTF-8.
pub(crate) fn decode(bytes: Vec<u8>) -> Result<String, NotUtf8> {
    String::from_utf8(bytes).map_err(|e| {
        // In the lossy text every invalid sequence before `at` is absent, so `at` still
        // points at the first replacement character.
        let at = e.utf8_error().valid_up_to();
        NotUtf8 {
            lossy: neutralize_controls(&String::from_utf8_lossy(e.as_bytes())),
            at,
        }
    })
}

/// A named source for a diagnostic's snippet, with its control characters neutralized
/// (see [`neutralize_controls`]).
pub(crate) fn source(name: impl AsRef<str>, text: impl AsRef<str>) -> miette::NamedSource<String> {
    miette::NamedSource::new(name, neutralize_controls(text.as_ref()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_on_long_lines_count_characters_from_checkpoints() {
        let line: String = "Xi’s “friend” met 40 times. ".repeat(2000);
        let text = format!("\u{FEFF}{line}\nshort\n{line}");
        let index = LineIndex::new(&text);
        let naive = |offset: usize| {
            let start = text[..offset].rfind('\n').map_or(3, |i| i + 1);
            text[start..offset].chars().count() + 1
        };
        let offsets = text.char_indices().map(|(i, _)| i).step_by(997).skip(1);
        for offset in offsets.chain([text.len()]) {
            assert_eq!(
                index.line_col(&text, offset).1,
                naive(offset),
                "at {offset}"
            );
        }
        assert_eq!(index.line_col(&text, 3), (1, 1));
    }

    fn split(text: &str, lines: bool) -> Vec<&str> {
        sentences(text, lines)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn splits_on_terminal_punctuation_but_not_abbreviations() {
        let text = "Mr. Xi met Mr. Putin in the U.S. capital. They talked. \"Really?\" she said.";
        assert_eq!(
            split(text, false),
            [
                "Mr. Xi met Mr. Putin in the U.S. capital.",
                "They talked.",
                "\"Really?\"",
                "she said."
            ]
        );
    }

    #[test]
    fn lines_are_paragraphs_in_plain_text_and_blank_lines_in_markdown() {
        let text = "First line without stop\nsecond line.\r\n\r\nThird.";
        assert_eq!(
            split(text, true),
            ["First line without stop", "second line.", "Third."]
        );
        assert_eq!(
            split(text, false),
            ["First line without stop\nsecond line.", "Third."]
        );
        let paragraphs: Vec<usize> = sentences(text, true).iter().map(|s| s.paragraph).collect();
        assert_eq!(paragraphs, [0, 1, 2]);
    }

    #[test]
    fn normalization_maps_back_to_original_offsets() {
        let original = "Xi\u{2019}s \u{201C}no\u{00A0}limits\u{201D} \u{2014} here";
        let n = normalize(original);
        assert_eq!(n.text, "Xi's \"no limits\" - here");
        let here = n.text.find("here").unwrap();
        assert_eq!(&original[n.to_original(here)..], "here");
        let limits = n.text.find("limits").unwrap();
        assert_eq!(
            &original[n.to_original(limits)..n.to_original(limits + 6)],
            "limits"
        );
    }

    #[test]
    fn line_and_column_count_characters_and_skip_the_bom() {
        let text = "\u{FEFF}ab\r\n\u{201C}cd";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 3), (1, 1));
        assert_eq!(index.line_col(text, 4), (1, 2));
        let c = text.find('c').unwrap();
        assert_eq!(index.line_col(text, c), (2, 2));
    }

    proptest::proptest! {
        /// The run-copying fold gives what folding character by character gives.
        #[test]
        fn normalize_folds_as_character_by_character(
            s in "[a-z .\u{2018}\u{2019}\u{201C}\u{00A0}\u{2014}\u{2026}\u{00E9}\u{4E2D}\n]{0,40}",
        ) {
            let mut text = String::new();
            let mut shifts = Vec::new();
            for (i, c) in s.char_indices() {
                match plain(c) {
                    Some(p) => {
                        text.push(p);
                        shifts.push((text.len(), i + c.len_utf8()));
                    }
                    None => text.push(c),
                }
            }
            let n = normalize(&s);
            proptest::prop_assert_eq!(n.text, text);
            proptest::prop_assert_eq!(n.shifts, shifts);
        }
    }
}
