//! Comparison: turns the statements of each claim into findings, the sets of statements
//! that cannot all be true.
//!
//! Statements are compared only within a claim and a key. Two readings agree when their
//! intervals overlap (after converting currencies with the rule's rates); the reading most
//! sources share is the point covered by the most articles, and the statements that do not
//! cover it dissent. A dissent is a contradiction only within one time frame; for a
//! cumulative claim an earlier, lower figure is no contradiction. Dissent across time
//! frames is reported only where the rule asks. This module neither reads text nor renders.

use std::collections::{BTreeMap, BTreeSet};

use crate::grammar::{self, Bound, Decimal, Interval, Kind, Reading};
use crate::qualifiers::Qualifiers;
use crate::rules::{Rule, Severity, Verdict};
use crate::statement::{Statement, Value};

/// A set of statements of one claim that cannot all be true.
#[derive(Debug, Clone)]
pub struct Finding {
    /// Index of the rule.
    pub rule: usize,
    /// What kind of disagreement it is.
    pub kind: FindingKind,
    /// How serious it is.
    pub severity: Severity,
    /// The key the statements share (key name → value).
    pub key: BTreeMap<String, String>,
    /// The statements involved, in article and position order, each with whether it
    /// shares the consensus reading.
    pub statements: Vec<Involved>,
    /// The reading most sources share, when more sources share it than do not.
    pub consensus: Option<Consensus>,
    /// True when the sources split: no reading has a true majority, and each statement
    /// carries its [`Side`].
    pub split: bool,
}

impl Finding {
    /// A finding about one statement on its own (its two values, or its wording).
    fn single(s: &Statement, kind: FindingKind, severity: Severity) -> Finding {
        Finding {
            rule: s.rule,
            kind,
            severity,
            key: s.key.clone(),
            statements: vec![Involved {
                statement: s.clone(),
                agrees: false,
                converted: None,
                side: None,
            }],
            consensus: None,
            split: false,
        }
    }
}

/// What kind of disagreement a finding is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FindingKind {
    /// Statements in the same time frame that cannot all hold.
    Contradiction,
    /// Statements that disagree but speak of different time frames.
    DifferentFrames,
    /// A wording in neither of the rule's lists.
    Unrecognized,
    /// One statement whose two values ("1.28 trillion yuan ($153 billion)") do not match
    /// at the rule's exchange rate.
    Paired {
        /// The second value converted to the first value's currency.
        converted: Interval,
    },
}

/// One statement of a finding.
#[derive(Debug, Clone)]
pub struct Involved {
    /// The statement.
    pub statement: Statement,
    /// True when it agrees with the reading most sources share.
    pub agrees: bool,
    /// Its value in the claim's common currency, when it had to be converted.
    pub converted: Option<Interval>,
    /// Where it stands when the sources split; `None` otherwise.
    pub side: Option<Side>,
}

/// The side of a split a statement stands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// With the reading the most articles cover (each side is as large as the other, or
    /// the dissent is not clearly a minority).
    First,
    /// With the other reading.
    Second,
    /// Compatible with both sides (a hedged or wide figure that fits either).
    Both,
}

impl Side {
    /// The side's name in JSON: `a`, `b` or `both`.
    pub fn name(self) -> &'static str {
        match self {
            Side::First => "a",
            Side::Second => "b",
            Side::Both => "both",
        }
    }
}

/// The reading most sources share.
#[derive(Debug, Clone)]
pub struct Consensus {
    /// The values every agreeing statement allows, as a value of the claim's kind.
    pub value: Value,
    /// How many articles share it.
    pub articles: usize,
    /// How many articles state the claim at all.
    pub of: usize,
}

/// A statement left out of the comparison, and why.
#[derive(Debug, Clone)]
pub struct SetAside {
    /// The statement.
    pub statement: Statement,
    /// Why it was not compared.
    pub reason: String,
}

