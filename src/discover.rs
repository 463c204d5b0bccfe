//! Discovery: claims proposed from a set itself. Every quantity the grammar reads is put in
//! its sentence frame (the content words around the value, the value masked, and the names
//! the sentence speaks of); statements of different articles whose frames are alike form a
//! candidate claim, and each candidate says whether its readings disagree.
//!
//! This module reads articles and proposes claims; it loads no rules and never prints
//! (rendering is [`crate::report`]'s). A candidate's rule skeleton ([`skeleton`]) is checked
//! against the rules loader and the examples runner before it is handed out.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use miette::Diagnostic;
use rayon::prelude::*;

use crate::article::{self, Article};
use crate::compare;
use crate::grammar::{Bound, Context, Decimal, Interval, Kind, Reading};
use crate::problem::Problem;
use crate::qualifiers::{self, Place, Qualifiers};
use crate::rules;
use crate::text::Prose;

/// What to discover claims in.
#[derive(Debug, Clone, Default)]
pub struct DiscoverOptions {
    /// Article files and folders.
    pub paths: Vec<PathBuf>,
}

/// The statements of a set and the claims they propose.
#[derive(Debug)]
pub struct Discovery {
    /// The articles read, in path order.
    pub articles: Vec<Article>,
    /// Every value read, with its frame, by article and position.
    pub statements: Vec<Said>,
    /// Candidate claims, best first.
    pub candidates: Vec<Candidate>,
    /// What could not be read.
    pub problems: Vec<Problem>,
}

/// One value in its sentence.
#[derive(Debug, Clone)]
pub struct Said {
    /// Index of the article.
    pub article: usize,
    /// Byte span of the value in the article's file.
    pub span: (usize, usize),
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The value as the article writes it.
    pub quote: String,
    /// How the grammar read it.
    pub reading: Reading,
    /// The sentence (folded), and the value's span in it.
    pub sentence: String,
    /// The value's span in [`Said::sentence`].
    pub value: (usize, usize),
    /// The time frame, the date it speaks as of, and who is quoted.
    pub qualifiers: Qualifiers,
    /// The names the sentence speaks of (or, when it names none, the sentence before).
    pub names: BTreeSet<String>,
    /// True when [`Said::names`] come from the sentence before.
    pub names_before: bool,
    /// When the value is one side of a tally or score ("52 to 47"): which side, and the
    /// whole tally.
    pub tally: Option<Tally>,
    /// For a date: the stem of the event verb right before it ("opened in", "took office
    /// on"), which makes the date a claim rather than a time frame.
    pub event: Option<String>,
    /// The words around the value.
    frame: Frame,
}

/// One side of a tally: "52 to 47" is two statements, its first value and its second, each
/// framed by the words around the whole tally and compared only with the same side of
/// another.
#[derive(Debug, Clone, PartialEq)]
pub struct Tally {
    /// 0 for the first value, 1 for the second.
    pub side: usize,
    /// The whole tally as the article writes it.
    pub quote: String,
    /// The whole tally's span in [`Said::sentence`].
    pub span: (usize, usize),
}

impl Tally {
    /// `first` or `second`.
    pub fn side_name(&self) -> &'static str {
        if self.side == 0 {
            "first"
        } else {
            "second"
        }
    }
}

impl Said {
    /// The value as a reader knows it: the whole tally for a side of one, else the quote.
    pub fn shown(&self) -> &str {
        self.tally.as_ref().map_or(&self.quote, |t| &t.quote)
    }
}

/// The content words around a value.
#[derive(Debug, Clone, Default, PartialEq)]
struct Frame {
    /// Before the value, nearest first.
    left: Vec<Word>,
    /// After the value, nearest first.
    right: Vec<Word>,
    /// The stem of the content word right after the value, with nothing between (the
    /// counted noun of "40 times", "25,000 pages").
    noun: Option<String>,
}

/// A content word: its stem, as it is written, and where it ends or starts in the sentence.
#[derive(Debug, Clone, PartialEq)]
struct Word {
    stem: String,
    surface: String,
    /// Its span in the sentence.
    span: (usize, usize),
}

/// A claim the set proposes: statements of several sources in frames alike.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The kind of value.
    pub kind: Kind,
    /// The unit (a currency code, `s`), if any.
    pub unit: Option<String>,
    /// The frame, as one statement words it, the value masked and the words no other
    /// statement shares elided: `met … {count} times`.
    pub frame: String,
    /// The content words (stems) at least two statements share.
    pub words: Vec<String>,
    /// Names at least two sources speak of.
    pub subjects: Vec<String>,
    /// Indices into [`Discovery::statements`], by article and position.
    pub statements: Vec<usize>,
    /// How many articles state it.
    pub sources: usize,
    /// Whether the readings can all be true.
    pub verdict: Verdict,
    /// Pairs of statements (indices into [`Discovery::statements`]) that cannot both hold.
    pub conflicts: Vec<(usize, usize)>,
    /// Why the verdict is what it is.
    pub reason: String,
    /// The statement whose wording [`Candidate::frame`] shows.
    representative: usize,
    /// The pair the verdict names: the first conflict, else the first pair of readings that
    /// cannot overlap.
    pair: Option<(usize, usize)>,
}

/// Whether a candidate's readings can all be true.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    /// Two sources state it in closely matching frames, over the same time frame (or none),
    /// and their readings cannot overlap.
    Disagree,
    /// Readings that cannot overlap, in frames that differ (another time frame, another
    /// counted noun, other words near the value): an editor's call.
    Uncertain,
    /// Every pair of readings overlaps.
    Agree,
}

impl Verdict {
    /// `disagree`, `uncertain`, `agree`.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Disagree => "disagree",
            Verdict::Uncertain => "uncertain",
            Verdict::Agree => "agree",
        }
    }
}

/// The kinds discovery groups: ordinals rarely carry a claim; dates are time frames more
/// often than claims, and are grouped only after an event verb (see [`EVENT_VERBS`]).
const KINDS: &[Kind] = &[Kind::Count, Kind::Money, Kind::Percent, Kind::Duration];

/// Verbs that make the date right after them (with "in", "on", "at" or "during" between)
/// the date of an event, a claim: "opened in October 2019", "was founded in 1998", "signed
/// on March 3". Speech verbs are not among them: "said on Tuesday" is the date of speaking.
pub(crate) const EVENT_VERBS: &[&str] = &[
    "opened",
    "reopened",
    "founded",
    "established",
    "signed",
    "launched",
    "inaugurated",
    "completed",
    "built",
    "closed",
    "died",
    "born",
    "elected",
    "appointed",
    "resigned",
    "retired",
    "arrested",
    "married",
    "incorporated",
    "unveiled",
    "began",
    "started",
    "ended",
];

/// Event phrases of two words: "took office on".
const EVENT_PHRASES: &[(&str, &str)] = &[("took", "office"), ("taking", "office")];

/// The prepositions that may stand between an event verb and its date.
const EVENT_PREPOSITIONS: &[&str] = &["in", "on", "at", "during"];

