//! Shards: the map/reduce split of a run across processes or machines.
//!
//! The map step (`extract --format jsonl`) writes what [`crate::check::find`] found in one
//! shard of the articles as JSON lines; the reduce step (`compare`) reads the lines of every
//! shard back into one [`Found`] and runs [`crate::check::reduce`] on it, so the findings are
//! those `check` gives on the whole set. This module owns the wire format and nothing else:
//! it neither finds statements nor compares them. docs/scale.md describes the contract.

use std::collections::BTreeMap;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};

use miette::{Diagnostic, LabeledSpan};
use serde::{Deserialize, Serialize};

use crate::article::{Article, Meta};
use crate::check::{self, CheckOptions};
pub use crate::fingerprint::digest;
use crate::fingerprint::hex;
use crate::grammar::{Bound, Decimal, GrammarError, Interval, Kind, Reading};
use crate::ignore::Unused;
use crate::outcome::{Found, Outcome, Texts};
use crate::problem::Problem;
pub use crate::problem::{Carried, ShardError};
use crate::qualifiers::{AsOf, Attribution, Frame, Qualifiers};
use crate::rules::{self, Rule, Verdict};
use crate::statement::{Mention, Paired, Shared, Statement, Value};

/// The version of the wire format; a reader refuses lines of another.
pub const VERSION: u32 = 1;

/// One line of a shard file.
#[derive(Debug, Serialize, Deserialize)]
struct Line {
    /// The wire format's version.
    v: u32,
    #[serde(flatten)]
    record: Record,
}

/// What a line holds.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "record", rename_all = "lowercase")]
enum Record {
    /// The first line of a shard: the rule set its statements were found with.
    Shard {
        /// See [`digest`].
        rules: String,
    },
    /// An article of the shard, with or without statements.
    Article(WireArticle),
    /// A statement of the article before it.
    Statement(Box<WireStatement>),
    /// A value a rule's pattern caught that the grammar could not read.
    Unread(WireUnread),
    /// An inline ignore that covered no statement.
    Unused(WireUnused),
    /// An article, manifest or inline ignore that could not be read or applied.
    Problem(WireProblem),
}

/// An article, without its text: a digest says whether the file is still the one read.
#[derive(Debug, Serialize, Deserialize)]
struct WireArticle {
    path: String,
    canonical: Option<String>,
    source: Option<String>,
    title: Option<String>,
    url: Option<String>,
    published: Option<String>,
    scope: Option<String>,
    markdown: bool,
    body: usize,
    bytes: usize,
    sha256: String,
}

/// Which article a record is about: enough to group or filter statements without a join.
#[derive(Debug, Serialize, Deserialize)]
struct ArticleRef {
    path: String,
    canonical: Option<String>,
    source: Option<String>,
    published: Option<String>,
    scope: Option<String>,
}

/// A statement, with everything comparison and reports need.
#[derive(Debug, Serialize, Deserialize)]
struct WireStatement {
    rule: String,
    article: ArticleRef,
    span: (usize, usize),
    sentence: (usize, usize),
    /// The sentence's text, so reports can quote it when the article is gone.
    sentence_text: String,
    line: usize,
    column: usize,
    quote: String,
    value: WireValue,
    paired: Option<WirePaired>,
    qualifiers: WireQualifiers,
    key: BTreeMap<String, String>,
    /// Why an inline ignore sets it aside, if one does.
    ignored: Option<String>,
}

/// [`Value`].
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum WireValue {
    Quantity(WireReading),
    Wording { text: String, verdict: WireVerdict },
}

/// [`Verdict`].
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum WireVerdict {
    Accepted(String),
    Contradicting(String),
    Unrecognized(Option<String>),
}

/// [`Reading`], its bounds as exact decimals.
#[derive(Debug, Serialize, Deserialize)]
struct WireReading {
    kind: String,
    text: String,
    hedge: Option<String>,
    value: WireInterval,
    unit: Option<String>,
    note: Option<String>,
}

