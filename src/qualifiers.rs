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

/// Frames whose ends lie this close (in days) are the same frame.
pub(crate) const SAME_FRAME_DAYS: i64 = 31;

/// True when two statements speak of the same time frame: a vague or missing frame
/// matches any, two stated frames match when their ends lie within a month (a deadline,
/// with no start, by its end alone). When neither states a frame and `holds_for` (a
/// rule's, in days) says how long a statement holds, their dates must lie within that
/// time of each other.
pub fn same_frame(holds_for: Option<u32>, a: &Qualifiers, b: &Qualifiers) -> bool {
    let close = |x: Bound, y: Bound| match (x.value(), y.value()) {
        (Some(x), Some(y)) => (x - y).abs() <= Decimal::from(SAME_FRAME_DAYS),
        (None, None) => true,
        _ => false,
    };
    match (frame_days(a), frame_days(b)) {
        // A deadline ("by the end of next year") has no start: it is the frame that ends
        // when it ends.
        (Some(x), Some(y)) if x.low.value().is_none() || y.low.value().is_none() => {
            close(x.high, y.high)
        }
        (Some(x), Some(y)) => close(x.low, y.low) && close(x.high, y.high),
        (None, None) => holds_for.is_none_or(|days| {
            match (
                a.as_of.days.and_then(|d| d.low.value()),
                b.as_of.days.and_then(|d| d.low.value()),
            ) {
                (Some(x), Some(y)) => (x - y).abs() <= Decimal::from(days),
                _ => true,
            }
        }),
        _ => true,
    }
}

/// The days a statement's stated frame covers; `None` without a frame or for a vague one.
pub(crate) fn frame_days(q: &Qualifiers) -> Option<Interval> {
    q.frame.as_ref().and_then(|f| f.days)
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
static NEXT: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?-u:\b)(?:over|in|during|within)\s+the\s+(?:next|coming)\s+$"));
static PAST_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?:over|in|during|within)\s+the\s+(?:past|last|previous)\s+(?P<unit>week|fortnight|month|quarter|year|decade)(?-u:\b)",
    )
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

