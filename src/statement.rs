//! Statements: every place an article states a rule's claim, with how the value was read,
//! the qualifiers it carries and the key it is compared under.
//!
//! All rules scan an article in one pass: an Aho-Corasick automaton over every subject term
//! keeps the sentences where a rule's subjects appear, and only those sentences meet the
//! rule's full regexes. This module reads articles and rules; it does not compare.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::{Captures, Regex};

use crate::article::Article;
use std::fmt;

use crate::grammar::{self, Context, GrammarError, Interval, Kind, Reading};
use crate::qualifiers::{self, Place, Qualifiers};
use crate::rules::{Key, Rule, Slot, Verdict};
use crate::text::{self, Prose, Sentence};

/// One statement of a claim in an article.
#[derive(Debug, Clone)]
pub struct Statement {
    /// Index of the rule in the rule list.
    pub rule: usize,
    /// Index of the article in the article list.
    pub article: usize,
    /// Byte span of the value in the article's file.
    pub span: (usize, usize),
    /// Byte span of the sentence that holds it.
    pub sentence: (usize, usize),
    /// That sentence as the file writes it: reports quote it without the article's text,
    /// which is let go once its statements are found.
    pub sentence_text: String,
    /// 1-based line of the value.
    pub line: usize,
    /// 1-based column (in characters) of the value.
    pub column: usize,
    /// The value as the article writes it.
    pub quote: String,
    /// How the value was read.
    pub value: Value,
    /// The same value given again in another unit right after it: "1.28 trillion yuan
    /// ($153 billion)".
    pub paired: Option<Paired>,
    /// Time frame, reference date and attribution.
    pub qualifiers: Qualifiers,
    /// The rule's keys read from the statement (key name → value); a key that could not
    /// be read is absent.
    pub key: BTreeMap<String, String>,
}

impl Statement {
    /// The text of a span of the file inside this statement's sentence.
    pub fn excerpt(&self, (start, end): (usize, usize)) -> Option<&str> {
        let from = start.checked_sub(self.sentence.0)?;
        let to = end.checked_sub(self.sentence.0)?;
        self.sentence_text.get(from..to)
    }
}

/// A statement shared by the outcome, its findings and the statements set aside.
pub type Shared = std::sync::Arc<Statement>;

/// How a statement's value was read: a quantity or date, or a wording.
#[derive(Debug, Clone)]
pub enum Value {
    /// An interval, read by the grammar.
    Quantity(Reading),
    /// A wording, judged against the rule's list.
    Wording {
        /// The wording, as matched (folded).
        text: String,
        /// How it was judged.
        verdict: Verdict,
    },
}

/// Where the verdicts of wordings sit on the number line, so that comparison treats them
/// like quantities: every accepted wording at 0, each contradicting one at its own place.
const ACCEPTED_AT: i64 = 0;

impl Value {
    /// The quantity's reading, if the value is one.
    pub fn reading(&self) -> Option<&Reading> {
        match self {
            Value::Quantity(r) => Some(r),
            Value::Wording { .. } => None,
        }
    }

    /// The interval comparison works on; `None` for an unrecognized wording, which is
    /// reported on its own and compared with nothing.
    pub fn interval(&self, rule: &Rule) -> Option<Interval> {
        match self {
            Value::Quantity(r) => Some(r.value),
            Value::Wording { verdict, .. } => match verdict {
                Verdict::Accepted(_) => Some(Interval::exact(ACCEPTED_AT.into())),
                Verdict::Contradicting(v) => {
                    let list = rule.wordings.as_ref().map(|w| &w.contradicting);
                    let at = list
                        .and_then(|l| l.iter().position(|c| c == v))
                        .unwrap_or(0);
                    let at = i64::try_from(at).unwrap_or(i64::MAX - 1);
                    Some(Interval::exact((ACCEPTED_AT + 1 + at).into()))
                }
                Verdict::Unrecognized(_) => None,
            },
        }
    }
}

impl Value {
    /// What the value allows, without the quote: `36..44`, `an accepted wording`.
    pub fn range(&self) -> String {
        match self {
            Value::Quantity(r) => r.range(),
            Value::Wording { verdict, .. } => match verdict {
                Verdict::Accepted(_) => "an accepted wording".to_owned(),
                Verdict::Contradicting(v) => format!("the contradicting wording \"{v}\""),
                Verdict::Unrecognized(_) => "an unrecognized wording".to_owned(),
            },
        }
    }
}