/// Findings, and the statements that could not be compared.
#[derive(Debug, Clone, Default)]
pub struct Comparison {
    /// Findings by rule, key and first statement.
    pub findings: Vec<Finding>,
    /// Statements set aside.
    pub set_aside: Vec<SetAside>,
}

/// Frames whose ends lie this close (in days) are the same frame.
const SAME_FRAME_DAYS: i64 = 31;

/// Compares the statements of each rule; `statements` may come in any order.
pub fn compare(rules: &[Rule], mut statements: Vec<Statement>) -> Comparison {
    statements.sort_by_key(|s| (s.rule, s.article, s.span));
    let mut out = Comparison::default();
    for claim in statements.chunk_by(|a, b| a.rule == b.rule) {
        let rule = &rules[claim[0].rule];
        for s in claim {
            if let Some(f) = check_pair(rule, s).or_else(|| check_wording(rule, s)) {
                out.findings.push(f);
            }
        }
        for (key, group) in by_key(rule, claim, &mut out.set_aside) {
            let group = in_one_currency(rule, group, &mut out.set_aside);
            if let Some(f) = compare_group(rule, key, &group) {
                out.findings.push(f);
            }
        }
    }
    out
}

/// Splits a claim's statements by key. A key a statement does not state matches any
/// value, so a statement missing keys joins every group it agrees with on the keys it
/// has; with `unkeyed: skip` it is set aside instead.
fn by_key<'s>(
    rule: &Rule,
    claim: &'s [Statement],
    set_aside: &mut Vec<SetAside>,
) -> BTreeMap<BTreeMap<String, String>, Vec<&'s Statement>> {
    let mut keyed: Vec<&Statement> = Vec::new();
    for s in claim {
        let missing: Vec<String> = rule
            .keys
            .keys()
            .filter(|k| !s.key.contains_key(*k))
            .map(|k| format!("`{k}`"))
            .collect();
        if missing.is_empty() || rule.unkeyed == crate::rules::Unkeyed::Compare {
            keyed.push(s);
        } else {
            set_aside.push(SetAside {
                statement: s.clone(),
                reason: format!(
                    "its key could not be read ({}), and the rule says `unkeyed: skip`",
                    missing.join(", ")
                ),
            });
        }
    }
    // The most specific statements found the groups.
    keyed.sort_by_key(|s| (std::cmp::Reverse(s.key.len()), s.article, s.span));
    let compatible = |a: &BTreeMap<String, String>, b: &BTreeMap<String, String>| {
        a.iter().all(|(k, v)| b.get(k).is_none_or(|w| w == v))
    };
    let mut groups: BTreeMap<BTreeMap<String, String>, Vec<&Statement>> = BTreeMap::new();
    for s in keyed {
        // A statement with every key comes before any without, so the groups so far were
        // all founded by statements with every key: it joins the one with its key, if any.
        if s.key.len() == rule.keys.len() {
            groups.entry(s.key.clone()).or_default().push(s);
            continue;
        }
        let mut joined = false;
        for (key, members) in groups.iter_mut() {
            if compatible(key, &s.key) {
                members.push(s);
                joined = true;
            }
        }
        if !joined {
            groups.insert(s.key.clone(), vec![s]);
        }
    }
    for members in groups.values_mut() {
        members.sort_by_key(|s| (s.article, s.span));
    }
    groups
}

/// A statement with its value in the group's common unit.
#[derive(Debug, Clone)]
struct Valued<'s> {
    statement: &'s Statement,
    value: Interval,
    converted: bool,
}

impl Valued<'_> {
    /// What a comparison reads of the statement: its frame, its date and its value.
    fn compared_as(&self) -> String {
        let q = &self.statement.qualifiers;
        format!(
            "{:?} {:?} {:?}",
            q.frame.as_ref().map(|f| f.days),
            q.as_of.days,
            self.value
        )
    }
}

