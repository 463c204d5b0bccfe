//! Numbers as news copy writes them: `1,200`, `1.5 million`, `thirty-nine`,
//! `two hundred and fifty`, `a dozen`, `dozens`.
//!
//! [`fragment`] is the regex source that matches one number; [`parse`] reads what it matched.

use super::GrammarError;

/// Zero to nineteen, longest spellings first so that `nineteen` wins over `nine`.
const UNITS: &[(&str, u32)] = &[
    ("seventeen", 17),
    ("thirteen", 13),
    ("fourteen", 14),
    ("eighteen", 18),
    ("nineteen", 19),
    ("fifteen", 15),
    ("sixteen", 16),
    ("eleven", 11),
    ("twelve", 12),
    ("seven", 7),
    ("three", 3),
    ("eight", 8),
    ("zero", 0),
    ("four", 4),
    ("five", 5),
    ("nine", 9),
    ("one", 1),
    ("two", 2),
    ("six", 6),
    ("ten", 10),
];

/// The tens from twenty.
const TENS: &[(&str, u32)] = &[
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];

/// Scale words that multiply what precedes them.
const SCALES: &[(&str, f64)] = &[
    ("hundred", 1e2),
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
];

/// Short scale forms, used with money: `$5bn`, `€30m`, `£2k`.
pub(crate) const SHORT_SCALES: &[(&str, f64)] = &[
    ("k", 1e3),
    ("m", 1e6),
    ("mn", 1e6),
    ("mln", 1e6),
    ("b", 1e9),
    ("bn", 1e9),
    ("bln", 1e9),
    ("tn", 1e12),
    ("trn", 1e12),
];

/// Vague plurals ("dozens of times") and the range each is read as.
///
/// Each runs from two of the unit up to just below two of the next plural, so that
/// "dozens" and "hundreds" do not overlap.
const PLURALS: &[(&str, f64, f64)] = &[
    ("hundreds of thousands", 2e5, 2e6 - 1.0),
    ("hundreds of millions", 2e8, 2e9 - 1.0),
    ("hundreds of billions", 2e11, 2e12 - 1.0),
    ("tens of thousands", 2e4, 2e5 - 1.0),
    ("tens of millions", 2e7, 2e8 - 1.0),
    ("tens of billions", 2e10, 2e11 - 1.0),
    ("dozens", 24.0, 199.0),
    ("scores", 40.0, 199.0),
    ("hundreds", 200.0, 1999.0),
    ("thousands", 2000.0, 2e4 - 1.0),
    ("millions", 2e6, 2e7 - 1.0),
    ("billions", 2e9, 2e10 - 1.0),
];

/// The largest magnitude any number may have; beyond it `f64` stops counting in units.
pub(crate) const MAX: f64 = 1e15;

/// A number as stated: a single value, or a range for vague plurals like "dozens".
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Amount {
    /// The smallest value meant.
    pub low: f64,
    /// The largest value meant (equal to `low` for a plain number).
    pub high: f64,
    /// The scale word written after the number (`1e6` for "million"), 1 if none; a range
    /// like "30 to 40 million" lends it to its bare low end.
    pub scale: f64,
    /// Why a vague amount was read as it was.
    pub note: Option<String>,
}

impl Amount {
    /// A plain number.
    pub fn exact(v: f64) -> Amount {
        Amount {
            low: v,
            high: v,
            scale: 1.0,
            note: None,
        }
    }

    /// This amount multiplied by `factor`.
    pub fn times(self, factor: f64) -> Amount {
        Amount {
            low: self.low * factor,
            high: self.high * factor,
            ..self
        }
    }
}

/// `a|b|c` of the given words, longest first.
fn alternation<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let mut words: Vec<&str> = words.collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words.join("|")
}

/// Regex source for 0..99 in words: `seven`, `seventeen`, `thirty-nine`, `thirty nine`.
pub(crate) fn small_words() -> String {
    let tens = alternation(TENS.iter().map(|t| t.0));
    let ones = alternation(UNITS.iter().filter(|u| (1..10).contains(&u.1)).map(|u| u.0));
    let all_units = alternation(UNITS.iter().map(|u| u.0));
    format!("(?:(?:{tens})(?:(?:-|\\s+)(?:{ones}))?|{all_units})")
}

