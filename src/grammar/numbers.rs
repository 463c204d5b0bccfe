//! Numbers as news copy writes them: `1,200`, `1.5 million`, `thirty-nine`,
//! `two hundred and fifty`, `a dozen`, `dozens`, `half a million`, `two and a half
//! million`, `2½`, `minus 0.5`, `-1`, `10k`, `80-plus`.
//!
//! [`fragment`] is the regex source that matches one number; [`parse`] reads what it
//! matched, in exact decimals.

use rust_decimal::Decimal;

use super::interval::int;
use super::GrammarError;

/// Zero to nineteen, longest spellings first so that `nineteen` wins over `nine`.
pub(crate) const UNITS: &[(&str, u32)] = &[
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
pub(crate) const TENS: &[(&str, u32)] = &[
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];

/// Scale words that multiply what precedes them, as powers of ten.
pub(crate) const SCALES: &[(&str, u32)] = &[
    ("hundred", 2),
    ("thousand", 3),
    ("million", 6),
    ("billion", 9),
    ("trillion", 12),
];

/// Short scale forms: `$5bn`, `€30m`, `£2k`, and for counts `10k`, `2.5m`.
pub(crate) const SHORT_SCALES: &[(&str, u32)] = &[
    ("k", 3),
    ("m", 6),
    ("mn", 6),
    ("mln", 6),
    ("b", 9),
    ("bn", 9),
    ("bln", 9),
    ("tn", 12),
    ("trn", 12),
];

/// Fraction words: the denominator each names (singular and plural).
pub(crate) const PARTS: &[(&str, u32)] = &[
    ("halves", 2),
    ("half", 2),
    ("thirds", 3),
    ("third", 3),
    ("quarters", 4),
    ("quarter", 4),
    ("fifths", 5),
    ("fifth", 5),
    ("tenths", 10),
    ("tenth", 10),
];

/// Fraction characters written after digits: `2½`.
pub(crate) const VULGAR: &[(char, u32, u32)] =
    &[('½', 1, 2), ('¼', 1, 4), ('¾', 3, 4), ('⅓', 1, 3)];

/// Vague plurals ("dozens of times") and the range each is read as.
///
/// Each runs from two of the unit up to just below two of the next plural, so that
/// "dozens" and "hundreds" do not overlap.
pub(crate) const PLURALS: &[(&str, i64, i64)] = &[
    ("hundreds of thousands", 200_000, 1_999_999),
    ("hundreds of millions", 200_000_000, 1_999_999_999),
    ("hundreds of billions", 200_000_000_000, 1_999_999_999_999),
    ("tens of thousands", 20_000, 199_999),
    ("tens of millions", 20_000_000, 199_999_999),
    ("tens of billions", 20_000_000_000, 199_999_999_999),
    ("dozens", 24, 199),
    ("scores", 40, 199),
    ("hundreds", 200, 1999),
    ("thousands", 2000, 19_999),
    ("millions", 2_000_000, 19_999_999),
    ("billions", 2_000_000_000, 19_999_999_999),
];

/// The largest magnitude any number may have.
pub(crate) fn max() -> Decimal {
    int(1_000_000_000_000_000)
}

/// Ten to the power `e`.
pub(crate) fn pow10(e: u32) -> Decimal {
    int(10_i64.pow(e))
}

/// A number as stated: a single value, or a range for vague plurals like "dozens".
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Amount {
    /// The smallest value meant.
    pub low: Decimal,
    /// The largest value meant (equal to `low` for a plain number).
    pub high: Decimal,
    /// The scale word written after the number (`1e6` for "million"), 1 if none; a range
    /// like "30 to 40 million" lends it to its bare low end.
    pub scale: Decimal,
    /// Why a vague amount was read as it was.
    pub note: Option<String>,
    /// Written with "-plus" or "+" ("80-plus", "80+"): the value or more.
    pub plus: bool,
}

impl Amount {
    /// A plain number.
    pub fn exact(v: Decimal) -> Amount {
        Amount {
            low: v,
            high: v,
            scale: Decimal::ONE,
            note: None,
            plus: false,
        }
    }

    /// This amount multiplied by `factor`.
    pub fn times(self, factor: Decimal) -> Amount {
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

/// Regex source for a fraction as a word phrase: `half`, `a half`, `a third`,
/// `three-quarters`, `two thirds`.
pub(crate) fn fraction_words() -> String {
    let parts = alternation(PARTS.iter().map(|p| p.0));
    format!(
        "(?:(?:a|one|two|three|four|five|six|seven|eight|nine)(?:\\s+|-)(?:{parts})|half)(?-u:\\b)"
    )
}

/// Regex source for the big scale words.
fn scale_word() -> &'static str {
    "(?:hundred|thousand|million|billion|trillion)"
}

/// Regex source for a number in words: number words and scale words in a row
/// (`two hundred and fifty thousand`, `thirty-nine`, `a million`, `two and a half million`,
/// `a million and a half`). "and" may follow only a scale word or come before a fraction,
/// so `thirty and forty` is two numbers; [`spelled`] checks the order.
fn word_number() -> String {
    let one = alternation(UNITS.iter().chain(TENS).map(|u| u.0));
    let scale = scale_word();
    let frac =
        "(?:(?:a|one)(?:\\s+|-)(?:half|third|quarter)|(?:two|three)(?:\\s+|-)(?:thirds|quarters))";
    format!(
        "(?:(?:{one})|a\\s+{scale})\
         (?:(?:\\s+|-)and(?:\\s+|-){frac}(?-u:\\b)|,?\\s+{scale}|\\s+and\\s+(?:{one})|(?:-|\\s+)(?:{one}))*"
    )
}

/// Regex source for a fraction of a scale word: `half a million`, `a quarter of a billion`,
/// `three-quarters of a million`.
fn fraction_of_scale() -> String {
    format!(
        "(?:(?:a\\s+|one\\s+)?half|{})(?:\\s+of)?\\s+an?\\s+{}",
        fraction_words(),
        scale_word()
    )
}

/// Regex source for digits: `7`, `1,200`, `1.5`, optionally followed by a scale word.
pub(crate) fn digits() -> &'static str {
    "(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\\.[0-9]+)?(?-u:\\b)"
}

/// Regex source for digits with a written fraction: `2½`, `2 1/2`.
fn digits_fraction() -> &'static str {
    "[0-9]+(?:\\s?[½¼¾⅓]|\\s+[13]/[24](?-u:\\b))"
}