/// The event verb right before the date at `value` in `sentence` ("opened in", "took
/// office on"), as a stem; `None` when the words before it are anything else.
fn event_before(sentence: &str, value: (usize, usize)) -> Option<String> {
    let before: Vec<String> = words(&sentence[..value.0])
        .into_iter()
        .rev()
        .take(3)
        .map(|(a, b)| sentence[a..b].to_lowercase())
        .collect();
    let mut at = 0;
    if before
        .first()
        .is_some_and(|w| EVENT_PREPOSITIONS.contains(&w.as_str()))
    {
        at = 1;
    }
    // Nothing but spaces and the preposition between the verb and the date.
    let verb = before.get(at)?;
    if EVENT_VERBS.contains(&verb.as_str()) {
        return Some(stem(verb));
    }
    let first = before.get(at + 1)?;
    EVENT_PHRASES
        .iter()
        .find(|(a, b)| a == first && b == verb)
        .map(|(a, b)| format!("{} {b}", stem(a)))
}

/// How many words either side of a value its frame looks at.
const LEFT_WORDS: usize = 8;
const RIGHT_WORDS: usize = 6;
/// How many content words two statements must share to be grouped.
const MIN_SHARED: usize = 2;
/// How many content words two statements that share the counted noun but not the word
/// before the value must share to be alike enough to disagree ("a three-day summit of gulf
/// leaders that opens" and "gulf leaders opened their two-day summit").
const CLOSE_BY_NOUN: usize = 3;
/// A word stated around more values of a kind than this says nothing about any of them;
/// the index skips it, which keeps discovery linear in the size of the set.
const MAX_POSTINGS: usize = 400;
/// How far apart (in days) the ends of two stated time frames may lie and still be one.
const SAME_FRAME_DAYS: i64 = 31;

/// Words that carry no frame: function words, reporting verbs, numbers and time words (the
/// time frame is read by the qualifiers, not by the words).
const STOP: &[&str] = &[
    "a",
    "about",
    "above",
    "according",
    "across",
    "after",
    "again",
    "against",
    "ago",
    "all",
    "almost",
    "along",
    "also",
    "although",
    "among",
    "an",
    "and",
    "another",
    "any",
    "are",
    "around",
    "as",
    "at",
    "back",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "close",
    "could",
    "day",
    "days",
    "did",
    "do",
    "does",
    "down",
    "during",
    "each",
    "early",
    "earlier",
    "eight",
    "eleven",
    "else",
    "ever",
    "every",
    "few",
    "fewer",
    "five",
    "for",
    "four",
    "from",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "him",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "just",
    "last",
    "late",
    "later",
    "least",
    "less",
    "like",
    "many",
    "may",
    "me",
    "might",
    "month",
    "months",
    "more",
    "most",
    "much",
    "must",
    "my",
    "near",
    "nearly",
    "next",
    "nine",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "only",
    "or",
    "other",
    "our",
    "out",
    "over",
    "own",
    "past",
    "per",
    "recent",
    "recently",
    "roughly",
    "said",
    "say",
    "says",
    "seven",
    "she",
    "should",
    "since",
    "six",
    "so",
    "some",
    "such",
    "ten",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "three",
    "through",
    "to",
    "told",
    "too",
    "twelve",
    "two",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "was",
    "we",
    "week",
    "weeks",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "would",
    "year",
    "years",
    "yet",
    "you",
    "your",
    "today",
    "yesterday",
    "mr",
    "ms",
    "mrs",
    "dr",
];

/// Past forms a suffix rule cannot undo.
const IRREGULAR: &[(&str, &str)] = &[
    ("met", "meet"),
    ("held", "hold"),
    ("paid", "pay"),
    ("won", "win"),
    ("lost", "lose"),
    ("sold", "sell"),
    ("spent", "spend"),
    ("rose", "rise"),
    ("risen", "rise"),
    ("fell", "fall"),
    ("fallen", "fall"),
    ("grew", "grow"),
    ("grown", "grow"),
    ("took", "take"),
    ("taken", "take"),
    ("gave", "give"),
    ("given", "give"),
    ("left", "leave"),
    ("bought", "buy"),
    ("brought", "bring"),
    ("killed", "kill"),
    ("dead", "die"),
    ("died", "die"),
    ("deaths", "die"),
    ("death", "die"),
];

/// True for a word no frame is made of: a stop word, a weekday, a month.
fn is_stop(lower: &str) -> bool {
    use crate::grammar::calendar::{MONTHS, WEEKDAYS};
    static SET: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
        std::sync::LazyLock::new(|| {
            let months = MONTHS.iter().map(|(name, _)| *name);
            STOP.iter().chain(WEEKDAYS).copied().chain(months).collect()
        });
    SET.contains(lower)
}

/// The stem of a word: lower case, possessive and plural dropped, a light suffix strip.
pub fn stem(word: &str) -> String {
    let mut w = word.to_lowercase();
    for possessive in ["'s", "'"] {
        if let Some(s) = w.strip_suffix(possessive) {
            w = s.to_owned();
        }
    }
    if let Some((_, s)) = IRREGULAR.iter().find(|(from, _)| *from == w) {
        return (*s).to_owned();
    }
    let n = w.chars().count();
    if n > 4 && w.ends_with("ies") {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if n > 4 && (w.ends_with("sses") || w.ends_with("ches") || w.ends_with("shes")) {
        w.truncate(w.len() - 2);
    } else if n > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") {
        w.truncate(w.len() - 1);
    }
    let n = w.chars().count();
    if n > 5 && w.ends_with("ing") {
        w.truncate(w.len() - 3);
    } else if n > 4 && w.ends_with("ed") {
        w.truncate(w.len() - 2);
    }
    let n = w.chars().count();
    if n > 4 && (w.ends_with('e') || w.ends_with('y')) {
        w.truncate(w.len() - 1);
    }
    w
}

