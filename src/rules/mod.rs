//! Rules: the claims to check, loaded from YAML, and the patterns that find their statements.
//!
//! A rule file holds `rules:`, a list of claims. Loading has two steps: serde reads each
//! file into rules as written ([`RuleSpec`]: strings where patterns, phrases and rates
//! go), with the YAML location of any error; then each rule is compiled ([`Rule`]), its
//! patterns on all cores, and an error points at the value by its path in the file, from
//! the YAML parser's spans ([`crate::yaml::Spans`]). This module does not read articles;
//! [`crate::statement`] applies the rules.

//!
//! The stage is three files: this one holds the model (a rule as written and compiled, its
//! keys, examples, rates and wordings), `pattern.rs` compiles patterns and phrases and reads
//! the literals every match needs, and `load.rs` finds, reads and compiles rule files and
//! says what is wrong with them.

mod load;
mod pattern;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer};

use crate::grammar::{self, Interval, Kind, Tolerance};
use crate::yaml::{self, Spans};

pub use load::{load, parse, Loaded, RuleError, MAX_PATTERNS, MAX_RULES};
pub use pattern::{Pattern, PatternError, Required, Slot, MAX_PATTERN_LEN};

/// The rule files shipped with crosscheck, embedded in the binary.
pub const SHIPPED: &[(&str, &str)] = &[(
    "rules/xi-putin.yaml",
    include_str!("../../rules/xi-putin.yaml"),
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

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::LazyLock;

    use super::*;

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
            assert!(p.regex().is_match(text), "{text}");
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
                assert!(p.regex().is_match(text), "{source} should match {text:?}");
                assert!(p.admits(text), "{source} prefilter rejects {text:?}");
            }
            for text in *misses {
                assert!(
                    !p.regex().is_match(text),
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
                let cap = (p.regex().captures(text))
                    .unwrap_or_else(|| panic!("{phrase} should match {text:?}"));
                assert_eq!(&cap["value"], *value, "{phrase} in {text:?}");
                assert!(p.admits(text), "{phrase} prefilter rejects {text:?}");
            }
            for text in *misses {
                assert!(
                    !p.regex().is_match(text),
                    "{phrase} should not match {text:?}"
                );
            }
        }
        let visit = Pattern::phrase("{visitor: Xi | Putin}'s {duration} visit")
            .unwrap_or_else(|e| panic!("{e:?}"));
        let cap =
            (visit.regex().captures("Putin's two-day visit")).unwrap_or_else(|| panic!("no match"));
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
                    if pattern.regex().is_match(text) {
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
                    if pattern.regex().is_match(&text) {
                        proptest::prop_assert!(pattern.admits(&text), "{:?} rejects {:?}", pattern, text);
                    }
                }
            }
        }
    }
}
