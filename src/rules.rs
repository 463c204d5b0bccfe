//! Rules: the claims to check, loaded from YAML, and the patterns that find their statements.
//!
//! A rule file holds `rules:`, a list of claims. Loading has two steps: serde reads each
//! file into rules as written ([`RuleSpec`]: strings where patterns, phrases and rates
//! go), with the YAML location of any error; then each rule is compiled ([`Rule`]), its
//! patterns on all cores, and an error points at the value by its path in the file, from
//! the YAML parser's spans ([`crate::yaml::Spans`]). This module does not read articles;
//! [`crate::statement`] applies the rules.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use miette::{Diagnostic, NamedSource, SourceSpan};
use rayon::prelude::*;
use regex::Regex;
use regex_syntax::hir::{Class, Hir, HirKind};
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer};

use crate::grammar::{self, Interval, Kind, Tolerance};
use crate::yaml::{self, Spans, Step};

/// The rule files shipped with crosscheck, embedded in the binary.
pub const SHIPPED: &[(&str, &str)] = &[(
    "rules/xi-putin.yaml",
    include_str!("../rules/xi-putin.yaml"),
)];

/// How serious a finding of a rule is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Default, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look.
    Info,
    /// Probably wrong.
    Warning,
    /// Cannot all be true.
    #[default]
    Error,
}

impl Severity {
    /// The name used in rule files and output.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A rule file as written.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    /// The claims to check.
    rules: Vec<RuleSpec>,
}

/// A rule as written in its file, before its patterns, phrases and rates are compiled.
pub type RuleSpec = Rule<String, RateSpec>;

/// One checkable claim: compiled ([`Rule`], patterns of type [`Pattern`] and rates of
/// type [`Rate`]), or as written ([`RuleSpec`]).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    bound(deserialize = "P: Deserialize<'de>, R: Deserialize<'de>")
)]
#[schemars(rename = "Rule", description = "One checkable claim.")]
pub struct Rule<P = Pattern, R = Rate> {
    /// A stable identifier, used in codes (`crosscheck::<id>`) and output.
    pub id: String,
    /// A short name for the claim.
    pub title: String,
    /// What a finding says.
    pub message: String,
    /// Advice shown with a finding.
    #[serde(default)]
    pub help: Option<String>,
    /// How serious a finding is.
    #[serde(default)]
    pub severity: Severity,
    /// Groups of terms; one term of every group must appear in the sentence or the
    /// `window` sentences before it.
    #[serde(default)]
    pub subjects: Vec<Vec<String>>,
    /// How many sentences before a statement may supply its subjects.
    #[serde(default)]
    pub window: usize,
    /// Regexes with one typed placeholder such as `{count}`, for what phrases cannot say;
    /// after loading, the rule's phrases too (phrases first: see [`Pattern::phrase`]).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub patterns: Vec<P>,
    /// Phrases with one typed placeholder: words, `[optional words]`, `(one | other)`, a
    /// gap of up to N words `~N`, a capture `{visitor: Xi | Putin}` (see docs/rules.md).
    /// Moved into `patterns` when the rule is compiled.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub phrases: Vec<P>,
    /// Overrides of the hedge widths.
    #[serde(default)]
    pub tolerance: Tolerance,
    /// What keys the claim: only statements with the same key values are compared.
    #[serde(default)]
    pub keys: BTreeMap<String, Key>,
    /// What to do with a statement whose key cannot be read.
    #[serde(default)]
    pub unkeyed: Unkeyed,
    /// The quantity only grows over time (meetings held so far, a death toll): an earlier,
    /// lower figure is no contradiction, a later, lower one is.
    #[serde(default)]
    pub cumulative: bool,
    /// The severity of a disagreement between statements in different time frames, or
    /// `ignore` (the default) to count it among the statements not compared.
    #[serde(default)]
    pub different_frames: ReportLevel,
    /// How long a statement of the claim holds when it states no time frame ("30 days",
    /// "2 weeks", "6 months", "1 year"): such statements whose dates lie further apart
    /// speak of different times. Unset: they hold forever.
    #[serde(default, deserialize_with = "de_holds_for")]
    #[schemars(with = "Option<String>")]
    pub holds_for: Option<u32>,
    /// `implied` (the default): a round figure ("$500 billion") is read to the precision it
    /// is written in when a claim's statements are compared; `exact`: as written.
    #[serde(default)]
    pub precision: Precision,
    /// Exchange rates for comparing money in different currencies, each for a period.
    #[serde(default)]
    #[schemars(with = "Vec<RateSpec>")]
    pub rates: Vec<R>,
    /// For a claim whose value is a wording (`{wording}`): the wordings that agree and
    /// those that contradict.
    #[serde(default)]
    pub wordings: Option<Wordings>,
    /// The severity of a wording in neither list, or `ignore`.
    #[serde(default = "default_unrecognized")]
    pub unrecognized: ReportLevel,
    /// Sentences and what the rule must read in them: run by `crosscheck rules test`.
    #[serde(default)]
    pub examples: Vec<Example>,
    /// The file the rule came from.
    #[serde(skip)]
    pub file: String,
    /// The text of that file and where in it the rule was written, to point warnings at
    /// lines of the file.
    #[serde(skip)]
    pub origin: Origin,
}

/// Where a rule was written: its file's text, the spans of the file's values, and the
/// rule's place in the file's `rules:`.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    /// The rule file's text.
    pub text: Arc<str>,
    /// Where each value of the file was written.
    spans: Arc<Spans>,
    /// The rule's index in `rules:`.
    index: usize,
}

impl Origin {
    /// The 1-based line and column of the scalar `value` written in the rule, else of the
    /// rule's `id:`.
    pub fn line_col(&self, value: Option<&str>) -> (usize, usize) {
        let rule = yaml::steps!["rules", self.index];
        let id = yaml::steps!["rules", self.index, "id"];
        let at = (value.and_then(|v| self.spans.scalar_within(&rule, v)))
            .unwrap_or_else(|| self.spans.key_or_parent(&id))
            .offset();
        let before = &self.text[..at.min(self.text.len())];
        let line = before.matches('\n').count() + 1;
        let col = before[before.rfind('\n').map_or(0, |i| i + 1)..]
            .chars()
            .count()
            + 1;
        (line, col)
    }
}

/// One key of a claim: where its value comes from and how spellings map to values.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Key {
    /// A named capture group of the patterns that holds the key, e.g. `visitor`.
    #[serde(default)]
    pub capture: Option<String>,
    /// Key values and the terms that name each (`president: [president, presidency]`); the
    /// sentence's term nearest the value gives the key when there is no capture.
    #[serde(default)]
    pub values: BTreeMap<String, Vec<String>>,
}

/// An example of a rule: a text, and the statements the rule must find in it.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// One or a few sentences, written as an article would.
    pub text: String,
    /// The publication date (YYYY-MM-DD) relative dates are read against.
    #[serde(default, deserialize_with = "de_date")]
    #[schemars(with = "Option<String>")]
    pub published: Option<jiff::civil::Date>,
    /// The statements the rule must find, in order; empty: the rule must find none.
    pub expect: Vec<Expected>,
}

/// One statement an example expects.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Expected {
    /// The value as the text writes it ("about 40").
    #[serde(default)]
    pub quote: Option<String>,
    /// The lowest value allowed: a number in the kind's unit, or a date (YYYY-MM-DD).
    #[serde(default)]
    pub low: Option<Number>,
    /// The highest value allowed: a number in the kind's unit, or a date (YYYY-MM-DD).
    #[serde(default)]
    pub high: Option<Number>,
    /// For a wording: how it must be judged.
    #[serde(default)]
    pub verdict: Option<VerdictName>,
    /// The keys the statement must be compared under (key name → value); keys that could
    /// not be read are absent.
    #[serde(default)]
    pub key: Option<BTreeMap<String, String>>,
}

/// A bound of an expected value: a number, or a date written YYYY-MM-DD.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Number {
    /// A plain number (seconds for durations, points for percentages).
    Value(f64),
    /// A date; compared as its day number.
    Date(String),
}

impl Number {
    /// The number a reading's bound is compared with, if the date is a date.
    pub fn value(&self) -> Option<f64> {
        match self {
            Number::Value(v) => Some(*v),
            Number::Date(s) => s
                .trim()
                .parse::<jiff::civil::Date>()
                .ok()
                .and_then(grammar::day_number)
                .and_then(|d| grammar::Bound::Included(d).to_f64()),
        }
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Number::Value(v) => write!(f, "{v}"),
            Number::Date(s) => f.write_str(s),
        }
    }
}

/// How an example expects a wording to be judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum VerdictName {
    /// One of the accepted wordings.
    Accepted,
    /// One of the contradicting wordings.
    Contradicting,
    /// In neither list.
    Unrecognized,
}