/// [`Interval`].
#[derive(Debug, Serialize, Deserialize)]
struct WireInterval {
    low: WireBound,
    high: WireBound,
}

/// [`Bound`]: a decimal written as a string, so no digit is lost.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum WireBound {
    Unbounded,
    Included(String),
    Excluded(String),
}

/// [`Paired`].
#[derive(Debug, Serialize, Deserialize)]
struct WirePaired {
    span: (usize, usize),
    quote: String,
    reading: WireReading,
}

/// [`Qualifiers`].
#[derive(Debug, Serialize, Deserialize)]
struct WireQualifiers {
    frame: Option<WireFrame>,
    as_of: WireAsOf,
    attribution: Option<WireAttribution>,
}

#[derive(Debug, Serialize, Deserialize)]
struct WireFrame {
    text: String,
    days: Option<WireInterval>,
}

#[derive(Debug, Serialize, Deserialize)]
struct WireAsOf {
    days: Option<WireInterval>,
    stated: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
struct WireAttribution {
    speaker: Option<String>,
    direct: bool,
}

/// A [`Mention`] the grammar could not read.
#[derive(Debug, Serialize, Deserialize)]
struct WireUnread {
    path: String,
    span: (usize, usize),
    line: usize,
    column: usize,
    quote: String,
    error: WireGrammarError,
}

/// [`GrammarError`].
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum WireGrammarError {
    NotA(String, String),
    TooLarge(String),
    Empty,
    UnknownCurrency(String),
    AmbiguousCurrency(String),
    NoSuchDate(String),
    AmbiguousDate(String),
}

/// An [`Unused`] inline ignore.
#[derive(Debug, Serialize, Deserialize)]
struct WireUnused {
    path: String,
    rule: String,
    span: (usize, usize),
}

/// A problem of the map step, as a report shows it.
#[derive(Debug, Serialize, Deserialize)]
struct WireProblem {
    /// `input` or `ignore`: where in the run it arose.
    stage: String,
    path: String,
    code: Option<String>,
    message: String,
    help: Option<String>,
    warning: bool,
    /// The byte span of its first label in the file at `path`, with the label's text.
    label: Option<(usize, usize, Option<String>)>,
}

/// Writes what `found` holds as JSON lines: a shard line, then each article with its
/// statements, unread values and unused ignores, then the problems.
pub fn write(found: &Found, out: &mut dyn Write) -> io::Result<()> {
    let mut line = |record: Record| -> io::Result<()> {
        serde_json::to_writer(&mut *out, &Line { v: VERSION, record })?;
        writeln!(out)
    };
    line(Record::Shard {
        rules: found.digest.clone(),
    })?;
    let mut statements = found.statements.iter().zip(&found.ignored).peekable();
    let mut unread = found.unread.iter().peekable();
    for (i, a) in found.articles.iter().enumerate() {
        let canonical = found.canonical[i].as_deref().map(display);
        line(Record::Article(WireArticle {
            path: a.path.clone(),
            canonical: canonical.clone(),
            source: a.meta.source.clone(),
            title: a.meta.title.clone(),
            url: a.meta.url.clone(),
            published: a.meta.published.map(|d| d.to_string()),
            scope: a.scope.clone(),
            markdown: a.markdown,
            body: a.body,
            bytes: a.bytes,
            sha256: hex(&a.sha256),
        }))?;
        while let Some((s, ignored)) = statements.next_if(|(s, _)| s.article == i) {
            let statement = WireStatement {
                rule: found.rules[s.rule].id.clone(),
                article: ArticleRef {
                    path: a.path.clone(),
                    canonical: canonical.clone(),
                    source: a.meta.source.clone(),
                    published: a.meta.published.map(|d| d.to_string()),
                    scope: a.scope.clone(),
                },
                span: s.span,
                sentence: s.sentence,
                sentence_text: s.sentence_text.clone(),
                line: s.line,
                column: s.column,
                quote: s.quote.clone(),
                value: match &s.value {
                    Value::Quantity(r) => WireValue::Quantity(r.into()),
                    Value::Wording { text, verdict } => WireValue::Wording {
                        text: text.clone(),
                        verdict: match verdict {
                            Verdict::Accepted(v) => WireVerdict::Accepted(v.clone()),
                            Verdict::Contradicting(v) => WireVerdict::Contradicting(v.clone()),
                            Verdict::Unrecognized(v) => WireVerdict::Unrecognized(v.clone()),
                        },
                    },
                },
                paired: s.paired.as_ref().map(|p| WirePaired {
                    span: p.span,
                    quote: p.quote.clone(),
                    reading: (&p.reading).into(),
                }),
                qualifiers: (&s.qualifiers).into(),
                key: s.key.clone(),
                ignored: ignored.clone(),
            };
            line(Record::Statement(Box::new(statement)))?;
        }
        while let Some(m) = unread.next_if(|m| m.article == i) {
            let Err(e) = &m.reading else { continue };
            line(Record::Unread(WireUnread {
                path: a.path.clone(),
                span: m.span,
                line: m.line,
                column: m.column,
                quote: m.quote.clone(),
                error: e.into(),
            }))?;
        }
    }
    for u in &found.unused {
        line(Record::Unused(WireUnused {
            path: u.path.clone(),
            rule: u.rule.clone(),
            span: (u.span.offset(), u.span.offset() + u.span.len()),
        }))?;
    }
    for p in &found.problems {
        let stage = match p {
            Problem::Input(_) => "input",
            Problem::Ignore(_) => "ignore",
            // The reduce step loads the rules, the configuration and the baseline itself.
            _ => continue,
        };
        let label = p.labels().and_then(|mut l| l.next()).map(|l| {
            (
                l.offset(),
                l.offset() + l.len(),
                l.label().map(str::to_owned),
            )
        });
        line(Record::Problem(WireProblem {
            stage: stage.to_owned(),
            path: p.path().to_owned(),
            code: p.code().map(|c| c.to_string()),
            message: p.to_string(),
            help: p.help().map(|h| h.to_string()),
            warning: p.is_warning(),
            label,
        }))?;
    }
    Ok(())
}

/// A path as reports show it.
fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

impl From<&Reading> for WireReading {
    fn from(r: &Reading) -> WireReading {
        WireReading {
            kind: r.kind.name().to_owned(),
            text: r.text.clone(),
            hedge: r.hedge.clone(),
            value: r.value.into(),
            unit: r.unit.clone(),
            note: r.note.clone(),
        }
    }
}

impl From<Interval> for WireInterval {
    fn from(i: Interval) -> WireInterval {
        let bound = |b: Bound| match b {
            Bound::Unbounded => WireBound::Unbounded,
            Bound::Included(v) => WireBound::Included(v.to_string()),
            Bound::Excluded(v) => WireBound::Excluded(v.to_string()),
        };
        WireInterval {
            low: bound(i.low),
            high: bound(i.high),
        }
    }
}

impl From<&Qualifiers> for WireQualifiers {
    fn from(q: &Qualifiers) -> WireQualifiers {
        WireQualifiers {
            frame: q.frame.as_ref().map(|f| WireFrame {
                text: f.text.clone(),
                days: f.days.map(Into::into),
            }),
            as_of: WireAsOf {
                days: q.as_of.days.map(Into::into),
                stated: q.as_of.stated.clone(),
            },
            attribution: q.attribution.as_ref().map(|a| WireAttribution {
                speaker: a.speaker.clone(),
                direct: a.direct,
            }),
        }
    }
}

impl From<&GrammarError> for WireGrammarError {
    fn from(e: &GrammarError) -> WireGrammarError {
        match e.clone() {
            GrammarError::NotA(text, kind) => WireGrammarError::NotA(text, kind.to_owned()),
            GrammarError::TooLarge(t) => WireGrammarError::TooLarge(t),
            GrammarError::Empty => WireGrammarError::Empty,
            GrammarError::UnknownCurrency(t) => WireGrammarError::UnknownCurrency(t),
            GrammarError::AmbiguousCurrency(t) => WireGrammarError::AmbiguousCurrency(t),
            GrammarError::NoSuchDate(t) => WireGrammarError::NoSuchDate(t),
            GrammarError::AmbiguousDate(t) => WireGrammarError::AmbiguousDate(t),
        }
    }
}

/// What the grammar says a mention is not, as its errors name it: the kinds, and the few
/// shapes the grammar names besides.
fn not_a_name(name: &str) -> &'static str {
    const NAMES: &[&str] = &[
        "date (a vague count)",
        "date range",
        "number",
        "share",
        crate::grammar::TALLY,
    ];
    Kind::ALL
        .iter()
        .map(|k| k.name())
        .chain(NAMES.iter().copied())
        .find(|n| *n == name)
        .unwrap_or("mention")
}