/// Regex source for a number in words: number words and scale words in a row
/// (`two hundred and fifty thousand`, `thirty-nine`, `a million`). "and" may follow only a
/// scale word, so `thirty and forty` is two numbers; [`spelled`] checks the order.
fn word_number() -> String {
    let one = alternation(UNITS.iter().chain(TENS).map(|u| u.0));
    let scale = "(?:hundred|thousand|million|billion|trillion)";
    format!("(?:(?:{one})|a\\s+{scale})(?:,?\\s+{scale}(?:\\s+and)?|(?:-|\\s+)(?:{one}))*")
}

/// Regex source for digits: `7`, `1,200`, `1.5`, optionally followed by a scale word.
pub(crate) fn digits() -> &'static str {
    "(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\\.[0-9]+)?(?-u:\\b)"
}

/// Regex source for digits with a short scale, as money is written: `5bn`, `1.5 m`, `30k`.
/// It has no word boundary in front: it follows a currency symbol or code.
pub(crate) fn short_scaled() -> String {
    let shorts = alternation(SHORT_SCALES.iter().map(|s| s.0));
    format!("(?:[0-9]{{1,3}}(?:,[0-9]{{3}})+|[0-9]+)(?:\\.[0-9]+)?\\s?(?:{shorts})(?-u:\\b)")
}

/// Regex source for the scale words that may follow digits.
fn digit_scale() -> &'static str {
    "(?:\\s+(?:thousand|million|billion|trillion)(?-u:\\b))?"
}

/// Regex source for dozens: `a dozen`, `half a dozen`, `two dozen`, `3 dozen`.
fn dozen() -> String {
    let small = small_words();
    format!("(?:half\\s+a|a|{small}|[0-9]+)\\s+dozen")
}

/// Regex source for vague plurals: `dozens`, `tens of thousands`.
fn plurals() -> String {
    alternation(PLURALS.iter().map(|p| p.0)).replace(' ', "\\s+")
}

/// Regex source (no capture groups) matching one whole number, on word boundaries.
pub(crate) fn fragment() -> String {
    format!("(?-u:\\b){}", unanchored())
}

/// [`fragment`] without the word boundary in front, for numbers glued to a currency code
/// (`RMB1.28 trillion`).
pub(crate) fn unanchored() -> String {
    format!(
        "(?:{dozen}|(?:{plurals})|{digits}{scale}|{words})(?-u:\\b)",
        dozen = dozen(),
        plurals = plurals(),
        digits = digits(),
        scale = digit_scale(),
        words = word_number(),
    )
}

/// Reads a number that [`fragment`] matched (any case, any spacing).
pub(crate) fn parse(text: &str) -> Result<Amount, GrammarError> {
    let lower = text.trim().to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .collect();
    let joined = words.join(" ");
    if let Some(&(name, low, high)) = PLURALS.iter().find(|p| p.0 == joined) {
        return Ok(Amount {
            low,
            high,
            scale: 1.0,
            note: Some(format!("\"{name}\" read as {low}..{high}")),
        });
    }
    let amount = match words.split_last() {
        Some((&"dozen", head)) => dozens(head, text)?,
        _ if lower.starts_with(|c: char| c.is_ascii_digit()) => scaled_digits(&words, text)?,
        _ => Amount {
            scale: words.last().map_or(1.0, |w| big_scale(w)),
            ..Amount::exact(spelled(&words, text)?)
        },
    };
    if amount.high.abs() > MAX {
        return Err(GrammarError::TooLarge(text.to_string()));
    }
    Ok(amount)
}

/// `half a dozen`, `a dozen`, `two dozen`.
fn dozens(head: &[&str], text: &str) -> Result<Amount, GrammarError> {
    let n = match head {
        ["half", "a"] => 0.5,
        ["a"] => 1.0,
        [] => return Err(not_a_number(text)),
        _ if head[0].starts_with(|c: char| c.is_ascii_digit()) => digit_value(head[0], text)?,
        _ => spelled(head, text)?,
    };
    Ok(Amount::exact(n * 12.0))
}