/// Words of the first person. Case matters: "us" is a pronoun, "US" a country; "I" alone.
static FIRST_PERSON: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?-u:\b)(?:[Ww]e|[Ww]e've|[Ww]e're|I|I've|I'm|[Oo]ur|us|[Mm]y|me)(?-u:\b)")
});
/// What follows "our" when the newspaper speaks of itself: "Our reporter counted ...".
static NEWSROOM: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s+(?:own\s+)?(?:reporters?|correspondents?|staff|team|newspaper|paper|readers|analysis|calculations|count|survey|poll|investigation|sources)(?-u:\b)",
    )
});

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
    grammar::scan_for(text, ctx, &[Kind::Date, Kind::Duration])
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
                place.value,
            )
        })
        .flatten();
    let according = ACCORDING_TO.is_match(sentence);
    let attribution = (speech.is_some() || direct || according).then(|| Attribution {
        speaker: speaker(prose, place, direct),
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

/// True when the value stands in quotation marks or the sentence speaks in the first person
/// (not the newspaper's "our reporter", not "World War I").
fn is_direct(sentence: &str, value: (usize, usize)) -> bool {
    quotation(sentence, value).is_some()
        || FIRST_PERSON.find_iter(sentence).any(|m| {
            let word = m.as_str();
            let after = &sentence[m.end()..];
            let before = sentence[..m.start()].trim_end();
            if word.eq_ignore_ascii_case("our") {
                return !NEWSROOM.is_match(after);
            }
            if word == "I" {
                // "World War I", "Phase I": a numeral after a name.
                let previous = before.rsplit(char::is_whitespace).next().unwrap_or("");
                return ![
                    "War", "Phase", "Stage", "Class", "Type", "Part", "Chapter", "Title",
                    "Article", "Section", "Level", "Round", "Division", "League", "Category",
                ]
                .contains(&previous);
            }
            true
        })
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
/// [`telling`]), one on the report's side of the speech verb in the sentence (not in a
/// relative clause), or, for a direct quotation, one in the window's earlier sentences of
/// the same paragraph. With its phrase: as written when
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
        // Not a date in a relative clause: "McKay, who joined the force in 1996, said".
        let in_relative = |m: &Found| {
            let clause = sentence[..m.start].rfind(',').map_or(0, |i| i + 1);
            RELATIVE.is_match(&sentence[clause..m.start])
        };
        let dates = mentions
            .iter()
            .filter(|m| m.reading.kind == Kind::Date && !in_relative(m));
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
    // Never from another paragraph.
    let paragraph = prose.sentences[place.sentence].paragraph;
    (place.window..place.sentence)
        .rev()
        .filter(|&s| prose.sentences[s].paragraph == paragraph)
        .find_map(|s| {
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
    value: (usize, usize),
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
    if let Some(since) = SINCE
        .find_iter(sentence)
        .find(|m| after_speech(m.start()) && frame_phrase(sentence, value, m.start(), m.end()))
    {
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
            .filter(|l| after_speech(l.start()) && frame_phrase(sentence, value, l.start(), m.end))
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
        if let Some(lead) = NEXT
            .find(&sentence[..m.start])
            .filter(|l| after_speech(l.start()) && frame_phrase(sentence, value, l.start(), m.end))
        {
            // "over the next five years": from the date it speaks as of, forward.
            let Some(seconds) = m.reading.value.high.value() else {
                continue;
            };
            let high = as_of
                .days
                .and_then(|d| d.high.value())
                .map_or(Bound::Unbounded, |d| {
                    Bound::Included(d + (seconds / Decimal::from(86_400)).floor())
                });
            return Some(Frame {
                text: sentence[lead.start()..m.end].to_owned(),
                days: Some(Interval {
                    low: as_of.days.map_or(Bound::Unbounded, |d| d.low),
                    high,
                }),
            });
        }
    }
    // "over the past decade", "in the past week": a unit without a number, which the
    // date grammar leaves alone when periods are not dates.
    if let Some(c) = PAST_UNIT.captures_iter(sentence).find(|c| {
        let whole = c.get(0).map_or((0, 0), |w| (w.start(), w.end()));
        after_speech(whole.0)
            && !mentions
                .iter()
                .any(|m| m.start < whole.1 && whole.0 < m.end)
            && frame_phrase(sentence, value, whole.0, whole.1)
    }) {
        let whole = c.get(0).map_or((0, 0), |w| (w.start(), w.end()));
        let length = match c.name("unit").map(|u| u.as_str().to_ascii_lowercase()) {
            Some(u) if u == "week" => Decimal::from(7),
            Some(u) if u == "fortnight" => Decimal::from(14),
            Some(u) if u == "month" => Decimal::from(30),
            Some(u) if u == "quarter" => Decimal::from(91),
            Some(u) if u == "decade" => Decimal::from(3652),
            _ => Decimal::from(365),
        };
        let low = as_of
            .days
            .and_then(|d| d.low.value())
            .map_or(Bound::Unbounded, |d| Bound::Included(d - length));
        return Some(Frame {
            text: sentence[whole.0..whole.1].to_owned(),
            days: Some(Interval { low, high: until }),
        });
    }
    if let Some(recent) = RECENT.find_iter(sentence).find(|m| after_speech(m.start())) {
        return Some(Frame {
            text: recent.as_str().to_owned(),
            days: None,
        });
    }
    mentions
        .iter()
        .filter(|m| {
            m.reading.kind == Kind::Date
                && after_speech(m.start)
                && dated_frame(sentence, m.start)
                && frame_phrase(sentence, value, m.start, m.end)
        })
        .map(|m| Frame {
            text: sentence[m.start..m.end].to_owned(),
            days: Some(m.reading.value),
        })
        .next()
}

/// Words that start a clause of their own inside a sentence: a phrase in one says
/// nothing of the value's period ("the mayor, who was elected in 2018, said ...").
static RELATIVE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?-u:\b)(?:which|who|whom|whose|where|and\s+that|but)(?-u:\b)|[;]"));
/// A word right before a frame phrase that ties the phrase to a noun rather than to the
/// value: a participle ("laws passed in 1993", "a plan approved in 2011"), a superlative
/// ("the highest since 1998"), or a noun's "of" ("the Act of 2012"), past at most a
/// capitalized name ("approved by the Senate in 2011"): "rounds of talks since 2013" is
/// not tied.
static TIED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:(?-u:\b)(?:(?P<verb>[a-z]+ed|built|set\s+up|held|made|begun|began|won|met|run|written|cited)|highest|lowest|most|least|largest|biggest|smallest|best|worst|first|of)\s+(?:(?:in|on|during|since|at|by|for)\s+)?(?:the\s+)?(?-i:[A-Z][a-z]+\s+)?(?:in\s+)?)$",
    )
});
/// An auxiliary (and an adverb) right before a verb: "had been", "were", "would still".
static AUXILIARY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?:is|are|was|were|be|been|being|has|have|had|will|would|could|should|can|may|might|must)(?:\s+(?:still|also|already|now|not|just|all|only))?\s+$",
    )
});
/// "that" as a word.
static THAT: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)(?-u:\b)that(?-u:\b)"));
/// The word that opens a clause: "..., but in 2022 it hit", "said that in 2022 ...".
static CLAUSE_START: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?-u:\b)(?:that|but|and|yet|while|whereas|although|though)$"));
/// Prepositions of time: what may stand right before a date that frames the value, or
/// start a date mention that does ("between 2021 and 2023", "over the past four years").
const TIME_PREPOSITIONS: &str =
    "in|during|throughout|for|on|by|between|from|until|through|over|within|since";