/// Reads the shard files under `options.paths` (`-` for stdin), and compares their
/// statements with the rules and settings of `options`, as `check` would have on the whole
/// set: the reduce step.
pub fn compare(options: &CheckOptions) -> Outcome {
    let loaded = rules::load(&options.rules);
    let expected = digest(&loaded.rules);
    let mut problems: Vec<Problem> = loaded.errors.into_iter().map(Problem::from).collect();
    let unknown = options.settings.unknown_rules(&loaded.rules);
    let mut reader = Reader::new(loaded.rules, &options.settings.disable, expected);
    for path in &options.paths {
        reader.file(path);
    }
    let (found, shard_problems) = reader.finish();
    problems.extend(shard_problems);
    problems.extend(unknown.into_iter().map(Problem::from));
    let mut outcome = check::reduce(found, &options.settings);
    problems.append(&mut outcome.problems);
    outcome.problems = problems;
    crate::gate::gate(
        &mut outcome,
        options.baseline.as_deref(),
        options.changed.as_deref(),
    );
    outcome
}

/// One article as read from a shard, with its statements.
struct ReadArticle {
    wire: WireArticle,
    statements: Vec<(Statement, Option<String>)>,
    unread: Vec<Mention>,
}

/// The shards read so far.
struct Reader {
    /// Every rule loaded, disabled ones too: the digest is over all of them.
    all: Vec<Rule>,
    /// For each rule id, its index among the rules applied; `None` when disabled.
    index: BTreeMap<String, Option<usize>>,
    expected: String,
    articles: Vec<ReadArticle>,
    seen: BTreeMap<String, usize>,
    unused: Vec<WireUnused>,
    carried: Vec<WireProblem>,
    problems: Vec<Problem>,
}

