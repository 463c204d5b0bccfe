//! An article file as bytes: decoding, front matter, ignore markers and statement finding
//! with the shipped rules. Any input gives an article or a diagnostic, never a panic.
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use crosscheck::article::Article;
use crosscheck::rules::{self, Rule};
use crosscheck::statement::{self, Matcher};
use crosscheck::{ignore, text};
use libfuzzer_sys::fuzz_target;

static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| rules::load(&[]).rules);
static MATCHER: LazyLock<Matcher> =
    LazyLock::new(|| Matcher::new(&RULES).expect("the shipped rules' subjects build"));

fuzz_target!(|data: &[u8]| {
    // The first byte chooses plain text or Markdown, the rest is the file.
    let Some((&kind, bytes)) = data.split_first() else {
        return;
    };
    let path = if kind % 2 == 0 { "a.txt" } else { "a.md" };
    let Ok(text) = String::from_utf8(bytes.to_vec()) else {
        // Shown lossily, with controls neutralized and the same length.
        let lossy = String::from_utf8_lossy(bytes);
        assert_eq!(text::neutralize_controls(&lossy).len(), lossy.len());
        return;
    };
    let Ok(article) = Article::from_text(Path::new(path), text) else {
        return;
    };
    let markers = ignore::markers(&article);
    for m in &markers {
        assert!(m.span.0 <= m.span.1 && m.span.1 <= article.text.len());
        assert!(m.covers.0 <= m.covers.1 && m.covers.1 <= article.text.len());
    }
    let masked = ignore::masked(&article, &markers);
    assert_eq!(masked.text.len(), article.text.len());
    let (statements, _) = statement::find_all(0, &masked, &RULES, &MATCHER);
    for s in statements {
        assert_eq!(&article.text[s.span.0..s.span.1], s.quote);
    }
});
