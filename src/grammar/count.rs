//! Counts: "about 40", "nearly thirty", "more than a dozen", "between 30 and 40", "dozens".

use super::hedges::Domain;
use super::numbers;
use super::quantity::{End, Grammar, Shape};
use super::Kind;

/// The regex sources of a count.
pub(super) fn shape() -> Shape {
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

/// Counts are whole numbers from zero, without a unit.
pub(super) const GRAMMAR: Grammar = Grammar {
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