/// `1,200`, `1.5 million`, `1.5bn`.
fn scaled_digits(words: &[&str], text: &str) -> Result<Amount, GrammarError> {
    let (number, scale) = match words {
        [n] => match n.find(|c: char| c.is_alphabetic()) {
            Some(i) => (&n[..i], Some(&n[i..])),
            None => (*n, None),
        },
        [n, scale] => (*n, Some(*scale)),
        _ => return Err(not_a_number(text)),
    };
    let scale = match scale {
        Some(word) => scale_value(word).ok_or_else(|| not_a_number(text))?,
        None => 1.0,
    };
    Ok(Amount {
        scale,
        ..Amount::exact(digit_value(number, text)? * scale)
    })
}

/// The value of a digit string with optional thousands separators and decimals.
pub(crate) fn digit_value(digits: &str, text: &str) -> Result<f64, GrammarError> {
    let plain: String = digits.chars().filter(|&c| c != ',').collect();
    if plain.len() > 20 {
        return Err(GrammarError::TooLarge(text.to_string()));
    }
    match plain.parse::<f64>() {
        Ok(v) if v.is_finite() && v <= MAX => Ok(v),
        Ok(_) => Err(GrammarError::TooLarge(text.to_string())),
        Err(_) => Err(not_a_number(text)),
    }
}

/// The multiplier of a scale word or its short form (`bn`, `m`, `k`).
pub(crate) fn scale_value(word: &str) -> Option<f64> {
    SCALES
        .iter()
        .chain(SHORT_SCALES)
        .find(|s| s.0 == word)
        .map(|s| s.1)
}

/// The multiplier of a final thousand/million/billion/trillion, else 1.
fn big_scale(word: &str) -> f64 {
    SCALES
        .iter()
        .find(|s| s.0 == word && s.1 >= 1e3)
        .map_or(1.0, |s| s.1)
}

/// What the previous word of a spelled number was.
#[derive(Clone, Copy, PartialEq)]
enum Word {
    /// Nothing yet.
    Start,
    /// "a" before a scale word.
    A,
    /// A tens word ("thirty") that a unit may still join.
    Tens,
    /// Any other number word below a hundred.
    Small,
    /// hundred, thousand, million, ...
    Scale,
    /// "and" after a scale word.
    And,
}

/// The value of a number in words: `two hundred and fifty thousand`; an error when the
/// words are not in an order that spells one number ("five six", "thirty and forty").
pub(crate) fn spelled(words: &[&str], text: &str) -> Result<f64, GrammarError> {
    let (mut total, mut current, mut last) = (0.0_f64, 0.0_f64, Word::Start);
    for &word in words {
        let word = word.trim_end_matches(',');
        last = match (last, word, small_value(word)) {
            (Word::Start, "a", _) => Word::A,
            (Word::Tens, _, Some(v)) if (1.0..10.0).contains(&v) => {
                current += v;
                Word::Small
            }
            (Word::Start | Word::Scale | Word::And, _, Some(v)) => {
                current += v;
                if v >= 20.0 && v % 10.0 == 0.0 {
                    Word::Tens
                } else {
                    Word::Small
                }
            }
            (Word::A | Word::Tens | Word::Small, "hundred", _) => {
                current = current.max(1.0) * 100.0;
                Word::Scale
            }
            (Word::A | Word::Tens | Word::Small | Word::Scale, _, None)
                if big_scale(word) > 1.0 =>
            {
                total += current.max(1.0) * big_scale(word);
                current = 0.0;
                Word::Scale
            }
            (Word::Scale, "and", _) => Word::And,
            _ => return Err(not_a_number(text)),
        };
    }
    match last {
        Word::Start | Word::A => Err(not_a_number(text)),
        _ => Ok(total + current),
    }
}

/// The value of one word from zero to ninety.
fn small_value(word: &str) -> Option<f64> {
    UNITS
        .iter()
        .chain(TENS)
        .find(|u| u.0 == word)
        .map(|u| f64::from(u.1))
}

/// The error for text that is not a number.
fn not_a_number(text: &str) -> GrammarError {
    GrammarError::NotA(text.to_string(), "number")
}
