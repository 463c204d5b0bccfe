//! Money: "$153 billion", "US$1.5bn", "1.28 trillion yuan", "€30m", "RMB 5 million",
//! "billions of dollars"; read in units of an ISO 4217 currency.

use std::sync::OnceLock;

use regex::Regex;
use rust_decimal::Decimal;

use super::currency::{self, CODES, NAMES, SYMBOLS, WORDLIKE};
use super::hedges::Domain;
use super::numbers;
use super::quantity::{End, Grammar, Shape};
use super::{GrammarError, Kind};

/// Regex source for an alternation of literal phrases, longest first, spaces as `\s+`.
fn literal_alternation(phrases: &[(&str, &str)]) -> String {
    let mut words: Vec<String> = phrases
        .iter()
        .map(|p| regex::escape(p.0).replace(' ', "\\s+"))
        .collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words.join("|")
}

/// Regex source for the ISO codes, in capitals only (`ALL` is a code, "all" a word).
fn codes(before: bool) -> String {
    let codes: Vec<&str> = CODES
        .iter()
        .filter(|c| !(before && WORDLIKE.contains(c)))
        .copied()
        .collect();
    format!("(?-i:{})", codes.join("|"))
}

/// Regex source for a symbol or code before the number; a dollar sign glued to letters
/// that name no known currency (`Z$`) is read, and refused as an unknown currency.
fn symbol() -> String {
    let old = "usd|eur|gbp|rub|cny|jpy|hkd|aud|cad|inr";
    format!(
        "(?:(?-u:\\b)(?:{}|{old}|{})|[a-z]{{1,3}}\\$|[$€£₽₹¥₩₺₪₦₱฿₫₴₸])",
        literal_alternation(SYMBOLS),
        codes(true)
    )
}

/// Regex source for a currency name after the number.
fn name() -> String {
    let old = "usd|eur|gbp|rub|cny|jpy|hkd|aud|cad|inr";
    format!(
        "(?:{}|{old}|{})(?-u:\\b)",
        literal_alternation(NAMES),
        codes(false)
    )
}

/// Regex source for the number of a money value: `5bn`, `153 billion`, `billions`.
fn number() -> String {
    format!("(?:{}|{})", numbers::short_scaled(), numbers::unanchored())
}

/// Regex source for digits with any scale, as the ends of `$30-40 billion` are written.
fn tight_number() -> String {
    format!(
        "(?:{}|{}(?:\\s+(?:thousand|million|billion|trillion)(?-u:\\b))?)",
        numbers::short_scaled(),
        numbers::digits()
    )
}

/// The regex sources of a money mention.
pub(super) fn shape() -> Shape {
    let (sym, num, name, tight) = (symbol(), number(), name(), tight_number());
    Shape {
        value: format!("(?:{sym}\\s*{num}(?:\\s+{name})?|(?-u:\\b){num}\\s+(?:of\\s+)?{name})"),
        left: format!("(?:{sym}\\s*|(?-u:\\b)){num}"),
        hyphens: vec![
            (
                format!("{sym}\\s*{tight}"),
                format!("(?:{sym}\\s*|(?-u:\\b)){tight}(?:\\s+{name})?"),
            ),
            (format!("(?-u:\\b){tight}"), format!("{tight}\\s+{name}")),
        ],
    }
}

/// Money is a real number from zero, in the currency's units.
pub(super) const GRAMMAR: Grammar = Grammar {
    kind: Kind::Money,
    end,
    domain: Domain::AMOUNT,
    reports_unit: true,
};

/// Reads one value: the currency and the number.
pub(super) fn end(text: &str) -> Result<End, GrammarError> {
    static VALUE: OnceLock<Regex> = OnceLock::new();
    let re = VALUE.get_or_init(|| {
        let src = format!(
            "(?i)^\\s*(?:(?P<sym>{})\\s*)?(?P<num>{})(?:\\s+(?:of\\s+)?(?P<name>{}))?\\s*$",
            symbol(),
            number(),
            name()
        );
        Regex::new(&src).expect("built-in money pattern compiles")
    });
    let caps = re
        .captures(text)
        .ok_or_else(|| GrammarError::NotA(text.to_string(), "money"))?;
    let amount = caps
        .name("num")
        .map_or(Ok(None), |m| numbers::parse(m.as_str()).map(Some))?;
    let amount = amount.ok_or_else(|| GrammarError::NotA(text.to_string(), "money"))?;
    let symbol = caps.name("sym").map(|m| m.as_str().to_lowercase());
    let name = caps.name("name").map(|m| m.as_str().to_lowercase());
    let code = currency(symbol.as_deref(), name.as_deref(), text)?;
    Ok(End {
        amount,
        unit: code.map(|c| (c.to_string(), Decimal::ONE)),
    })
}

/// The ISO code the symbol and name give; `None` when neither is written (a range's low end).
fn currency(
    symbol: Option<&str>,
    name: Option<&str>,
    text: &str,
) -> Result<Option<&'static str>, GrammarError> {
    let lookup = currency::lookup;
    let from_name = name.and_then(|n| lookup(NAMES, n));
    let from_symbol = symbol.and_then(|s| lookup(SYMBOLS, s));
    match (from_symbol, from_name) {
        (_, Some(code)) => Ok(Some(code)),
        (Some(""), None) => Err(GrammarError::AmbiguousCurrency(text.to_string())),
        (Some(code), None) => Ok(Some(code)),
        (None, None) if symbol.is_some() || name.is_some() => {
            Err(GrammarError::UnknownCurrency(text.to_string()))
        }
        (None, None) => Ok(None),
    }
}