/// Regex source for digits with a short scale, as money is written: `5bn`, `1.5 m`, `30k`.
/// It has no word boundary in front: it follows a currency symbol or code.
pub(crate) fn short_scaled() -> String {
    let shorts = alternation(SHORT_SCALES.iter().map(|s| s.0));
    format!("(?:[0-9]{{1,3}}(?:,[0-9]{{3}})+|[0-9]+)(?:\\.[0-9]+)?\\s?(?:{shorts})(?-u:\\b)")
}

/// Regex source for digits glued to a short scale, as counts are written: `10k`, `2.5m`.
fn glued_scaled() -> &'static str {
    "(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\\.[0-9]+)?(?:k|m|mn|bn|tn)(?-u:\\b)"
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

/// Regex source (no capture groups) matching one whole number, on word boundaries; a
/// leading minus sign (`-1`, `−0.5`) starts it without one.
pub(crate) fn fragment() -> String {
    format!(
        "(?:[-−]{}|(?-u:\\b){})",
        unsigned_digits(),
        unanchored_words()
    )
}

/// [`fragment`] without the word boundary in front, for numbers glued to a currency code
/// (`RMB1.28 trillion`).
pub(crate) fn unanchored() -> String {
    format!("(?:[-−]{}|{})", unsigned_digits(), unanchored_words())
}

/// Regex source for digit forms alone (no sign, no words).
fn unsigned_digits() -> String {
    format!(
        "(?:{vulgar}{scale}|{glued}|{digits}{scale})",
        vulgar = digits_fraction(),
        glued = glued_scaled(),
        digits = digits(),
        scale = digit_scale(),
    )
}

/// Regex source for every unsigned form, words included.
fn unanchored_words() -> String {
    format!(
        "(?:(?:minus|negative)\\s+)?(?:{dozen}|(?:{plurals})|{fos}|{digits}|{words})(?-u:\\b)(?:-plus(?-u:\\b)|\\+)?",
        dozen = dozen(),
        plurals = plurals(),
        fos = fraction_of_scale(),
        digits = unsigned_digits(),
        words = word_number(),
    )
}