impl VerdictName {
    /// The name of a verdict.
    pub fn of(verdict: &Verdict) -> VerdictName {
        match verdict {
            Verdict::Accepted(_) => VerdictName::Accepted,
            Verdict::Contradicting(_) => VerdictName::Contradicting,
            Verdict::Unrecognized(_) => VerdictName::Unrecognized,
        }
    }

    /// The name used in rule files.
    pub fn name(self) -> &'static str {
        match self {
            VerdictName::Accepted => "accepted",
            VerdictName::Contradicting => "contradicting",
            VerdictName::Unrecognized => "unrecognized",
        }
    }
}

/// The JSON Schema of rule files, as `crosscheck rules schema` prints it.
pub fn schema() -> String {
    let schema = schemars::schema_for!(RuleFile);
    let mut text = serde_json::to_string_pretty(&schema)
        .unwrap_or_else(|e| unreachable!("a schema serializes: {e}"));
    text.push('\n');
    text
}

/// Reads `YYYY-MM-DD`, so that a bad date is a deserialization error with a YAML location.
fn de_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<jiff::civil::Date>, D::Error> {
    let raw = Option::<String>::deserialize(d)?;
    raw.map(|s| {
        s.trim().parse::<jiff::civil::Date>().map_err(|_| {
            serde::de::Error::custom(format!("`{s}` is not a date of the form YYYY-MM-DD"))
        })
    })
    .transpose()
}

/// An unrecognized wording is worth a warning by default.
fn default_unrecognized() -> ReportLevel {
    ReportLevel::Warning
}

/// What to do with a statement whose key cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Unkeyed {
    /// Compare it with the statements of the one key it fits, when it fits only one;
    /// set it aside when it fits several (the default): it never links keys kept apart.
    #[default]
    Sole,
    /// Compare it with the statements of every key it fits.
    Compare,
    /// Set it aside (`--verbose` says so).
    Skip,
}

/// How round figures are read when a claim's statements are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// To the precision they are written in: "20,000" is any figure that rounds to it.
    #[default]
    Implied,
    /// As written: "20,000" is 20,000.
    Exact,
}

/// `holds_for`: a count of days, weeks, months or years, in days.
fn de_holds_for<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    let text: String = Deserialize::deserialize(d)?;
    let bad = || {
        serde::de::Error::custom(format!(
            "`{text}` is not a length of time; write a count and a unit: `30 days`, `2 weeks`, `6 months`, `1 year`"
        ))
    };
    let mut words = text.split_whitespace();
    let (Some(n), Some(unit), None) = (words.next(), words.next(), words.next()) else {
        return Err(bad());
    };
    let n: u32 = n.parse().map_err(|_| bad())?;
    let per = match unit.to_ascii_lowercase().trim_end_matches('s') {
        "day" => 1,
        "week" => 7,
        "month" => 31,
        "year" => 366,
        _ => return Err(bad()),
    };
    n.checked_mul(per).map(Some).ok_or_else(bad)
}

/// Whether, and how seriously, to report a kind of finding (disagreement across time
/// frames, an unrecognized wording).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ReportLevel {
    /// Do not report them (list them as set aside).
    #[default]
    Ignore,
    /// Report them as info.
    Info,
    /// Report them as warnings.
    Warning,
    /// Report them as errors.
    Error,
}

impl ReportLevel {
    /// The severity to report at, if any.
    pub fn severity(self) -> Option<Severity> {
        match self {
            ReportLevel::Ignore => None,
            ReportLevel::Info => Some(Severity::Info),
            ReportLevel::Warning => Some(Severity::Warning),
            ReportLevel::Error => Some(Severity::Error),
        }
    }
}

/// An exchange rate: one unit of `base` costs `rate` units of `quote` during `period`.
#[derive(Debug, Clone)]
pub struct Rate {
    /// The currency priced (ISO 4217), the `USD` of `USD/CNY`.
    pub base: String,
    /// The currency it is priced in, the `CNY` of `USD/CNY`.
    pub quote: String,
    /// Units of `quote` per unit of `base`.
    pub rate: f64,
    /// The days the rate holds for.
    pub period: Interval,
    /// How far a conversion may stray (a fraction): averages are not daily rates.
    pub tolerance: f64,
}

/// An exchange rate as written.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RateSpec {
    /// The currencies, base/quote in ISO 4217 codes: `USD/CNY`.
    pair: String,
    /// Units of the quote currency per unit of the base currency.
    rate: f64,
    /// The days the rate holds for: a year, a month or a date (`2022`, `March 2023`).
    period: String,
    /// How far a conversion may stray, as a fraction (default 0.05).
    #[serde(default = "default_rate_tolerance")]
    tolerance: f64,
}

/// A yearly average rate strays about this much from the rate of a given day.
fn default_rate_tolerance() -> f64 {
    0.05
}

impl Rate {
    /// Compiles a rate as written; an error names the field it is about.
    fn new(spec: &RateSpec) -> Result<Rate, (&'static str, String)> {
        let (base, quote) = spec
            .pair
            .split_once('/')
            .filter(|(b, q)| is_currency_code(b) && is_currency_code(q))
            .ok_or_else(|| {
                let why = format!(
                    "`{}` is not a currency pair such as USD/CNY (ISO 4217 codes)",
                    spec.pair
                );
                ("pair", why)
            })?;
        if !(spec.rate.is_finite() && spec.rate > 0.0) {
            return Err((
                "rate",
                format!("rate {} must be a positive number", spec.rate),
            ));
        }
        let period = grammar::read(Kind::Date, &spec.period, &grammar::Context::default())
            .ok()
            .filter(|r| r.value.low.value().is_some() && r.value.high.value().is_some())
            .ok_or_else(|| {
                let why = format!(
                    "period `{}` is not a date or span of dates such as 2022, March 2023 or 2023-03-21",
                    spec.period
                );
                ("period", why)
            })?
            .value;
        Ok(Rate {
            base: base.to_owned(),
            quote: quote.to_owned(),
            rate: spec.rate,
            period,
            tolerance: spec.tolerance.clamp(0.0, 1.0),
        })
    }

    /// The factor that turns an amount in `from` into `to`, if this rate links them.
    pub fn factor(&self, from: &str, to: &str) -> Option<f64> {
        if from == self.base && to == self.quote {
            Some(self.rate)
        } else if from == self.quote && to == self.base {
            Some(1.0 / self.rate)
        } else {
            None
        }
    }
}

/// True for a currency code crosscheck reads.
fn is_currency_code(code: &str) -> bool {
    grammar::CURRENCIES.contains(&code)
}

/// What a pattern's placeholder reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// A quantity or date of this kind (`{count}`, `{money}`, `{date}` ...).
    Quantity(Kind),
    /// A wording (`{wording}`), judged against the rule's `wordings`.
    Wording,
}

/// A run of one to five words: what `{wording}` matches.
const WORDING: &str = r"[\w'-]+(?:\s+[\w'-]+){0,4}";

impl Slot {
    /// The slot a placeholder names.
    fn from_name(name: &str) -> Option<Slot> {
        match name {
            "wording" => Some(Slot::Wording),
            _ => Kind::from_name(name).map(Slot::Quantity),
        }
    }

    /// The regex source the placeholder expands to.
    fn source(self) -> &'static str {
        match self {
            Slot::Quantity(kind) => grammar::placeholder(kind),
            Slot::Wording => WORDING,
        }
    }
}

/// The wordings of a categorical claim: those that say the same, and those known to
/// contradict it. A wording in neither list is reported as unrecognized.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Wordings {
    /// Wordings that agree with one another ("no limits", "unrestricted", "boundless").
    pub accepted: Vec<String>,
    /// Wordings known to contradict the claim ("limited").
    #[serde(default)]
    pub contradicting: Vec<String>,
}

/// How a wording was judged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// One of the accepted wordings, the one given.
    Accepted(String),
    /// One of the contradicting wordings, the one given.
    Contradicting(String),
    /// Neither; the nearest accepted wording, by spelling.
    Unrecognized(Option<String>),
}

impl Wordings {
    /// Judges a wording: a listed wording matches when the text starts with its words.
    pub fn judge(&self, text: &str) -> Verdict {
        let words: Vec<String> = text
            .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let matches = |variant: &String| {
            let v: Vec<String> = variant.split_whitespace().map(str::to_lowercase).collect();
            !v.is_empty() && words.starts_with(&v)
        };
        if let Some(v) = self.accepted.iter().find(|v| matches(v)) {
            return Verdict::Accepted(v.clone());
        }
        if let Some(v) = self.contradicting.iter().find(|v| matches(v)) {
            return Verdict::Contradicting(v.clone());
        }
        let said = words.join(" ");
        let nearest = self
            .accepted
            .iter()
            .map(|v| (strsim::jaro_winkler(&said, &v.to_lowercase()), v))
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, v)| v.clone());
        Verdict::Unrecognized(nearest)
    }
}