impl Reader {
    fn new(all: Vec<Rule>, disable: &[String], expected: String) -> Reader {
        let mut applied = 0;
        let index = all
            .iter()
            .map(|r| {
                let i = (!disable.contains(&r.id)).then(|| {
                    applied += 1;
                    applied - 1
                });
                (r.id.clone(), i)
            })
            .collect();
        Reader {
            all,
            index,
            expected,
            articles: Vec::new(),
            seen: BTreeMap::new(),
            unused: Vec::new(),
            carried: Vec::new(),
            problems: Vec::new(),
        }
    }

    /// Reads one shard file, or stdin for `-`.
    fn file(&mut self, path: &Path) {
        let shown = display(path);
        let opened: io::Result<Box<dyn BufRead>> = if path.as_os_str() == "-" {
            Ok(Box::new(io::stdin().lock()))
        } else {
            std::fs::File::open(path).map(|f| Box::new(io::BufReader::new(f)) as Box<dyn BufRead>)
        };
        let input = match opened {
            Ok(input) => input,
            Err(source) => {
                return self.fail(ShardError::Unreadable {
                    path: shown,
                    error: source,
                })
            }
        };
        // The rule set the lines were found with; nothing before a shard line is read.
        let mut accepted = false;
        // The article of the lines that follow; `None` after a duplicate article.
        let mut current: Option<usize> = None;
        for (n, text) in input.lines().enumerate() {
            let text = match text {
                Ok(text) => text,
                Err(source) => {
                    return self.fail(ShardError::Unreadable {
                        path: shown,
                        error: source,
                    })
                }
            };
            if text.trim().is_empty() {
                continue;
            }
            let malformed = |reason: String| ShardError::Malformed {
                path: shown.clone(),
                line: n + 1,
                version: VERSION,
                reason,
            };
            let line: Line = match serde_json::from_str(&text) {
                Ok(line) => line,
                Err(e) => return self.fail(malformed(e.to_string())),
            };
            if line.v != VERSION {
                return self.fail(malformed(format!("version {}", line.v)));
            }
            let in_article = |current: Option<usize>, path: &str, articles: &[ReadArticle]| {
                current.filter(|&i| articles[i].wire.path == path)
            };
            match line.record {
                Record::Shard { rules } => {
                    if rules != self.expected {
                        return self.fail(ShardError::OtherRules {
                            path: shown,
                            expected: self.expected.clone(),
                            found: rules,
                        });
                    }
                    accepted = true;
                }
                _ if !accepted => {
                    return self.fail(malformed("no shard line before it".to_owned()));
                }
                Record::Article(a) => {
                    if self.seen.contains_key(&a.path) {
                        self.problems
                            .push(Problem::Shard(ShardError::DuplicateArticle {
                                path: shown.clone(),
                                article: a.path,
                            }));
                        current = None;
                        continue;
                    }
                    self.seen.insert(a.path.clone(), self.articles.len());
                    current = Some(self.articles.len());
                    self.articles.push(ReadArticle {
                        wire: a,
                        statements: Vec::new(),
                        unread: Vec::new(),
                    });
                }
                Record::Statement(s) => {
                    let Some(i) = in_article(current, &s.article.path, &self.articles) else {
                        if current.is_none() && self.seen.contains_key(&s.article.path) {
                            continue;
                        }
                        return self.fail(malformed("a statement not after its article".into()));
                    };
                    let rule = match self.index.get(&s.rule) {
                        Some(Some(rule)) => *rule,
                        Some(None) => continue,
                        None => {
                            return self.fail(malformed(format!("no rule `{}`", s.rule)));
                        }
                    };
                    match statement(*s, rule, i) {
                        Ok(read) => self.articles[i].statements.push(read),
                        Err(reason) => return self.fail(malformed(reason)),
                    }
                }
                Record::Unread(u) => {
                    let Some(i) = in_article(current, &u.path, &self.articles) else {
                        if current.is_none() && self.seen.contains_key(&u.path) {
                            continue;
                        }
                        return self.fail(malformed("a value not after its article".into()));
                    };
                    self.articles[i].unread.push(Mention {
                        article: i,
                        span: u.span,
                        line: u.line,
                        column: u.column,
                        quote: u.quote,
                        reading: Err(u.error.into()),
                    });
                }
                Record::Unused(u) => {
                    if self.index.get(&u.rule).is_some_and(Option::is_some) {
                        self.unused.push(u);
                    }
                }
                Record::Problem(p) => self.carried.push(p),
            }
        }
    }