impl fmt::Display for Value {
    /// `about 40 → 36..44`, `"unrestricted" → accepted`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Quantity(r) => r.fmt(f),
            Value::Wording { text, verdict } => match verdict {
                Verdict::Accepted(v) if v.eq_ignore_ascii_case(text) => {
                    write!(f, "\"{text}\" → accepted wording")
                }
                Verdict::Accepted(v) => write!(f, "\"{text}\" → accepted wording (\"{v}\")"),
                Verdict::Contradicting(v) => {
                    write!(f, "\"{text}\" → contradicting wording (\"{v}\")")
                }
                Verdict::Unrecognized(Some(v)) => write!(
                    f,
                    "\"{text}\" → unrecognized wording; nearest accepted: \"{v}\""
                ),
                Verdict::Unrecognized(None) => write!(f, "\"{text}\" → unrecognized wording"),
            },
        }
    }
}

/// One mention of a quantity or date in an article: what `extract` lists, and what a
/// rule's pattern caught but the grammar could not read.
#[derive(Debug, Clone)]
pub struct Mention {
    /// Index of the article.
    pub article: usize,
    /// Byte span in the article's file.
    pub span: (usize, usize),
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The mention as the article writes it.
    pub quote: String,
    /// How it was read, or why it could not be.
    pub reading: Result<Reading, GrammarError>,
}

/// The second value of a paired statement.
#[derive(Debug, Clone)]
pub struct Paired {
    /// Byte span in the article's file.
    pub span: (usize, usize),
    /// As the article writes it.
    pub quote: String,
    /// How it was read.
    pub reading: Reading,
}

/// A money value in brackets right after another: the pair's second half.
static PAIRED_MONEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^\s*[(\[]\s*(?:or\s+|i\.e\.,?\s+)?(?P<value>{})\s*[)\]]",
        grammar::placeholder(Kind::Money)
    ))
    .unwrap_or_else(|e| unreachable!("the money placeholder is a valid regex: {e}"))
});

/// The subject terms of every rule, and the literals their patterns require, in one
/// automaton.
pub struct Matcher {
    automaton: AhoCorasick,
    /// For each term of the automaton: what it stands for.
    terms: Vec<Term>,
    /// For each rule, for each of its patterns: the ids of the literal sets it requires
    /// (see [`crate::rules::Pattern::required`]).
    required: Vec<Vec<Vec<usize>>>,
    /// How many `u64` words a sentence's bit set of literal sets takes.
    words: usize,
    /// The pass over an article's raw text that tells, before any splitting, whether a
    /// rule can match in it at all.
    gate: Gate,
}

/// An Aho-Corasick pass over an article's raw bytes for the words of every term of the
/// [`Matcher`]: a term can occur in the folded text only where its longest run of ASCII
/// letters and digits occurs in the raw text (folding changes quotes, dashes and spaces,
/// never a letter or a digit), so an article without any is passed over unsplit.
struct Gate {
    automaton: AhoCorasick,
    /// For each term of the matcher, its token in `automaton`; `None` for a term with no
    /// letter or digit, which the gate cannot rule out.
    token: Vec<Option<usize>>,
    /// For each rule, the terms of its subjects.
    subject_terms: Vec<Vec<usize>>,
    /// For each literal set, the terms that belong to it.
    set_terms: Vec<Vec<usize>>,
    /// The terms that stand for characters in whose presence literals say nothing.
    unless_terms: Vec<usize>,
}

