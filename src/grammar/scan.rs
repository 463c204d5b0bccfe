//! Finds every quantity and date mention in running text.
//!
//! Each kind's placeholder proposes candidates; candidates that are not worth reporting
//! are dropped (see [`worth_keeping`]); where candidates overlap, the longest wins, and
//! between equally long ones the more specific kind (date, money, percent, duration,
//! ordinal, count).

use std::sync::OnceLock;

use regex::Regex;

use super::{placeholder, read, Context, GrammarError, Kind, Reading, Tense};

/// One mention found by [`scan`].
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Byte offset of the first byte of the mention in the scanned text.
    pub start: usize,
    /// Byte offset just past the mention.
    pub end: usize,
    /// How it was read, or why it could not be.
    pub reading: Result<Reading, GrammarError>,
    /// When the mention is one side of a tally or score ("52 to 47", "won 98-96"): the
    /// byte span of the whole tally, which the mention starts or ends.
    pub tally: Option<(usize, usize)>,
}

/// The kinds in order of preference when two equally long mentions overlap.
const PREFERENCE: &[Kind] = &[
    Kind::Date,
    Kind::Money,
    Kind::Percent,
    Kind::Duration,
    Kind::Ordinal,
    Kind::Count,
];

/// A proposed mention.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    /// Byte range in the text.
    start: usize,
    /// End of the byte range.
    end: usize,
    /// The kind whose placeholder matched.
    kind: Kind,
    /// The span of the whole tally this candidate is one side of, if it is.
    tally: Option<(usize, usize)>,
}

/// Every quantity and date mention in `text`: non-overlapping, in order, byte offsets.
pub fn scan(text: &str, ctx: &Context) -> Vec<Mention> {
    scan_for(text, ctx, Kind::ALL)
}

/// The mentions [`scan`] finds that are of one of `kinds`, and perhaps others. Which
/// candidate is chosen where candidates overlap depends only on the candidates that overlap
/// it, directly or through others; a run of overlapping candidates with none of `kinds` is
/// left out before it is split or read, so reading only dates costs no reading of counts.
pub fn scan_for(text: &str, ctx: &Context, kinds: &[Kind]) -> Vec<Mention> {
    let of_kind = |kind: Kind| -> Vec<Candidate> {
        finder(kind)
            .find_iter(text)
            .map(|m| Candidate {
                start: m.start(),
                end: m.end(),
                kind,
                tally: None,
            })
            .filter(|c| worth_keeping(text, c))
            .filter(|c| ctx.periods_as_dates || !is_period(text, c))
            .collect()
    };
    let partial = kinds.len() < Kind::ALL.len();
    // The kinds asked for are looked for first: without one of them there is nothing to
    // find, and the other kinds' finders need not run.
    let mut first: Vec<Option<Vec<Candidate>>> = (Kind::ALL.iter())
        .map(|k| (partial && kinds.contains(k)).then(|| of_kind(*k)))
        .collect();
    if partial && first.iter().flatten().all(Vec::is_empty) {
        return Vec::new();
    }
    let mut found: Vec<Candidate> = (Kind::ALL.iter().zip(&mut first))
        .flat_map(|(&kind, first)| first.take().unwrap_or_else(|| of_kind(kind)))
        .collect();
    if partial {
        found = wanted_runs(found, kinds);
    }
    // Splitting keeps a candidate's kind and stays inside its span.
    let mut candidates: Vec<Candidate> = found
        .into_iter()
        .flat_map(|c| split_change(text, c, ctx))
        .collect();
    let rank = |k: Kind| {
        PREFERENCE
            .iter()
            .position(|&p| p == k)
            .unwrap_or(usize::MAX)
    };
    candidates.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end), rank(c.kind)));
    let mut chosen: Vec<Mention> = Vec::new();
    for c in candidates {
        if chosen.last().is_some_and(|last| c.start < last.end) {
            continue;
        }
        // A candidate its own kind refuses outright ("five six") is no mention, and the
        // shorter candidates it covers get their turn; other errors (a day that does not
        // exist, an unknown currency) are worth showing.
        let reading = read_candidate(text, c, ctx);
        if matches!(reading, Err(GrammarError::NotA(..))) {
            continue;
        }
        chosen.push(Mention {
            start: c.start,
            end: c.end,
            reading,
            tally: c.tally,
        });
    }
    chosen
}

