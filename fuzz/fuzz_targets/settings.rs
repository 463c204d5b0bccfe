//! The files beside the articles: a `sources.yaml` manifest, a `crosscheck.yaml`
//! configuration and a baseline. The first byte chooses which; each loads or gives a
//! diagnostic whose snippet renders, never a panic.
#![no_main]

use std::fs;
use std::path::PathBuf;
use std::sync::LazyLock;

use crosscheck::{article, baseline, config};
use libfuzzer_sys::fuzz_target;

/// A folder with two articles (one in a subfolder) that a manifest may name.
static SET: LazyLock<tempfile::TempDir> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("a temporary folder");
    fs::create_dir(dir.path().join("inner")).expect("a subfolder");
    fs::write(dir.path().join("a.txt"), "They met 30 times.\n").expect("an article");
    fs::write(dir.path().join("inner/b.txt"), "They met 40 times.\n").expect("an article");
    dir
});

fuzz_target!(|data: &[u8]| {
    let Some((&which, bytes)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    match which % 3 {
        0 => {
            let manifest = SET.path().join(article::MANIFEST);
            fs::write(&manifest, text).expect("the manifest is written");
            let loaded = article::load(&[SET.path().to_path_buf()]);
            for e in loaded.errors {
                let _ = format!("{:?}", miette::Report::new(e));
            }
        }
        1 => match config::parse("crosscheck.yaml", text, &PathBuf::from(SET.path())) {
            Ok(_) => {}
            Err(errors) => {
                for e in errors {
                    let _ = format!("{:?}", miette::Report::new(e));
                }
            }
        },
        _ => {
            if let Err(e) = baseline::parse("baseline.json", text) {
                let _ = format!("{:?}", miette::Report::new(e));
            }
        }
    }
});
