//! Qualifiers: the time frame a statement carries ("since 2012", "over the past six
//! years"), the date it speaks as of (the article's, or one its context states), and who
//! is quoted. Read from the statement's sentence and the sentences before and after it.
//!
//! This module reads prose around a statement; it does not decide what disagrees.

use std::fmt;
use std::sync::LazyLock;

use regex::Regex;

use crate::grammar::{self, Bound, Context, Decimal, Interval, Kind, Reading};
use crate::text::Prose;

/// What a statement's value is relative to.
#[derive(Debug, Clone, PartialEq)]
pub struct Qualifiers {
    /// The period the value covers, when the text says.
    pub frame: Option<Frame>,
    /// The date the statement speaks as of.
    pub as_of: AsOf,
    /// Who is quoted, when the statement is someone's words.
    pub attribution: Option<Attribution>,
}

/// A time frame: "since 2012", "over the past six years", "in recent years".
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// The phrase, as the article puts it (folded).
    pub text: String,
    /// The days it covers; `None` for a vague frame ("in recent years").
    pub days: Option<Interval>,
}

/// The date a statement speaks as of.
#[derive(Debug, Clone, PartialEq)]
pub struct AsOf {
    /// The days; `None` when neither the context nor the article gives a date.
    pub days: Option<Interval>,
    /// The phrase that states it ("in 2019"); `None` when it is the publication date.
    pub stated: Option<String>,
}

/// Someone's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    /// Who says it, when the text names them.
    pub speaker: Option<String>,
    /// True for a direct quotation (quotation marks, or first person), false for reported speech.
    pub direct: bool,
}

/// Verbs that report speech.
const SPEECH: &str = r"said|says|say|told|tells|spoke|speaks|wrote|writes|noted|noting|stated|states|declared|added|acknowledged|insisted";

static SINCE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)(?-u:\b)since(?-u:\b)"));
static PAST: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)(?-u:\b)(?:over|in|during|for|within)\s+the\s+(?:past|last|previous)\s+$")
});
static RECENT: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)(?-u:\b)(?:in\s+recent\s+(?:years|months|decades|weeks)|recently|of\s+late)(?-u:\b)")
});
static SPEECH_VERB: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"(?i)(?-u:\b)(?:{SPEECH})(?-u:\b)")));
/// What may stand between a speech verb and the date that follows it when that date says
/// when the words were said: "said late Monday that", "said on Tuesday", "told reporters
/// early Wednesday". A "that" (or any other word) ends the report: a date after it belongs to
/// the claim ("said that in December ...").
static TELLING_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^[\s,]*(?:(?:reporters|journalists|lawmakers|parliament|legislators|the\s+press|the\s+media|(?:[a-z]+\s+)?(?:agency|agencies|radio|television|newspaper|news\s+agency))\s+)?(?:(?:in|at|during)\s+(?:a|an|the|its|his|her|their)\s+(?:[a-z-]+\s+){0,2}?(?:statement|interview|briefing|conference|hearing|post|letter|filing|speech|release)[\s,]+)?(?:(?:on|late|early|earlier|later|last|this|in|at|on\s+the)\s+)*$",
    )
});
/// What may stand between a date and the speech verb after it when that date says when the
/// words were said: "the committee on Thursday said", "officials, on Tuesday, said".
/// Not past a comma: "... 40 times in 2022, said Lavrov" dates the claim.
static TELLING_BEFORE: LazyLock<Regex> = LazyLock::new(|| re(r"^\s+$"));
/// What follows a date of the telling: the clause of what was said ("that", a subject) or
/// the end of the report ("said on Wednesday."). "said 2022 was a record year" does not.
static TELLING_NEXT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"^(?:\s*(?:[,.;:"\x{201c}\x{201d}]|$)|\s+(?:that|it|he|she|they|we|there|the|a|an|its|his|her|their|this|these|those|some|more|about|nearly)(?-u:\b)|\s+[A-Z])"#,
    )
});
/// Verbs that report speech, with those of a formal telling: a date next to one dates the
/// telling.
static TELLING_VERB: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?-u:\b)(?:{SPEECH}|announced|announces|testified|testifies)(?-u:\b)"
    ))
});
/// A source named with "according to": attribution, but not a date of speech.
static ACCORDING_TO: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?-u:\b)according\s+to\s+(?P<source>[^,.;]{1,40}?)\s*(?:[,.;]|$)"));
static SPEAKER: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?P<who>(?:[A-Z][\w'.-]+\s+){{0,3}}[A-Z][\w'-]+)\s+(?:{SPEECH})(?-u:\b)|said\s+(?P<after>(?:[A-Z][\w'.-]+\s+){{0,3}}[A-Z][\w'-]+)"
    ))
});
/// A name, then words up to a speech verb in the same clause: "Vladimir Putin called Xi a
/// friend and said".
static CLAUSE_SPEAKER: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?P<who>(?:[A-Z][\w'.-]+\s+){{0,3}}[A-Z][\w'-]+)\s+[^,.;:]{{0,60}}?(?-u:\b)(?:{SPEECH})(?-u:\b)"
    ))
});
/// Capitalized words that start sentences rather than name people.
const NOT_NAMES: &[&str] = &[
    "In",
    "The",
    "A",
    "An",
    "On",
    "At",
    "During",
    "After",
    "Before",
    "But",
    "And",
    "However",
    "Last",
    "Early",
    "Earlier",
    "Late",
    "Later",
    "This",
    "That",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "Mr",
    "Mr.",
    "Ms",
    "Ms.",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

static FIRST_PERSON: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?-u:\b)(?:we|we've|i|i've|our|us|my)(?-u:\b)"));