/// The words of a sentence with their spans: runs of letters and digits, with the
/// apostrophes and hyphens inside them.
fn words(sentence: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    let chars: Vec<(usize, char)> = sentence.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let inner = (c == '\'' || c == '-')
            && start.is_some()
            && chars.get(k + 1).is_some_and(|(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || inner {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push((s, i));
        }
    }
    if let Some(s) = start {
        out.push((s, sentence.len()));
    }
    out
}

/// True for a word that names someone or something: capitalized, not a function word, and
/// not the first word of its sentence when the article also writes it in lower case.
fn is_name(word: &str, first: bool, lowercase: &BTreeSet<String>) -> bool {
    let Some(c) = word.chars().next() else {
        return false;
    };
    if !c.is_uppercase() || word.chars().count() < 2 || word.chars().any(|c| c.is_numeric()) {
        return false;
    }
    let bare = bare_name(word);
    let lower = bare.to_lowercase();
    !is_stop(&lower) && (!first || !lowercase.contains(&lower))
}

/// A name without its possessive.
fn bare_name(word: &str) -> String {
    word.trim_end_matches("'s")
        .trim_end_matches('\'')
        .to_owned()
}

/// True for a content word: letters only, three or more of them, no function word, no name.
fn is_content(word: &str, name: bool) -> bool {
    let lower = word.to_lowercase();
    !name
        && lower.chars().count() >= 3
        && lower
            .chars()
            .all(|c| c.is_alphabetic() || c == '\'' || c == '-')
        && !is_stop(&lower)
}

/// The frame of the value at `value` in `sentence`: the words between the mentions on
/// either side of it (`others`, spans in the sentence), so that two values of one sentence
/// each keep their own words.
fn frame_of(
    sentence: &str,
    value: (usize, usize),
    others: &[(usize, usize)],
    capitalized: &BTreeSet<String>,
) -> Frame {
    let from = others
        .iter()
        .filter(|o| o.1 <= value.0)
        .map(|o| o.1)
        .max()
        .unwrap_or(0);
    let to = others
        .iter()
        .filter(|o| o.0 >= value.1)
        .map(|o| o.0)
        .min()
        .unwrap_or(sentence.len());
    let all = words(sentence);
    let spans: Vec<(usize, usize)> = all
        .into_iter()
        .filter(|&(s, e)| s >= from && e <= to)
        .collect();
    let first = spans.first().map(|s| s.0);
    let content = |&(s, e): &(usize, usize)| {
        let w = &sentence[s..e];
        let name = is_name(w, Some(s) == first, capitalized);
        is_content(w, name).then(|| Word {
            stem: stem(w),
            surface: w.to_lowercase(),
            span: (s, e),
        })
    };
    let before: Vec<&(usize, usize)> = spans.iter().filter(|s| s.1 <= value.0).collect();
    let left: Vec<Word> = before
        .iter()
        .rev()
        .take(LEFT_WORDS)
        .filter_map(|s| content(s))
        .collect();
    let after: Vec<&(usize, usize)> = spans.iter().filter(|s| s.0 >= value.1).collect();
    let right: Vec<Word> = after
        .iter()
        .take(RIGHT_WORDS)
        .filter_map(|s| content(s))
        .collect();
    let noun = after.first().and_then(|&&(s, e)| {
        let gap = &sentence[value.1..s];
        (gap.trim().is_empty())
            .then(|| content(&(s, e)))
            .flatten()
            .map(|w| w.stem)
    });
    Frame { left, right, noun }
}

/// The names of a sentence.
fn names_of(sentence: &str, capitalized: &BTreeSet<String>) -> BTreeSet<String> {
    let spans = words(sentence);
    let first = spans.first().map(|s| s.0);
    spans
        .iter()
        .filter(|&&(s, e)| is_name(&sentence[s..e], Some(s) == first, capitalized))
        .map(|&(s, e)| bare_name(&sentence[s..e]))
        .collect()
}

/// Finds the candidate claims of the articles under `options.paths`.
pub fn discover(options: &DiscoverOptions) -> Discovery {
    let loaded = article::load(&options.paths);
    let problems: Vec<Problem> = loaded.errors.into_iter().map(Problem::from).collect();
    let articles = loaded.articles;
    let statements: Vec<Said> = articles
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, a)| statements(i, a))
        .collect();
    let candidates = candidates(&articles, &statements);
    Discovery {
        articles,
        statements,
        candidates,
        problems,
    }
}

/// Every value of a grouped kind in one article, each once per sentence wording.
fn statements(index: usize, article: &Article) -> Vec<Said> {
    crate::extract::scanned(article, |prose, context, mentions| {
        let text = prose.text();
        let capitalized: BTreeSet<String> = words(text)
            .into_iter()
            .map(|(a, b)| &text[a..b])
            .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
            .map(str::to_owned)
            .collect();
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        let spans: Vec<(usize, usize)> = mentions.iter().map(|m| (m.start, m.end)).collect();
        // The tallies both of whose sides were read.
        let mut sides: HashMap<(usize, usize), usize> = HashMap::new();
        for m in &mentions {
            if let (Some(t), Ok(_)) = (m.tally, &m.reading) {
                *sides.entry(t).or_default() += 1;
            }
        }
        for m in mentions {
            let Ok(reading) = m.reading else { continue };
            if !KINDS.contains(&reading.kind) && reading.kind != Kind::Date {
                continue;
            }
            let Some(s) = prose
                .sentences
                .iter()
                .position(|s| s.start <= m.start && m.end <= s.end)
            else {
                continue;
            };
            let span = prose.sentences[s];
            let sentence = prose.sentence(&span).to_owned();
            let value = (m.start - span.start, m.end - span.start);
            let event = if reading.kind == Kind::Date {
                match event_before(&sentence, value) {
                    Some(verb) => Some(verb),
                    None => continue,
                }
            } else {
                None
            };
            let tally = m
                .tally
                .filter(|t| sides.get(t) == Some(&2) && span.start <= t.0 && t.1 <= span.end)
                .map(|t| Tally {
                    side: usize::from(m.start != t.0),
                    quote: prose.quote(prose.file_span(t.0, t.1)).to_owned(),
                    span: (t.0 - span.start, t.1 - span.start),
                });
            let file = prose.file_span(m.start, m.end);
            let quote = prose.quote(file).to_owned();
            // A paragraph scraped twice states its values once.
            if !seen.insert((sentence.clone(), value)) {
                continue;
            }
            let mut names = names_of(&sentence, &capitalized);
            let mut names_before = false;
            if names.is_empty() && s > 0 {
                names = names_of(prose.sentence(&prose.sentences[s - 1]), &capitalized);
                names_before = !names.is_empty();
            }
            let place = Place {
                sentence: s,
                window: s.saturating_sub(1),
                value,
                dated: event.is_some(),
            };
            let context = Context {
                periods_as_dates: false,
                ..context.clone()
            };
            let (line, column) = prose.line_col(file.0);
            // A tally is framed whole: the words around "52 to 47", its other side no bound.
            let framed = tally.as_ref().map_or(value, |t| t.span);
            let others: Vec<(usize, usize)> = spans
                .iter()
                .filter(|o| span.start <= o.0 && o.1 <= span.end && **o != (m.start, m.end))
                .map(|o| (o.0 - span.start, o.1 - span.start))
                .filter(|o| !(framed.0 <= o.0 && o.1 <= framed.1))
                .collect();
            let mut frame = frame_of(&sentence, framed, &others, &capitalized);
            if tally.is_some() || event.is_some() {
                // The word after a tally or a date is no counted noun ("52 to 47 shortly").
                frame.noun = None;
            }
            out.push(Said {
                article: index,
                span: file,
                line,
                column,
                quote,
                tally,
                event,
                frame,
                qualifiers: qualifiers::qualify(prose, place, &context),
                reading,
                sentence,
                value,
                names,
                names_before,
            });
        }
        drop_time_frames(out)
    })
}