/// A compiled pattern: as written (a regex or a phrase), as the engine runs it, and with
/// its placeholder expanded.
#[derive(Clone)]
pub struct Pattern {
    /// The pattern as written in the rule file.
    pub source: String,
    /// True when it was written as a phrase (under `phrases:`), false for a regex.
    pub phrase: bool,
    /// The regex the engine runs, with the placeholder as written (`{count}`): the phrase
    /// compiled, or the regex with its spaces matching any whitespace, and word boundaries
    /// where it starts or ends with a word character.
    pub runs: String,
    /// What its placeholder reads.
    pub slot: Slot,
    /// The compiled regex; the value is the capture group `value`.
    pub regex: Regex,
    /// Literal text every match contains (see [`Pattern::required`]): a sentence without it
    /// cannot match, so the regex need not run there.
    pub required: Required,
}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

/// Why a regex pattern does not compile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    /// What is wrong.
    pub message: String,
    /// True when the regex engine refuses it (the message is the engine's); false when its
    /// placeholder is missing, unknown or not alone.
    pub regex: bool,
    /// The placeholder the message is about, as written (`{tally}`), if it is about one.
    pub placeholder: Option<String>,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl PatternError {
    fn regex(message: String) -> PatternError {
        PatternError {
            message,
            regex: true,
            placeholder: None,
        }
    }
}

/// The longest pattern a rule may hold, in bytes (see docs/reliability.md).
pub const MAX_PATTERN_LEN: usize = 2_000;
/// The most memory one compiled pattern may take, placeholder included.
const MAX_COMPILED: usize = 16 << 20;
/// The most rules one run loads (see docs/reliability.md).
pub const MAX_RULES: usize = 300;
/// The most patterns one run compiles: each costs tens of milliseconds and about a
/// megabyte (its placeholder's grammar is compiled into it), so rule sets from outside are
/// refused before any is compiled rather than loaded slowly.
pub const MAX_PATTERNS: usize = 300;
/// The largest rule file read, in bytes.
const MAX_RULE_FILE: u64 = 4 << 20;

/// Compiles a regex within [`MAX_COMPILED`].
fn compile_limited(source: &str) -> Result<Regex, regex::Error> {
    regex::RegexBuilder::new(source)
        .size_limit(MAX_COMPILED)
        .build()
}

/// A regex with each run of literal spaces (outside character classes, not escaped)
/// matching any run of whitespace; unchanged in verbose mode `(?x)`, where spaces mean
/// nothing.
fn spaced(regex: &str) -> String {
    if regex.contains("(?x") {
        return regex.to_owned();
    }
    let mut out = String::with_capacity(regex.len() + 8);
    let mut chars = regex.chars().peekable();
    let mut class = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                out.push(c);
                if let Some(next) = chars.next() {
                    out.push(next);
                }
                continue;
            }
            '[' => class += 1,
            ']' if class > 0 => class -= 1,
            ' ' if class == 0 => {
                while chars.peek() == Some(&' ') {
                    chars.next();
                }
                // Under a quantifier (` ?`, ` {2}`) the run stays one unit.
                let quantified = match chars.peek() {
                    Some('?' | '*' | '+') => true,
                    Some('{') => chars.clone().nth(1).is_some_and(|d| d.is_ascii_digit()),
                    _ => false,
                };
                out.push_str(if quantified { r"(?:\s+)" } else { r"\s+" });
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
    out
}

/// Whether every match of `regex` starts, and whether every match ends, with an ASCII word
/// character: there the engine adds a word boundary. False when the regex does not parse.
fn word_edges(regex: &str) -> (bool, bool) {
    let Ok(hir) = regex_syntax::Parser::new().parse(regex) else {
        return (false, false);
    };
    let edge = |last| {
        let (word, nullable) = edge_is_word(&hir, last);
        word && !nullable
    };
    (edge(false), edge(true))
}

/// For the first (or `last`) character of every match of `hir`: whether it is always an
/// ASCII word character, and whether `hir` may match the empty text (then the characters
/// after it decide).
fn edge_is_word(hir: &Hir, last: bool) -> (bool, bool) {
    let word = |b: u32| {
        b < 0x80 && (char::from_u32(b).is_some_and(|c| c.is_ascii_alphanumeric() || c == '_'))
    };
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => (true, true),
        HirKind::Literal(lit) => {
            let byte = if last { lit.0.last() } else { lit.0.first() };
            (byte.is_some_and(|&b| word(u32::from(b))), lit.0.is_empty())
        }
        HirKind::Class(Class::Unicode(c)) => (
            c.ranges()
                .iter()
                .all(|r| (u32::from(r.start())..=u32::from(r.end())).all(word)),
            false,
        ),
        HirKind::Class(Class::Bytes(c)) => (
            c.ranges()
                .iter()
                .all(|r| (u32::from(r.start())..=u32::from(r.end())).all(word)),
            false,
        ),
        HirKind::Capture(c) => edge_is_word(&c.sub, last),
        HirKind::Repetition(r) => {
            let (w, n) = edge_is_word(&r.sub, last);
            (w, n || r.min == 0)
        }
        HirKind::Concat(parts) => {
            let mut all = true;
            let ordered: Box<dyn Iterator<Item = &Hir>> = if last {
                Box::new(parts.iter().rev())
            } else {
                Box::new(parts.iter())
            };
            for part in ordered {
                let (w, n) = edge_is_word(part, last);
                all &= w;
                if !n {
                    return (all, false);
                }
            }
            (all, true)
        }
        HirKind::Alternation(branches) => branches.iter().fold((true, false), |(w, n), b| {
            let (bw, bn) = edge_is_word(b, last);
            (w && bw, n || bn)
        }),
    }
}

/// A placeholder in a pattern: `{count}`, `{money}`.
static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\{([a-z_]+)\}").unwrap_or_else(|e| unreachable!("a constant regex: {e}"))
});

/// The word boundary the engine adds: ASCII-only, so the regex keeps to its fastest engines.
const BOUNDARY: &str = r"(?-u:\b)";

impl Pattern {
    /// Compiles a regex pattern: spaces match any run of whitespace, the engine adds word
    /// boundaries, the placeholder is expanded, and the whole is case-insensitive.
    pub fn compile(source: &str) -> Result<Pattern, PatternError> {
        if source.len() > MAX_PATTERN_LEN {
            return Err(PatternError::regex(format!(
                "the pattern is {} bytes long; the limit is {MAX_PATTERN_LEN}",
                source.len()
            )));
        }
        // Check the pattern as written first, so the message speaks of the author's regex.
        // Each placeholder stands in as a group of its own length, so the engine's caret
        // lines up when the placeholder is written back into its message.
        let stand_in =
            |c: &regex::Captures| format!("(?:{})", "x".repeat(c[0].len().saturating_sub(4)));
        let plain = PLACEHOLDER.replace_all(source, stand_in);
        compile_limited(&plain).map_err(|e| {
            let mut message = e.to_string();
            for cap in PLACEHOLDER.captures_iter(source) {
                message = message.replacen(&stand_in(&cap), &cap[0], 1);
            }
            PatternError::regex(message)
        })?;
        Pattern::build(source, &spaced(source), false)
    }

    /// Compiles a phrase (see [`crate::phrase`]).
    pub fn phrase(source: &str) -> Result<Pattern, crate::phrase::PhraseError> {
        let fail = |at: usize, message: String| crate::phrase::PhraseError { at, message };
        if source.len() > MAX_PATTERN_LEN {
            return Err(fail(
                0,
                format!(
                    "the phrase is {} bytes long; the limit is {MAX_PATTERN_LEN}",
                    source.len()
                ),
            ));
        }
        let regex = crate::phrase::compile(source)?;
        Pattern::build(source, &regex, true).map_err(|e| {
            // A placeholder's name is the one thing the phrase parser leaves to us.
            let at = (e.placeholder.as_deref())
                .and_then(|p| source.find(p))
                .unwrap_or(0);
            fail(at, e.message)
        })
    }