/// The candidates in runs of overlapping candidates (by start, each overlapping the run so
/// far) that hold one of `kinds`, in the order they came.
fn wanted_runs(found: Vec<Candidate>, kinds: &[Kind]) -> Vec<Candidate> {
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&i| (found[i].start, found[i].end));
    let mut keep = vec![false; found.len()];
    let mut run: Vec<usize> = Vec::new();
    let mut run_end = 0;
    let mut close = |run: &mut Vec<usize>| {
        if run.iter().any(|&i| kinds.contains(&found[i].kind)) {
            run.iter().for_each(|&i| keep[i] = true);
        }
        run.clear();
    };
    for i in order {
        if found[i].start >= run_end {
            close(&mut run);
        }
        run_end = if run.is_empty() {
            found[i].end
        } else {
            run_end.max(found[i].end)
        };
        run.push(i);
    }
    close(&mut run);
    (found.into_iter().zip(keep))
        .filter_map(|(c, keep)| keep.then_some(c))
        .collect()
}

/// The case-insensitive finder of a kind, compiled on first use.
pub(super) fn finder(kind: Kind) -> &'static Regex {
    static FINDERS: [OnceLock<Regex>; 6] = [const { OnceLock::new() }; 6];
    let index = Kind::ALL.iter().position(|&k| k == kind).unwrap_or(0);
    FINDERS[index].get_or_init(|| {
        Regex::new(&format!("(?i){}", placeholder(kind))).expect("built-in placeholder compiles")
    })
}

/// Reads a candidate; the low end of a split "from X to Y" that cannot stand alone as its
/// kind ("from 30 to 40 percent") is read as a count. A date is read in the tense of the
/// words around it.
fn read_candidate(text: &str, c: Candidate, ctx: &Context) -> Result<Reading, GrammarError> {
    let slice = text.get(c.start..c.end).unwrap_or_default();
    if c.kind == Kind::Date {
        let dated = Context {
            tense: ctx.tense.or_else(|| tense_around(text, c.start, c.end)),
            ..ctx.clone()
        };
        return read(c.kind, slice, &dated);
    }
    read(c.kind, slice, ctx).or_else(|e| read(Kind::Count, slice, ctx).map_err(|_| e))
}

/// Words that point ahead in time.
pub(crate) const FUTURE: &[&str] = &[
    "will",
    "ll",
    "shall",
    "scheduled",
    "schedule",
    "due",
    "expected",
    "expects",
    "plans",
    "plan",
    "planned",
    "planning",
    "set",
    "upcoming",
    "going",
    "intends",
    "aims",
    "until",
    "next",
    "coming",
    "tomorrow",
    "forthcoming",
    "slated",
    "pending",
];

/// Words that point back in time (besides verbs ending in "-ed").
pub(crate) const PAST: &[&str] = &[
    "said",
    "told",
    "was",
    "were",
    "had",
    "did",
    "met",
    "held",
    "took",
    "made",
    "gave",
    "came",
    "went",
    "began",
    "won",
    "lost",
    "left",
    "saw",
    "spoke",
    "wrote",
    "ago",
    "last",
    "earlier",
    "yesterday",
    "sent",
    "struck",
    "fell",
    "rose",
    "grew",
    "led",
    "hit",
    "ran",
    "sold",
    "paid",
    "spent",
    "found",
    "became",
    "knew",
    "thought",
    "brought",
    "bought",
];