/// A preposition of time right before a date.
static DATE_LEAD: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"(?i)(?-u:\b)(?:{TIME_PREPOSITIONS})\s+$")));
/// A date mention that starts with its own preposition of time.
static LED_DATE: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"(?i)^(?:{TIME_PREPOSITIONS})\s")));

/// True when the phrase at `start..end` frames the value: not in another clause (a relative
/// clause, an apposition, the next clause of a list of claims), and not tied to a noun by
/// the word before it. A phrase before the value must start the sentence or a clause.
fn frame_phrase(sentence: &str, value: (usize, usize), start: usize, end: usize) -> bool {
    let before = tail(sentence, start, 40);
    if let Some(tied) = TIED.captures(before) {
        // A verb after the value is the value's own ("18 cranes had been installed since
        // 2021", "6 clinics closed in 2020"), not a participle tying the phrase to another
        // noun ("a stadium built in 1990").
        let own = tied.name("verb").is_some_and(|verb| {
            let at = start - before.len() + verb.start();
            at >= value.1 && {
                let between = &sentence[value.1..at];
                !between.contains(',')
                    && !RELATIVE.is_match(between)
                    && !THAT.is_match(between)
                    && (between.split_whitespace().count() <= 2 || AUXILIARY.is_match(between))
            }
        });
        if !own {
            return false;
        }
    }
    if start >= value.1 {
        let between = &sentence[value.1..start];
        !RELATIVE.is_match(between) && !between.contains(',')
    } else {
        let between = &sentence[end.min(value.0)..value.0];
        // The phrase starts at its preposition: "In 2022, trade ... reached".
        let lead = DATE_LEAD
            .find(tail(sentence, start, 12))
            .map_or(0, |m| m.as_str().len());
        let before = sentence[..start - lead].trim_end();
        let starts_clause = before.is_empty()
            || before.ends_with([',', ':', '"', '\u{201c}'])
            || CLAUSE_START.is_match(before);
        starts_clause && !RELATIVE.is_match(between)
    }
}

/// True when a date mention can frame a value: a relative date ("last year", "this
/// month"), a date after a preposition of time ("in 2022", "by 2026"), or one the grammar
/// reads with its own preposition ("between 2021 and 2023", "over the past four years").
fn dated_frame(sentence: &str, start: usize) -> bool {
    let rest = sentence[start..].to_ascii_lowercase();
    [
        "last ",
        "this ",
        "next ",
        "so far",
        "earlier this",
        "the past",
    ]
    .iter()
    .any(|p| rest.starts_with(p))
        || LED_DATE.is_match(&rest)
        || DATE_LEAD.is_match(tail(sentence, start, 12))
}