    /// Expands the placeholder of `regex` (the form the engine runs, before boundaries)
    /// and compiles it, case-insensitively, with boundaries where it starts or ends with a
    /// word character.
    fn build(source: &str, regex: &str, phrase: bool) -> Result<Pattern, PatternError> {
        let mut kind = None;
        let mut expanded = String::new();
        // The pattern with its placeholder standing for any text: what the required
        // literals are read from (see `Pattern::required`).
        let mut abstracted = String::new();
        // With its placeholder standing for a character that is no word character: what
        // the boundaries are decided from (a value may start with "$").
        let mut edges = String::new();
        let mut last = 0;
        for cap in PLACEHOLDER.captures_iter(regex) {
            let (whole, name) = (&cap[0], &cap[1]);
            let start = cap.get(0).map_or(0, |m| m.start());
            if regex[..start].ends_with('\\') {
                continue;
            }
            let about = |message: String| PatternError {
                message,
                regex: false,
                placeholder: Some(whole.to_owned()),
            };
            let k = Slot::from_name(name).ok_or_else(|| {
                let mut known: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
                known.push("wording");
                about(format!(
                    "unknown placeholder `{whole}`; known: {{{}}}",
                    known.join("}, {")
                ))
            })?;
            if kind.is_some() {
                return Err(about(format!(
                    "pattern `{source}` has more than one placeholder; a pattern reads one value"
                )));
            }
            kind = Some(k);
            for out in [&mut expanded, &mut abstracted, &mut edges] {
                out.push_str(&regex[last..start]);
            }
            abstracted.push_str("(?P<value>(?s:.)*)");
            edges.push_str("(?P<value>%)");
            expanded.push_str("(?P<value>");
            expanded.push_str(k.source());
            expanded.push(')');
            last = start + whole.len();
        }
        for out in [&mut expanded, &mut abstracted, &mut edges] {
            out.push_str(&regex[last..]);
        }
        let kind = kind.ok_or_else(|| PatternError {
            message: format!(
                "pattern `{source}` has no placeholder such as {{count}} for the value"
            ),
            regex: false,
            placeholder: None,
        })?;
        let (first, last) = word_edges(&edges);
        let bounded = |inner: &str| {
            format!(
                "{}(?:{inner}){}",
                if first { BOUNDARY } else { "" },
                if last { BOUNDARY } else { "" }
            )
        };
        let runs = if first || last {
            bounded(regex)
        } else {
            regex.to_owned()
        };
        let compiled = compile_limited(&format!("(?i){}", bounded(&expanded)))
            .map_err(|e| PatternError::regex(e.to_string()))?;
        let required = Pattern::required(&format!("(?i){}", bounded(&abstracted)));
        Ok(Pattern {
            source: source.to_owned(),
            phrase,
            runs,
            slot: kind,
            regex: compiled,
            required,
        })
    }

    /// The literal text every match of `regex` (a regex source) must contain: a list of
    /// sets, and each text the regex matches holds, for every set, one of its literals,
    /// compared ignoring ASCII case (the literals are lower case), unless the text holds one
    /// of the characters of [`Required::unless`].
    ///
    /// Read from the regex's own syntax tree, as the regex engine parses it. A literal is a
    /// run of characters the regex matches exactly, or of ASCII letters it matches in either
    /// case; case-insensitive `k` and `s` also match the Kelvin sign and the long s, and
    /// those characters go to `unless`. Sets with a literal shorter than `MIN_LITERAL` are
    /// left out: they would keep nearly every sentence.
    ///
    /// [`Pattern::compile`] passes the pattern with its placeholder standing for any text
    /// (`(?s:.)*`): a placeholder requires no literal of its own (its values start with
    /// digits or any of many words), parsing its expansion costs about as much as compiling
    /// it, and a part that requires nothing can only drop sets, never add one.
    pub fn required(regex: &str) -> Required {
        let Ok(hir) = regex_syntax::Parser::new().parse(regex) else {
            return Required::default();
        };
        let mut unless = Vec::new();
        let mut sets = required_sets(&hir, &mut unless);
        sets.retain(|set| set.iter().all(|l| l.len() >= MIN_LITERAL));
        let sets: Vec<Vec<String>> = sets
            .into_iter()
            .filter_map(|set| {
                set.into_iter()
                    .map(String::from_utf8)
                    .collect::<Result<Vec<_>, _>>()
                    .ok()
            })
            .collect();
        unless.sort_unstable();
        unless.dedup();
        Required { sets, unless }
    }

    /// False when `text` lacks one of the [`Pattern::required`] literals, so that the regex
    /// cannot match it; true when it may match.
    pub fn admits(&self, text: &str) -> bool {
        if text.contains(self.required.unless.as_slice()) {
            return true;
        }
        let lower = text.to_ascii_lowercase();
        self.required
            .sets
            .iter()
            .all(|set| set.iter().any(|l| lower.contains(l.as_str())))
    }
}

/// The literals a pattern's matches must contain (see [`Pattern::required`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Required {
    /// Sets of literals, in ASCII lower case: a match holds one literal of every set.
    pub sets: Vec<Vec<String>>,
    /// Characters that the pattern matches in place of an ASCII letter of a literal (the
    /// Kelvin sign for `k`): in a text that holds one, the sets say nothing.
    pub unless: Vec<char>,
}

/// Required literals shorter than this (in bytes) are not worth looking for.
const MIN_LITERAL: usize = 3;
/// An alternation of more literals than this is not worth looking for.
const MAX_ALTERNATIVES: usize = 64;

/// The sets of literals one of each of which every match of `hir` contains (ASCII lower case).
///
/// Non-ASCII characters that a class matches besides an ASCII letter in both cases go to
/// `unless`.
fn required_sets(hir: &Hir, unless: &mut Vec<char>) -> Vec<Vec<Vec<u8>>> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) | HirKind::Class(_) => Vec::new(),
        HirKind::Literal(lit) => vec![vec![lit.0.to_ascii_lowercase()]],
        HirKind::Capture(c) => required_sets(&c.sub, unless),
        HirKind::Repetition(r) if r.min >= 1 => required_sets(&r.sub, unless),
        HirKind::Repetition(_) => Vec::new(),
        HirKind::Concat(parts) => {
            // Adjacent parts that each match one fixed text make one longer literal.
            let mut sets = Vec::new();
            let mut run: Vec<u8> = Vec::new();
            for part in parts {
                if let Some(text) = fixed_text(part, unless) {
                    run.extend(text);
                    continue;
                }
                if !run.is_empty() {
                    sets.push(vec![std::mem::take(&mut run)]);
                }
                sets.extend(required_sets(part, unless));
            }
            if !run.is_empty() {
                sets.push(vec![run]);
            }
            sets
        }
        HirKind::Alternation(branches) => {
            // A match is one branch's match: it holds a literal of that branch's best set.
            let mut union: Vec<Vec<u8>> = Vec::new();
            for branch in branches {
                let Some(best) = required_sets(branch, unless)
                    .into_iter()
                    .max_by_key(|set| set.iter().map(Vec::len).min().unwrap_or(0))
                else {
                    return Vec::new();
                };
                union.extend(best);
            }
            union.sort();
            union.dedup();
            if union.is_empty() || union.len() > MAX_ALTERNATIVES {
                Vec::new()
            } else {
                vec![union]
            }
        }
    }
}

/// The one text `hir` matches, in ASCII lower case, when it matches exactly one text up to
/// ASCII case in text without the characters of `unless`: a literal, an ASCII letter in
/// either case (`[Mm]`), or a sequence of those. A class that also matches non-ASCII
/// characters (`[Kk\u{212A}]`) counts as its letter, and adds them to `unless`.
fn fixed_text(hir: &Hir, unless: &mut Vec<char>) -> Option<Vec<u8>> {
    match hir.kind() {
        HirKind::Literal(lit) => Some(lit.0.to_ascii_lowercase()),
        HirKind::Class(class) => ascii_letter_either_case(class, unless).map(|b| vec![b]),
        HirKind::Capture(c) => fixed_text(&c.sub, unless),
        HirKind::Concat(parts) => parts.iter().try_fold(Vec::new(), |mut acc, p| {
            acc.extend(fixed_text(p, unless)?);
            Some(acc)
        }),
        _ => None,
    }
}

/// The lower-case letter of a class that holds one ASCII letter in both its cases, no other
/// ASCII character, and perhaps non-ASCII characters, which go to `unless`.
fn ascii_letter_either_case(class: &Class, unless: &mut Vec<char>) -> Option<u8> {
    let ranges: Vec<(u32, u32)> = match class {
        Class::Unicode(c) => c
            .ranges()
            .iter()
            .map(|r| (u32::from(r.start()), u32::from(r.end())))
            .collect(),
        // A byte class may match bytes that are not characters: leave it alone.
        Class::Bytes(_) => return None,
    };
    let (ascii, others): (Vec<_>, Vec<_>) = ranges.iter().partition(|(_, end)| *end < 0x80);
    let letter = match ascii.as_slice() {
        [(a, a2), (b, b2)] if a == a2 && b == b2 => {
            let (upper, lower) = (u8::try_from(*a).ok()?, u8::try_from(*b).ok()?);
            (upper.is_ascii_uppercase() && upper.to_ascii_lowercase() == lower).then_some(lower)?
        }
        _ => return None,
    };
    let mut extra = Vec::new();
    for &(start, end) in &others {
        // A range that straddles ASCII, or a wide one, is no case variant.
        if start < 0x80 || end - start > 4 {
            return None;
        }
        extra.extend((start..=end).filter_map(char::from_u32));
    }
    unless.extend(extra);
    Some(letter)
}