/// The tense of the clause around `start..end` in `text`: the cue word nearest the
/// mention decides ("will", "scheduled" ahead; "said", "met", verbs in "-ed" back).
pub fn tense_around(text: &str, start: usize, end: usize) -> Option<Tense> {
    // The clause, or the words nearest the date in a clause too long to be one.
    let before = tail(text.get(..start).unwrap_or_default(), 2 * WINDOW);
    let clause_start = before
        .rfind(['.', ';', ':', '!', '?', '\n'])
        .map_or(start - before.len(), |i| start - before.len() + i + 1);
    let after = head(text.get(end..).unwrap_or_default(), 2 * WINDOW);
    let clause_end = after
        .find(['.', ';', ':', '!', '?', '\n'])
        .map_or(end + after.len(), |i| end + i);
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let before = words(text.get(clause_start..start).unwrap_or_default());
    let after = words(text.get(end..clause_end).unwrap_or_default());
    let cue = |w: &String| {
        if FUTURE.contains(&w.as_str()) {
            Some(Tense::Future)
        } else if PAST.contains(&w.as_str()) || (w.len() > 4 && w.ends_with("ed")) {
            Some(Tense::Past)
        } else {
            None
        }
    };
    // A participle after "be" is passive, not past: "will be held", "is to be signed".
    let before: Vec<String> = before
        .iter()
        .enumerate()
        .filter(|(i, _)| !(*i > 0 && matches!(before[i - 1].as_str(), "be" | "being")))
        .map(|(_, w)| w.clone())
        .collect();
    // Nearest first, alternating sides: the verb governing a date stands close to it.
    let (mut b, mut a) = (before.iter().rev().take(8), after.iter().take(6));
    loop {
        let (x, y) = (b.next(), a.next());
        if x.is_none() && y.is_none() {
            return None;
        }
        if let Some(t) = x.and_then(cue) {
            return Some(t);
        }
        if let Some(t) = y.and_then(cue) {
            return Some(t);
        }
    }
}

/// True for a rolling period ("over the past five years", "in two weeks", "three years
/// earlier") found as a date, which [`Context::periods_as_dates`] may leave a duration.
fn is_period(text: &str, c: &Candidate) -> bool {
    if c.kind != Kind::Date {
        return false;
    }
    let lower = text.get(c.start..c.end).unwrap_or_default().to_lowercase();
    let first = lower.split_whitespace().next().unwrap_or_default();
    let has_unit = super::duration::UNITS.iter().any(|u| {
        lower
            .split(|ch: char| !ch.is_alphabetic())
            .any(|w| w == u.0)
    }) || lower.contains("quarters");
    let rolling = [
        "past",
        "previous",
        "coming",
        "following",
        "over",
        "during",
        "within",
        "for",
    ]
    .contains(&first)
        || ((first == "the" || first == "last" || first == "next" || first == "in")
            && lower.split_whitespace().count() > 2);
    (rolling && has_unit && !lower.contains("century"))
        || lower.ends_with(" earlier")
        || lower.ends_with(" later")
}

/// Drops candidates that are parts of words or names, or not facts worth reporting.
fn worth_keeping(text: &str, c: &Candidate) -> bool {
    let slice = text.get(c.start..c.end).unwrap_or_default();
    let before = text.get(..c.start).unwrap_or_default();
    let after = text.get(c.end..).unwrap_or_default();
    let glued_after = after.starts_with('-') && after[1..].starts_with(char::is_alphabetic);
    let glued_before = (before.ends_with('-')
        && before[..before.len() - 1].ends_with(|ch: char| ch.is_alphanumeric()))
        || (slice.starts_with(['-', '−']) && before.ends_with(|ch: char| ch.is_alphanumeric()));
    let spelled = !slice.contains(|ch: char| ch.is_ascii_digit());
    match c.kind {
        // "COVID-19", "one of", "the two leaders"; "a 12-page report" is 12 pages, but
        // "thirty-something" is no count.
        Kind::Count => {
            !(glued_before
                || (glued_after && (spelled || !compound_modifier(slice, after)))
                || idle_word(before, slice))
        }
        Kind::Money => !glued_after && !glued_before,
        Kind::Percent => !glued_after && !glued_before && fraction_ok(slice, after),
        // "May" the verb, "march" the walk: a bare month name must be capitalized.
        Kind::Date => !glued_before && capitalized_month(slice),
        Kind::Duration => !glued_before && !ordinal_second(slice, after),
        Kind::Ordinal => !glued_before,
    }
}

/// True for digits joined to one word that ends there ("12-page report"), and not to a
/// name or a file name ("02-evening-ledger.txt", "737-MAX").
fn compound_modifier(slice: &str, after: &str) -> bool {
    let leading_zero = slice.starts_with('0') && slice.len() > 1;
    let word: String = after[1..]
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect();
    let rest = &after[1 + word.len()..];
    let ends = rest.is_empty()
        || rest.starts_with(char::is_whitespace)
        || (rest.starts_with([',', ';', ')', '!', '?'])
            || (rest.starts_with('.') && !rest[1..].starts_with(char::is_alphanumeric)));
    let lower = word.chars().all(|c| c.is_lowercase());
    !leading_zero && ends && lower
}

