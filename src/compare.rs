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
use crate::qualifiers::{frame_days, same_frame, Qualifiers, SAME_FRAME_DAYS};
use crate::rules::{Precision, Rule, Severity, Verdict};
use crate::statement::{Shared, Value};

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
    /// The comparison scope of its statements (see [`crate::article::Article::scope`]).
    pub scope: Option<String>,
    /// Its identity for baselines (see [`crate::fingerprint`]); set by
    /// [`crate::fingerprint::stamp`] once the run knows its articles' paths.
    pub fingerprint: String,
}

impl Finding {
    /// A finding about one statement on its own (its two values, or its wording).
    fn single(s: &Shared, kind: FindingKind, severity: Severity) -> Finding {
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
                fingerprint: None,
            }],
            consensus: None,
            split: false,
            scope: None,
            fingerprint: String::new(),
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
    pub statement: Shared,
    /// True when it agrees with the reading most sources share.
    pub agrees: bool,
    /// Its value in the claim's common currency, when it had to be converted.
    pub converted: Option<Interval>,
    /// Where it stands when the sources split; `None` otherwise.
    pub side: Option<Side>,
    /// Its own identity when it is one of the statements that identify the finding (a
    /// dissent), which a baseline accepts one by one; set with the finding's.
    pub fingerprint: Option<String>,
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
    pub statement: Shared,
    /// What kind of reason it is.
    pub cause: Cause,
    /// Why it was not compared, in words.
    pub reason: String,
}

/// The kinds of reason a statement is not compared, in the order summaries list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cause {
    /// It disagrees only with statements of other time frames, and the rule's
    /// `different_frames` asks not to report that.
    OtherFrame,
    /// Its key could not be read, and it cannot join one key's statements unambiguously.
    Unkeyed,
    /// Its currency has no rate for its date.
    NoRate,
    /// An inline or configured ignore covers it.
    Ignored,
}

impl Cause {
    /// The cause's name in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Cause::OtherFrame => "other-frame",
            Cause::Unkeyed => "unkeyed",
            Cause::NoRate => "no-rate",
            Cause::Ignored => "ignored",
        }
    }

    /// "2 in other time frames", "1 unkeyed": `n` statements with this cause.
    pub fn count(self, n: usize) -> String {
        match self {
            Cause::OtherFrame if n == 1 => "1 in another time frame".to_owned(),
            Cause::OtherFrame => format!("{n} in other time frames"),
            Cause::Unkeyed => format!("{n} unkeyed"),
            Cause::NoRate => format!("{n} without an exchange rate"),
            Cause::Ignored => format!("{n} ignored"),
        }
    }
}

/// Findings, and the statements that could not be compared.
#[derive(Debug, Clone, Default)]
pub struct Comparison {
    /// Findings by rule, key and first statement.
    pub findings: Vec<Finding>,
    /// Statements set aside.
    pub set_aside: Vec<SetAside>,
}

/// Compares the statements of each rule within each scope; `statements` may come in any
/// order, and `scopes` gives each article's scope (see [`crate::article::Article::scope`]).
/// Statements of articles under no scope (a story, the wires) join every scope.
pub fn compare(rules: &[Rule], mut statements: Vec<Shared>, scopes: &[Option<&str>]) -> Comparison {
    use rayon::prelude::*;
    statements.sort_by_key(|s| (s.rule, s.article, s.span));
    // Claims are independent of each other: each is compared on its own thread, and the
    // findings are put back in claim order.
    let claims: Vec<&[Shared]> = statements.chunk_by(|a, b| a.rule == b.rule).collect();
    let compared: Vec<Comparison> = claims
        .par_iter()
        .map(|claim| compare_claim(&rules[claim[0].rule], claim, scopes))
        .collect();
    let mut out = Comparison::default();
    for mut c in compared {
        out.findings.append(&mut c.findings);
        out.set_aside.append(&mut c.set_aside);
    }
    // A statement a nested comparison, or two scopes, set aside again is listed once.
    out.set_aside.sort_by_key(|a| {
        (
            a.statement.rule,
            a.statement.article,
            a.statement.span,
            a.cause,
        )
    });
    out.set_aside
        .dedup_by_key(|a| (a.statement.rule, a.statement.article, a.statement.span));
    out
}