/// A rule file that could not be used.
#[derive(Debug, Diagnostic, thiserror::Error)]
pub enum RuleError {
    /// The file could not be read.
    #[error("{path}: could not be read: {error}")]
    #[diagnostic(
        code(crosscheck::rules::unreadable),
        help("check the path given to --rules")
    )]
    Unreadable {
        /// The file.
        path: String,
        /// What the system said.
        error: std::io::Error,
    },
    /// The file is not YAML, or not a rule file.
    #[error("{path}: {message}")]
    #[diagnostic(code(crosscheck::rules::invalid))]
    Invalid {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
        /// What to do about it: a spelling suggestion for an unknown field, else what a
        /// rule file holds.
        #[help]
        help: String,
        /// The file's text.
        #[source_code]
        src: NamedSource<String>,
        /// Where.
        #[label("here")]
        span: SourceSpan,
    },
    /// A pattern's regex does not compile.
    #[error("{path}: {message}")]
    #[diagnostic(
        code(crosscheck::rules::regex),
        help("patterns use Rust regex syntax (https://docs.rs/regex); write the value as a placeholder such as {{count}}")
    )]
    Regex {
        /// The file.
        path: String,
        /// The regex engine's message.
        message: String,
        /// The file's text.
        #[source_code]
        src: NamedSource<String>,
        /// The pattern.
        #[label("this pattern")]
        span: SourceSpan,
    },
    /// A phrase does not compile.
    #[error("{path}: {message}")]
    #[diagnostic(
        code(crosscheck::rules::phrase),
        help("a phrase is words with [optional words], (one | other), ~N for up to N words, and one placeholder such as {{count}} (see docs/rules.md)")
    )]
    Phrase {
        /// The file.
        path: String,
        /// The phrase and what is wrong with it.
        message: String,
        /// The file's text.
        #[source_code]
        src: NamedSource<String>,
        /// Where in the phrase.
        #[label("here")]
        span: SourceSpan,
    },
    /// The paths given hold no rule, so nothing would be checked.
    #[error("{path}: no rules found")]
    #[diagnostic(
        code(crosscheck::rules::none),
        help("rule files end in .yaml or .yml and hold `rules:`; leave out --rules to use the shipped rules")
    )]
    NoRules {
        /// The paths, as given.
        path: String,
    },
    /// A rule file or a rule set is larger than crosscheck loads.
    #[error("{path}: {message}")]
    #[diagnostic(
        code(crosscheck::rules::too_large),
        help("split the claims over runs, or check that the file is the rule file meant; the limits are in docs/reliability.md")
    )]
    TooLarge {
        /// The file.
        path: String,
        /// Which limit.
        message: String,
    },
    /// Two rules share an id.
    #[error("rule id `{id}` is used twice: in {first} and {path}")]
    #[diagnostic(
        code(crosscheck::rules::duplicate_id),
        help("rule ids must be unique across all rule files; rename one")
    )]
    DuplicateId {
        /// The id.
        id: String,
        /// The file where it first appeared.
        first: String,
        /// The file where it appeared again.
        path: String,
        /// The text of the file where it appeared again.
        #[source_code]
        src: NamedSource<String>,
        /// The `id:` of the second rule.
        #[label("used again here")]
        span: SourceSpan,
    },
}

impl RuleError {
    /// The rule file the error is about.
    pub fn path(&self) -> &str {
        match self {
            RuleError::Unreadable { path, .. }
            | RuleError::Invalid { path, .. }
            | RuleError::Regex { path, .. }
            | RuleError::Phrase { path, .. }
            | RuleError::DuplicateId { path, .. }
            | RuleError::TooLarge { path, .. }
            | RuleError::NoRules { path } => path,
        }
    }
}

/// The id among `rules` nearest in spelling to `id`, if one is near.
pub fn nearest_id<'r>(rules: &'r [Rule], id: &str) -> Option<&'r str> {
    near_ids(rules, id).into_iter().next()
}

/// The ids among `rules` near in spelling to `id`, nearest first, at most three.
pub fn near_ids<'r>(rules: &'r [Rule], id: &str) -> Vec<&'r str> {
    let mut near: Vec<(f64, &str)> = rules
        .iter()
        .map(|r| (strsim::jaro_winkler(id, &r.id), r.id.as_str()))
        .filter(|(score, _)| *score >= 0.7)
        .collect();
    near.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    near.into_iter().take(3).map(|(_, id)| id).collect()
}

/// The help for an id that names no rule: the nearest id, else where ids are.
pub(crate) fn unknown_rule_help(rules: &[Rule], id: &str) -> String {
    match nearest_id(rules, id) {
        Some(near) => format!("did you mean `{near}`?"),
        None => "`crosscheck explain ID` shows a rule; ids are in the rule files".to_owned(),
    }
}

