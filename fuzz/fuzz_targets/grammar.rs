//! The quantity and date grammar on any text: every mention's span lies on character
//! boundaries of the text, and reading never panics, whatever the publication date.
#![no_main]

use crosscheck::grammar::{self, Context, Kind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let published = jiff::civil::date(2023, 3, 17);
    for ctx in [
        Context::default(),
        Context {
            published: Some(published),
            ..Context::default()
        },
    ] {
        for m in grammar::scan(text, &ctx) {
            assert!(m.start <= m.end && m.end <= text.len());
            assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        }
        for &kind in Kind::ALL {
            let _ = grammar::read(kind, text, &ctx);
        }
    }
});