impl Gate {
    fn new(
        patterns: &[String],
        terms: &[Term],
        rules: usize,
        sets: usize,
    ) -> Result<Gate, aho_corasick::BuildError> {
        let mut tokens: BTreeMap<String, usize> = BTreeMap::new();
        let token = patterns
            .iter()
            .map(|p| {
                let word = p
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .max_by_key(|w| w.len())
                    .filter(|w| !w.is_empty())?
                    .to_ascii_lowercase();
                let next = tokens.len();
                Some(*tokens.entry(word).or_insert(next))
            })
            .collect();
        let mut subject_terms = vec![Vec::new(); rules];
        let mut set_terms = vec![Vec::new(); sets];
        let mut unless_terms = Vec::new();
        for (t, term) in terms.iter().enumerate() {
            match term {
                Term::Subject(rule, _) => subject_terms[*rule].push(t),
                Term::Literal(ids) => ids.iter().for_each(|&id| set_terms[id].push(t)),
                Term::Unless => unless_terms.push(t),
            }
        }
        let mut words = vec![String::new(); tokens.len()];
        for (word, id) in tokens {
            words[id] = word;
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&words)?;
        Ok(Gate {
            automaton,
            token,
            subject_terms,
            set_terms,
            unless_terms,
        })
    }
}

/// What a term of the [`Matcher`]'s automaton stands for.
enum Term {
    /// A subject term of a rule: the rule and the subject group.
    Subject(usize, usize),
    /// A literal some patterns require: the ids of the literal sets it belongs to.
    Literal(Vec<usize>),
    /// A character in whose presence the required literals say nothing (see
    /// [`crate::rules::Required::unless`]).
    Unless,
}

/// What the automaton found in an article, per sentence.
struct Hits {
    /// For each sentence, a bit set per rule of the subject groups it names exactly (empty
    /// when it names none).
    groups: Vec<Vec<u64>>,
    /// For each sentence, `words` words: the bit set of literal sets it holds a literal of.
    literals: Vec<u64>,
    /// For each sentence, whether it holds a character of a pattern's `unless`: then every
    /// pattern runs there.
    unless: Vec<bool>,
}

/// Fuzzy matches must be at least this similar (normalized Damerau-Levenshtein).
const FUZZY_SIMILARITY: f64 = 0.85;
/// Terms shorter than this must match exactly: short names have too many near neighbours.
const FUZZY_MIN_LEN: usize = 5;

impl Matcher {
    /// Builds the automaton for `rules`.
    pub fn new(rules: &[Rule]) -> Result<Matcher, aho_corasick::BuildError> {
        let mut patterns = Vec::new();
        let mut terms = Vec::new();
        for (r, rule) in rules.iter().enumerate() {
            for (g, group) in rule.subjects.iter().enumerate() {
                for term in group {
                    patterns.push(text::normalize(term).text);
                    terms.push(Term::Subject(r, g));
                }
            }
        }
        // Each literal once, with every set it belongs to.
        let mut literal_terms: BTreeMap<String, usize> = BTreeMap::new();
        let mut sets = 0;
        let mut unless = BTreeSet::new();
        let required = rules
            .iter()
            .map(|rule| {
                rule.patterns
                    .iter()
                    .map(|pattern| {
                        unless.extend(pattern.required.unless.iter().copied());
                        pattern
                            .required
                            .sets
                            .iter()
                            .map(|set| {
                                let id = sets;
                                sets += 1;
                                for literal in set {
                                    let t = *literal_terms.entry(literal.clone()).or_insert_with(
                                        || {
                                            patterns.push(literal.clone());
                                            terms.push(Term::Literal(Vec::new()));
                                            terms.len() - 1
                                        },
                                    );
                                    if let Term::Literal(ids) = &mut terms[t] {
                                        ids.push(id);
                                    }
                                }
                                id
                            })
                            .collect()
                    })
                    .collect()
            })
            .collect();
        for c in unless {
            patterns.push(c.to_string());
            terms.push(Term::Unless);
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&patterns)?;
        let gate = Gate::new(&patterns, &terms, rules.len(), sets)?;
        Ok(Matcher {
            automaton,
            terms,
            required,
            words: sets.div_ceil(64),
            gate,
        })
    }

    /// False when no rule can match in the raw `text`: one pass of the [`Gate`], before the
    /// text is folded or split.
    fn may_match(&self, text: &str, rules: &[Rule]) -> bool {
        let gate = &self.gate;
        let mut present = vec![false; gate.automaton.patterns_len()];
        // Asked again each time a word is first seen: most articles that pass, pass early.
        for m in gate.automaton.find_overlapping_iter(text) {
            let seen = &mut present[m.pattern().as_usize()];
            if !*seen {
                *seen = true;
                if self.possible(&present, rules) {
                    return true;
                }
            }
        }
        self.possible(&present, rules)
    }

