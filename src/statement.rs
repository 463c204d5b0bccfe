//! Statements: every place an article states a rule's claim, with how the value was read.
//!
//! All rules scan an article in one pass: an Aho-Corasick automaton over every subject term
//! keeps the sentences where a rule's subjects appear, and only those sentences meet the
//! rule's full regexes. This module reads articles and rules; it does not compare.

use std::collections::HashSet;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::article::Article;
use crate::grammar::{self, Context, Reading};
use crate::rules::Rule;
use crate::text::{self, LineIndex, Sentence};

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
    /// 1-based line of the value.
    pub line: usize,
    /// 1-based column (in characters) of the value.
    pub column: usize,
    /// The value as the article writes it.
    pub quote: String,
    /// How the value was read.
    pub reading: Reading,
}

/// The subject terms of every rule, in one automaton.
pub struct Matcher {
    automaton: AhoCorasick,
    /// For each term of the automaton: the rule and the subject group it belongs to.
    owners: Vec<(usize, usize)>,
}

/// Fuzzy matches must be at least this similar (normalized Damerau-Levenshtein).
const FUZZY_SIMILARITY: f64 = 0.85;
/// Terms shorter than this must match exactly: short names have too many near neighbours.
const FUZZY_MIN_LEN: usize = 5;

impl Matcher {
    /// Builds the automaton for `rules`.
    pub fn new(rules: &[Rule]) -> Result<Matcher, aho_corasick::BuildError> {
        let mut terms = Vec::new();
        let mut owners = Vec::new();
        for (r, rule) in rules.iter().enumerate() {
            for (g, group) in rule.subjects.iter().enumerate() {
                for term in group {
                    terms.push(text::normalize(term).text);
                    owners.push((r, g));
                }
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&terms)?;
        Ok(Matcher { automaton, owners })
    }

    /// For each sentence, a bit set per rule of the subject groups it names exactly.
    fn groups_per_sentence(
        &self,
        text: &str,
        sentences: &[Sentence],
        rules: usize,
    ) -> Vec<Vec<u64>> {
        let mut found = vec![Vec::new(); sentences.len()];
        for m in self.automaton.find_overlapping_iter(text) {
            if !is_word(text, m.start(), m.end()) {
                continue;
            }
            let s = sentences.partition_point(|s| s.end <= m.start());
            if s >= sentences.len() || sentences[s].start > m.start() {
                continue;
            }
            let (rule, group) = self.owners[m.pattern().as_usize()];
            let sets = &mut found[s];
            if sets.is_empty() {
                sets.resize(rules, 0);
            }
            sets[rule] |= 1 << group.min(63);
        }
        found
    }
}

/// True when `start..end` of `text` is not part of a longer word.
fn is_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Finds the statements of every rule in one article.
pub fn find(article_index: usize, article: &Article, rules: &[Rule], matcher: &Matcher) -> Vec<Statement> {
    let body = &article.text[article.body..];
    let normalized = text::normalize(body);
    let folded = &normalized.text;
    let sentences = text::sentences(folded, !article.markdown);
    let found = matcher.groups_per_sentence(folded, &sentences, rules.len());
    let lines = LineIndex::new(&article.text);
    let original = |offset: usize| article.body + normalized.to_original(offset);
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (r, rule) in rules.iter().enumerate() {
        let context = Context {
            tolerance: rule.tolerance,
            published: article.meta.published,
        };
        for (s, sentence) in sentences.iter().enumerate() {
            let first = s.saturating_sub(rule.window);
            let hits = &found[first..=s];
            let unhit = hits.iter().all(|f| f.is_empty() || f[r] == 0);
            if (unhit && !rule.subjects.is_empty())
                || !has_subjects(rule, r, folded, &sentences[first..=s], hits)
            {
                continue;
            }
            let sentence_text = &folded[sentence.start..sentence.end];
            for pattern in &rule.patterns {
                for cap in pattern.regex.captures_iter(sentence_text) {
                    let Some(value) = cap.name("value") else {
                        continue;
                    };
                    let Ok(reading) = grammar::read(pattern.kind, value.as_str(), &context) else {
                        continue;
                    };
                    let start = original(sentence.start + value.start());
                    let end = original(sentence.start + value.end());
                    // The same statement repeated (a scrape that doubles paragraphs) counts once.
                    let quote = article.text[start..end].to_owned();
                    if !seen.insert((r, sentence_key(sentence_text), quote.clone())) {
                        continue;
                    }
                    let (line, column) = lines.line_col(&article.text, start);
                    out.push(Statement {
                        rule: r,
                        article: article_index,
                        span: (start, end),
                        sentence: (original(sentence.start), original(sentence.end)),
                        line,
                        column,
                        quote,
                        reading,
                    });
                }
            }
        }
    }
    out.sort_by_key(|s| (s.rule, s.span));
    out.dedup_by_key(|s| (s.rule, s.span));
    out
}

/// A sentence reduced to its words, so that a repeat with other spacing or quotes is the same.
fn sentence_key(sentence: &str) -> String {
    sentence
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// True when every subject group of rule `r` is named in the window: exactly, by the
/// automaton's hits, or, for a group it did not hit, by a close spelling of a long term.
fn has_subjects(rule: &Rule, r: usize, text: &str, window: &[Sentence], found: &[Vec<u64>]) -> bool {
    let exact = found
        .iter()
        .filter(|f| !f.is_empty())
        .fold(0u64, |acc, f| acc | f[r]);
    rule.subjects.iter().enumerate().all(|(g, group)| {
        exact & (1 << g.min(63)) != 0
            || window
                .iter()
                .any(|s| group.iter().any(|term| fuzzy_contains(&text[s.start..s.end], term)))
    })
}

/// True when `haystack` holds a run of words spelled close to `term` ("Xi Jinpin", "Poutine").
fn fuzzy_contains(haystack: &str, term: &str) -> bool {
    if term.chars().count() < FUZZY_MIN_LEN {
        return false;
    }
    let term = term.to_lowercase();
    let width = term.split_whitespace().count();
    let words: Vec<String> = haystack
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.windows(width.max(1)).any(|w| {
        let candidate = w.join(" ");
        strsim::normalized_damerau_levenshtein(&candidate, &term) >= FUZZY_SIMILARITY
    })
}