    fn fail(&mut self, e: ShardError) {
        self.problems.push(Problem::Shard(e));
    }

    /// Everything read, as [`check::find`] would have found it on the whole set: articles in
    /// path order, each with its text (see [`text`]).
    fn finish(self) -> (Found, Vec<Problem>) {
        let Reader {
            all,
            index,
            expected,
            mut articles,
            unused,
            carried,
            mut problems,
            ..
        } = self;
        // Articles in path order, as `article::load` reads them.
        let mut order: Vec<usize> = (0..articles.len()).collect();
        order.sort_by(|&a, &b| {
            Path::new(&articles[a].wire.path).cmp(Path::new(&articles[b].wire.path))
        });
        let mut slots: Vec<Option<ReadArticle>> = articles.drain(..).map(Some).collect();
        let articles: Vec<ReadArticle> = order.iter().filter_map(|&i| slots[i].take()).collect();
        let mut found = Found {
            articles: Vec::with_capacity(articles.len()),
            canonical: Vec::with_capacity(articles.len()),
            rules: all
                .into_iter()
                .filter(|r| index.get(&r.id).is_some_and(Option::is_some))
                .collect(),
            digest: expected,
            statements: Vec::new(),
            ignored: Vec::new(),
            unread: Vec::new(),
            unused: Vec::new(),
            problems: Vec::new(),
        };
        for (i, a) in articles.into_iter().enumerate() {
            for (mut s, ignored) in a.statements {
                s.article = i;
                found.statements.push(Shared::new(s));
                found.ignored.push(ignored);
            }
            found
                .unread
                .extend(a.unread.into_iter().map(|m| Mention { article: i, ..m }));
            let w = a.wire;
            found.canonical.push(w.canonical.map(PathBuf::from));
            // The text stays on disk: reports read it again (see `Article::reread`).
            found.articles.push(Article {
                path: w.path,
                text: String::new(),
                bytes: w.bytes,
                sha256: unhex(&w.sha256).unwrap_or_default(),
                body: w.body,
                meta: Meta {
                    source: w.source,
                    title: w.title,
                    url: w.url,
                    published: w.published.and_then(|d| d.parse().ok()),
                },
                markdown: w.markdown,
                scope: w.scope,
            });
        }
        // The few problems that quote an article read its text again.
        let statements = found.statements.iter().map(|s| &**s);
        let texts = Texts::new(&found.articles, statements, &found.unread);
        let text_of = |path: &str| {
            let a = found.articles.iter().position(|a| a.path == path)?;
            Some(texts.get(a))
        };
        for u in unused {
            let text = text_of(&u.path).unwrap_or_default();
            let text = text.as_str();
            found.unused.push(Unused {
                src: crate::text::source(&u.path, text),
                span: (u.span.0, u.span.1 - u.span.0).into(),
                path: u.path,
                rule: u.rule,
            });
        }
        // Input problems come before those of the configuration, ignores after them.
        let mut ignores = Vec::new();
        for p in carried {
            let label = p.label.and_then(|(start, end, label)| {
                let text = text_of(&p.path)?;
                let src = crate::text::source(&p.path, text);
                Some((src, LabeledSpan::new(label, start, end - start)))
            });
            let carried = Problem::Carried(Carried {
                path: p.path,
                code: p.code,
                message: p.message,
                help: p.help,
                warning: p.warning,
                label,
            });
            if p.stage == "ignore" {
                ignores.push(carried);
            } else {
                problems.push(carried);
            }
        }
        found.problems = ignores;
        (found, problems)
    }
}