    /// True when some rule can match in a text holding the gate's words marked `present`.
    fn possible(&self, present: &[bool], rules: &[Rule]) -> bool {
        let gate = &self.gate;
        let possible = |t: usize| gate.token[t].is_none_or(|k| present[k]);
        let unless = gate.unless_terms.iter().any(|&t| possible(t));
        rules.iter().enumerate().any(|(r, rule)| {
            let named =
                rule.subjects.is_empty() || gate.subject_terms[r].iter().any(|&t| possible(t));
            named
                && (unless
                    || self.required[r].iter().any(|sets| {
                        sets.iter()
                            .all(|&id| gate.set_terms[id].iter().any(|&t| possible(t)))
                    }))
        })
    }

    /// Runs the automaton once over an article's folded `text`.
    fn hits(&self, text: &str, sentences: &[Sentence], rules: usize) -> Hits {
        let mut groups = vec![Vec::new(); sentences.len()];
        let mut literals = vec![0u64; sentences.len() * self.words];
        let mut unless = vec![false; sentences.len()];
        for m in self.automaton.find_overlapping_iter(text) {
            let s = sentences.partition_point(|s| s.end <= m.start());
            if s >= sentences.len() || sentences[s].start > m.start() {
                continue;
            }
            match &self.terms[m.pattern().as_usize()] {
                Term::Subject(rule, group) => {
                    if !is_word(text, m.start(), m.end()) {
                        continue;
                    }
                    let sets = &mut groups[s];
                    if sets.is_empty() {
                        sets.resize(rules, 0);
                    }
                    sets[*rule] |= 1 << (*group).min(63);
                }
                // A literal counts only inside the sentence, where the regex runs.
                Term::Literal(ids) if m.end() <= sentences[s].end => {
                    let bits = &mut literals[s * self.words..(s + 1) * self.words];
                    for &id in ids {
                        bits[id / 64] |= 1 << (id % 64);
                    }
                }
                Term::Unless if m.end() <= sentences[s].end => unless[s] = true,
                Term::Literal(_) | Term::Unless => {}
            }
        }
        Hits {
            groups,
            literals,
            unless,
        }
    }

    /// False when sentence `s` lacks a literal pattern `p` of rule `r` requires, so that the
    /// pattern cannot match there.
    fn admits(&self, hits: &Hits, r: usize, p: usize, s: usize) -> bool {
        if hits.unless[s] {
            return true;
        }
        let bits = &hits.literals[s * self.words..(s + 1) * self.words];
        self.required[r][p]
            .iter()
            .all(|&id| bits[id / 64] & (1 << (id % 64)) != 0)
    }
}

/// True when `start..end` of `text` is not part of a longer word.
fn is_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Finds the statements of every rule in one article.
pub fn find(
    article_index: usize,
    article: &Article,
    rules: &[Rule],
    matcher: &Matcher,
) -> Vec<Statement> {
    find_all(article_index, article, rules, matcher).0
}