/// Compares the statements of one claim (one rule's, sorted by article and position)
/// within each scope.
fn compare_claim(rule: &Rule, claim: &[Shared], scopes: &[Option<&str>]) -> Comparison {
    let scope = |s: &Shared| scopes.get(s.article).copied().flatten();
    let mut out = Comparison::default();
    for s in claim {
        if let Some(mut f) = check_pair(rule, s).or_else(|| check_wording(rule, s)) {
            f.scope = scope(s).map(str::to_owned);
            out.findings.push(f);
        }
    }
    // One pass to split the claim by scope; articles under none join every scope.
    let mut by_scope: BTreeMap<&str, Vec<&Shared>> = BTreeMap::new();
    let mut loose: Vec<&Shared> = Vec::new();
    for s in claim {
        match scope(s) {
            Some(name) => by_scope.entry(name).or_default().push(s),
            None => loose.push(s),
        }
    }
    let mut reported: BTreeSet<Vec<(usize, (usize, usize))>> = BTreeSet::new();
    let mut compare_in = |name: Option<&str>, members: Vec<Shared>| {
        for (key, group) in by_key(rule, &members, &mut out.set_aside) {
            let group = in_one_currency(rule, group, &mut out.set_aside);
            for mut f in compare_group(rule, key, &group, &mut out.set_aside) {
                // Loose articles join every scope: what they alone disagree on is
                // reported once.
                let involved = f
                    .statements
                    .iter()
                    .map(|i| (i.statement.article, i.statement.span))
                    .collect();
                if reported.insert(involved) {
                    f.scope = name.map(str::to_owned);
                    out.findings.push(f);
                }
            }
        }
    };
    if by_scope.is_empty() {
        compare_in(None, claim.to_vec());
    }
    for (name, scoped) in by_scope {
        let mut members: Vec<Shared> = scoped
            .into_iter()
            .chain(loose.iter().copied())
            .cloned()
            .collect();
        members.sort_by_key(|s| (s.article, s.span));
        compare_in(Some(name), members);
    }
    out
}