/// The statements without the dates that are another value's time frame ("paid out $340
/// million since 2019") or the date it is spoken as of ("said on Tuesday"): a date that
/// another value of its clause (no comma, semicolon, colon, dash or bracket between them)
/// reads as its time frame or its date of speaking.
fn drop_time_frames(statements: Vec<Said>) -> Vec<Said> {
    let framing: Vec<(&str, (usize, usize), String)> = statements
        .iter()
        .filter(|s| s.reading.kind != Kind::Date)
        .flat_map(|s| {
            let frame = s.qualifiers.frame.as_ref().map(|f| f.text.to_lowercase());
            let as_of = s.qualifiers.as_of.stated.as_ref().map(|t| t.to_lowercase());
            frame
                .into_iter()
                .chain(as_of)
                .map(|t| (s.sentence.as_str(), s.value, t))
        })
        .collect();
    let keep: Vec<bool> = statements
        .iter()
        .map(|s| {
            if s.reading.kind != Kind::Date {
                return true;
            }
            let quote = s.sentence[s.value.0..s.value.1].to_lowercase();
            !framing.iter().any(|(sentence, value, text)| {
                let (from, to) = if value.1 <= s.value.0 {
                    (value.1, s.value.0)
                } else {
                    (s.value.1, value.0.max(s.value.1))
                };
                let between = s.sentence.get(from..to).unwrap_or_default();
                *sentence == s.sentence
                    && text.contains(&quote)
                    && !between.contains([',', ';', ':', '(', ')', '—', '–'])
                    && !between.contains(" - ")
            })
        })
        .collect();
    statements
        .into_iter()
        .zip(keep)
        .filter_map(|(s, k)| k.then_some(s))
        .collect()
}

/// How two statements' frames compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Likeness {
    /// Content words both frames hold.
    pub shared: usize,
    /// Alike enough to be one candidate claim.
    pub loose: bool,
    /// Alike enough to disagree: the counted nouns after the value are the same (or neither
    /// has one), and the nearest word before the value is shared (or the noun and two more
    /// words are).
    pub close: bool,
}

/// How alike the frames of `a` and `b` are (time frames aside).
fn likeness(a: &Said, b: &Said) -> Likeness {
    let stems = |f: &Frame| -> BTreeSet<String> {
        f.left
            .iter()
            .chain(&f.right)
            .map(|w| w.stem.clone())
            .collect()
    };
    let (sa, sb) = (stems(&a.frame), stems(&b.frame));
    let shared = sa.intersection(&sb).count();
    let names = a.names.is_empty() || b.names.is_empty() || !a.names.is_disjoint(&b.names);
    // A side of a tally is only ever the same side of another tally; a date only another
    // date after the same event verb.
    let sides = a.tally.as_ref().map(|t| t.side) == b.tally.as_ref().map(|t| t.side);
    let events = a.event == b.event;
    let loose = names && sides && events && shared >= MIN_SHARED;
    let lefts = |f: &Frame| -> BTreeSet<String> { f.left.iter().map(|w| w.stem.clone()).collect() };
    let nearest = |x: &Frame, y: &Frame| x.left.first().is_some_and(|w| lefts(y).contains(&w.stem));
    let close = loose
        && a.frame.noun == b.frame.noun
        && (nearest(&a.frame, &b.frame)
            || nearest(&b.frame, &a.frame)
            || (a.frame.noun.is_some() && shared >= CLOSE_BY_NOUN));
    Likeness {
        shared,
        loose,
        close,
    }
}

/// True when two statements speak of the same time frame: both state none, or both the
/// same (stated frames whose ends lie within a month, a deadline by its end alone; vague
/// frames in the same words); and they speak as of dates within a month of each other.
/// A frame of one day ("on Monday") dates an event rather than framing a count: it is none.
fn same_timing(a: &Qualifiers, b: &Qualifiers) -> bool {
    let month = Decimal::from(SAME_FRAME_DAYS);
    let close = |x: Bound, y: Bound| match (x.value(), y.value()) {
        (Some(x), Some(y)) => (x - y).abs() <= month,
        (None, None) => true,
        _ => false,
    };
    let frames = match (period(a), period(b)) {
        (None, None) => true,
        (Some(x), Some(y)) => match (x.days, y.days) {
            (Some(p), Some(q)) if p.low.value().is_none() || q.low.value().is_none() => {
                close(p.high, q.high)
            }
            (Some(p), Some(q)) => close(p.low, q.low) && close(p.high, q.high),
            (None, None) => x.text.eq_ignore_ascii_case(&y.text),
            _ => false,
        },
        _ => false,
    };
    // The gap between the two dates spoken as of.
    let as_of = match (a.as_of.days, b.as_of.days) {
        (Some(x), Some(y)) => {
            let gap = |p: Interval, q: Interval| match (p.high.value(), q.low.value()) {
                (Some(h), Some(l)) => l - h,
                _ => Decimal::ZERO,
            };
            gap(x, y).max(gap(y, x)) <= month
        }
        (None, None) => true,
        _ => a.as_of.stated.is_none() && b.as_of.stated.is_none(),
    };
    frames && as_of
}

/// The time frame of a statement, when it is a period: a frame of one day ("on Monday")
/// dates an event rather than framing a count.
fn period(q: &Qualifiers) -> Option<&qualifiers::Frame> {
    q.frame.as_ref().filter(|f| {
        !f.days
            .is_some_and(|d| match (d.low.value(), d.high.value()) {
                (Some(l), Some(h)) => h - l < Decimal::ONE,
                _ => false,
            })
    })
}

/// The two readings as they are compared: a plain round figure is read to the precision
/// it is written in when it is the rounder of the two (see `compare::read_to_precision`).
fn compared(a: &Reading, b: &Reading) -> (Interval, Interval) {
    let units = [compare::round_unit(a), compare::round_unit(b)];
    let mut values = [a.value, b.value];
    compare::widen_roundest(&units, &mut values);
    (values[0], values[1])
}