/// What a rule checks, in plain text: for `crosscheck explain`.
pub fn explain(rule: &Rule) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let mut line = |text: String| {
        s.push_str(&text);
        s.push('\n');
    };
    line(format!("{} ({})", rule.title, rule.id));
    line(format!("  file:        {}", rule.file));
    line(format!("  severity:    {}", rule.severity.name()));
    line(format!("  message:     {}", rule.message));
    if let Some(help) = &rule.help {
        line(format!("  help:        {}", help.trim()));
    }
    let kinds: BTreeSet<&str> = rule
        .patterns
        .iter()
        .map(|p| match p.slot {
            Slot::Quantity(kind) => kind.name(),
            Slot::Wording => "wording",
        })
        .collect();
    line(format!(
        "  kind:        {}",
        kinds.into_iter().collect::<Vec<_>>().join(", ")
    ));
    if rule.subjects.is_empty() {
        line("  subjects:    none (every sentence is tried)".to_owned());
    } else {
        line(match rule.window {
            0 => "  subjects:    a term of each group, in the sentence:".to_owned(),
            n => format!(
                "  subjects:    a term of each group, in the sentence or the {n} before it:"
            ),
        });
        for group in &rule.subjects {
            line(format!("    - {}", group.join(" | ")));
        }
    }
    let (phrases, regexes): (Vec<_>, Vec<_>) = rule.patterns.iter().partition(|p| p.phrase);
    for (title, patterns) in [("phrases", phrases), ("patterns", regexes)] {
        if patterns.is_empty() {
            continue;
        }
        line(format!("  {title}:"));
        for p in patterns {
            line(format!("    - {}", p.source));
            if p.runs != p.source {
                line(format!("      runs as: {}", p.runs));
            }
        }
    }
    let t = rule.tolerance;
    line(format!(
        "  tolerance:   approximate ±{}%, near ±{}%, exact ±{}%",
        t.approximate * 100.0,
        t.near * 100.0,
        t.exact * 100.0
    ));
    if !rule.keys.is_empty() {
        line("  keys:".to_owned());
        for (name, key) in &rule.keys {
            let mut text = format!("    - {name}");
            if let Some(c) = &key.capture {
                let _ = write!(text, ": capture `{c}`");
            }
            for (value, terms) in &key.values {
                let _ = write!(text, "; {value} = {}", terms.join(" | "));
            }
            line(text);
        }
        line(format!("  unkeyed:     {:?}", rule.unkeyed).to_lowercase());
    }
    line(format!("  cumulative:  {}", rule.cumulative));
    line(format!("  different_frames: {:?}", rule.different_frames).to_lowercase());
    for r in &rule.rates {
        line(format!(
            "  rate:        1 {} = {} {} during {} (±{}%)",
            r.base,
            r.rate,
            r.quote,
            crate::grammar::Reading::days(r.period).range(),
            r.tolerance * 100.0
        ));
    }
    if let Some(w) = &rule.wordings {
        line(format!("  accepted:    {}", w.accepted.join(" | ")));
        line(format!("  contradicting: {}", w.contradicting.join(" | ")));
        line(format!("  unrecognized: {:?}", rule.unrecognized).to_lowercase());
    }
    if !rule.examples.is_empty() {
        line("  examples:".to_owned());
        for ex in &rule.examples {
            let expect = if ex.expect.is_empty() {
                "no statement".to_owned()
            } else {
                ex.expect
                    .iter()
                    .map(|e| {
                        e.quote.clone().map_or_else(
                            || {
                                e.verdict
                                    .map_or("a statement", VerdictName::name)
                                    .to_owned()
                            },
                            |q| format!("\"{q}\""),
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            line(format!("    - {} → {expect}", ex.text.trim()));
        }
    }
    s
}

/// Rules that loaded, and rule files that did not.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Rules in load order (files by path, rules in file order).
    pub rules: Vec<Rule>,
    /// What could not be loaded.
    pub errors: Vec<RuleError>,
}

/// Loads the rule files under `paths` (files, or folders of `.yaml`/`.yml`), or the shipped
/// rules when `paths` is empty.
pub fn load(paths: &[PathBuf]) -> Loaded {
    let mut sources = Vec::new();
    let mut loaded = Loaded::default();
    if paths.is_empty() {
        sources.extend(SHIPPED.iter().map(|(p, t)| (p.to_string(), t.to_string())));
    }
    for path in paths {
        for file in rule_files(path, &mut loaded.errors) {
            let shown = file.to_string_lossy().replace('\\', "/");
            match read_rule_file(&file) {
                Ok(text) => sources.push((shown, text)),
                Err(e) => loaded.errors.push(e.at(shown)),
            }
        }
    }
    // Read every file before compiling any rule, so a rule set over the limits is refused
    // before its cost is paid.
    let read: Vec<Result<Written, RuleError>> = sources
        .into_par_iter()
        .map(|(path, text)| read(path, &text))
        .collect();
    let written = || read.iter().filter_map(|r| r.as_ref().ok());
    let rules: usize = written().map(|w| w.specs.len()).sum();
    let patterns: usize = written()
        .flat_map(|w| &w.specs)
        .map(|r| r.patterns.len() + r.phrases.len())
        .sum();
    if rules > MAX_RULES || patterns > MAX_PATTERNS {
        let path = paths
            .iter()
            .map(|p| p.to_string_lossy())
            .collect::<Vec<_>>()
            .join(", ");
        loaded.errors.push(RuleError::TooLarge {
            path,
            message: format!(
                "{rules} rules with {patterns} patterns; a run loads at most {MAX_RULES} rules and compiles at most {MAX_PATTERNS} patterns"
            ),
        });
        return loaded;
    }
    // Compiling patterns is most of the cost: rules, and each rule's patterns, compile on
    // all cores.
    let compiled: Vec<Result<(Written, Vec<Compiled>), RuleError>> = read
        .into_par_iter()
        .map(|r| {
            r.map(|w| {
                let rules = w.compile();
                (w, rules)
            })
        })
        .collect();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for file in compiled {
        let (written, rules) = match file {
            Ok(file) => file,
            Err(e) => {
                loaded.errors.push(e);
                continue;
            }
        };
        for rule in rules {
            let rule = match rule {
                Ok(rule) => rule,
                Err(errors) => {
                    loaded.errors.extend(errors);
                    continue;
                }
            };
            if let Some(first) = seen.get(&rule.id) {
                loaded.errors.push(RuleError::DuplicateId {
                    id: rule.id.clone(),
                    first: first.clone(),
                    path: written.path.clone(),
                    src: written.source(),
                    span: written.id_span(rule.origin.index),
                });
                continue;
            }
            seen.insert(rule.id.clone(), written.path.clone());
            loaded.rules.push(rule);
        }
    }
    if loaded.rules.is_empty() && loaded.errors.is_empty() && !paths.is_empty() {
        let path = paths
            .iter()
            .map(|p| p.to_string_lossy())
            .collect::<Vec<_>>()
            .join(", ");
        loaded.errors.push(RuleError::NoRules { path });
    }
    loaded
}

/// Why a rule file could not be read, before its path is attached.
enum ReadFailure {
    Io(std::io::Error),
    TooLarge(u64),
    NotUtf8(crate::text::NotUtf8),
}

impl ReadFailure {
    /// The error about the file shown as `path`.
    fn at(self, path: String) -> RuleError {
        match self {
            ReadFailure::Io(e) => RuleError::Unreadable {
                path,
                error: e,
            },
            ReadFailure::TooLarge(len) => RuleError::TooLarge {
                path,
                message: format!("{len} bytes; a rule file holds at most {MAX_RULE_FILE}"),
            },
            ReadFailure::NotUtf8(bad) => RuleError::Invalid {
                message: "not UTF-8 text".to_owned(),
                help: "save the rule file as UTF-8".to_owned(),
                span: bad.span(),
                src: crate::text::source(&path, bad.lossy),
                path,
            },
        }
    }
}

/// Reads a rule file as UTF-8 text within [`MAX_RULE_FILE`].
fn read_rule_file(file: &Path) -> Result<String, ReadFailure> {
    let len = std::fs::metadata(file).map_err(ReadFailure::Io)?.len();
    if len > MAX_RULE_FILE {
        return Err(ReadFailure::TooLarge(len));
    }
    let bytes = std::fs::read(file).map_err(ReadFailure::Io)?;
    crate::text::decode(bytes).map_err(ReadFailure::NotUtf8)
}

/// The rule files a path names: itself, or the YAML files below a folder (`.yaml` or
/// `.yml`, in any case), in path order. Each folder is read once, whatever links lead to it.
fn rule_files(path: &Path, errors: &mut Vec<RuleError>) -> Vec<PathBuf> {
    if !path.is_dir() {
        return vec![path.to_path_buf()];
    }
    let walk = crate::walk::walk(path);
    for skipped in walk.skipped {
        if let crate::walk::Skipped::Unreadable { path, error } = skipped {
            errors.push(RuleError::Unreadable {
                path: path.to_string_lossy().replace('\\', "/"),
                error,
            });
        }
    }
    let mut files: Vec<PathBuf> = walk
        .folders
        .into_iter()
        .flat_map(|f| f.files)
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
        })
        .collect();
    files.sort();
    files
}

/// What a rule file holds, for the help of an invalid one.
const GENERAL_HELP: &str = "a rule file holds `rules:`, a list of rules with id, title, message and patterns (see docs/rules.md)";

/// Parses and compiles one rule file; the first error, if there is one.
pub fn parse(path: &str, text: &str) -> Result<Vec<Rule>, RuleError> {
    read(path.to_owned(), text)?
        .compile()
        .into_iter()
        .map(|rule| rule.map_err(|errors| errors.into_iter().next()))
        .collect::<Result<_, _>>()
        .map_err(|e| e.unwrap_or_else(|| unreachable!("a rule that fails has an error")))
}

/// The values of `results` that are no error; the errors go to `errors`.
fn sort_out<T>(results: Vec<Result<T, RuleError>>, errors: &mut Vec<RuleError>) -> Vec<T> {
    (results.into_iter())
        .filter_map(|r| r.map_err(|e| errors.push(e)).ok())
        .collect()
}

/// A rule file read: its rules as written, and where each value was written.
struct Written {
    /// The file as shown.
    path: String,
    /// Its text.
    text: Arc<str>,
    /// Where each value was written.
    spans: Arc<Spans>,
    /// Its rules, as written.
    specs: Vec<RuleSpec>,
}

/// A rule compiled, or what is wrong with it.
type Compiled = Result<Rule, Vec<RuleError>>;

/// Reads one rule file into its rules as written: YAML syntax, fields and types, each
/// error at the place serde reports.
fn read(path: String, text: &str) -> Result<Written, RuleError> {
    let file: RuleFile = serde_yaml::from_str(text).map_err(|e| {
        let at = yaml::error_at(text, &e);
        let message = yaml::message(&e);
        RuleError::Invalid {
            help: yaml::help_at(text, at, &message, GENERAL_HELP),
            span: yaml::error_span(text, at, &message),
            message,
            src: crate::text::source(&path, text).with_language("yaml"),
            path: path.clone(),
        }
    })?;
    Ok(Written {
        path,
        spans: Arc::new(Spans::parse(text)),
        text: text.into(),
        specs: file.rules,
    })
}

impl Written {
    /// Compiles each rule, and each rule's patterns, on all cores; in file order.
    fn compile(&self) -> Vec<Compiled> {
        (self.specs.par_iter().enumerate())
            .map(|(index, spec)| self.compile_rule(index, spec))
            .collect()
    }