/// Reads a number that [`fragment`] matched (any case, any spacing).
pub(crate) fn parse(text: &str) -> Result<Amount, GrammarError> {
    let mut lower = text.trim().to_lowercase().replace('−', "-");
    let mut negative = false;
    for sign in ["minus ", "negative ", "-"] {
        if let Some(rest) = lower.strip_prefix(sign) {
            negative = true;
            lower = rest.trim_start().to_string();
        }
    }
    let mut plus = false;
    for mark in ["-plus", "+"] {
        if let Some(rest) = lower.strip_suffix(mark) {
            plus = true;
            lower = rest.trim_end().to_string();
        }
    }
    let mut amount = unsigned(&lower, text)?;
    if amount.high.abs() > max() {
        return Err(GrammarError::TooLarge(text.to_string()));
    }
    amount.plus = plus;
    if negative {
        (amount.low, amount.high) = (-amount.high, -amount.low);
    }
    Ok(amount)
}

/// Reads a number without its sign or "-plus".
fn unsigned(lower: &str, text: &str) -> Result<Amount, GrammarError> {
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .collect();
    let joined = words.join(" ");
    if let Some(&(name, low, high)) = PLURALS.iter().find(|p| p.0 == joined) {
        return Ok(Amount {
            low: int(low),
            high: int(high),
            note: Some(format!("\"{name}\" read as {low}..{high}")),
            ..Amount::exact(Decimal::ZERO)
        });
    }
    match words.split_last() {
        Some((&"dozen", head)) => dozens(head, text),
        _ if lower.starts_with(|c: char| c.is_ascii_digit()) => scaled_digits(&words, text),
        _ => {
            let value = spelled(&words, text)?;
            Ok(Amount {
                scale: words.last().map_or(Decimal::ONE, |w| big_scale(w)),
                ..Amount::exact(value)
            })
        }
    }
}

/// `half a dozen`, `a dozen`, `two dozen`.
fn dozens(head: &[&str], text: &str) -> Result<Amount, GrammarError> {
    let n = match head {
        ["half", "a"] => Decimal::new(5, 1),
        ["a"] => Decimal::ONE,
        [] => return Err(not_a_number(text)),
        _ if head[0].starts_with(|c: char| c.is_ascii_digit()) => digit_value(head[0], text)?,
        _ => spelled(head, text)?,
    };
    Ok(Amount::exact(n * int(12)))
}

/// `1,200`, `1.5 million`, `1.5bn`, `2½ million`, `2 1/2`.
fn scaled_digits(words: &[&str], text: &str) -> Result<Amount, GrammarError> {
    // A written fraction joins the digits before it: "2 1/2" and "2½".
    let mut number = String::new();
    let mut fraction = Decimal::ZERO;
    let mut rest: Vec<&str> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if i == 0 {
            let cut = w
                .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
                .unwrap_or(w.len());
            number = w[..cut].to_string();
            let tail = &w[cut..];
            if let Some(v) = VULGAR.iter().find(|v| tail.starts_with(v.0)) {
                fraction = int(i64::from(v.1)) / int(i64::from(v.2));
                let after = &tail[v.0.len_utf8()..];
                if !after.is_empty() {
                    rest.push(after);
                }
            } else if !tail.is_empty() {
                rest.push(tail);
            }
        } else if let Some(v) = VULGAR
            .iter()
            .find(|v| w.starts_with(v.0) && w.len() == v.0.len_utf8())
        {
            fraction = int(i64::from(v.1)) / int(i64::from(v.2));
        } else if let Some((n, d)) = w.split_once('/') {
            let (n, d) = (digit_value(n, text)?, digit_value(d, text)?);
            if d.is_zero() {
                return Err(not_a_number(text));
            }
            fraction = n / d;
        } else {
            rest.push(w);
        }
    }
    let scale = match rest.as_slice() {
        [] => Decimal::ONE,
        [word] => scale_value(word).ok_or_else(|| not_a_number(text))?,
        _ => return Err(not_a_number(text)),
    };
    let value = (digit_value(&number, text)? + fraction) * scale;
    Ok(Amount {
        scale,
        ..Amount::exact(value)
    })
}

/// The value of a digit string with optional thousands separators and decimals, exactly.
pub(crate) fn digit_value(digits: &str, text: &str) -> Result<Decimal, GrammarError> {
    let plain: String = digits.chars().filter(|&c| c != ',').collect();
    if plain.len() > 20 {
        return Err(GrammarError::TooLarge(text.to_string()));
    }
    match plain.parse::<Decimal>() {
        Ok(v) if v <= max() => Ok(v),
        Ok(_) => Err(GrammarError::TooLarge(text.to_string())),
        Err(_) => Err(not_a_number(text)),
    }
}

/// The multiplier of a scale word or its short form (`bn`, `m`, `k`).
pub(crate) fn scale_value(word: &str) -> Option<Decimal> {
    SCALES
        .iter()
        .chain(SHORT_SCALES)
        .find(|s| s.0 == word)
        .map(|s| pow10(s.1))
}