/// True when two articles' statements may be compared: the same scope, or one under none.
fn comparable(articles: &[Article], a: &Said, b: &Said) -> bool {
    match (&articles[a.article].scope, &articles[b.article].scope) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

/// One pair of statements whose frames are alike.
#[derive(Debug, Clone, Copy)]
struct Edge {
    a: usize,
    b: usize,
    likeness: Likeness,
}

/// The pairs of statements alike enough to be grouped, found through an index of
/// (kind, unit, content word): no statement is compared with one it shares no word with.
fn edges(articles: &[Article], statements: &[Said]) -> Vec<Edge> {
    let mut index: HashMap<(Kind, Option<&str>, &str), Vec<usize>> = HashMap::new();
    fn stems(s: &Said) -> BTreeSet<&str> {
        s.frame
            .left
            .iter()
            .chain(&s.frame.right)
            .map(|w| w.stem.as_str())
            .collect()
    }
    for (i, s) in statements.iter().enumerate() {
        for stem in stems(s) {
            index
                .entry((s.reading.kind, s.reading.unit.as_deref(), stem))
                .or_default()
                .push(i);
        }
    }
    (0..statements.len())
        .into_par_iter()
        .flat_map_iter(|i| {
            let s = &statements[i];
            let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
            for stem in stems(s) {
                let Some(list) = index.get(&(s.reading.kind, s.reading.unit.as_deref(), stem))
                else {
                    continue;
                };
                if list.len() > MAX_POSTINGS {
                    continue;
                }
                for &j in list.iter().filter(|&&j| j > i) {
                    *counts.entry(j).or_default() += 1;
                }
            }
            counts
                .into_iter()
                .filter(|&(_, n)| n >= MIN_SHARED)
                .filter_map(|(j, _)| {
                    let t = &statements[j];
                    if !comparable(articles, s, t) {
                        return None;
                    }
                    let likeness = likeness(s, t);
                    likeness.loose.then_some(Edge {
                        a: i,
                        b: j,
                        likeness,
                    })
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The root of `i` in a union-find forest, with path halving.
fn root(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// The candidate claims: groups of statements joined by alike frames, stated by at least
/// two articles, best first.
fn candidates(articles: &[Article], statements: &[Said]) -> Vec<Candidate> {
    let edges = edges(articles, statements);
    let mut parent: Vec<usize> = (0..statements.len()).collect();
    for e in &edges {
        let (x, y) = (root(&mut parent, e.a), root(&mut parent, e.b));
        if x != y {
            parent[x.max(y)] = x.min(y);
        }
    }
    let mut groups: BTreeMap<usize, (Vec<usize>, Vec<Edge>)> = BTreeMap::new();
    for e in &edges {
        let r = root(&mut parent, e.a);
        groups.entry(r).or_default().1.push(*e);
    }
    for i in 0..statements.len() {
        let r = root(&mut parent, i);
        if let Some(g) = groups.get_mut(&r) {
            g.0.push(i);
        }
    }
    let mut out: Vec<Candidate> = groups
        .into_values()
        .filter_map(|(members, edges)| candidate(statements, members, &edges))
        .collect();
    out.sort_by(|x, y| {
        (
            x.verdict,
            std::cmp::Reverse(x.sources),
            x.statements.first(),
        )
            .cmp(&(
                y.verdict,
                std::cmp::Reverse(y.sources),
                y.statements.first(),
            ))
    });
    out
}

/// One candidate from a group of statements and the pairs that joined them; `None` when
/// one article states it all.
fn candidate(statements: &[Said], members: Vec<usize>, edges: &[Edge]) -> Option<Candidate> {
    let sources = members
        .iter()
        .map(|&i| statements[i].article)
        .collect::<BTreeSet<_>>()
        .len();
    if sources < 2 {
        return None;
    }
    let mut conflicts = Vec::new();
    let mut tension: Option<(usize, usize, &'static str)> = None;
    let mut closeness: BTreeMap<usize, usize> = BTreeMap::new();
    for e in edges {
        let (a, b) = (&statements[e.a], &statements[e.b]);
        if e.likeness.close {
            *closeness.entry(e.a).or_default() += 1;
            *closeness.entry(e.b).or_default() += 1;
        }
        if a.article == b.article {
            continue;
        }
        // Dates are compared as the days they cover: "2018" and "October 2019" cannot
        // overlap, "2019" and "October 2019" can.
        let (x, y) = if a.reading.kind == Kind::Date {
            (a.reading.value, b.reading.value)
        } else {
            compared(&a.reading, &b.reading)
        };
        if x.overlaps(&y) {
            continue;
        }
        // An event's date has no time frame of its own.
        let timing = a.event.is_some() || same_timing(&a.qualifiers, &b.qualifiers);
        if e.likeness.close && timing {
            conflicts.push((e.a, e.b));
        } else if tension.is_none() {
            let why = if !e.likeness.close {
                "the frames differ in the words next to the value"
            } else {
                "they speak of different time frames"
            };
            tension = Some((e.a, e.b, why));
        }
    }
    let first = *members.first()?;
    let kind = statements[first].reading.kind;
    let unit = statements[first].reading.unit.clone();
    let representative = conflicts
        .first()
        .map(|c| c.0)
        .or_else(|| closeness.iter().max_by_key(|(_, n)| **n).map(|(i, _)| *i))
        .unwrap_or(first);
    let (verdict, reason) = match (conflicts.first(), tension) {
        (Some(&(a, b)), _) => (
            Verdict::Disagree,
            format!(
                "`{}` and `{}` cannot both hold{}: the same frame, {}",
                statements[a].shown(),
                statements[b].shown(),
                side_words(&statements[a]),
                timing_words(&statements[a])
            ),
        ),
        (None, Some((a, b, why))) => (
            Verdict::Uncertain,
            format!(
                "`{}` and `{}` cannot both hold{}, but {why}: judge whether they state the same thing",
                statements[a].shown(),
                statements[b].shown(),
                side_words(&statements[a])
            ),
        ),
        (None, None) => (
            Verdict::Agree,
            "every pair of readings overlaps".to_owned(),
        ),
    };
    let pair = conflicts
        .first()
        .copied()
        .or(tension.map(|(a, b, _)| (a, b)));
    let words = shared_words(statements, &members);
    let frame = frame_text(&statements[representative], &words);
    let subjects = subjects(statements, &members);
    conflicts.sort_unstable();
    Some(Candidate {
        kind,
        unit,
        frame,
        words: words.into_iter().collect(),
        subjects,
        statements: members,
        sources,
        verdict,
        conflicts,
        reason,
        representative,
        pair,
    })
}

/// The time frame two statements share, in words.
fn timing_words(s: &Said) -> String {
    if let Some(verb) = &s.event {
        return format!("the date of one event (`{verb}`)");
    }
    match period(&s.qualifiers) {
        Some(f) => format!("over the same time frame (`{}`)", f.text),
        None => "with no time frame".to_owned(),
    }
}

/// Which value of a tally two statements differ in, in words; empty for a plain value.
fn side_words(s: &Said) -> String {
    s.tally
        .as_ref()
        .map(|t| format!(" (the {} value of the tally)", t.side_name()))
        .unwrap_or_default()
}

/// The stems that two or more of the group's statements hold.
fn shared_words(statements: &[Said], members: &[usize]) -> BTreeSet<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for &i in members {
        let f = &statements[i].frame;
        let stems: BTreeSet<&str> = f
            .left
            .iter()
            .chain(&f.right)
            .map(|w| w.stem.as_str())
            .collect();
        for s in stems {
            *counts.entry(s).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter(|&(_, n)| n >= 2)
        .map(|(s, _)| s.to_owned())
        .collect()
}

/// The names two or more of the group's articles speak of, most spoken of first.
fn subjects(statements: &[Said], members: &[usize]) -> Vec<String> {
    let mut by: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
    for &i in members {
        for n in &statements[i].names {
            by.entry(n.as_str())
                .or_default()
                .insert(statements[i].article);
        }
    }
    let mut names: Vec<(&str, usize)> = by
        .into_iter()
        .filter(|(_, a)| a.len() >= 2)
        .map(|(n, a)| (n, a.len()))
        .collect();
    names.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(y.0)));
    names.into_iter().map(|(n, _)| n.to_owned()).collect()
}

/// `met … {count} times`: the statement's sentence from the first shared word before the
/// value to the last after it, the value masked and other words elided.
fn frame_text(s: &Said, shared: &BTreeSet<String>) -> String {
    let keep = |w: &&Word| shared.contains(&w.stem);
    let mut left: Vec<&Word> = s.frame.left.iter().filter(keep).collect();
    left.reverse();
    let right: Vec<&Word> = s.frame.right.iter().filter(keep).collect();
    let mut parts: Vec<String> = Vec::new();
    let start = s.tally.as_ref().map_or(s.value.0, |t| t.span.0);
    let mut at = left.first().map_or(start, |w| w.span.0);
    let mut push = |parts: &mut Vec<String>, text: &str, from: usize, to: usize| {
        let skipped = from > at && s.sentence[at..from].chars().any(char::is_alphanumeric);
        if !parts.is_empty() && skipped {
            parts.push("…".to_owned());
        }
        parts.push(text.to_owned());
        at = to;
    };
    for w in &left {
        push(&mut parts, &w.surface, w.span.0, w.span.1);
    }
    let placeholder = format!("{{{}}}", s.reading.kind.name());
    match &s.tally {
        // The whole tally with this side masked: `52 to {count}`.
        Some(t) => {
            let text = format!(
                "{}{placeholder}{}",
                &s.sentence[t.span.0..s.value.0],
                &s.sentence[s.value.1..t.span.1]
            );
            push(&mut parts, &text, t.span.0, t.span.1);
        }
        None => push(&mut parts, &placeholder, s.value.0, s.value.1),
    }
    for w in &right {
        push(&mut parts, &w.surface, w.span.0, w.span.1);
    }
    parts.join(" ")
}

// ---------------------------------------------------------------------------------------
// Rule skeletons

/// Why a rule skeleton could not be written.
#[derive(Debug, Diagnostic, thiserror::Error)]
pub enum DiscoverError {
    /// `--candidate N` names no candidate.
    #[error("there is no candidate {number}: discovery proposed {count}")]
    #[diagnostic(
        code(crosscheck::discover::no_candidate),
        help("run `crosscheck discover` without --write-rules to see the candidates and their numbers")
    )]
    NoCandidate {
        /// The number asked for.
        number: usize,
        /// How many there are.
        count: usize,
    },
    /// The rule file exists already.
    #[error("{path} exists: discovery never overwrites a file")]
    #[diagnostic(
        code(crosscheck::discover::exists),
        help("move the file away, or write into another folder")
    )]
    Exists {
        /// The file.
        path: String,
    },
    /// The folder or file could not be written.
    #[error("could not write {path}: {error}")]
    #[diagnostic(
        code(crosscheck::discover::unwritable),
        help("check that the folder given to --write-rules exists and is writable")
    )]
    Unwritable {
        /// The file or folder.
        path: String,
        /// What the system said.
        error: std::io::Error,
    },
    /// No pattern built from the frame reads the candidate's own statements.
    #[error("candidate {number}: no pattern built from its frame reads its own statements")]
    #[diagnostic(
        code(crosscheck::discover::no_pattern),
        help("write the rule by hand: `crosscheck init` writes a commented starter file")
    )]
    NoPattern {
        /// The candidate's number.
        number: usize,
    },
}