/// Compiles a constant pattern.
fn re(source: &str) -> Regex {
    Regex::new(source).unwrap_or_else(|e| unreachable!("constant regex: {e}"))
}

/// Where a statement sits: its sentence, the window before it, and its value.
#[derive(Debug, Clone, Copy)]
pub struct Place {
    /// Index of the statement's sentence.
    pub sentence: usize,
    /// Index of the first sentence of the rule's window.
    pub window: usize,
    /// The value's span within the sentence's folded text.
    pub value: (usize, usize),
    /// True when the value is itself a date: a date claim carries no time frame.
    pub dated: bool,
}

/// Where a sentence reports speech, relative to the value.
#[derive(Debug, Clone, Copy)]
struct Speech {
    /// Offset of the speech verb.
    verb: usize,
    /// True when the verb follows the value ("... 14 rounds of talks, a spokesman said"):
    /// what precedes the verb is then the claim, and a date after it is when it was said.
    trailing: bool,
}

impl Speech {
    /// True when a phrase at `at` belongs to the claim rather than to the report of speech.
    fn in_claim(speech: Option<Speech>, at: usize) -> bool {
        match speech {
            None => true,
            Some(s) if s.trailing => at < s.verb,
            Some(s) => at > s.verb,
        }
    }
}

/// A date or duration mention in a sentence, with its offsets in that sentence.
struct Found {
    start: usize,
    end: usize,
    reading: Reading,
}

/// Date and duration mentions in `text`, except the statement's own value.
fn time_mentions(text: &str, ctx: &Context, skip: (usize, usize)) -> Vec<Found> {
    grammar::scan(text, ctx)
        .into_iter()
        .filter(|m| m.end <= skip.0 || m.start >= skip.1)
        .filter_map(|m| {
            let reading = m.reading.ok()?;
            matches!(reading.kind, Kind::Date | Kind::Duration).then_some(Found {
                start: m.start,
                end: m.end,
                reading,
            })
        })
        .collect()
}

/// Reads the qualifiers of a statement at `place`.
pub fn qualify(prose: &Prose, place: Place, ctx: &Context) -> Qualifiers {
    let sentence = prose.sentence(&prose.sentences[place.sentence]);
    let mentions = time_mentions(sentence, ctx, place.value);
    let speech = SPEECH_VERB.find(sentence).map(|m| Speech {
        verb: m.start(),
        trailing: m.start() > place.value.0,
    });
    let direct = is_direct(sentence, place.value);
    let telling = telling(sentence, &mentions);
    let stated = stated_date(prose, place, ctx, &mentions, &telling, speech, direct);
    let as_of = match stated {
        Some((reading, phrase)) => AsOf {
            days: Some(reading.value),
            stated: Some(phrase),
        },
        None => AsOf {
            days: ctx
                .published
                .and_then(grammar::day_number)
                .map(Interval::exact),
            stated: None,
        },
    };
    let frame = (!place.dated)
        .then(|| {
            frame(
                sentence,
                &mentions,
                &telling,
                speech,
                quotation(sentence, place.value),
                &as_of,
            )
        })
        .flatten();
    let according = ACCORDING_TO
        .captures(sentence)
        .and_then(|c| c.name("source"))
        .map(|m| m.as_str().to_owned());
    let attribution = (speech.is_some() || direct || according.is_some()).then(|| Attribution {
        speaker: speaker(prose, place).or(according),
        direct,
    });
    Qualifiers {
        frame,
        as_of,
        attribution,
    }
}

/// The quotation (between quotation marks) that holds the value, if any.
fn quotation(sentence: &str, value: (usize, usize)) -> Option<(usize, usize)> {
    let before = &sentence[..value.0];
    if before.matches('"').count() % 2 == 0 {
        return None;
    }
    let open = before.rfind('"')?;
    let close = sentence[value.1..]
        .find('"')
        .map_or(sentence.len(), |i| value.1 + i);
    Some((open, close))
}

