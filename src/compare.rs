//! Comparison: turns the statements of each claim into findings, the sets of statements
//! that cannot all be true.
//!
//! Two readings agree when their intervals overlap. Within a claim, the reading most
//! sources share is the point covered by the most articles; the statements that do not
//! cover it disagree with that reading. This module neither reads text nor renders.

use std::collections::BTreeSet;

use crate::grammar::{Bound, Interval};
use crate::statement::Statement;

/// A set of statements of one claim that cannot all be true.
#[derive(Debug, Clone)]
pub struct Finding {
    /// Index of the rule.
    pub rule: usize,
    /// The statements involved, in article and position order, each with whether it
    /// shares the consensus reading.
    pub statements: Vec<Involved>,
    /// The reading most sources share, when more articles share it than dissent from it.
    pub consensus: Option<Consensus>,
}

/// One statement of a finding.
#[derive(Debug, Clone)]
pub struct Involved {
    /// The statement.
    pub statement: Statement,
    /// True when it agrees with the reading most sources share.
    pub agrees: bool,
}

/// The reading most sources share.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Consensus {
    /// The values every agreeing statement allows.
    pub value: Interval,
    /// How many articles share it.
    pub articles: usize,
    /// How many articles state the claim at all.
    pub of: usize,
}

/// Compares the statements of each rule; `statements` may come in any order.
pub fn compare(mut statements: Vec<Statement>) -> Vec<Finding> {
    statements.sort_by_key(|s| (s.rule, s.article, s.span));
    let mut findings = Vec::new();
    for group in statements.chunk_by(|a, b| a.rule == b.rule) {
        if let Some(f) = compare_claim(group) {
            findings.push(f);
        }
    }
    findings
}

/// Where a probe sits on the number line: the intervals that contain it agree.
#[derive(Debug, Clone, Copy)]
enum Probe {
    /// Below every number.
    NegInfinity,
    /// Exactly at a number.
    At(f64),
    /// Just above a number.
    JustAbove(f64),
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
        (Bound::Excluded(h), Probe::At(p)) | (Bound::Included(h) | Bound::Excluded(h), Probe::JustAbove(p)) => p < h,
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

/// The finding for one claim's statements, if they cannot all be true.
fn compare_claim(statements: &[Statement]) -> Option<Finding> {
    let all: BTreeSet<usize> = statements.iter().map(|s| s.article).collect();
    let mut best: Option<(usize, usize, Vec<bool>)> = None;
    for candidate in statements {
        let probe = low_probe(&candidate.reading.value);
        let agree: Vec<bool> = statements
            .iter()
            .map(|s| covers(&s.reading.value, probe))
            .collect();
        let articles = statements
            .iter()
            .zip(&agree)
            .filter(|(_, a)| **a)
            .map(|(s, _)| s.article)
            .collect::<BTreeSet<_>>()
            .len();
        let count = agree.iter().filter(|a| **a).count();
        if best.as_ref().is_none_or(|(ba, bc, _)| (articles, count) > (*ba, *bc)) {
            best = Some((articles, count, agree));
        }
    }
    let (articles, _, agree) = best?;
    if agree.iter().all(|a| *a) {
        return None;
    }
    let value = statements
        .iter()
        .zip(&agree)
        .filter(|(_, a)| **a)
        .map(|(s, _)| s.reading.value)
        .reduce(|a, b| a.intersect(&b))?;
    let dissenting: BTreeSet<usize> = statements
        .iter()
        .zip(&agree)
        .filter(|(_, a)| !**a)
        .map(|(s, _)| s.article)
        .collect();
    let consensus = (articles > dissenting.len()).then_some(Consensus {
        value,
        articles,
        of: all.len(),
    });
    Some(Finding {
        rule: statements[0].rule,
        statements: statements
            .iter()
            .zip(agree)
            .map(|(s, agrees)| Involved {
                statement: s.clone(),
                agrees,
            })
            .collect(),
        consensus,
    })
}