/// Puts every money value in one currency, the one most statements use; a statement with
/// no rate for its date is set aside.
fn in_one_currency<'s>(
    rule: &Rule,
    group: Vec<&'s Statement>,
    set_aside: &mut Vec<SetAside>,
) -> Vec<Valued<'s>> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for s in &group {
        if let Some(u) = s.value.reading().and_then(|r| r.unit.as_deref()) {
            *counts.entry(u).or_default() += 1;
        }
    }
    let target = counts
        .iter()
        .max_by_key(|(u, n)| (**n, std::cmp::Reverse(**u)))
        .map(|(u, _)| (*u).to_owned());
    let mut out = Vec::new();
    for s in group {
        let Some(interval) = s.value.interval(rule) else {
            continue;
        };
        let reading = s.value.reading();
        match (&target, reading.and_then(|r| r.unit.as_deref()), reading) {
            (Some(t), Some(u), Some(r)) if r.kind == Kind::Money && t != u => {
                match convert(rule, r, t, reference_day(&s.qualifiers)) {
                    Some(value) => out.push(Valued {
                        statement: s,
                        value,
                        converted: true,
                    }),
                    None => set_aside.push(SetAside {
                        statement: s.clone(),
                        reason: format!("the rule has no {u}/{t} rate for the statement's date"),
                    }),
                }
            }
            _ => out.push(Valued {
                statement: s,
                value: interval,
                converted: false,
            }),
        }
    }
    out
}

/// The day a statement's value holds for: its time frame's end, else its reference date.
fn reference_day(q: &Qualifiers) -> Option<Decimal> {
    q.frame
        .as_ref()
        .and_then(|f| f.days)
        .and_then(|d| d.high.value().or(d.low.value()))
        .or_else(|| q.as_of.days.and_then(|d| d.low.value()))
}

/// Converts a money reading to currency `to` with a rate of the rule valid on `day`,
/// widened by the rate's tolerance.
fn convert(rule: &Rule, reading: &Reading, to: &str, day: Option<Decimal>) -> Option<Interval> {
    let from = reading.unit.as_deref()?;
    let day = Interval::exact(day?);
    let (factor, tolerance) = rule
        .rates
        .iter()
        .filter(|r| r.period.overlaps(&day))
        .find_map(|r| r.factor(from, to).map(|f| (f, r.tolerance)))?;
    // Rates are decimals as the rule file writes them; the product is exact.
    let (factor, tolerance) = (grammar::decimal(factor), grammar::decimal(tolerance));
    let scale = |b: Bound, by: Decimal| match b {
        Bound::Unbounded => Bound::Unbounded,
        Bound::Included(v) => Bound::Included(v * factor * by),
        Bound::Excluded(v) => Bound::Excluded(v * factor * by),
    };
    Some(Interval {
        low: scale(reading.value.low, Decimal::ONE - tolerance),
        high: scale(reading.value.high, Decimal::ONE + tolerance),
    })
}

/// A finding for a statement whose bracketed second value does not match its first.
fn check_pair(rule: &Rule, s: &Statement) -> Option<Finding> {
    let paired = s.paired.as_ref()?;
    let reading = s.value.reading()?;
    let to = reading.unit.as_deref()?;
    let converted = convert(rule, &paired.reading, to, reference_day(&s.qualifiers))?;
    if converted.overlaps(&reading.value) {
        return None;
    }
    Some(Finding::single(
        s,
        FindingKind::Paired { converted },
        rule.severity,
    ))
}

/// A finding for a wording in neither of the rule's lists.
fn check_wording(rule: &Rule, s: &Statement) -> Option<Finding> {
    let Value::Wording {
        verdict: Verdict::Unrecognized(_),
        ..
    } = &s.value
    else {
        return None;
    };
    Some(Finding::single(
        s,
        FindingKind::Unrecognized,
        rule.unrecognized.severity()?,
    ))
}

