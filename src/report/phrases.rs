//! The words every renderer uses for a finding: how a statement was read, where it stands
//! against the reading most sources share, and the finding's headline and help.
//!
//! Renderers arrange these phrases (a miette label, one line, a SARIF message); they do not
//! word findings themselves, so every format says the same thing the same way.

use super::lower::Place;
use crate::compare::{Finding, FindingKind, Involved, SetAside, Side};
use crate::grammar::{Interval, Reading};
use crate::outcome::Outcome;
use crate::qualifiers::same_frame;

/// What a finding says: the rule's message, the key and what kind of disagreement it is.
pub(super) fn headline(outcome: &Outcome, finding: &Finding) -> String {
    let mut message = outcome.rules[finding.rule].message.clone();
    if !finding.key.is_empty() {
        let key: Vec<String> = finding
            .key
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect();
        message.push_str(&format!(" [{}]", key.join(", ")));
    }
    if let Some(kind) = kind(finding.kind) {
        message.push_str(&format!(" ({kind})"));
    }
    // With several sets in one run, which one the finding is about.
    if let (Some(scope), true) = (&finding.scope, outcome.scopes > 1) {
        message.push_str(&format!(" in {scope}"));
    }
    message
}

/// What kind of disagreement a finding is, when it is not a plain contradiction.
pub(super) fn kind(kind: FindingKind) -> Option<&'static str> {
    match kind {
        FindingKind::Contradiction => None,
        FindingKind::DifferentFrames => Some("in different time frames"),
        FindingKind::Unrecognized => Some("a wording in neither list"),
        FindingKind::Paired { .. } => Some("one statement's two values disagree"),
    }
}

/// How a statement was read, its qualifiers, and whether that squares with most sources:
/// `nearly 30 → 27..29 (During the last six years; said in 2019; quoting Xi), outside the
/// shared 41..44`.
pub(super) fn label(finding: &Finding, involved: &Involved) -> String {
    let s = &involved.statement;
    let mut text = s.value.to_string();
    if let Some(converted) = converted(finding, involved) {
        text.push_str(&format!(" {converted}"));
    }
    text.push_str(&format!(" ({})", s.qualifiers));
    if let (Some(c), false) = (&finding.consensus, involved.agrees) {
        text.push_str(&format!(", outside the shared {}", c.value.range()));
    }
    text
}

/// What a statement converted into the claim's common currency comes to: `= $181..200 billion`.
pub(super) fn converted(finding: &Finding, involved: &Involved) -> Option<String> {
    let value = involved.converted?;
    Some(format!("= {}", in_kind(finding, value)))
}

/// The second value of a paired finding's statement, with its byte span: what it comes to
/// at the rule's rate.
pub(super) fn paired_label(
    finding: &Finding,
    involved: &Involved,
) -> Option<(String, (usize, usize))> {
    let FindingKind::Paired { converted } = finding.kind else {
        return None;
    };
    let paired = involved.statement.paired.as_ref()?;
    let text = format!(
        "{}, which is {} at the rule's rate",
        paired.reading,
        in_kind(finding, converted)
    );
    Some((text, paired.span))
}

/// An interval shown in the kind and unit of the finding's first statement.
fn in_kind(finding: &Finding, value: Interval) -> String {
    match finding.statements[0].statement.value.reading() {
        Some(r) => Reading {
            hedge: None,
            value,
            ..r.clone()
        }
        .range(),
        None => value.to_string(),
    }
}

/// Where `agreeing` of `total` statements stand against the reading most sources share.
pub(super) fn standing(agreeing: usize, total: usize) -> &'static str {
    if agreeing == total {
        "agrees with most sources"
    } else if agreeing == 0 {
        "disagrees with most sources"
    } else {
        "states both readings"
    }
}

/// Said of a finding whose statements share no reading.
pub(super) const NO_CONSENSUS: &str = "no reading is shared by most sources";

/// Where statements stand in a split: `one side of a split`, `the other side of a split`,
/// `fits both sides of a split`, or `states both readings` when they stand apart.
pub(super) fn side_standing(sides: &[Option<Side>]) -> &'static str {
    let first = sides.first().copied().flatten();
    if sides.iter().any(|s| *s != first) {
        return "states both readings";
    }
    match first {
        Some(Side::First) => "one side of a split",
        Some(Side::Second) => "the other side of a split",
        Some(Side::Both) => "fits both sides of a split",
        None => NO_CONSENSUS,
    }
}

/// One statement of a finding in a sentence: its [`label`], its paired value's, and where it
/// stands (`agrees with most sources (4 of 4)`), for formats that show a statement alone.
pub(super) fn statement(finding: &Finding, involved: &Involved) -> String {
    let mut text = label(finding, involved);
    if let Some((paired, _)) = paired_label(finding, involved) {
        text.push_str("; ");
        text.push_str(&paired);
    }
    match (&finding.consensus, finding.kind) {
        (None, _) if finding.split => {
            text.push_str("; ");
            text.push_str(side_standing(&[involved.side]));
        }
        (Some(c), _) => text.push_str(&format!(
            "; {} ({} of {})",
            standing(usize::from(involved.agrees), 1),
            c.articles,
            c.of
        )),
        (None, FindingKind::Contradiction | FindingKind::DifferentFrames) => {
            text.push_str("; ");
            text.push_str(NO_CONSENSUS);
        }
        (None, _) => {}
    }
    text
}

