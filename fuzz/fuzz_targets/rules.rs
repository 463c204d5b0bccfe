//! A rule file's text: it loads as rules or gives a pointed diagnostic, never a panic; a
//! rule that loads runs its own examples.
#![no_main]

use crosscheck::{authoring, rules};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match rules::parse("fuzz.yaml", text) {
        Ok(rules) => {
            for rule in &rules {
                let _ = authoring::test_rule(rule);
                let _ = authoring::lint(rule);
            }
        }
        Err(e) => {
            // Rendering the diagnostic reads its span from the text: it must lie inside.
            let _ = format!("{:?}", miette::Report::new(e));
        }
    }
});