/// One piece of a skeleton's pattern.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    /// One of these words (as written in the set).
    Word(Vec<String>),
    /// Up to this many words of any kind.
    Gap(usize),
    /// The value.
    Value(Kind),
}

/// A rule written from a candidate: what `--write-rules` puts in a file.
#[derive(Debug, Clone)]
pub struct Skeleton {
    /// The rule's id (and the file's name).
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its message.
    pub message: String,
    /// One group of alternative subject terms (empty: none).
    pub subjects: Vec<String>,
    /// Sentences before a statement that may supply its subjects.
    pub window: usize,
    /// The pattern, piece by piece: a phrase in all but syntax.
    pub parts: Vec<Part>,
    /// Sentences of the set the rule must read, with the reading each must give.
    pub reads: Vec<(String, Said)>,
    /// Sentences of the set the rule must not read.
    pub ignores: Vec<String>,
    /// The candidate's number and frame, for the file's opening comment.
    pub origin: String,
}

/// How many words a pattern's gap allows beyond the widest the set shows.
const GAP_SLACK: usize = 1;
/// The widest gap a skeleton writes.
const MAX_GAP: usize = 5;

impl Skeleton {
    /// The pattern as a phrase (`phrases:`, see docs/rules.md): words, `(a | b)`
    /// alternatives, `~N` gaps and the placeholder.
    pub fn phrase(&self) -> String {
        let word = |w: &str| -> String {
            w.chars()
                .flat_map(|c| {
                    let special = "[](){}|~\\".contains(c);
                    special.then_some('\\').into_iter().chain([c])
                })
                .collect()
        };
        let parts: Vec<String> = self
            .parts
            .iter()
            .map(|part| match part {
                Part::Word(alternatives) => match alternatives.as_slice() {
                    [one] => word(one),
                    many => format!(
                        "({})",
                        many.iter().map(|w| word(w)).collect::<Vec<_>>().join(" | ")
                    ),
                },
                Part::Gap(n) => format!("~{n}"),
                Part::Value(kind) => format!("{{{}}}", kind.name()),
            })
            .collect();
        parts.join(" ")
    }

    /// The rule file.
    pub fn yaml(&self) -> String {
        let q = |s: &str| serde_json::to_string(s).unwrap_or_default();
        let mut y = String::new();
        y.push_str(&format!(
            "# Written by `crosscheck discover --write-rules` from {}.\n\
             # A skeleton: check the subjects and the pattern, then widen the examples.\n\
             rules:\n",
            self.origin
        ));
        y.push_str(&format!("  - id: {}\n", self.id));
        y.push_str(&format!("    title: {}\n", q(&self.title)));
        y.push_str(&format!("    message: {}\n", q(&self.message)));
        y.push_str("    severity: error\n");
        if !self.subjects.is_empty() {
            let terms: Vec<String> = self.subjects.iter().map(|s| q(s)).collect();
            y.push_str(&format!("    subjects:\n      - [{}]\n", terms.join(", ")));
        }
        if self.window > 0 {
            y.push_str(&format!("    window: {}\n", self.window));
        }
        y.push_str(
            "    # Statements over different time frames are worth an editor's look.\n    different_frames: warning\n",
        );
        y.push_str(&format!(
            "    phrases:\n      - '{}'\n",
            self.phrase().replace('\'', "''")
        ));
        y.push_str("    examples:\n");
        for (text, said) in &self.reads {
            y.push_str(&format!("      - text: {}\n", q(text)));
            let mut expect = vec![format!("quote: {}", q(&said.quote_in_sentence()))];
            if let Bound::Included(v) = said.reading.value.low {
                expect.push(format!("low: {}", number(v)));
            }
            if let Bound::Included(v) = said.reading.value.high {
                expect.push(format!("high: {}", number(v)));
            }
            y.push_str(&format!("        expect: [{{ {} }}]\n", expect.join(", ")));
        }
        for text in &self.ignores {
            y.push_str(&format!("      - text: {}\n        expect: []\n", q(text)));
        }
        y
    }
}

impl Said {
    /// The value as the folded sentence writes it.
    fn quote_in_sentence(&self) -> String {
        self.sentence[self.value.0..self.value.1].to_owned()
    }
}

/// A bound as a rule file writes it.
fn number(v: Decimal) -> String {
    v.normalize().to_string()
}