/// Finds the statements of every rule in one article, and the values a pattern caught
/// that the grammar could not read ("February 30, 2023").
pub fn find_all(
    article_index: usize,
    article: &Article,
    rules: &[Rule],
    matcher: &Matcher,
) -> (Vec<Statement>, Vec<Mention>) {
    let mut unread = Vec::new();
    if !matcher.may_match(&article.text[article.body..], rules) {
        return (Vec::new(), Vec::new());
    }
    let prose = Prose::new(&article.text, article.body, !article.markdown);
    let scanned = matcher.hits(prose.text(), &prose.sentences, rules.len());
    let found = &scanned.groups;
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (r, rule) in rules.iter().enumerate() {
        let context = Context {
            tolerance: rule.tolerance,
            published: article.meta.published,
            ..Context::default()
        };
        for s in 0..prose.sentences.len() {
            let first = s.saturating_sub(rule.window);
            let hits = &found[first..=s];
            let unhit = hits.iter().all(|f| f.is_empty() || f[r] == 0);
            if unhit && !rule.subjects.is_empty() {
                continue;
            }
            let sentence = prose.sentence(&prose.sentences[s]);
            let sentence_start = prose.sentences[s].start;
            // The full subject check (with its fuzzy spellings) runs only where a pattern
            // matched: patterns are rarer than subject terms.
            let mut subjects = None;
            for (p, pattern) in rule.patterns.iter().enumerate() {
                if !matcher.admits(&scanned, r, p, s) {
                    continue;
                }
                for cap in pattern.regex().captures_iter(sentence) {
                    if !*subjects
                        .get_or_insert_with(|| has_subjects(rule, r, &prose, first..=s, hits))
                    {
                        break;
                    }
                    let Some(value) = cap.name("value") else {
                        continue;
                    };
                    // "the two leaders" names the leaders (docs/semantics.md).
                    if pattern.slot == Slot::Quantity(Kind::Count)
                        && grammar::number_word_after_the(
                            &sentence[..value.start()],
                            value.as_str(),
                        )
                    {
                        continue;
                    }
                    let read = match pattern.slot {
                        Slot::Quantity(Kind::Date) => {
                            // A bare weekday or month is placed by the tense of its clause.
                            let dated = Context {
                                tense: grammar::tense_around(sentence, value.start(), value.end()),
                                ..context.clone()
                            };
                            grammar::read(Kind::Date, value.as_str(), &dated).map(Value::Quantity)
                        }
                        Slot::Quantity(kind) => {
                            grammar::read(kind, value.as_str(), &context).map(Value::Quantity)
                        }
                        Slot::Wording => Ok(Value::Wording {
                            text: value.as_str().to_owned(),
                            verdict: rule
                                .wordings
                                .as_ref()
                                .map_or(Verdict::Unrecognized(None), |w| w.judge(value.as_str())),
                        }),
                    };
                    let read = match read {
                        Ok(read) => read,
                        Err(e) => {
                            let span = prose.file_span(
                                sentence_start + value.start(),
                                sentence_start + value.end(),
                            );
                            let (line, column) = prose.line_col(span.0);
                            unread.push(Mention {
                                article: article_index,
                                span,
                                line,
                                column,
                                quote: prose.quote(span).to_owned(),
                                reading: Err(e),
                            });
                            continue;
                        }
                    };
                    let span = prose
                        .file_span(sentence_start + value.start(), sentence_start + value.end());
                    let quote = prose.quote(span).to_owned();
                    // The same statement repeated (a scrape that doubles paragraphs) counts once.
                    if !seen.insert((r, sentence_key(sentence), quote.clone())) {
                        continue;
                    }
                    let place = Place {
                        sentence: s,
                        window: first,
                        value: (value.start(), value.end()),
                        dated: pattern.slot == Slot::Quantity(Kind::Date),
                    };
                    let paired = (pattern.slot == Slot::Quantity(Kind::Money))
                        .then(|| paired(&prose, sentence, sentence_start, value.end(), &context))
                        .flatten();
                    let (line, column) = prose.line_col(span.0);
                    let sentence_span = prose.sentences[s];
                    out.push(Statement {
                        rule: r,
                        article: article_index,
                        span,
                        sentence: prose.file_span(sentence_span.start, sentence_span.end),
                        sentence_text: String::new(),
                        line,
                        column,
                        quote,
                        value: read,
                        paired,
                        qualifiers: qualifiers::qualify(&prose, place, &context),
                        key: read_keys(rule, &prose, place, &cap),
                    });
                }
            }
        }
    }
    out.sort_by_key(|s| (s.rule, s.span));
    out.dedup_by_key(|s| (s.rule, s.span));
    unread.sort_by_key(|m| m.span);
    unread.dedup_by_key(|m| m.span);
    (out, unread)
}

/// The bracketed second half of a paired money value that ends at `after` in `sentence`.
fn paired(
    prose: &Prose,
    sentence: &str,
    sentence_start: usize,
    after: usize,
    context: &Context,
) -> Option<Paired> {
    let cap = PAIRED_MONEY.captures(&sentence[after..])?;
    let value = cap.name("value")?;
    let reading = grammar::read(Kind::Money, value.as_str(), context).ok()?;
    let span = prose.file_span(
        sentence_start + after + value.start(),
        sentence_start + after + value.end(),
    );
    Some(Paired {
        span,
        quote: prose.quote(span).to_owned(),
        reading,
    })
}