/// Where a probe sits on the number line: the intervals that contain it agree.
#[derive(Debug, Clone, Copy)]
enum Probe {
    /// Below every number.
    NegInfinity,
    /// Exactly at a number.
    At(Decimal),
    /// Just above a number.
    JustAbove(Decimal),
}

/// True when `iv` contains the probe.
fn covers(iv: &Interval, probe: Probe) -> bool {
    let above_low = match (iv.low, probe) {
        (Bound::Unbounded, _) => true,
        (_, Probe::NegInfinity) => false,
        (Bound::Included(l), Probe::At(p)) => l <= p,
        (Bound::Excluded(l), Probe::At(p)) => l < p,
        (Bound::Included(l) | Bound::Excluded(l), Probe::JustAbove(p)) => l <= p,
    };
    let below_high = match (iv.high, probe) {
        (Bound::Unbounded, _) | (_, Probe::NegInfinity) => true,
        (Bound::Included(h), Probe::At(p)) => p <= h,
        (Bound::Excluded(h), Probe::At(p))
        | (Bound::Included(h) | Bound::Excluded(h), Probe::JustAbove(p)) => p < h,
    };
    above_low && below_high
}

/// The probe at the low end of an interval: every set of overlapping intervals has a
/// common point at one of its members' low ends.
fn low_probe(iv: &Interval) -> Probe {
    match iv.low {
        Bound::Unbounded => Probe::NegInfinity,
        Bound::Included(l) => Probe::At(l),
        Bound::Excluded(l) => Probe::JustAbove(l),
    }
}

/// A point of the number line in sweep order: `(value, rank)`, where rank 0 is below every
/// number (or above, for +inf), 1 is exactly at `value` and 2 just above it.
type Key = (Decimal, u8);

/// The sweep key of a probe.
fn probe_key(p: Probe) -> Key {
    match p {
        Probe::NegInfinity => (Decimal::MIN, 0),
        Probe::At(v) => (v, 1),
        Probe::JustAbove(v) => (v, 2),
    }
}

/// The first probe an interval no longer covers.
fn end_key(iv: &Interval) -> Key {
    match iv.high {
        Bound::Unbounded => (Decimal::MAX, 0),
        Bound::Included(h) => (h, 2),
        Bound::Excluded(h) => (h, 1),
    }
}

/// The statements covering the point most articles cover: a flag per statement.
///
/// A sweep over the intervals' ends, counting for each low end the distinct articles
/// (then statements) that cover it: O(n log n) for a claim stated thousands of times.
fn consensus_flags(group: &[Valued]) -> Vec<bool> {
    // (key, 0 = an interval ends, 1 = one starts, statement index)
    let mut events: Vec<(Key, u8, usize)> = Vec::with_capacity(group.len() * 2);
    for (i, v) in group.iter().enumerate() {
        events.push((probe_key(low_probe(&v.value)), 1, i));
        events.push((end_key(&v.value), 0, i));
    }
    events.sort_by(|a, b| {
        a.0 .0
            .cmp(&b.0 .0)
            .then(a.0 .1.cmp(&b.0 .1))
            .then(a.1.cmp(&b.1))
    });
    let mut per_article: BTreeMap<usize, usize> = BTreeMap::new();
    let (mut statements, mut best, mut best_at) = (0usize, (0usize, 0usize), None);
    for (key, kind, i) in events {
        let article = group[i].statement.article;
        if kind == 0 {
            statements -= 1;
            if let Some(n) = per_article.get_mut(&article) {
                *n -= 1;
                if *n == 0 {
                    per_article.remove(&article);
                }
            }
            continue;
        }
        statements += 1;
        *per_article.entry(article).or_default() += 1;
        let score = (per_article.len(), statements);
        if score > best {
            best = score;
            best_at = Some(key);
        }
    }
    let Some(at) = best_at else {
        return vec![false; group.len()];
    };
    let probe = match at {
        (_, 0) => Probe::NegInfinity,
        (v, 1) => Probe::At(v),
        (v, _) => Probe::JustAbove(v),
    };
    group.iter().map(|v| covers(&v.value, probe)).collect()
}