    /// Compiles the rule at `index`: its phrases (which lead its patterns), its patterns
    /// and its rates. Every error, each at the value it is about.
    fn compile_rule(&self, index: usize, spec: &RuleSpec) -> Compiled {
        let at = |steps: &[Step]| {
            let mut path = yaml::steps!["rules", index].to_vec();
            path.extend_from_slice(steps);
            self.spans.value_or_parent(&path)
        };
        let phrases = (spec.phrases.par_iter().enumerate())
            .map(|(n, phrase)| {
                Pattern::phrase(phrase).map_err(|e| {
                    let whole = at(&yaml::steps!["phrases", n]);
                    self.phrase_error(phrase, whole, e)
                })
            })
            .collect::<Vec<_>>();
        let patterns = (spec.patterns.par_iter().enumerate())
            .map(|(n, pattern)| {
                Pattern::compile(pattern).map_err(|e| {
                    let whole = at(&yaml::steps!["patterns", n]);
                    self.pattern_error(index, n, pattern, whole, e)
                })
            })
            .collect::<Vec<_>>();
        let rates = (spec.rates.iter().enumerate())
            .map(|(n, rate)| {
                Rate::new(rate).map_err(|(field, why)| RuleError::Invalid {
                    path: self.path.clone(),
                    message: format!("rules[{index}].rates[{n}]: {why}"),
                    help: GENERAL_HELP.to_owned(),
                    src: self.source(),
                    span: at(&yaml::steps!["rates", n, field]),
                })
            })
            .collect::<Vec<_>>();
        let mut errors = Vec::new();
        let mut compiled = sort_out(phrases, &mut errors);
        compiled.extend(sort_out(patterns, &mut errors));
        let rates = sort_out(rates, &mut errors);
        let invalid = |message: String| RuleError::Invalid {
            path: self.path.clone(),
            help: GENERAL_HELP.to_owned(),
            message,
            src: self.source(),
            span: self.id_span(index),
        };
        if spec.patterns.is_empty() && spec.phrases.is_empty() {
            errors.push(invalid(format!(
                "rule `{}` has no `phrases` or `patterns`: nothing would find its statements",
                spec.id
            )));
        }
        if spec.wordings.is_none() && compiled.iter().any(|p| p.slot == Slot::Wording) {
            errors.push(invalid(format!(
                "rule `{}` reads a {{wording}} but lists no `wordings` (accepted, contradicting)",
                spec.id
            )));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let spec = spec.clone();
        Ok(Rule {
            id: spec.id,
            title: spec.title,
            message: spec.message,
            help: spec.help,
            severity: spec.severity,
            subjects: spec.subjects,
            window: spec.window,
            patterns: compiled,
            phrases: Vec::new(),
            tolerance: spec.tolerance,
            keys: spec.keys,
            unkeyed: spec.unkeyed,
            cumulative: spec.cumulative,
            different_frames: spec.different_frames,
            holds_for: spec.holds_for,
            precision: spec.precision,
            rates,
            wordings: spec.wordings,
            unrecognized: spec.unrecognized,
            examples: spec.examples,
            file: self.path.clone(),
            origin: Origin {
                text: self.text.clone(),
                spans: self.spans.clone(),
                index,
            },
        })
    }

    /// The error for a regex pattern, written at `whole`, that does not compile.
    fn pattern_error(
        &self,
        index: usize,
        n: usize,
        pattern: &str,
        whole: SourceSpan,
        e: PatternError,
    ) -> RuleError {
        if e.regex {
            return RuleError::Regex {
                path: self.path.clone(),
                message: e.message,
                src: self.source(),
                span: whole,
            };
        }
        // Point at the placeholder the message names, where the pattern reads as written.
        let span = (e.placeholder.as_deref())
            .filter(|_| self.written(whole) == pattern)
            .and_then(|p| {
                pattern
                    .find(p)
                    .map(|i| (whole.offset() + i, p.len()).into())
            })
            .unwrap_or(whole);
        RuleError::Invalid {
            path: self.path.clone(),
            message: format!("rules[{index}].patterns[{n}]: {}", e.message),
            help: GENERAL_HELP.to_owned(),
            src: self.source(),
            span,
        }
    }

    /// The error for a phrase, written at `whole`, that does not compile: at the character
    /// it is about when the phrase is written as it reads (no escapes), else at the phrase.
    fn phrase_error(
        &self,
        phrase: &str,
        whole: SourceSpan,
        e: crate::phrase::PhraseError,
    ) -> RuleError {
        let as_written = self.written(whole) == phrase;
        let i = e.at;
        let span = if as_written && i < phrase.len() {
            let len = phrase[i..].chars().next().map_or(1, char::len_utf8);
            SourceSpan::from((whole.offset() + i, len))
        } else if as_written && i == phrase.len() && i > 0 {
            SourceSpan::from((whole.offset() + i - 1, 1))
        } else {
            whole
        };
        RuleError::Phrase {
            path: self.path.clone(),
            message: format!("phrase `{phrase}`: {}", e.message),
            src: self.source(),
            span,
        }
    }

    /// The text at `span`.
    fn written(&self, span: SourceSpan) -> &str {
        self.text
            .get(span.offset()..span.offset() + span.len())
            .unwrap_or_default()
    }

    /// The `id: ...` line of the rule at `index`, from the key on.
    fn id_span(&self, index: usize) -> SourceSpan {
        let id = yaml::steps!["rules", index, "id"];
        match self.spans.key(&id) {
            Some(key) => yaml::token_span(&self.text, key.offset()),
            None => self.spans.value_or_parent(&id),
        }
    }

    /// The file, for a diagnostic's snippet.
    fn source(&self) -> NamedSource<String> {
        crate::text::source(&self.path, &self.text).with_language("yaml")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_file_in_rules_is_shipped_and_parses() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
        let on_disk: Vec<String> = rule_files(&dir, &mut Vec::new())
            .iter()
            .filter_map(|p| {
                p.file_name()
                    .map(|n| format!("rules/{}", n.to_string_lossy()))
            })
            .collect();
        let shipped: Vec<&str> = SHIPPED.iter().map(|(p, _)| *p).collect();
        assert_eq!(
            on_disk, shipped,
            "rules/ and rules::SHIPPED must list the same files"
        );
        let loaded = load(&[]);
        assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
        assert!(!loaded.rules.is_empty());
    }

    #[test]
    fn a_pattern_needs_exactly_one_known_placeholder() {
        assert!(Pattern::compile("met {count} times").is_ok());
        let none = Pattern::compile("met many times").unwrap_err().message;
        assert!(none.contains("no placeholder"), "{none}");
        let unknown = Pattern::compile("met {tally} times").unwrap_err().message;
        assert!(
            unknown.contains("unknown placeholder `{tally}`"),
            "{unknown}"
        );
        let two = Pattern::compile("{count} of {count}").unwrap_err().message;
        assert!(two.contains("more than one placeholder"), "{two}");
        assert!(Pattern::compile(r"met \{count} times").is_err());
    }

    #[test]
    fn a_regex_error_points_at_the_pattern_as_written() {
        let text = "rules:\n  - id: a\n    title: t\n    message: m\n    patterns:\n      - 'met {count} times'\n      - 'met (x {count}'\n";
        let Err(RuleError::Regex { span, message, .. }) = parse("r.yaml", text) else {
            panic!("expected a regex error");
        };
        assert_eq!(
            &text[span.offset()..span.offset() + span.len()],
            "met (x {count}"
        );
        assert!(message.contains("unclosed group"), "{message}");
    }

    #[test]
    fn compile_errors_point_at_the_value_by_its_path_however_it_is_written() {
        // A double-quoted pattern with escapes, a block-scalar phrase and a rate, in two
        // rules: every error is reported, each at the value as the parser read it.
        let text = "rules:\n  - id: a\n    title: t\n    message: m\n    patterns:\n      - \"met \\\\d( {count}\"\n    phrases:\n      - >-\n        met [{count} times\n  - id: b\n    title: t\n    message: m\n    phrases: ['{money} trade']\n    rates:\n      - { pair: USD/CNY, rate: 7, period: someday }\n";
        let written = read("r.yaml".to_owned(), text).unwrap_or_else(|e| panic!("{e:?}"));
        let errors: Vec<RuleError> = (written.compile().into_iter())
            .filter_map(Result::err)
            .flatten()
            .collect();
        let at = |e: &RuleError| {
            let span = match e {
                RuleError::Regex { span, .. }
                | RuleError::Phrase { span, .. }
                | RuleError::Invalid { span, .. } => *span,
                other => panic!("unexpected {other:?}"),
            };
            text[span.offset()..span.offset() + span.len()].to_owned()
        };
        let found: Vec<String> = errors.iter().map(at).collect();
        // The phrase first (phrases lead), at its unclosed `[`; the regex as written, with
        // its escape; the rate at its period.
        assert_eq!(found, ["[", "met \\\\d( {count}", "someday"], "{errors:?}");
        assert!(matches!(errors[1], RuleError::Regex { .. }));
        let RuleError::Invalid { message, .. } = &errors[2] else {
            panic!("{:?}", errors[2]);
        };
        assert!(
            message.starts_with("rules[1].rates[0]: period `someday`"),
            "{message}"
        );
    }

    /// Every rule the repository holds: the shipped ones and the fixtures'.
    fn all_rules() -> Vec<Rule> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let loaded = load(&[root.join("rules"), root.join("fixtures/frames")]);
        assert!(!loaded.rules.is_empty());
        loaded.rules
    }

    #[test]
    fn required_literals_come_from_the_compiled_pattern() {
        // A space matches any whitespace, so the literals stop at it.
        let p = Pattern::compile("met {count} times").unwrap();
        assert_eq!(
            p.required.sets,
            [vec!["met".to_owned()], vec!["times".to_owned()]]
        );
        // Case-insensitive `s` also matches the long s.
        assert_eq!(p.required.unless, ['\u{17F}']);
        let p = Pattern::compile(r"(?:held|had) {count} (?:meetings|summits)").unwrap();
        assert_eq!(
            p.required.sets,
            [vec!["meetings".to_owned(), "summits".to_owned()]]
        );
        // An optional part, a short word or a branch without literal requires nothing.
        let p = Pattern::compile(r"(?:about\s+)?{count}\s+(?:xi|[a-z]+)").unwrap();
        assert!(p.required.sets.is_empty(), "{:?}", p.required);
    }