/// At most the last `n` bytes of `text[..at]`, cut at a character boundary.
fn tail(text: &str, at: usize, n: usize) -> &str {
    let mut from = at.saturating_sub(n);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    &text[from..at]
}

/// The person or body quoted: the subject of the speech verb that reports the statement
/// ("Lavrov said", "the ministry said", "said Maria Zakharova"), or the source named with
/// "according to" when it is a person or body (not "the report", "court records"). A
/// pronoun ("he said") or a bare quotation (or first-person words without quotation marks)
/// takes the speaker named with a speech verb in
/// the sentences just before it in the same paragraph (a bare quotation also the next
/// sentence's). Never from another paragraph; `None` rather than a guess.
fn speaker(prose: &Prose, place: Place, direct: bool) -> Option<String> {
    let own = prose.sentence(&prose.sentences[place.sentence]);
    let paragraph = prose.sentences[place.sentence].paragraph;
    let same_paragraph = |s: &usize| prose.sentences[*s].paragraph == paragraph;
    let earlier = || {
        (place.sentence.saturating_sub(2)..place.sentence)
            .rev()
            .filter(same_paragraph)
            .find_map(|s| {
                let text = prose.sentence(&prose.sentences[s]);
                SPEECH_VERB
                    .find_iter(text)
                    .find_map(|v| subject(text, v.start(), v.end()).filter(|w| w.named))
                    .map(|w| w.text)
            })
    };
    let verbs: Vec<regex::Match> = SPEECH_VERB.find_iter(own).collect();
    if !verbs.is_empty() {
        // The verb that reports the value: the first after it, else the last before it.
        let verb = verbs
            .iter()
            .find(|v| v.start() >= place.value.1)
            .or_else(|| verbs.iter().rev().find(|v| v.end() <= place.value.0))
            .or(verbs.first())?;
        let who = subject(own, verb.start(), verb.end())?;
        return if who.pronoun {
            earlier()
        } else {
            Some(who.text)
        };
    }
    if let Some(source) = ACCORDING_TO.captures(own).and_then(|c| c.name("source")) {
        return body_or_name(source.as_str());
    }
    // Someone's own words: in quotation marks, or in the first person without them
    // ("Over the past six years, we have met nearly 30 times.").
    if !direct {
        return None;
    }
    earlier().or_else(|| {
        let next = place.sentence + 1;
        (next < prose.sentences.len() && same_paragraph(&next))
            .then(|| {
                let text = prose.sentence(&prose.sentences[next]);
                SPEECH_VERB
                    .find_iter(text)
                    .find_map(|v| subject(text, v.start(), v.end()).filter(|w| w.named))
                    .map(|w| w.text)
            })
            .flatten()
    })
}

/// Who a speech verb names.
struct Who {
    text: String,
    /// A proper name rather than a common noun ("the ministry").
    named: bool,
    /// "he", "she", "they", "it": someone named elsewhere.
    pronoun: bool,
}

/// Nouns for people and bodies that speak without a name: "the ministry said", "a
/// spokesman said", "officials said".
const BODIES: &[&str] = &[
    "ministry",
    "government",
    "agency",
    "board",
    "council",
    "office",
    "union",
    "company",
    "firm",
    "bank",
    "police",
    "official",
    "officials",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "authorities",
    "authority",
    "department",
    "regulator",
    "operator",
    "trust",
    "ombudsman",
    "organisers",
    "organizers",
    "critics",
    "prosecutors",
    "investigators",
    "observers",
    "analysts",
    "groups",
    "group",
    "fund",
    "committee",
    "commission",
    "court",
    "army",
    "military",
    "director",
    "minister",
    "governor",
    "mayor",
    "skipper",
    "volunteer",
    "residents",
    "experts",
    "economists",
    "lawmakers",
    "diplomats",
    "sources",
    "inquiry",
    "panel",
    "embassy",
    "ministries",
    "witnesses",
    "doctors",
    "nurses",
];
/// Heads of names that name a plan or a text, not someone who speaks.
const NOT_SPEAKERS: &[&str] = &[
    "Programme",
    "Program",
    "Plan",
    "Act",
    "Law",
    "Scheme",
    "Initiative",
    "Project",
    "Strategy",
    "Treaty",
    "Agreement",
    "Accord",
    "Policy",
    "Bill",
    "Code",
    "Report",
    "Data",
    "Survey",
    "Census",
    "Index",
];
/// Lower-case words inside a name: "Ursula von der Leyen", "Ministry of Water Resources".
const PARTICLES: &[&str] = &[
    "von", "van", "der", "den", "de", "la", "le", "du", "dos", "das", "da", "di", "del", "bin",
    "ibn", "al", "of", "for", "and", "in", "the",
];