/// The articles of the statements whose flag is `flag`.
fn articles(group: &[Valued], flags: &[bool], flag: bool) -> BTreeSet<usize> {
    group
        .iter()
        .zip(flags)
        .filter(|(_, f)| **f == flag)
        .map(|(v, _)| v.statement.article)
        .collect()
}

/// True when two statements speak of the same time frame: a vague or missing frame
/// matches any, two stated frames match when their ends lie within a month.
pub fn same_frame(a: &Qualifiers, b: &Qualifiers) -> bool {
    let close = |x: Bound, y: Bound| match (x.value(), y.value()) {
        (Some(x), Some(y)) => (x - y).abs() <= Decimal::from(SAME_FRAME_DAYS),
        (None, None) => true,
        _ => false,
    };
    match (
        a.frame.as_ref().and_then(|f| f.days),
        b.frame.as_ref().and_then(|f| f.days),
    ) {
        (Some(x), Some(y)) => close(x.low, y.low) && close(x.high, y.high),
        _ => true,
    }
}

/// True when `a` speaks as of a date wholly before `b`'s.
fn earlier(a: &Qualifiers, b: &Qualifiers) -> bool {
    match (a.as_of.days, b.as_of.days) {
        (Some(x), Some(y)) => !x.overlaps(&y) && wholly_below(&x, &y),
        _ => false,
    }
}

/// True when every value of `a` lies below every value of `b` (both ends bounded).
fn wholly_below(a: &Interval, b: &Interval) -> bool {
    match (a.high.value(), b.low.value()) {
        (Some(h), Some(l)) => h <= l,
        _ => false,
    }
}

/// True when `a` and `b`, in the same frame, cannot both hold: for a cumulative claim, the
/// later figure is below the earlier one; otherwise the values do not overlap.
fn contradicts(rule: &Rule, a: &Valued, b: &Valued) -> bool {
    if !rule.cumulative {
        return !a.value.overlaps(&b.value);
    }
    let (qa, qb) = (&a.statement.qualifiers, &b.statement.qualifiers);
    let below = |late: &Valued, early: &Valued| {
        !late.value.overlaps(&early.value) && wholly_below(&late.value, &early.value)
    };
    if earlier(qa, qb) {
        below(b, a)
    } else if earlier(qb, qa) {
        below(a, b)
    } else {
        !a.value.overlaps(&b.value)
    }
}

/// For a cumulative claim, the statements (counting to date, with no stated period) whose
/// figure lies wholly below one said earlier, each with that earlier statement: the
/// majority may agree with both, as when early reports were lower still.
fn falls_over_time(group: &[Valued]) -> Vec<(usize, usize)> {
    let dated: Vec<(usize, Decimal, Decimal)> = group
        .iter()
        .enumerate()
        .filter(|(_, v)| {
            v.statement
                .qualifiers
                .frame
                .as_ref()
                .is_none_or(|f| f.days.is_none())
        })
        .filter_map(|(i, v)| {
            let days = v.statement.qualifiers.as_of.days?;
            Some((i, days.low.value()?, days.high.value()?))
        })
        .collect();
    // By the end of their date; a running maximum of their lowest figure.
    let mut by_end = dated.clone();
    by_end.sort_by_key(|a| a.2);
    let mut highest: Vec<(Decimal, usize)> = Vec::with_capacity(by_end.len());
    for &(i, _, _) in &by_end {
        let low = group[i].value.low.value().unwrap_or(Decimal::MIN);
        let best = highest
            .last()
            .copied()
            .filter(|(l, _)| *l >= low)
            .unwrap_or((low, i));
        highest.push(best);
    }
    let mut out = Vec::new();
    for &(i, start, _) in &dated {
        let earlier = by_end.partition_point(|e| e.2 < start);
        let Some(&(low, j)) = earlier.checked_sub(1).and_then(|k| highest.get(k)) else {
            continue;
        };
        if group[i].value.high.value().is_some_and(|h| h < low) {
            out.push((i, j));
        }
    }
    out
}