/// True when the value stands in quotation marks or the sentence speaks in the first person.
fn is_direct(sentence: &str, value: (usize, usize)) -> bool {
    quotation(sentence, value).is_some() || FIRST_PERSON.is_match(sentence)
}

/// For each mention, true when it is a date that says when words were said rather than what
/// they count: a date right after a speech verb, past nothing but "on", "late", "early",
/// "last", "this" and the like ("said late Monday that", "said on Tuesday") and followed by
/// the clause of what was said or the sentence's end, or right before one ("the committee on
/// Thursday said"). A "that" ends the report of speech, so "said that in December ..." dates
/// the claim.
fn telling(sentence: &str, mentions: &[Found]) -> Vec<bool> {
    let verbs: Vec<(usize, usize)> = TELLING_VERB
        .find_iter(sentence)
        .map(|m| (m.start(), m.end()))
        .collect();
    mentions
        .iter()
        .map(|m| {
            m.reading.kind == Kind::Date
                && verbs.iter().any(|&(start, end)| {
                    (m.start >= end
                        && TELLING_AFTER.is_match(&sentence[end..m.start])
                        && TELLING_NEXT.is_match(&sentence[m.end..]))
                        || (m.end <= start && TELLING_BEFORE.is_match(&sentence[m.end..start]))
                })
        })
        .collect()
}

/// A date the context gives for when the words were said: one next to a speech verb (see
/// [`telling`]), one on the report's side of the speech verb in the sentence, or, for a
/// direct quotation, one in the window's earlier sentences. With its phrase: as written when
/// in the sentence, else its reading's text.
fn stated_date(
    prose: &Prose,
    place: Place,
    ctx: &Context,
    mentions: &[Found],
    telling: &[bool],
    speech: Option<Speech>,
    direct: bool,
) -> Option<(Reading, String)> {
    let sentence = prose.sentence(&prose.sentences[place.sentence]);
    let phrase = |f: &Found| {
        sentence
            .get(f.start..f.end)
            .map_or_else(|| f.reading.text.clone(), str::to_owned)
    };
    // A date next to a speech verb dates the telling, wherever the verb stands.
    if let Some(f) = mentions
        .iter()
        .zip(telling)
        .find_map(|(m, t)| t.then_some(m))
    {
        return Some((f.reading.clone(), phrase(f)));
    }
    if let Some(speech) = speech {
        let dates = mentions.iter().filter(|m| m.reading.kind == Kind::Date);
        let said = if speech.trailing {
            dates.clone().find(|m| m.start > speech.verb)
        } else {
            dates.clone().rfind(|m| m.end <= speech.verb)
        };
        if let Some(f) = said {
            return Some((f.reading.clone(), phrase(f)));
        }
    }
    if !direct {
        return None;
    }
    (place.window..place.sentence).rev().find_map(|s| {
        let text = prose.sentence(&prose.sentences[s]);
        time_mentions(text, ctx, (0, 0))
            .into_iter()
            .find(|m| m.reading.kind == Kind::Date)
            .map(|m| {
                let phrase = m.reading.text.clone();
                (m.reading, phrase)
            })
    })
}

/// The time frame: "since <date>", "over the past <duration>", "in recent years", or a
/// date after the speech verb ("in 2022", "last year").
fn frame(
    sentence: &str,
    mentions: &[Found],
    telling: &[bool],
    speech: Option<Speech>,
    quoted: Option<(usize, usize)>,
    as_of: &AsOf,
) -> Option<Frame> {
    // The dates of the telling are not the claim's.
    let mentions: Vec<&Found> = mentions
        .iter()
        .zip(telling)
        .filter(|(_, t)| !**t)
        .map(|(m, _)| m)
        .collect();
    let until = as_of.days.map_or(Bound::Unbounded, |d| d.high);
    // What comes before a speech verb says when the words were said, not what they count;
    // the quotation that holds the value is the speaker's own words, wherever it stands.
    let after_speech =
        |at: usize| Speech::in_claim(speech, at) || quoted.is_some_and(|(a, b)| a <= at && at < b);
    if let Some(since) = SINCE.find_iter(sentence).find(|m| after_speech(m.start())) {
        // The date grammar reads "since 2013" as one date, hedge and all: the date may
        // start at the "since" itself.
        if let Some(date) = mentions.iter().find(|m| {
            m.reading.kind == Kind::Date
                && m.start >= since.start()
                && m.start.saturating_sub(since.end()) <= 90
                && !sentence[since.end().min(m.start)..m.start].contains([';', '.'])
        }) {
            return Some(Frame {
                text: sentence[since.start()..date.end].to_owned(),
                days: Some(Interval {
                    low: date.reading.value.low,
                    high: until,
                }),
            });
        }
    }
    for m in mentions.iter().filter(|m| m.reading.kind == Kind::Duration) {
        if let Some(lead) = PAST
            .find(&sentence[..m.start])
            .filter(|l| after_speech(l.start()))
        {
            let seconds = m.reading.value.high.value().unwrap_or_default();
            let low = as_of
                .days
                .and_then(|d| d.low.value())
                .map_or(Bound::Unbounded, |d| {
                    Bound::Included(d - (seconds / Decimal::from(86_400)).floor())
                });
            return Some(Frame {
                text: sentence[lead.start()..m.end].to_owned(),
                days: Some(Interval { low, high: until }),
            });
        }
    }
    if let Some(recent) = RECENT.find_iter(sentence).find(|m| after_speech(m.start())) {
        return Some(Frame {
            text: recent.as_str().to_owned(),
            days: None,
        });
    }
    mentions
        .iter()
        .filter(|m| m.reading.kind == Kind::Date && after_speech(m.start))
        .map(|m| Frame {
            text: sentence[m.start..m.end].to_owned(),
            days: Some(m.reading.value),
        })
        .next()
}