/// Rebuilds a statement of the rule at index `rule` and the article at index `article`,
/// with its inline ignore and sentence text.
fn statement(
    s: WireStatement,
    rule: usize,
    article: usize,
) -> Result<(Statement, Option<String>), String> {
    let value = match s.value {
        WireValue::Quantity(r) => Value::Quantity(r.try_into()?),
        WireValue::Wording { text, verdict } => Value::Wording {
            text,
            verdict: match verdict {
                WireVerdict::Accepted(v) => Verdict::Accepted(v),
                WireVerdict::Contradicting(v) => Verdict::Contradicting(v),
                WireVerdict::Unrecognized(v) => Verdict::Unrecognized(v),
            },
        },
    };
    let paired = match s.paired {
        Some(p) => Some(Paired {
            span: p.span,
            quote: p.quote,
            reading: p.reading.try_into()?,
        }),
        None => None,
    };
    let q = s.qualifiers;
    let qualifiers = Qualifiers {
        frame: match q.frame {
            Some(f) => Some(Frame {
                text: f.text,
                days: f.days.map(TryInto::try_into).transpose()?,
            }),
            None => None,
        },
        as_of: AsOf {
            days: q.as_of.days.map(TryInto::try_into).transpose()?,
            stated: q.as_of.stated,
        },
        attribution: q.attribution.map(|a| Attribution {
            speaker: a.speaker,
            direct: a.direct,
        }),
    };
    if s.sentence.1 < s.sentence.0 || s.sentence.1 - s.sentence.0 != s.sentence_text.len() {
        return Err("the sentence's span and text differ in length".to_owned());
    }
    let statement = Statement {
        rule,
        article,
        span: s.span,
        sentence: s.sentence,
        sentence_text: s.sentence_text,
        line: s.line,
        column: s.column,
        quote: s.quote,
        value,
        paired,
        qualifiers,
        key: s.key,
    };
    Ok((statement, s.ignored))
}