/// The rule skeleton for candidate `number` (1-based, as listed), its examples already run.
pub fn skeleton(discovery: &Discovery, number: usize) -> Result<Skeleton, DiscoverError> {
    let no = || DiscoverError::NoCandidate {
        number,
        count: discovery.candidates.len(),
    };
    let c = discovery
        .candidates
        .get(number.checked_sub(1).ok_or_else(no)?)
        .ok_or_else(no)?;
    let st = &discovery.statements;
    let rep = &st[c.representative];
    let mut required: Vec<usize> = c.conflicts.iter().flat_map(|&(a, b)| [a, b]).collect();
    required.extend(c.pair.iter().flat_map(|&(a, b)| [a, b]));
    let (parts, core) = parts(st, rep, &c.statements, &required);
    let subjects: Vec<String> = c
        .subjects
        .iter()
        .filter(|n| core.iter().any(|&i| st[i].names.contains(*n)))
        .take(4)
        .cloned()
        .collect();
    let window = usize::from(
        core.iter()
            .any(|&i| st[i].names_before && st[i].names.iter().any(|n| subjects.contains(n))),
    );
    let words: Vec<String> = parts
        .iter()
        .filter_map(|p| match p {
            Part::Word(w) => w.first().cloned(),
            _ => None,
        })
        .collect();
    let slug_of = |s: &str| -> String {
        s.to_lowercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect::<String>()
            .split('-')
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("-")
    };
    let mut id_parts: Vec<String> = subjects.iter().take(2).map(|s| slug_of(s)).collect();
    id_parts.extend(words.iter().map(|w| slug_of(w)));
    id_parts.retain(|p| !p.is_empty());
    let mut id = id_parts.join("-");
    if id.is_empty() {
        id = format!("discovered-{number}");
    }
    let about = if subjects.is_empty() {
        String::new()
    } else {
        format!(" ({})", subjects.join(", "))
    };
    let mut skeleton = Skeleton {
        title: format!("{}{about}", c.frame),
        message: format!("Sources disagree: {}{about}", c.frame),
        id,
        subjects,
        window,
        parts,
        reads: Vec::new(),
        ignores: Vec::new(),
        origin: format!("candidate {number} (`{}`)", c.frame),
    };
    // Positive examples: the core's sentences, one per reading, kept when the rule reads them.
    let mut texts = BTreeSet::new();
    let mut order: Vec<usize> = c.pair.iter().flat_map(|&(a, b)| [a, b]).collect();
    order.extend(core.iter().copied());
    for &i in order.iter().filter(|i| core.contains(i)) {
        let s = &st[i];
        if skeleton
            .reads
            .iter()
            .any(|(_, r)| r.reading.value == s.reading.value)
        {
            continue;
        }
        let text = example_text(discovery, s, skeleton.window);
        if !texts.insert(text.clone()) {
            continue;
        }
        let mut trial = skeleton.clone();
        trial.reads.push((text, s.clone()));
        if passes(&trial) {
            skeleton = trial;
        }
        if skeleton.reads.len() >= 2 {
            break;
        }
    }
    if skeleton.reads.is_empty() {
        return Err(DiscoverError::NoPattern { number });
    }
    // A negative example: a sentence of the set with a value of the same kind that the rule
    // must not read, nearest in words first.
    let members: BTreeSet<usize> = c.statements.iter().copied().collect();
    let words: BTreeSet<&str> = c.words.iter().map(String::as_str).collect();
    let mut others: Vec<(usize, usize)> = st
        .iter()
        .enumerate()
        .filter(|(i, s)| {
            !members.contains(i)
                && s.reading.kind == c.kind
                && c.statements.iter().any(|&m| st[m].article == s.article)
        })
        .map(|(i, s)| {
            let near = s
                .frame
                .left
                .iter()
                .chain(&s.frame.right)
                .filter(|w| words.contains(w.stem.as_str()))
                .count();
            (usize::MAX - near, i)
        })
        .collect();
    others.sort_unstable();
    for &(_, i) in others.iter().take(20) {
        let text = example_text(discovery, &st[i], skeleton.window);
        if texts.contains(&text) {
            continue;
        }
        let mut trial = skeleton.clone();
        trial.ignores.push(text);
        if passes(&trial) {
            skeleton = trial;
            break;
        }
    }
    Ok(skeleton)
}

/// The text of an example for a statement: its sentence, and the one before it when the
/// rule's window needs it for the subjects.
fn example_text(discovery: &Discovery, s: &Said, window: usize) -> String {
    if window == 0 || !s.names_before {
        return s.sentence.clone();
    }
    let a = &discovery.articles[s.article];
    let prose = Prose::new(&a.text, a.body, !a.markdown);
    let at = prose
        .sentences
        .iter()
        .position(|x| prose.sentence(x) == s.sentence);
    match at {
        Some(k) if k > 0 => format!("{} {}", prose.sentence(&prose.sentences[k - 1]), s.sentence),
        _ => s.sentence.clone(),
    }
}

/// True when the skeleton loads as a rule file and every example reads what it expects.
fn passes(skeleton: &Skeleton) -> bool {
    match rules::parse("skeleton", &skeleton.yaml()) {
        Ok(rules) => rules
            .iter()
            .all(|r| crate::authoring::test_rule(r).passed()),
        Err(_) => false,
    }
}

/// The pattern's pieces: the word before the value and the word after it (the counted
/// noun when there is one) that most of the candidate's statements hold, taken from the
/// representative's frame and held by every `required` statement (those the verdict names), with gaps as
/// wide as those statements need; and the statements that hold both words (the ones the
/// pattern is written to read).
fn parts(
    st: &[Said],
    rep: &Said,
    members: &[usize],
    required: &[usize],
) -> (Vec<Part>, Vec<usize>) {
    let holds = |i: usize, stem: &str, left: bool| {
        let f = &st[i].frame;
        let side = if left { &f.left } else { &f.right };
        side.iter().any(|w| w.stem == stem)
    };
    let held = |stem: &str, left: bool| {
        if required.iter().any(|&r| !holds(r, stem, left)) {
            return 0;
        }
        members.iter().filter(|&&i| holds(i, stem, left)).count()
    };
    // The most held word of a side; the nearest among equals.
    let anchor = |side: &[Word], left: bool| -> Option<String> {
        let mut best: Option<(usize, &Word)> = None;
        for w in side {
            let n = held(&w.stem, left);
            if n >= 2 && best.is_none_or(|(m, _)| n > m) {
                best = Some((n, w));
            }
        }
        best.map(|(_, w)| w.stem.clone())
    };
    let left = anchor(&rep.frame.left, true);
    let right = match &rep.frame.noun {
        Some(noun) if held(noun, false) >= 2 => Some(noun.clone()),
        _ => anchor(&rep.frame.right, false),
    };
    let core: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| {
            left.as_deref().is_none_or(|w| holds(i, w, true))
                && right.as_deref().is_none_or(|w| holds(i, w, false))
        })
        .collect();
    let surfaces = |stem: &str, left: bool| -> Vec<String> {
        let mut out: Vec<String> = core
            .iter()
            .flat_map(|&i| {
                let f = &st[i].frame;
                let side = if left { &f.left } else { &f.right };
                side.iter()
                    .filter(|w| w.stem == stem)
                    .map(|w| w.surface.clone())
                    .collect::<Vec<_>>()
            })
            .collect();
        out.sort();
        out.dedup();
        out
    };
    // The words between an anchor and the value, counted as the regex counts them.
    let between = |s: &Said, stem: &str, left: bool| -> usize {
        let f = &s.frame;
        let side = if left { &f.left } else { &f.right };
        let Some(w) = side.iter().find(|w| w.stem == stem) else {
            return 0;
        };
        let text = if left {
            &s.sentence[w.span.1..s.value.0]
        } else {
            &s.sentence[s.value.1..w.span.0]
        };
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|p| !p.is_empty())
            .count()
    };
    let gap = |stem: &str, left: bool| {
        let widest = core
            .iter()
            .map(|&i| between(&st[i], stem, left))
            .max()
            .unwrap_or(0);
        (widest > 0).then(|| Part::Gap((widest + GAP_SLACK).min(MAX_GAP)))
    };
    let mut parts = Vec::new();
    if let Some(w) = &left {
        parts.push(Part::Word(surfaces(w, true)));
        parts.extend(gap(w, true));
    }
    parts.push(Part::Value(rep.reading.kind));
    if let Some(w) = &right {
        parts.extend(gap(w, false));
        parts.push(Part::Word(surfaces(w, false)));
    }
    (parts, core)
}