    #[test]
    fn the_prefilter_keeps_what_only_unicode_case_folding_matches() {
        // (Not at the end of the pattern: the engine's ASCII word boundary after a final
        // `s` does not hold after a long s.)
        let p = Pattern::compile("{count} kicks each").unwrap();
        assert!(p.required.unless.contains(&'\u{212A}'));
        for text in [
            "12 KICKS EACH",
            "12 \u{212A}ICKS each",
            "12 kick\u{17F} each",
        ] {
            assert!(p.regex.is_match(text), "{text}");
            assert!(p.admits(text), "{text}");
        }
        assert!(!p.admits("12 kisses each"));
    }

    #[test]
    fn the_engine_adds_boundaries_and_reads_a_space_as_any_whitespace() {
        // (pattern, what it runs as, texts it matches, texts it does not)
        let table: &[(&str, &str, &[&str], &[&str])] = &[
            (
                "met {count} times",
                r"(?-u:\b)(?:met\s+{count}\s+times)(?-u:\b)",
                &[
                    "they met 40 times.",
                    "Met  40\n times",
                    "met about 40 times",
                ],
                &["unmet 40 times", "met 40 timeshares", "met 40times"],
            ),
            // Ends with a placeholder: no boundary after it (a value may end with "%").
            (
                "rose by {percent}",
                r"(?-u:\b)(?:rose\s+by\s+{percent})",
                &["trade rose by 30%."],
                &["arose by 30%"],
            ),
            // Starts with a symbol: no boundary before it.
            (
                "\\${count} each",
                r"(?:\${count}\s+each)(?-u:\b)",
                &["cost $40 each"],
                &["cost $40 eachother"],
            ),
            // A space under a quantifier stays one unit; a space in a class stays a space.
            (
                "met ?{count}[ ]times",
                r"(?-u:\b)(?:met(?:\s+)?{count}[ ]times)(?-u:\b)",
                &["met 40 times", "met \t 40 times"],
                &["met 40\ttimes"],
            ),
            // Top-level alternatives are bounded as a whole; an old `(?-u:\b)` still works.
            (
                "(?-u:\\b)held|had {count} times",
                r"(?-u:\b)(?:(?-u:\b)held|had\s+{count}\s+times)(?-u:\b)",
                &["they had 3 times", "held"],
                &["shad 3 times", "upheld"],
            ),
        ];
        for (source, runs, matches, misses) in table {
            let p = Pattern::compile(source).unwrap_or_else(|e| panic!("{source}: {e}"));
            assert_eq!(&p.runs, runs, "{source}");
            for text in *matches {
                assert!(p.regex.is_match(text), "{source} should match {text:?}");
                assert!(p.admits(text), "{source} prefilter rejects {text:?}");
            }
            for text in *misses {
                assert!(
                    !p.regex.is_match(text),
                    "{source} should not match {text:?}"
                );
            }
        }
    }

    #[test]
    fn phrases_compile_to_patterns_that_match_what_they_say() {
        /// A phrase, texts it matches with the value it reads, and texts it does not match.
        type Case<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a [&'a str]);
        let table: &[Case] = &[
            (
                "met [with] ~3 {count} times",
                &[
                    ("They met 40 times.", "40"),
                    ("Xi met with Putin about 40 times", "about 40"),
                    (
                        "he met with the Russian leader nearly 30 times",
                        "nearly 30",
                    ),
                ],
                &[
                    "they met in Moscow and Beijing and Minsk 40 times",
                    "met; 40 times",
                ],
            ),
            (
                "(held | had) {count} (meetings | face-to-face meetings)",
                &[
                    ("they had 12 face-to-face meetings", "12"),
                    ("HELD 3 MEETINGS", "3"),
                ],
                &["they held 12 summits", "withheld 3 meetings"],
            ),
            (
                "{visitor: Xi | Putin}['s] {duration} [state | official] (visit | trip)",
                &[
                    ("Xi's three-day state visit", "three-day"),
                    ("Putin 2-day trip", "2-day"),
                ],
                &["Xi's three-day stay"],
            ),
            (
                r#"(announced | declared) (a | their) ["]{wording}["] partnership"#,
                &[
                    (r#"they declared a "no limits" partnership"#, "no limits"),
                    ("they declared their unlimited partnership", "unlimited"),
                ],
                &["they declared partnership"],
            ),
            (
                "{count} meeting[s]",
                &[("3 meetings", "3"), ("1 meeting", "1")],
                &["3 meetingss"],
            ),
        ];
        for (phrase, matches, misses) in table {
            let p = Pattern::phrase(phrase).unwrap_or_else(|e| panic!("{phrase}: {e:?}"));
            assert!(p.phrase);
            for (text, value) in *matches {
                let cap = p
                    .regex
                    .captures(text)
                    .unwrap_or_else(|| panic!("{phrase} should match {text:?}"));
                assert_eq!(&cap["value"], *value, "{phrase} in {text:?}");
                assert!(p.admits(text), "{phrase} prefilter rejects {text:?}");
            }
            for text in *misses {
                assert!(
                    !p.regex.is_match(text),
                    "{phrase} should not match {text:?}"
                );
            }
        }
        let visit = Pattern::phrase("{visitor: Xi | Putin}'s {duration} visit")
            .unwrap_or_else(|e| panic!("{e:?}"));
        let cap = visit
            .regex
            .captures("Putin's two-day visit")
            .unwrap_or_else(|| panic!("no match"));
        assert_eq!(&cap["visitor"], "Putin");
        let unknown = Pattern::phrase("met {tally} times").unwrap_err();
        assert_eq!(unknown.at, 4, "{unknown:?}");
        assert!(
            unknown.message.contains("unknown placeholder `{tally}`"),
            "{unknown:?}"
        );
    }

    #[test]
    fn the_prefilter_keeps_every_example_and_fixture_sentence_a_pattern_matches() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts: Vec<String> = Vec::new();
        let mut stack = vec![root.join("fixtures")];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "txt" || e == "md") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    let folded = crate::text::normalize(&text).text;
                    texts.extend(
                        crate::text::sentences(&folded, true)
                            .iter()
                            .map(|s| folded[s.start..s.end].to_owned()),
                    );
                }
            }
        }
        let rules = all_rules();
        texts.extend(
            rules
                .iter()
                .flat_map(|r| r.examples.iter().map(|e| e.text.clone())),
        );
        let mut matched = 0;
        for rule in &rules {
            for pattern in &rule.patterns {
                for text in &texts {
                    if pattern.regex.is_match(text) {
                        matched += 1;
                        assert!(pattern.admits(text), "{pattern:?} rejects {text:?}");
                    }
                }
            }
        }
        assert!(
            matched > 50,
            "only {matched} matches: the test checks too little"
        );
    }

    /// Words that rule patterns are made of, to build sentences that often match.
    fn vocabulary() -> Vec<String> {
        let mut words: Vec<String> = all_rules()
            .iter()
            .flat_map(|r| r.examples.iter().map(|e| e.text.clone()))
            .flat_map(|t| t.split_whitespace().map(str::to_owned).collect::<Vec<_>>())
            .collect();
        words.extend(
            [
                "met",
                "times",
                "held",
                "summits",
                "about",
                "40",
                "nearly",
                "thirty",
                "$153",
                "billion",
                "trade",
                "hit",
                "rose",
                "by",
                "30%",
                "in",
                "2022",
                "March",
                "declared",
                "the",
                "two",
                "sides",
                "clashed",
                "Xi's",
                "three-day",
                "state",
                "visit",
                "\"no",
                "limits\"",
                "partnership",
                "said",
                "that",
                "relations",
                "are",
                "a",
                "K",
                "\u{212A}",
                "\u{17F}",
                "\u{E9}",
                ",",
                ".",
                ";",
                "-",
                "(",
                ")",
            ]
            .map(str::to_owned),
        );
        words.sort();
        words.dedup();
        words
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]

        /// Whatever sentence a pattern matches, its prefilter keeps.
        #[test]
        fn the_prefilter_never_rejects_a_match(
            picks in proptest::collection::vec((0usize..10_000, 0u8..4), 1..24),
        ) {
            static WORDS: LazyLock<Vec<String>> = LazyLock::new(vocabulary);
            static RULES: LazyLock<Vec<Rule>> = LazyLock::new(all_rules);
            let text = picks
                .iter()
                .map(|&(i, case)| {
                    let w = &WORDS[i % WORDS.len()];
                    match case {
                        0 => w.to_uppercase(),
                        1 => w.to_lowercase(),
                        _ => w.clone(),
                    }
                })
                .collect::<Vec<_>>()
                .join(" ");
            for rule in RULES.iter() {
                for pattern in &rule.patterns {
                    if pattern.regex.is_match(&text) {
                        proptest::prop_assert!(pattern.admits(&text), "{:?} rejects {:?}", pattern, text);
                    }
                }
            }
        }
    }
}