/// The help: the reading most sources share, what disagrees, the time frames when they
/// differ, and the rule's advice.
pub(super) fn help(outcome: &Outcome, finding: &Finding) -> String {
    let rule = &outcome.rules[finding.rule];
    let place = |i: &Involved| {
        format!(
            "`{}` in {}",
            i.statement.quote, outcome.articles[i.statement.article].path
        )
    };
    let dissent = || finding.statements.iter().filter(|i| !i.agrees);
    let mut help = match (&finding.kind, &finding.consensus) {
        (FindingKind::Unrecognized, _) => {
            "the wording matches none of the rule's accepted wordings: check whether it says the same, and add it to `accepted` or `contradicting`".to_owned()
        }
        (FindingKind::Paired { .. }, _) => {
            "the value and its conversion in brackets cannot both be right at the rule's exchange rate".to_owned()
        }
        (_, Some(c)) => {
            let (named, count) = listed(dissent(), &place);
            format!(
                "most sources ({} of {}) allow {}; {named} {}",
                c.articles,
                c.of,
                c.value.range(),
                if count == 1 { "does not" } else { "do not" }
            )
        }
        (_, None) if finding.split => split(finding, &place),
        (_, None) => NO_CONSENSUS.to_owned(),
    };
    if finding.kind == FindingKind::DifferentFrames {
        let framed = |i: &Involved| format!("`{}` ({})", i.statement.quote, i.statement.qualifiers);
        // Against the statements most sources share; with no majority, against every other
        // statement in another frame. The first few dissents are explained, the rest counted.
        let majority = finding.statements.iter().any(|i| i.agrees);
        let mut explained = 0;
        let mut unexplained = 0;
        // A dissent worded and framed as another one already explained is the same case.
        let mut seen = std::collections::HashSet::new();
        for d in dissent() {
            let said = framed(d);
            if !seen.insert(said.clone()) {
                continue;
            }
            let others = finding.statements.iter().filter(|c| {
                (c.agrees || (!majority && !std::ptr::eq(*c, d)))
                    && !same_frame(
                        rule.holds_for,
                        &d.statement.qualifiers,
                        &c.statement.qualifiers,
                    )
            });
            if explained == LISTED {
                unexplained += usize::from(others.take(1).count() > 0);
                continue;
            }
            let (others, count) = listed(others, &framed);
            if count == 0 {
                continue;
            }
            explained += 1;
            help.push_str(&format!(
                ". {said} counts over another period than {others}: judge whether the gap is real or the passing of time"
            ));
        }
        if unexplained > 0 {
            let (s, count) = if unexplained == 1 {
                ("", "counts")
            } else {
                ("s", "count")
            };
            help.push_str(&format!(
                ". {unexplained} more statement{s} {count} over another period too"
            ));
        }
    }
    if let Some(advice) = &rule.help {
        help.push_str(". ");
        help.push_str(advice.trim());
    }
    help
}

/// The help for a split: each side with its statements, and those that fit both:
/// "sources split (no reading has a majority): `$2.3 billion` in a.txt against `$2.4 billion`
/// in c.txt; `about $2.4 billion` in b.txt fits both".
fn split(finding: &Finding, place: &dyn Fn(&Involved) -> String) -> String {
    let on = |side: Side| {
        let of_side = finding
            .statements
            .iter()
            .filter(move |i| i.side == Some(side));
        listed(of_side, place)
    };
    let (first, second, both) = (on(Side::First), on(Side::Second), on(Side::Both));
    let mut text = "sources split (no reading has a majority): ".to_owned();
    match (first.1 > 0, second.1 > 0) {
        (true, true) => text.push_str(&format!("{} against {}", first.0, second.0)),
        (true, false) => text.push_str(&first.0),
        (false, _) => text.push_str(&second.0),
    }
    if both.1 > 0 {
        text.push_str(&format!(
            "; {} {} both",
            both.0,
            if both.1 == 1 { "fits" } else { "fit" }
        ));
    }
    text
}

/// How many statements a list in a finding's help names; the rest are counted, so that the
/// help of a claim a thousand sources state stays a few lines.
const LISTED: usize = 8;

/// The first [`LISTED`] of `items` as `show` words them, each wording once,
/// comma-separated, then how many more wordings there are; and how many in all.
fn listed<'i>(
    items: impl Iterator<Item = &'i Involved>,
    show: &dyn Fn(&Involved) -> String,
) -> (String, usize) {
    let mut seen = std::collections::HashSet::new();
    let mut named = Vec::new();
    for said in items.map(show) {
        if seen.insert(said.clone()) && named.len() < LISTED {
            named.push(said);
        }
    }
    let count = seen.len();
    let mut text = named.join(", ");
    if count > LISTED {
        text.push_str(&format!(" and {} more", count - LISTED));
    }
    (text, count)
}

/// `path:line:col: [rule] set aside `quote`: reason`, for `--verbose`.
pub(super) fn set_aside(outcome: &Outcome, s: &SetAside) -> String {
    let st = &s.statement;
    format!(
        "{}: [{}] set aside `{}`: {}",
        Place::statement(&outcome.articles, st),
        outcome.rules[st.rule].id,
        st.quote,
        s.reason
    )
}

/// `text` on one line: runs of white space (line breaks included) become one space.
pub(super) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