/// The multiplier of a final thousand/million/billion/trillion, else 1.
fn big_scale(word: &str) -> Decimal {
    SCALES
        .iter()
        .find(|s| s.0 == word && s.1 >= 3)
        .map_or(Decimal::ONE, |s| pow10(s.1))
}

/// The value of a fraction phrase at the start of `words` and how many words it takes:
/// `half`, `a half`, `one half`, `a third`, `three quarters`.
pub(crate) fn fraction_at(words: &[&str]) -> Option<(Decimal, usize)> {
    let part = |w: &str| PARTS.iter().find(|p| p.0 == w).map(|p| int(i64::from(p.1)));
    match words {
        ["half", ..] => Some((Decimal::new(5, 1), 1)),
        [n, w, ..] => {
            let d = part(w)?;
            let n = match *n {
                "a" => Decimal::ONE,
                n => int(i64::from(UNITS.iter().find(|u| u.0 == n && u.1 >= 1)?.1)),
            };
            (n < d).then(|| (n / d, 2))
        }
        _ => None,
    }
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

/// The value of a number in words: `two hundred and fifty thousand`, `half a million`,
/// `two and a half million`, `a million and a half`; an error when the words are not in
/// an order that spells one number ("five six", "thirty and forty").
pub(crate) fn spelled(words: &[&str], text: &str) -> Result<Decimal, GrammarError> {
    // "half a million", "a quarter of a billion": a fraction of what follows.
    if let Some((frac, used)) = fraction_at(words) {
        let rest = match &words[used..] {
            ["of", rest @ ..] => rest,
            rest => rest,
        };
        if let [a, scale @ ..] = rest {
            if matches!(*a, "a" | "an") && !scale.is_empty() {
                let mut whole = vec!["a"];
                whole.extend_from_slice(scale);
                return Ok(frac * whole_number(&whole, text)?);
            }
        }
        return Err(not_a_number(text));
    }
    // "two and a half million", "a million and a half", "two million and one half".
    for i in 1..words.len() {
        if words[i] != "and" {
            continue;
        }
        let Some((frac, used)) = fraction_at(&words[i + 1..]) else {
            continue;
        };
        let head = &words[..i];
        let rest = &words[i + 1 + used..];
        let whole = whole_number(head, text)?;
        if rest.is_empty() {
            let unit = head.last().map_or(Decimal::ONE, |w| big_scale(w));
            return Ok(whole + frac * unit);
        }
        let mut scale = vec!["a"];
        scale.extend_from_slice(rest);
        return Ok((whole + frac) * whole_number(&scale, text)?);
    }
    whole_number(words, text)
}

/// The value of a number in words without fractions.
fn whole_number(words: &[&str], text: &str) -> Result<Decimal, GrammarError> {
    let (mut total, mut current, mut last) = (Decimal::ZERO, Decimal::ZERO, Word::Start);
    let (one, ten, hundred) = (Decimal::ONE, int(10), int(100));
    for &word in words {
        let word = word.trim_end_matches(',');
        last = match (last, word, small_value(word)) {
            (Word::Start, "a" | "an", _) => Word::A,
            (Word::Tens, _, Some(v)) if v >= one && v < ten => {
                current += v;
                Word::Small
            }
            (Word::Start | Word::Scale | Word::And, _, Some(v)) => {
                current += v;
                if v >= int(20) && (v % ten).is_zero() {
                    Word::Tens
                } else {
                    Word::Small
                }
            }
            (Word::A | Word::Tens | Word::Small, "hundred", _) => {
                current = current.max(one) * hundred;
                Word::Scale
            }
            (Word::A | Word::Tens | Word::Small | Word::Scale, _, None)
                if big_scale(word) > one =>
            {
                total += current.max(one) * big_scale(word);
                current = Decimal::ZERO;
                Word::Scale
            }
            (Word::Scale, "and", _) => Word::And,
            _ => return Err(not_a_number(text)),
        };
    }
    match last {
        Word::Start | Word::A | Word::And => Err(not_a_number(text)),
        _ => Ok(total + current),
    }
}

/// The value of one word from zero to ninety.
fn small_value(word: &str) -> Option<Decimal> {
    UNITS
        .iter()
        .chain(TENS)
        .find(|u| u.0 == word)
        .map(|u| int(i64::from(u.1)))
}

/// The error for text that is not a number.
fn not_a_number(text: &str) -> GrammarError {
    GrammarError::NotA(text.to_string(), "number")
}