impl TryFrom<WireReading> for Reading {
    type Error = String;

    fn try_from(r: WireReading) -> Result<Reading, String> {
        let kind = Kind::ALL
            .iter()
            .copied()
            .find(|k| k.name() == r.kind)
            .ok_or_else(|| format!("no kind `{}`", r.kind))?;
        Ok(Reading {
            kind,
            text: r.text,
            hedge: r.hedge,
            value: r.value.try_into()?,
            unit: r.unit,
            note: r.note,
        })
    }
}

impl TryFrom<WireInterval> for Interval {
    type Error = String;

    fn try_from(i: WireInterval) -> Result<Interval, String> {
        let bound = |b: WireBound| -> Result<Bound, String> {
            let number = |v: String| {
                v.parse::<Decimal>()
                    .map_err(|e| format!("`{v}` is not a decimal: {e}"))
            };
            Ok(match b {
                WireBound::Unbounded => Bound::Unbounded,
                WireBound::Included(v) => Bound::Included(number(v)?),
                WireBound::Excluded(v) => Bound::Excluded(number(v)?),
            })
        };
        Ok(Interval {
            low: bound(i.low)?,
            high: bound(i.high)?,
        })
    }
}

impl From<WireGrammarError> for GrammarError {
    fn from(e: WireGrammarError) -> GrammarError {
        match e {
            WireGrammarError::NotA(text, kind) => GrammarError::NotA(text, not_a_name(&kind)),
            WireGrammarError::TooLarge(t) => GrammarError::TooLarge(t),
            WireGrammarError::Empty => GrammarError::Empty,
            WireGrammarError::UnknownCurrency(t) => GrammarError::UnknownCurrency(t),
            WireGrammarError::AmbiguousCurrency(t) => GrammarError::AmbiguousCurrency(t),
            WireGrammarError::NoSuchDate(t) => GrammarError::NoSuchDate(t),
            WireGrammarError::AmbiguousDate(t) => GrammarError::AmbiguousDate(t),
        }
    }
}

/// The 32 bytes a SHA-256 is written as in hex; `None` for anything else.
fn unhex(text: &str) -> Option<[u8; 32]> {
    let mut out = [0u8; 32];
    if text.len() != 64 || !text.is_ascii() {
        return None;
    }
    for (byte, pair) in out.iter_mut().zip(text.as_bytes().chunks(2)) {
        *byte = u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_digest_reads_back_from_its_hex() {
        let digest = crate::article::digest("They met 40 times.");
        assert_eq!(unhex(&hex(&digest)), Some(digest));
        assert_eq!(unhex("not hex"), None);
        assert_eq!(unhex(&"zz".repeat(32)), None);
    }
}