/// The dissenting values, to ask in O(log n) whether an interval overlaps any of them.
struct Dissent {
    /// `(low probe key, end key)` of each dissenting value, by low key.
    spans: Vec<(Key, Key)>,
    /// The greatest end key among `spans[..=i]`.
    reach: Vec<Key>,
}

impl Dissent {
    /// The values of the statements whose flag is false.
    fn new(group: &[Valued], agree: &[bool]) -> Dissent {
        Dissent::of(
            group
                .iter()
                .zip(agree)
                .filter(|(_, a)| !**a)
                .map(|(v, _)| &v.value),
        )
    }

    /// The dissenting values given.
    fn of<'a>(values: impl Iterator<Item = &'a Interval>) -> Dissent {
        let mut spans: Vec<(Key, Key)> = values
            .map(|v| (probe_key(low_probe(v)), end_key(v)))
            .collect();
        spans.sort();
        let mut reach: Vec<Key> = Vec::with_capacity(spans.len());
        for &(_, end) in &spans {
            let best = reach.last().map_or(end, |r| end.max(*r));
            reach.push(best);
        }
        Dissent { spans, reach }
    }

    /// True when `iv` overlaps a dissenting value: some value starts before `iv` ends and
    /// ends after `iv` starts.
    fn overlaps(&self, iv: &Interval) -> bool {
        let (low, end) = (probe_key(low_probe(iv)), end_key(iv));
        let before = self.spans.partition_point(|(l, _)| *l < end);
        before.checked_sub(1).is_some_and(|k| self.reach[k] > low)
    }
}

/// The reading the agreeing statements share, when it has a true majority: more articles
/// hold it firmly (with a statement that fits no dissenting value) than dissent. Articles
/// whose every agreeing statement also fits a dissenting value are compatible with both
/// readings and do not decide it.
fn consensus(group: &[Valued], agree: &[bool], dissent: &Dissent) -> Option<Consensus> {
    let sharing = articles(group, agree, true).len();
    let firm: BTreeSet<usize> = group
        .iter()
        .zip(agree)
        .filter(|(v, a)| **a && !dissent.overlaps(&v.value))
        .map(|(v, _)| v.statement.article)
        .collect();
    if firm.len() <= articles(group, agree, false).len() {
        return None;
    }
    let mut agreeing = group.iter().zip(agree).filter(|(_, a)| **a).map(|(v, _)| v);
    let first = agreeing.next()?;
    let value = agreeing.fold(first.value, |a, b| a.intersect(&b.value));
    let shared = match &first.statement.value {
        Value::Quantity(r) => Value::Quantity(Reading {
            text: String::new(),
            hedge: None,
            value,
            note: None,
            ..r.clone()
        }),
        wording => wording.clone(),
    };
    let all: BTreeSet<usize> = group.iter().map(|v| v.statement.article).collect();
    Some(Consensus {
        value: shared,
        articles: sharing,
        of: all.len(),
    })
}