fn is_capital(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// The subject of the speech verb at `start..end` of `text`: the words right before it
/// (past an apposition between commas: "Amina Yusuf, who heads the office, said"), or,
/// for an inverted report (", said Maria Zakharova"), the name right after it.
fn subject(text: &str, start: usize, end: usize) -> Option<Who> {
    let before = text[..start].trim_end();
    let before = before
        .strip_suffix(" now")
        .or_else(|| before.strip_suffix(" also"))
        .unwrap_or(before);
    let inverted = before.is_empty() || before.ends_with([',', '"', ':', ';']);
    if inverted {
        let after = text[end..].trim_start();
        let after = after
            .strip_prefix("the ")
            .and_then(|rest| {
                // "said the board's lawyer, Henrik Moe"
                let comma = rest.find(", ")?;
                (!rest[..comma].contains(['"', '.'])).then(|| &rest[comma + 2..])
            })
            .unwrap_or(after);
        let words: Vec<&str> = after
            .split_whitespace()
            .take(8)
            .map(|w| {
                if is_initial(w) {
                    w
                } else {
                    w.trim_end_matches([',', '.', ';', ':', '"'])
                }
            })
            .collect();
        let mut name = Vec::new();
        for (i, w) in words.iter().enumerate() {
            if is_capital(w)
                || (!name.is_empty()
                    && PARTICLES.contains(w)
                    && words.get(i + 1).is_some_and(|n| is_capital(n)))
            {
                name.push(*w);
                if after.split_whitespace().nth(i).is_some_and(|raw| {
                    raw.ends_with([',', ';', ':', '"']) || (raw.ends_with('.') && !is_initial(raw))
                }) {
                    break;
                }
            } else {
                break;
            }
        }
        return person(&name.join(" ")).and_then(|n| named(&n));
    }
    // "Vladimir Putin called Xi a friend and said": the name that starts the clause.
    if let Some(clause) = before.strip_suffix(" and") {
        let clause = clause.rsplit([',', ';', ':']).next().unwrap_or(clause);
        let words: Vec<&str> = clause
            .split_whitespace()
            .skip_while(|w| NOT_NAMES.contains(w))
            .take_while(|w| is_capital(w) || is_initial(w))
            .collect();
        return (!words.is_empty() && words.len() <= 5)
            .then(|| named(&words.join(" ")))
            .flatten();
    }
    // "Name, apposition, said": the name before the first comma, or the apposition.
    if let Some(inner) = before.strip_suffix(',') {
        if let Some(comma) = inner.rfind(", ") {
            let apposition = &inner[comma + 2..];
            if apposition.len() <= 80 && !apposition.contains('"') {
                let head = &inner[..comma];
                if let Some(who) = phrase_before(head) {
                    if who.named || who.pronoun {
                        return Some(who);
                    }
                }
                if let Some(who) = person(apposition).and_then(|a| named(&a)) {
                    if apposition
                        .split_whitespace()
                        .all(|w| is_capital(w) || PARTICLES.contains(&w))
                    {
                        return Some(who);
                    }
                }
                return phrase_before(head);
            }
        }
        return None;
    }
    phrase_before(before)
}

/// A capitalized name as a speaker, unless it names a plan or a text.
fn named(name: &str) -> Option<Who> {
    let last = name.split_whitespace().last()?;
    (!NOT_SPEAKERS.contains(&last)).then(|| Who {
        text: name.to_owned(),
        named: true,
        pronoun: false,
    })
}

/// The person or body that `text` ends with: a capitalized name ("Foreign Minister Sergei
/// Lavrov", "Ursula von der Leyen", "J. R. Okafor"), or a body noun with its modifiers ("the
/// interior ministry", "Holm's ministry"), or a pronoun. At most eight words back.
fn phrase_before(text: &str) -> Option<Who> {
    let words: Vec<&str> = text.split_whitespace().rev().take(8).collect();
    let last = *words.first()?;
    if ["he", "she", "they", "it", "He", "She", "They", "It"].contains(&last) {
        return Some(Who {
            text: last.to_owned(),
            named: false,
            pronoun: true,
        });
    }
    if last.ends_with([',', ';', ':', '"', '.']) && !is_initial(last) {
        return None;
    }
    let mut taken: Vec<&str> = Vec::new();
    if BODIES.contains(&last.to_lowercase().as_str()) && !is_capital(last)
        || last == "Police"
        || last == "Officials"
        || last == "Critics"
    {
        // A body: its lower-case modifiers, then an optional possessive or name.
        taken.push(last);
        for w in &words[1..] {
            if w.ends_with([',', ';', ':', '"']) {
                break;
            }
            if is_capital(w) && !NOT_NAMES.contains(w) {
                taken.push(w);
                continue;
            }
            if taken.iter().any(|t| is_capital(t)) {
                break;
            }
            if w.chars().all(|c| c.is_lowercase() || c == '\'' || c == '-')
                && ![
                    "the", "a", "an", "of", "in", "at", "for", "from", "by", "and", "that", "with",
                    "on", "to",
                ]
                .contains(w)
            {
                taken.push(w);
                continue;
            }
            break;
        }
        // Capitalized words that stand before a body noun must be a possessive or a name
        // ("Holm's ministry", "Saudi officials"), not a place joined by a preposition.
        taken.reverse();
        let text = taken
            .iter()
            .skip_while(|w| NOT_NAMES.contains(w))
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        return (!text.is_empty()).then_some(Who {
            text,
            named: false,
            pronoun: false,
        });
    }
    // A name: capitalized words and initials, with particles between them.
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        if w.ends_with([',', ';', ':', '"']) || (i > 0 && w.ends_with('.') && !is_initial(w)) {
            break;
        }
        let particle = PARTICLES.contains(&w)
            && i + 1 < words.len()
            && (is_capital(words[i + 1]) || PARTICLES.contains(&words[i + 1]))
            && !taken.is_empty();
        if !(is_capital(w) || particle) {
            break;
        }
        taken.push(w);
        i += 1;
    }
    while taken.last().is_some_and(|w| PARTICLES.contains(w)) {
        taken.pop();
    }
    if taken.is_empty() {
        return None;
    }
    // A name after a preposition names a place or an employer ("a skipper in Vardo"), not
    // the speaker.
    let consumed = taken.len();
    if let Some(prev) = words.get(consumed) {
        if ["in", "at", "from", "near", "for", "with", "on", "to", "by"].contains(prev) {
            return None;
        }
    }
    taken.reverse();
    person(&taken.join(" ")).and_then(|n| named(&n))
}

fn is_initial(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    word.ends_with('.')
        && (w.chars().count() == 1 || ["Dr", "Mr", "Ms", "Mrs", "Prof", "St"].contains(&w))
        && is_capital(w)
}

/// The source named with "according to", when it is a person or a body.
fn body_or_name(source: &str) -> Option<String> {
    const TEXTS: &[&str] = &[
        "documents",
        "report",
        "records",
        "figures",
        "data",
        "survey",
        "estimates",
        "statistics",
        "study",
        "census",
        " by ",
    ];
    if TEXTS.iter().any(|t| source.contains(t)) {
        return None;
    }
    let who = phrase_before(source.trim())?;
    (!who.pronoun).then_some(who.text)
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

/// A name without the capitalized function words that may lead it ("In", "The"), if any is left.
fn person(name: &str) -> Option<String> {
    let words: Vec<&str> = name
        .split_whitespace()
        .skip_while(|w| NOT_NAMES.contains(w))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}