/// Reads every key of `rule` for the statement at `place`.
fn read_keys(rule: &Rule, prose: &Prose, place: Place, cap: &Captures) -> BTreeMap<String, String> {
    rule.keys
        .iter()
        .filter_map(|(name, key)| read_key(key, prose, place, cap).map(|v| (name.clone(), v)))
        .collect()
}

/// One key: from its capture group, else from the term nearest the value in the sentence,
/// else in the window's earlier sentences (nearest first).
fn read_key(key: &Key, prose: &Prose, place: Place, cap: &Captures) -> Option<String> {
    if let Some(group) = &key.capture {
        let text = cap.name(group)?.as_str();
        return Some(key_value(key, text).unwrap_or_else(|| text.to_lowercase()));
    }
    let sentence = prose.sentence(&prose.sentences[place.sentence]);
    let nearest = |text: &str, anchor: usize| {
        key.values
            .iter()
            .flat_map(|(value, terms)| {
                terms.iter().flat_map(move |term| {
                    find_words(text, term)
                        .into_iter()
                        .map(move |at| (at.abs_diff(anchor), value.clone()))
                })
            })
            .min()
            .map(|(_, v)| v)
    };
    nearest(sentence, place.value.0).or_else(|| {
        (place.window..place.sentence).rev().find_map(|s| {
            let text = prose.sentence(&prose.sentences[s]);
            nearest(text, text.len())
        })
    })
}

/// The key value one of whose terms is `text` (case-insensitive).
fn key_value(key: &Key, text: &str) -> Option<String> {
    key.values
        .iter()
        .find(|(_, terms)| terms.iter().any(|t| t.eq_ignore_ascii_case(text.trim())))
        .map(|(v, _)| v.clone())
}

/// Offsets where `term` stands as whole words in `text`, ignoring ASCII case.
fn find_words(text: &str, term: &str) -> Vec<usize> {
    let lower = text.to_ascii_lowercase();
    let term = term.to_ascii_lowercase();
    lower
        .match_indices(&term)
        .map(|(i, _)| i)
        .filter(|&i| is_word(text, i, i + term.len()))
        .collect()
}

/// A sentence reduced to its words, so that a repeat with other spacing or quotes is the same.
fn sentence_key(sentence: &str) -> String {
    let mut key = String::with_capacity(sentence.len());
    for word in sentence
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !key.is_empty() {
            key.push(' ');
        }
        if word.is_ascii() {
            key.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            key.push_str(&word.to_lowercase());
        }
    }
    key
}

/// True when every subject group of rule `r` is named in the window: exactly, by the
/// automaton's hits, or, for a group it did not hit, by a close spelling of a long term.
fn has_subjects(
    rule: &Rule,
    r: usize,
    prose: &Prose,
    window: std::ops::RangeInclusive<usize>,
    found: &[Vec<u64>],
) -> bool {
    let exact = found
        .iter()
        .filter(|f| !f.is_empty())
        .fold(0u64, |acc, f| acc | f[r]);
    // Each sentence's words, lower-cased, read once and only when a term is not there as
    // written.
    let mut words: Option<Vec<Vec<String>>> = None;
    rule.subjects.iter().enumerate().all(|(g, group)| {
        exact & (1 << g.min(63)) != 0 || {
            let words = words.get_or_insert_with(|| {
                (window.clone())
                    .map(|s| lower_words(prose.sentence(&prose.sentences[s])))
                    .collect()
            });
            (words.iter()).any(|words| group.iter().any(|term| fuzzy_contains(words, term)))
        }
    })
}