/// Words that may follow "a second" when it is a length of time ("a second later").
pub(crate) const AFTER_A_SECOND: &[&str] = &[
    "later", "earlier", "ago", "after", "before", "and", "or", "of", "to", "in", "per", "each",
    "longer", "more", "less", "too", "left", "faster", "slower", "for",
];

/// True for "a second" that is an ordinal: "a second term", "a second-round vote".
fn ordinal_second(slice: &str, after: &str) -> bool {
    let lower = slice.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    if !matches!(words.as_slice(), ["a" | "one" | "the", "second"]) {
        return false;
    }
    if after.starts_with('-') {
        return true;
    }
    let next: String = after
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    !next.is_empty()
        && after.starts_with(char::is_whitespace)
        && !AFTER_A_SECOND.contains(&next.as_str())
}
/// True for a bare "one", or a bare number word right after "the" ("the two countries").
fn idle_word(before: &str, slice: &str) -> bool {
    slice.eq_ignore_ascii_case("one") || number_word_after_the(before, slice)
}

/// True for a bare number word (`two`, not `two hundred` or `2`) right after "the": "the
/// two countries" names the countries, it does not count them. Rules drop it too.
pub fn number_word_after_the(before: &str, slice: &str) -> bool {
    let spelled = slice.chars().all(|c| c.is_alphabetic() || c == '-');
    spelled
        && before
            .trim_end()
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("the"))
}

/// A fraction word ("a third") counts as a share only before "of" or "the", or at the end
/// of a phrase: "a third term" is an ordinal. Ratios ("one in three adults") and numbers
/// with a percent sign or word are shares wherever they stand.
fn fraction_ok(slice: &str, after: &str) -> bool {
    let lower = slice.to_lowercase();
    let ratio = [" in ", " out of ", " over "]
        .iter()
        .any(|w| lower.contains(w));
    if lower.contains(['%', '/', '½', '¼', '¾', '⅓'])
        || lower.contains("cent")
        || lower.contains("pct")
        || lower.contains("point")
        || ratio
    {
        return true;
    }
    let next = after.trim_start();
    let word: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
    let word = word.to_lowercase();
    word == "of" || word == "the" || next.is_empty() || !next.starts_with(char::is_alphabetic)
}

/// False for a month name alone written in lower case.
fn capitalized_month(slice: &str) -> bool {
    let trimmed = slice.trim();
    let is_month = super::calendar::MONTHS
        .iter()
        .take(12)
        .any(|m| m.0.eq_ignore_ascii_case(trimmed));
    !is_month || trimmed.starts_with(char::is_uppercase)
}

/// Words that make "from X to Y" a change between two values rather than a range.
pub(crate) const CHANGE_WORDS: &[&str] = &[
    "rose",
    "risen",
    "rise",
    "rises",
    "rising",
    "fell",
    "fall",
    "falls",
    "fallen",
    "falling",
    "increased",
    "increase",
    "increases",
    "increasing",
    "decreased",
    "decrease",
    "decreasing",
    "grew",
    "grow",
    "grown",
    "grows",
    "growing",
    "dropped",
    "drop",
    "drops",
    "climbed",
    "climb",
    "declined",
    "decline",
    "jumped",
    "jump",
    "surged",
    "soared",
    "slipped",
    "slid",
    "plunged",
    "plummeted",
    "shrank",
    "shrunk",
    "doubled",
    "tripled",
    "went",
    "gone",
    "up",
    "down",
    "raised",
    "raise",
    "cut",
    "lowered",
    "reduced",
    "boosted",
    "expanded",
    "narrowed",
    "widened",
    "changed",
    "moved",
    "swung",
    "edged",
    "ticked",
    "inched",
    "tumbled",
    "improved",
    "worsened",
    "recovered",
    "rebounded",
    "revised",
    "upgraded",
    "downgraded",
    "lifted",
    "hiked",
    "trimmed",
    "slashed",
    "shifted",
    "fluctuated",
    "switched",
];

