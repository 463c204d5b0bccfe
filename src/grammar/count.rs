//! Counts: "about 40", "nearly thirty", "more than a dozen", "between 30 and 40", "dozens".

use std::sync::OnceLock;

use regex::Regex;

use super::hedges::Domain;
use super::numbers;
use super::quantity::{End, Grammar, Shape};
use super::{Context, GrammarError, Kind, Reading};

/// The regex sources of a count.
fn shape() -> Shape {
    let number = numbers::fragment();
    Shape {
        left: number.clone(),
        hyphens: vec![(
            format!("(?-u:\\b){}", numbers::digits()),
            numbers::digits().to_string(),
        )],
        value: number,
    }
}

/// Regex source (no capture groups) for a whole count mention.
pub(crate) fn placeholder() -> String {
    shape().source(false)
}

/// Reads a count mention.
pub(crate) fn read(text: &str, ctx: &Context) -> Result<Reading, GrammarError> {
    static READER: OnceLock<Regex> = OnceLock::new();
    let re = READER.get_or_init(|| shape().reader());
    GRAMMAR.read(re, text, ctx)
}

/// Counts are whole numbers from zero, without a unit.
const GRAMMAR: Grammar = Grammar {
    kind: Kind::Count,
    end: |text| {
        Ok(End {
            amount: numbers::parse(text)?,
            unit: None,
        })
    },
    domain: Domain::COUNT,
    reports_unit: false,
};