/// The person quoted: named right before or after a speech verb in the sentence; when the
/// sentence has no speech verb (a bare quotation), in the window's earlier sentences, then
/// in the next sentence ("..., Xi said.").
fn speaker(prose: &Prose, place: Place) -> Option<String> {
    let named = |s: usize| {
        let text = prose.sentence(&prose.sentences[s]);
        let adjacent = SPEAKER.captures_iter(text).find_map(|c| {
            c.name("who")
                .or_else(|| c.name("after"))
                .and_then(|m| person(m.as_str()))
        });
        adjacent.or_else(|| {
            CLAUSE_SPEAKER
                .captures_iter(text)
                .find_map(|c| c.name("who").and_then(|m| person(m.as_str())))
        })
    };
    let own = prose.sentence(&prose.sentences[place.sentence]);
    if SPEECH_VERB.is_match(own) {
        return named(place.sentence);
    }
    let next = (place.sentence + 1 < prose.sentences.len()).then_some(place.sentence + 1);
    (place.window..place.sentence)
        .rev()
        .chain(next)
        .find_map(named)
}

/// A name without the capitalized function words that may lead it ("In", "The"), if any is left.
fn person(name: &str) -> Option<String> {
    let words: Vec<&str> = name
        .split_whitespace()
        .skip_while(|w| NOT_NAMES.contains(w))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

impl Qualifiers {
    /// The time frame, the date the statement speaks as of, and who is quoted, each as
    /// one phrase (`since 2012`, `said in 2019`, `quoting Xi`); the date is always there
    /// (`undated` when nothing gives one).
    pub fn phrases(&self) -> Phrases {
        let as_of = match (&self.as_of.stated, self.as_of.days) {
            (Some(stated), Some(days)) => {
                let date = as_date(days);
                if date.contains(stated.as_str()) {
                    format!("said in {stated}")
                } else {
                    format!("said {stated}, {date}")
                }
            }
            (Some(stated), None) => format!("said {stated}"),
            (None, Some(days)) => format!("as of {}", as_date(days)),
            (None, None) => "undated".to_owned(),
        };
        let attribution = self
            .attribution
            .as_ref()
            .map(|a| match (&a.speaker, a.direct) {
                (Some(who), true) => format!("quoting {who}"),
                (Some(who), false) => format!("reported from {who}"),
                (None, true) => "a quotation".to_owned(),
                (None, false) => "reported speech".to_owned(),
            });
        Phrases {
            frame: self.frame.as_ref().map(|f| f.text.clone()),
            as_of,
            attribution,
        }
    }
}

/// A statement's qualifiers, each worded as reports show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrases {
    /// The time frame, as the article puts it.
    pub frame: Option<String>,
    /// The date it speaks as of: `as of 2023-03-17`, `said in 2019`, `undated`.
    pub as_of: String,
    /// Who is quoted: `quoting Xi`, `reported from Vladimir Putin`.
    pub attribution: Option<String>,
}

impl fmt::Display for Qualifiers {
    /// `since 2012; as of 2023-03-17; quoting Xi`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = self.phrases();
        let parts: Vec<&str> = p
            .frame
            .iter()
            .chain([&p.as_of])
            .chain(&p.attribution)
            .map(String::as_str)
            .collect();
        f.write_str(&parts.join("; "))
    }
}

/// A span of days as the date grammar shows it.
fn as_date(days: Interval) -> String {
    Reading::days(days).range()
}