/// Writes `skeleton` to `DIR/ID.yaml`, never over an existing file; the path written.
pub fn write_rule(dir: &Path, skeleton: &Skeleton) -> Result<PathBuf, DiscoverError> {
    let unwritable = |path: &Path, e: std::io::Error| DiscoverError::Unwritable {
        path: article::display(path),
        error: e,
    };
    std::fs::create_dir_all(dir).map_err(|e| unwritable(dir, e))?;
    let path = dir.join(format!("{}.yaml", skeleton.id));
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => DiscoverError::Exists {
                path: article::display(&path),
            },
            _ => unwritable(&path, e),
        })?;
    file.write_all(skeleton.yaml().as_bytes())
        .map_err(|e| unwritable(&path, e))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A statement of `kind` at `quote` in `sentence`, naming what the sentence names.
    fn said(sentence: &str, quote: &str, kind: Kind, low: i64, high: i64) -> Said {
        let start = sentence.find(quote).expect("the quote is in the sentence");
        let value = (start, start + quote.len());
        let capitalized = BTreeSet::new();
        Said {
            article: 0,
            span: value,
            line: 1,
            column: 1,
            quote: quote.to_owned(),
            reading: Reading {
                kind,
                text: quote.to_owned(),
                hedge: None,
                value: Interval::closed(Decimal::from(low), Decimal::from(high)),
                unit: None,
                note: None,
            },
            sentence: sentence.to_owned(),
            value,
            qualifiers: Qualifiers {
                frame: None,
                as_of: qualifiers::AsOf {
                    days: None,
                    stated: None,
                },
                attribution: None,
            },
            names: names_of(sentence, &capitalized),
            names_before: false,
            tally: None,
            event: None,
            frame: frame_of(sentence, value, &[], &capitalized),
        }
    }

    #[test]
    fn stems_fold_plurals_and_past_forms() {
        assert_eq!(stem("meetings"), stem("meeting"));
        assert_eq!(stem("met"), "meet");
        assert_eq!(stem("injured"), stem("injuries"));
        assert_eq!(stem("valued"), stem("value"));
        assert_eq!(stem("Quince's"), stem("Quince"));
    }

    #[test]
    fn the_frame_drops_function_words_and_names() {
        let s = said(
            "Xi and Putin have met about 40 times since 2013.",
            "about 40",
            Kind::Count,
            36,
            44,
        );
        let left: Vec<&str> = s.frame.left.iter().map(|w| w.stem.as_str()).collect();
        assert_eq!(left, ["meet"]);
        assert_eq!(s.frame.noun.as_deref(), Some("time"));
        assert!(s.names.contains("Putin"));
        assert!(
            s.names.contains("Xi"),
            "a first word is a name unless written in lower case"
        );
    }

    #[test]
    fn the_same_verb_and_noun_are_a_close_match() {
        let a = said(
            "Later Xi and Putin met about 40 times.",
            "about 40",
            Kind::Count,
            36,
            44,
        );
        let b = said(
            "Since then Xi and Putin have met nearly 30 times.",
            "nearly 30",
            Kind::Count,
            27,
            29,
        );
        let l = likeness(&a, &b);
        assert!(l.loose && l.close, "{l:?}");
    }

    #[test]
    fn another_counted_noun_is_no_close_match() {
        let a = said(
            "The Senate in Arvel held 75 meetings on the border.",
            "75",
            Kind::Count,
            75,
            75,
        );
        let b = said(
            "The Senate in Arvel held 75 votes on the border.",
            "75",
            Kind::Count,
            75,
            75,
        );
        let l = likeness(&a, &b);
        assert!(l.loose && !l.close, "{l:?}");
    }

    #[test]
    fn other_names_are_no_match() {
        let a = said(
            "The poll put support for Mayor Hadley at 44 in May.",
            "44",
            Kind::Percent,
            44,
            44,
        );
        let b = said(
            "The poll put support for challenger Brandt at 33 in May.",
            "33",
            Kind::Percent,
            33,
            33,
        );
        let l = likeness(&a, &b);
        assert!(l.shared >= MIN_SHARED, "{l:?}");
        assert!(!l.loose && !l.close, "{l:?}");
    }

    #[test]
    fn one_shared_word_is_no_match() {
        let a = said("The Arvel fund paid 40 claims.", "40", Kind::Count, 40, 40);
        let b = said(
            "The Arvel fund lists 40 offices.",
            "40",
            Kind::Count,
            40,
            40,
        );
        assert!(!likeness(&a, &b).loose);
    }

    #[test]
    fn the_frame_text_masks_the_value_and_elides_the_rest() {
        let s = said(
            "Putin and Xi have met, by one count, about 40 times.",
            "about 40",
            Kind::Count,
            36,
            44,
        );
        let shared: BTreeSet<String> = ["meet", "time"].iter().map(|s| s.to_string()).collect();
        assert_eq!(frame_text(&s, &shared), "met … {count} times");
    }

    #[test]
    fn a_skeleton_pattern_is_a_regex_with_one_placeholder() {
        let s = Skeleton {
            id: "x".into(),
            title: "x".into(),
            message: "x".into(),
            subjects: vec![],
            window: 0,
            parts: vec![
                Part::Word(vec!["met".into()]),
                Part::Gap(3),
                Part::Value(Kind::Count),
                Part::Word(vec!["times".into()]),
            ],
            reads: vec![],
            ignores: vec![],
            origin: "test".into(),
        };
        assert_eq!(s.phrase(), "met ~3 {count} times");
    }

    #[test]
    fn an_event_verb_makes_a_date_a_claim() {
        let at = |sentence: &str, quote: &str| {
            let start = sentence.find(quote).expect("the quote is in the sentence");
            event_before(sentence, (start, start + quote.len()))
        };
        assert_eq!(
            at("The bridge opened in October 2019.", "October 2019").as_deref(),
            Some("open")
        );
        assert_eq!(
            at("It was founded in 1998.", "1998").as_deref(),
            Some("found")
        );
        assert_eq!(
            at("She took office on March 3.", "March 3").as_deref(),
            Some("take office")
        );
        assert_eq!(
            at("The pact was signed on Tuesday.", "Tuesday").as_deref(),
            Some("sign")
        );
        assert_eq!(
            at("The ministry said on Tuesday that it agreed.", "Tuesday"),
            None
        );
        assert_eq!(at("It has paid out $340 million since 2019.", "2019"), None);
        assert_eq!(
            at(
                "The bridge opened to traffic in October 2019.",
                "October 2019"
            ),
            None
        );
    }
}