/// Splits a claim's statements by key. A key a statement does not state matches any
/// value: a statement missing keys joins the group it fits when it fits one
/// (`unkeyed: sole`, the default) or every group it fits (`compare`); it is set aside when
/// it fits several groups under `sole`, and always under `skip`.
fn by_key<'s>(
    rule: &Rule,
    claim: &'s [Shared],
    set_aside: &mut Vec<SetAside>,
) -> BTreeMap<BTreeMap<String, String>, Vec<&'s Shared>> {
    use crate::rules::Unkeyed;
    let missing = |s: &Shared| -> Vec<String> {
        rule.keys
            .keys()
            .filter(|k| !s.key.contains_key(*k))
            .map(|k| format!("`{k}`"))
            .collect()
    };
    let unkeyed = |s: &Shared, why: &str| SetAside {
        statement: s.clone(),
        cause: Cause::Unkeyed,
        reason: format!(
            "its key could not be read ({}), and {why}",
            missing(s).join(", ")
        ),
    };
    let mut keyed: Vec<&Shared> = Vec::new();
    for s in claim {
        if rule.unkeyed == Unkeyed::Skip && s.key.len() < rule.keys.len() {
            set_aside.push(unkeyed(s, "the rule says `unkeyed: skip`"));
        } else {
            keyed.push(s);
        }
    }
    // The most specific statements found the groups.
    keyed.sort_by_key(|s| (std::cmp::Reverse(s.key.len()), s.article, s.span));
    let compatible = |a: &BTreeMap<String, String>, b: &BTreeMap<String, String>| {
        a.iter().all(|(k, v)| b.get(k).is_none_or(|w| w == v))
    };
    let mut groups: BTreeMap<BTreeMap<String, String>, Vec<&Shared>> = BTreeMap::new();
    for s in keyed {
        // A statement with every key comes before any without, so the groups so far were
        // all founded by statements with every key: it joins the one with its key, if any.
        if s.key.len() == rule.keys.len() {
            groups.entry(s.key.clone()).or_default().push(s);
            continue;
        }
        let fits: Vec<BTreeMap<String, String>> = groups
            .keys()
            .filter(|key| compatible(key, &s.key))
            .cloned()
            .collect();
        match fits.len() {
            0 => {
                groups.insert(s.key.clone(), vec![s]);
            }
            1 => groups.entry(fits[0].clone()).or_default().push(s),
            _ if rule.unkeyed == Unkeyed::Compare => {
                for key in fits {
                    groups.entry(key).or_default().push(s);
                }
            }
            n => set_aside.push(unkeyed(
                s,
                &format!("it could be about any of {n} keys the claim's other statements name"),
            )),
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
    statement: &'s Shared,
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
    group: Vec<&'s Shared>,
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
                        cause: Cause::NoRate,
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
    if rule.precision == Precision::Implied {
        read_to_precision(&mut out);
    }
    out
}

/// A round figure is read less than this far (as a fraction) either side of its value.
const ROUNDING_AT_MOST: Decimal = Decimal::from_parts(5, 0, 0, false, 2);

/// The rounding unit of a figure written round: a plain count or amount (no hedge) with
/// at least two trailing zeros, as "500 billion", "20,000" and "2.2 million" are.
pub(crate) fn round_unit(reading: &Reading) -> Option<Decimal> {
    if reading.hedge.is_some() || !matches!(reading.kind, Kind::Count | Kind::Money) {
        return None;
    }
    let (Bound::Included(low), Bound::Included(high)) = (reading.value.low, reading.value.high)
    else {
        return None;
    };
    if low != high || low.is_zero() || !low.fract().is_zero() {
        return None;
    }
    let (mut rest, mut unit) = (low.abs(), Decimal::ONE);
    while (rest % Decimal::TEN).is_zero() {
        rest /= Decimal::TEN;
        unit *= Decimal::TEN;
    }
    (unit >= Decimal::ONE_HUNDRED).then_some(unit)
}

/// Reads the group's roundest figures to the precision they are written in: "500 billion"
/// is any figure that rounds to it (450 to 550 billion), but always less than 5% either
/// side (475 to 525 billion). Only the roundest figures are widened: a figure written more
/// precisely is compared as written, so "25,000" still disagrees with "20,000", and figures
/// written to the same precision ("2.3 billion", "2.4 billion") stay apart.
fn read_to_precision(group: &mut [Valued]) {
    let units: Vec<Option<Decimal>> = group
        .iter()
        .map(|v| {
            (!v.converted)
                .then(|| v.statement.value.reading().and_then(round_unit))
                .flatten()
        })
        .collect();
    let mut values: Vec<Interval> = group.iter().map(|v| v.value).collect();
    widen_roundest(&units, &mut values);
    for (v, value) in group.iter_mut().zip(values) {
        v.value = value;
    }
}

/// Widens the values whose rounding unit is the largest of `units` (see
/// [`read_to_precision`]).
pub(crate) fn widen_roundest(units: &[Option<Decimal>], values: &mut [Interval]) {
    let Some(roundest) = units.iter().flatten().max().copied() else {
        return;
    };
    for (unit, value) in units.iter().zip(values.iter_mut()) {
        let (Some(unit), Bound::Included(x)) = (unit, value.low) else {
            continue;
        };
        if *unit != roundest {
            continue;
        }
        let (half, most) = (roundest / Decimal::TWO, x.abs() * ROUNDING_AT_MOST);
        *value = if half <= most {
            Interval {
                low: Bound::Included(x - half),
                high: Bound::Excluded(x + half),
            }
        } else {
            Interval {
                low: Bound::Excluded(x - most),
                high: Bound::Excluded(x + most),
            }
        };
    }
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
fn check_pair(rule: &Rule, s: &Shared) -> Option<Finding> {
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
fn check_wording(rule: &Rule, s: &Shared) -> Option<Finding> {
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

/// True when the count over one frame exceeds the count over a frame that holds it, said at
/// about the same time: the meetings "since 2013" are among those "since 2012", so 75 of
/// them cannot be more than "about 40" since 2012 (a cumulative claim).
fn exceeds_nesting(a: &Valued, b: &Valued) -> bool {
    let (Some(fa), Some(fb)) = (
        frame_days(&a.statement.qualifiers),
        frame_days(&b.statement.qualifiers),
    ) else {
        return false;
    };
    let (Some(la), Some(lb), Some(ha), Some(hb)) = (
        fa.low.value(),
        fb.low.value(),
        fa.high.value(),
        fb.high.value(),
    ) else {
        return false;
    };
    if (ha - hb).abs() > Decimal::from(SAME_FRAME_DAYS) {
        return false;
    }
    let above = |inner: &Valued, outer: &Valued| {
        !inner.value.overlaps(&outer.value) && wholly_below(&outer.value, &inner.value)
    };
    (la >= lb && above(a, b)) || (lb >= la && above(b, a))
}

/// True when, of `a` and `b`, one states a frame and the other states none but sides with a
/// statement of another frame (agrees with it where it disagrees with the framed one):
/// the frameless one may well count over that other frame, so it does not make the two
/// frames' disagreement a contradiction.
fn bridges(rule: &Rule, a: &Valued, b: &Valued, framed: &[&Valued]) -> bool {
    let (fa, fb) = (
        frame_days(&a.statement.qualifiers).is_some(),
        frame_days(&b.statement.qualifiers).is_some(),
    );
    let (with, without) = match (fa, fb) {
        (true, false) => (a, b),
        (false, true) => (b, a),
        _ => return false,
    };
    framed.iter().any(|f| {
        !same_frame(
            rule.holds_for,
            &with.statement.qualifiers,
            &f.statement.qualifiers,
        ) && f.value.overlaps(&without.value)
            && !f.value.overlaps(&with.value)
    })
}

/// The findings for one claim and key: the statements that cannot all be true, and among
/// the statements that dissent only across frames, those that contradict each other within
/// their own frame (two outlets' figures for 2022, beside a 2023 figure most sources give).
fn compare_group(
    rule: &Rule,
    key: BTreeMap<String, String>,
    group: &[Valued],
    set_aside: &mut Vec<SetAside>,
) -> Vec<Finding> {
    let mut found = Vec::new();
    let frames_only = judge_group(rule, &key, group, set_aside, &mut found);
    let articles: BTreeSet<usize> = frames_only
        .iter()
        .map(|&i| group[i].statement.article)
        .collect();
    if articles.len() >= 2 && frames_only.len() < group.len() {
        let sub: Vec<Valued> = frames_only.iter().map(|&i| group[i].clone()).collect();
        let inner: Vec<Finding> = compare_group(rule, key, &sub, set_aside)
            .into_iter()
            .filter(|f| f.kind == FindingKind::Contradiction)
            .collect();
        // What a contradiction reports is not also set aside.
        let reported: BTreeSet<(usize, (usize, usize))> = inner
            .iter()
            .flat_map(|f| &f.statements)
            .map(|i| (i.statement.article, i.statement.span))
            .collect();
        set_aside.retain(|a| {
            a.statement.rule != rule_index(group)
                || !reported.contains(&(a.statement.article, a.statement.span))
        });
        found.extend(inner);
    }
    found
}

/// The rule a group's statements belong to.
fn rule_index(group: &[Valued]) -> usize {
    group.first().map_or(usize::MAX, |v| v.statement.rule)
}

/// Whether a dissent `d` contradicts a statement of the consensus (`against`) in the same
/// time frame, and whether it differs from one across frames.
fn judge_dissent(rule: &Rule, d: &Valued, against: &[&Valued], framed: &[&Valued]) -> (bool, bool) {
    let (mut real, mut frames) = (false, false);
    for c in against {
        let (dq, cq) = (&d.statement.qualifiers, &c.statement.qualifiers);
        if same_frame(rule.holds_for, dq, cq) && !bridges(rule, d, c, framed) {
            real |= contradicts(rule, d, c);
        } else if rule.cumulative && exceeds_nesting(d, c) {
            real = true;
        } else {
            frames |= !d.value.overlaps(&c.value);
        }
        if real {
            // A contradiction settles it: the frames no longer matter.
            break;
        }
    }
    (real, frames)
}

/// Compares a group's statements against the reading most of them share: pushes the
/// finding, if any, onto `found`, and returns the statements that dissent only across
/// time frames.
fn judge_group(
    rule: &Rule,
    key: &BTreeMap<String, String>,
    group: &[Valued],
    set_aside: &mut Vec<SetAside>,
    found: &mut Vec<Finding>,
) -> Vec<usize> {
    let shared = consensus_flags(group);
    let mut agree = shared.clone();
    let mut contradiction = false;
    let mut across_frames = false;
    // Statements alike in everything a comparison reads are compared once: the cost grows
    // with the distinct (frame, date, value) triples, not with the statements.
    let compared: Vec<String> = group.iter().map(Valued::compared_as).collect();
    let mut seen = BTreeSet::new();
    let against: Vec<&Valued> = (0..group.len())
        .filter(|&i| shared[i] && seen.insert(&compared[i]))
        .map(|i| &group[i])
        .collect();
    // The distinct statements with a stated frame, to tell when a statement without one
    // would link two frames.
    let mut seen = BTreeSet::new();
    let framed: Vec<&Valued> = (0..group.len())
        .filter(|&i| {
            frame_days(&group[i].statement.qualifiers).is_some() && seen.insert(&compared[i])
        })
        .map(|i| &group[i])
        .collect();
    // Each distinct dissent is judged once, all of them on every thread: (contradicts a
    // statement of the consensus, differs from one across time frames).
    let dissents: Vec<usize> = (0..group.len()).filter(|&i| !shared[i]).collect();
    let mut distinct: BTreeMap<&str, usize> = BTreeMap::new();
    for &i in &dissents {
        distinct.entry(&compared[i]).or_insert(i);
    }
    let judged: BTreeMap<&str, (bool, bool)> = {
        use rayon::prelude::*;
        distinct
            .into_par_iter()
            .map(|(key, i)| (key, judge_dissent(rule, &group[i], &against, &framed)))
            .collect()
    };
    let mut frames_only = Vec::new();
    for i in dissents {
        let Some(&(real, frames)) = judged.get(compared[i].as_str()) else {
            continue;
        };
        contradiction |= real;
        across_frames |= frames && !real;
        if frames && !real {
            frames_only.push(i);
        }
        // Explained by the passing of time: not a dissent.
        agree[i] = !real && !frames;
    }
    // A cumulative figure said lower than an earlier one: the two statements disagree, and
    // the others (earlier, lower counts among them) stand apart from it, with no majority.
    let mut falls = false;
    if rule.cumulative {
        for (later, earlier) in falls_over_time(group) {
            agree[later] = false;
            agree[earlier] = false;
            contradiction = true;
            falls = true;
        }
    }
    let (kind, severity) = if contradiction {
        (FindingKind::Contradiction, rule.severity)
    } else if across_frames {
        let Some(severity) = rule.different_frames.severity() else {
            // Not reported, but not hidden either: each dissent is listed as set aside.
            for (v, _) in group.iter().zip(&agree).filter(|(_, a)| !**a) {
                set_aside.push(SetAside {
                    statement: v.statement.clone(),
                    cause: Cause::OtherFrame,
                    reason: "it disagrees only with statements of other time frames, and the \
                             rule says `different_frames: ignore`"
                        .to_owned(),
                });
            }
            return frames_only;
        };
        (FindingKind::DifferentFrames, severity)
    } else {
        return frames_only;
    };
    let dissent = Dissent::new(group, &agree);
    let consensus = if falls {
        None
    } else {
        consensus(group, &agree, &dissent)
    };
    // With no majority, the sources split: the statements that share the reading the most
    // articles cover against those that do not, and those that fit both.
    let sides: Vec<Option<Side>> = if consensus.is_none() && !falls && agree.iter().any(|a| *a) {
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
    if consensus.is_none() && !falls {
        // With no majority, no statement "agrees with most sources".
        agree.iter_mut().for_each(|a| *a = false);
    }
    found.push(Finding {
        rule: group[0].statement.rule,
        kind,
        severity,
        key: key.clone(),
        statements: group
            .iter()
            .zip(agree)
            .zip(sides)
            .map(|((v, agrees), side)| Involved {
                statement: v.statement.clone(),
                agrees,
                converted: v.converted.then_some(v.value),
                side,
                fingerprint: None,
            })
            .collect(),
        consensus,
        split,
        scope: None,
        fingerprint: String::new(),
    });
    frames_only
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

    /// Whether two mentions of a claim agree once round figures are read to their
    /// precision: the table of docs/semantics.md ("Implied precision").
    #[test]
    fn round_figures_agree_with_the_precise_figures_that_round_to_them() {
        let ctx = crate::grammar::Context::default();
        let read = |text: &str| {
            let kind = if text.contains('$') {
                Kind::Money
            } else {
                Kind::Count
            };
            crate::grammar::read(kind, text, &ctx).unwrap_or_else(|e| panic!("{text}: {e}"))
        };
        let cases = [
            ("$500 billion", "$512 billion", true),
            ("$2.2 million", "nearly $2.2 million", true),
            ("$400,000", "more than $400,000", true),
            ("2,400", "2,412", true),
            ("20,000", "20,900", true),
            ("$2.3 billion", "$2.4 billion", false),
            ("20,000", "25,000", false),
            ("20,000", "18,000", false),
            ("100", "112", false),
            ("40", "39", false),
            ("300", "300", true),
            ("about 3,000", "2,412", false),
        ];
        for (a, b, agree) in cases {
            let (ra, rb) = (read(a), read(b));
            let units = [round_unit(&ra), round_unit(&rb)];
            let mut values = [ra.value, rb.value];
            widen_roundest(&units, &mut values);
            assert_eq!(
                values[0].overlaps(&values[1]),
                agree,
                "{a} against {b}: {values:?}"
            );
        }
        // Not widened: hedged figures, figures with fewer than two trailing zeros, dates.
        assert_eq!(round_unit(&read("about 500")), None);
        assert_eq!(round_unit(&read("40")), None);
        assert_eq!(
            round_unit(&read("$2.3 billion")),
            Some(Decimal::from(100_000_000))
        );
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