/// The words of `text` (runs of letters and digits), lower-cased.
fn lower_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// True when `words` (lower-cased) hold a run spelled close to `term` ("Xi Jinpin",
/// "Poutine").
fn fuzzy_contains(words: &[String], term: &str) -> bool {
    if term.chars().count() < FUZZY_MIN_LEN {
        return false;
    }
    let term = term.to_lowercase();
    let width = term.split_whitespace().count().max(1);
    let first = term.chars().next();
    words.windows(width).any(|w| {
        // Variants keep the first letter and about the length; skip the rest cheaply.
        let len = w.iter().map(String::len).sum::<usize>() + width - 1;
        w[0].chars().next() == first
            && len.abs_diff(term.len()) <= 2
            && strsim::normalized_damerau_levenshtein(&w.join(" "), &term) >= FUZZY_SIMILARITY
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn the_automaton_keeps_every_sentence_a_pattern_matches() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let rules = crate::rules::load(&[root.join("rules"), root.join("fixtures/frames")]).rules;
        let matcher = Matcher::new(&rules).unwrap();
        let mut articles = crate::article::load(&[root.join("fixtures")]).articles;
        // Case-folded spellings only Unicode case folding matches, in a sentence of its own
        // and next to others.
        let odd = "Xi and Putin have MET about 40 TIME\u{17F}. They had held 12 \u{212A}ICKS. \
                   Trade with Russia hit $153 billion last year.";
        articles.push(crate::article::Article {
            text: odd.to_owned(),
            body: 0,
            ..articles[0].clone()
        });
        let mut matched = 0;
        for article in &articles {
            let prose = Prose::new(&article.text, article.body, !article.markdown);
            let hits = matcher.hits(prose.text(), &prose.sentences, rules.len());
            for (r, rule) in rules.iter().enumerate() {
                for (p, pattern) in rule.patterns.iter().enumerate() {
                    for (s, sentence) in prose.sentences.iter().enumerate() {
                        let text = prose.sentence(sentence);
                        if pattern.regex().is_match(text) {
                            matched += 1;
                            assert!(
                                matcher.admits(&hits, r, p, s),
                                "{pattern:?} rejected in {}: {text:?}",
                                article.path
                            );
                            let named = rule.subjects.is_empty()
                                || hits
                                    .groups
                                    .iter()
                                    .any(|g| g.get(r).is_some_and(|&b| b != 0));
                            assert!(
                                !named || matcher.may_match(&article.text[article.body..], &rules),
                                "the gate passed over {}, where {pattern:?} matches {text:?}",
                                article.path
                            );
                        }
                    }
                }
            }
        }
        assert!(
            matched > 50,
            "only {matched} matches: the test checks too little"
        );
    }

    #[test]
    fn the_gate_passes_over_only_articles_no_rule_can_match() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let rules = crate::rules::load(&[root.join("rules")]).rules;
        let matcher = Matcher::new(&rules).unwrap();
        let unrelated = "The council met on Tuesday. About 40 people came, and the budget \
                         grew by $2 million.";
        assert!(!matcher.may_match(unrelated, &rules));
        // Folded spaces and dashes, and a letter only Unicode case folding reads.
        for text in [
            "Xi\u{00A0}Jinping and Vladimir\u{00A0}Putin have met about 40 times.",
            "Xi and Putin have MET about 40 TIME\u{17F}.",
            "\u{201C}Xi and Putin\u{201D} have met about 40 times.",
        ] {
            assert!(matcher.may_match(text, &rules), "{text:?}");
        }
    }

    proptest::proptest! {
        /// The sentence key is the sentence's words, lower-cased and joined by spaces.
        #[test]
        fn sentence_key_joins_the_lower_cased_words(
            s in "[a-zA-Z0-9 ,.'\u{00C9}\u{03A3}\u{0130}-]{0,40}",
        ) {
            let words: Vec<String> = s
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            proptest::prop_assert_eq!(sentence_key(&s), words.join(" "));
        }
    }

    #[test]
    fn a_subject_spelt_nearly_right_counts_and_one_spelt_otherwise_does_not() {
        let words = lower_words("Xi Jinpin told Vladimir Putn, and the Kremlin, so.");
        // One letter off, over two words and over one.
        assert!(fuzzy_contains(&words, "Xi Jinping"));
        assert!(fuzzy_contains(&words, "Vladimir Putin"));
        // Another first letter, too short to judge, or too far.
        assert!(!fuzzy_contains(&words, "Kremlinn Palace"));
        assert!(
            !fuzzy_contains(&words, "Putin"),
            "`putn` is 4 letters of 5: 0.8"
        );
        assert!(
            !fuzzy_contains(&words, "Xi"),
            "below the length fuzzy matching needs"
        );
        assert!(!fuzzy_contains(&words, "Beijing"));
        assert!(fuzzy_contains(&words, "Kremlin"));
        // A term longer than the sentence.
        assert!(!fuzzy_contains(&lower_words("Xi"), "Xi Jinping met"));
    }
}