/// "rose from 30 to 40": a change, not a range; "voted 134 to 63", "won 98-96": a tally,
/// not a range. Either yields the two values as mentions of their own.
fn split_change(text: &str, c: Candidate, ctx: &Context) -> Vec<Candidate> {
    if c.kind == Kind::Date {
        return vec![c];
    }
    let slice = text.get(c.start..c.end).unwrap_or_default();
    let lower = slice.to_lowercase();
    let from = lower.starts_with("from ");
    // Only a few words on either side are read, so the cost of a candidate does not grow
    // with the text around it (an article may be one long line without a full stop).
    let before = tail(text.get(..c.start).unwrap_or_default(), WINDOW);
    let after = head(text.get(c.end..).unwrap_or_default(), WINDOW);
    let is_change = from && changes(before);
    let written_tally = !from
        && !lower.starts_with("between")
        && scores(
            before,
            after,
            hyphen(&lower).is_some() && !lower.contains(" to "),
        );
    let tally = !is_change
        && (written_tally
            || matches!(read(c.kind, slice, ctx), Err(GrammarError::NotA(_, k)) if k == super::quantity::TALLY));
    if !(is_change || tally) {
        return vec![c];
    }
    let skip = if from { 5 } else { 0 };
    let separator = [" to ", " through ", " until ", " till ", " or "]
        .iter()
        .filter_map(|s| lower[skip..].find(s).map(|i| (skip + i, s.len())))
        .min()
        .or_else(|| hyphen(&lower));
    let whole = (tally && !is_change).then_some((c.start + skip, c.end));
    match separator {
        Some((i, len)) => vec![
            Candidate {
                start: c.start + skip,
                end: c.start + i,
                tally: whole,
                ..c
            },
            Candidate {
                start: c.start + i + len,
                tally: whole,
                ..c
            },
        ],
        None => vec![c],
    }
}

/// Bytes of context read on either side of a candidate.
const WINDOW: usize = 120;

/// The last `n` bytes of `s` or a little fewer, on a character boundary.
fn tail(s: &str, n: usize) -> &str {
    let mut start = s.len().saturating_sub(n);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

/// The first `n` bytes of `s` or a little fewer, on a character boundary.
fn head(s: &str, n: usize) -> &str {
    let mut end = n.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Words right after two numbers that make them a tally even when written low to high
/// ("a 4 to 5 vote", "a 4-5 ruling").
pub(crate) const TALLY_NOUNS: &[&str] = &[
    "vote",
    "votes",
    "ruling",
    "decision",
    "majority",
    "margin",
    "tally",
    "victory",
    "win",
    "defeat",
    "loss",
    "split",
    "draw",
    "score",
    "scoreline",
    "record",
];

/// Words right before a hyphenated pair that make it a score ("lost 2-3", "beat them
/// 1-2" is rare, "lost 2-3" is not); "won 20 to 30 seats" stays a range.
pub(crate) const SCORE_VERBS: &[&str] = &[
    "voted", "won", "lost", "beat", "beating", "defeated", "tied", "drew", "scored", "led",
    "trailed", "edged", "winning", "losing",
];

/// True when a tally noun follows the numbers, or, for a hyphenated pair, a score verb
/// stands just before them.
fn scores(before: &str, after: &str, hyphenated: bool) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (before, after) = (words(before), words(after));
    let noun = after
        .first()
        .is_some_and(|w| TALLY_NOUNS.contains(&w.as_str()));
    let verb = hyphenated
        && before
            .iter()
            .rev()
            .take(2)
            .any(|w| SCORE_VERBS.contains(&w.as_str()));
    noun || verb
}

/// The position and length of the dash between two numbers ("98-96"), if any.
fn hyphen(lower: &str) -> Option<(usize, usize)> {
    let mut seen_digit = false;
    for (i, ch) in lower.char_indices() {
        if ch.is_ascii_digit() {
            seen_digit = true;
        } else if seen_digit && matches!(ch, '-' | '–' | '—') {
            let rest = &lower[i + ch.len_utf8()..];
            let gap = rest.len() - rest.trim_start().len();
            let before = lower[..i].len() - lower[..i].trim_end().len();
            return Some((i - before, before + ch.len_utf8() + gap));
        }
    }
    None
}

/// True when the words just before a "from" (in the same clause) say something changed.
fn changes(before: &str) -> bool {
    let clause = before
        .rsplit(['.', ';', ':', '!', '?'])
        .next()
        .unwrap_or_default()
        .to_lowercase();
    clause
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .rev()
        .take(6)
        .any(|w| CHANGE_WORDS.contains(&w))
}