/// The finding for one claim and key, if its statements cannot all be true.
fn compare_group(rule: &Rule, key: BTreeMap<String, String>, group: &[Valued]) -> Option<Finding> {
    let shared = consensus_flags(group);
    let mut agree = shared.clone();
    let mut contradiction = false;
    let mut across_frames = false;
    // Statements alike in everything a comparison reads are compared once: the cost grows
    // with the distinct (frame, date, value) triples, not with the statements.
    let mut seen = BTreeSet::new();
    let against: Vec<&Valued> = group
        .iter()
        .zip(&shared)
        .filter(|(c, a)| **a && seen.insert(c.compared_as()))
        .map(|(c, _)| c)
        .collect();
    let mut judged: BTreeMap<String, (bool, bool)> = BTreeMap::new();
    for (i, d) in group.iter().enumerate().filter(|(i, _)| !shared[*i]) {
        let (real, frames) = *judged.entry(d.compared_as()).or_insert_with(|| {
            let (mut real, mut frames) = (false, false);
            for c in &against {
                if same_frame(&d.statement.qualifiers, &c.statement.qualifiers) {
                    real |= contradicts(rule, d, c);
                } else {
                    frames |= !d.value.overlaps(&c.value);
                }
            }
            (real, frames)
        });
        contradiction |= real;
        across_frames |= frames && !real;
        // Explained by the passing of time: not a dissent.
        agree[i] = !real && !frames;
    }
    if rule.cumulative {
        for (later, earlier) in falls_over_time(group) {
            agree[later] = false;
            agree[earlier] = false;
            contradiction = true;
        }
    }
    let (kind, severity) = if contradiction {
        (FindingKind::Contradiction, rule.severity)
    } else if across_frames {
        (
            FindingKind::DifferentFrames,
            rule.different_frames.severity()?,
        )
    } else {
        return None;
    };
    let dissent = Dissent::new(group, &agree);
    let consensus = consensus(group, &agree, &dissent);
    // With no majority, the sources split: the statements that share the reading the most
    // articles cover against those that do not, and those that fit both.
    let sides: Vec<Option<Side>> = if consensus.is_none() && agree.iter().any(|a| *a) {
        group
            .iter()
            .zip(&agree)
            .map(|(v, a)| {
                Some(match (*a, dissent.overlaps(&v.value)) {
                    (false, _) => Side::Second,
                    (true, true) => Side::Both,
                    (true, false) => Side::First,
                })
            })
            .collect()
    } else {
        vec![None; group.len()]
    };
    let split = sides.iter().any(Option::is_some);
    if consensus.is_none() {
        // With no majority, no statement "agrees with most sources".
        agree.iter_mut().for_each(|a| *a = false);
    }
    Some(Finding {
        rule: group[0].statement.rule,
        kind,
        severity,
        key,
        statements: group
            .iter()
            .zip(agree)
            .zip(sides)
            .map(|((v, agrees), side)| Involved {
                statement: v.statement.clone(),
                agrees,
                converted: v.converted.then_some(v.value),
                side,
            })
            .collect(),
        consensus,
        split,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iv(low: Bound, high: Bound) -> Interval {
        Interval { low, high }
    }

    fn d(v: i64) -> Decimal {
        Decimal::from(v)
    }

    #[test]
    fn dissent_overlap_index_agrees_with_pairwise_overlap() {
        use Bound::{Excluded, Included, Unbounded};
        let mut values = Vec::new();
        for low in 0..6 {
            for high in low..6 {
                values.push(iv(Included(d(low)), Included(d(high))));
                if low < high {
                    values.push(iv(Excluded(d(low)), Included(d(high))));
                    values.push(iv(Included(d(low)), Excluded(d(high))));
                    values.push(iv(Excluded(d(low)), Excluded(d(high))));
                }
            }
            values.push(iv(Unbounded, Included(d(low))));
            values.push(iv(Excluded(d(low)), Unbounded));
        }
        // Every pair of a small dissent set and a probe interval, against `overlaps`.
        for (i, a) in values.iter().enumerate() {
            for b in values.iter().skip(i % 7).step_by(7) {
                let dissent = Dissent::of([a, b].into_iter());
                for probe in &values {
                    assert_eq!(
                        dissent.overlaps(probe),
                        probe.overlaps(a) || probe.overlaps(b),
                        "{probe:?} against {a:?}, {b:?}"
                    );
                }
            }
        }
        assert!(!Dissent::of(std::iter::empty()).overlaps(&values[0]));
    }
}
