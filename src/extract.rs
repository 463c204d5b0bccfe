//! Extraction: every quantity and date the grammar finds in an article, independent of
//! rules; the rule author's window into the engine.

use std::path::PathBuf;

use jiff::civil::Date;
use rayon::prelude::*;

use crate::article::{self, Article};
use crate::check;
use crate::grammar::{self, Context};
use crate::ignore;
use crate::outcome::Found;
pub use crate::statement::Mention;
use crate::text::Prose;

/// What to extract from.
#[derive(Debug, Clone, Default)]
pub struct ExtractOptions {
    /// Article files and folders.
    pub paths: Vec<PathBuf>,
    /// Rule files whose statements to list too; none lists mentions only.
    pub rules: Vec<PathBuf>,
    /// A publication date for every article, over front matter and manifests.
    pub published: Option<Date>,
}

/// Mentions, and the statements of rules when rules were given.
#[derive(Debug)]
pub struct Extraction {
    /// Every mention, by article and position.
    pub mentions: Vec<Mention>,
    /// Articles, rules, statements and problems, as `check` finds them before comparing:
    /// what a shard of a map/reduce run holds (see [`crate::shard`]).
    pub found: Found,
}

/// Lists every mention in the articles under `options.paths`.
pub fn extract(options: &ExtractOptions) -> Extraction {
    let mut walked = article::walk(&options.paths);
    for e in &mut walked.entries {
        e.published = options.published;
    }
    // Each article is read here for its mentions and again by `find`, which keeps none of
    // its text: the second read comes from the page cache.
    let per_article: Vec<Option<Vec<Mention>>> = walked
        .entries
        .par_iter()
        .map(|e| e.read().ok().map(|a| mentions(&a)))
        .collect();
    // Without `--rules` extract lists mentions only: it asks for no rules, not the shipped.
    let load_rules = || {
        if options.rules.is_empty() {
            crate::rules::Loaded::default()
        } else {
            crate::rules::load(&options.rules)
        }
    };
    let found = check::find(move || walked, load_rules, &Default::default(), None);
    // Articles that could not be read are in neither list; the rest are in path order.
    let mentions = per_article
        .into_iter()
        .flatten()
        .enumerate()
        .filter(|(index, _)| *index < found.articles.len())
        .flat_map(|(index, ms)| {
            ms.into_iter().map(move |m| Mention {
                article: index,
                ..m
            })
        })
        .collect();
    Extraction { mentions, found }
}

/// Hands `then` an article's prose (its ignore markers blanked) and every mention the
/// grammar reads in it, rolling periods as dates: what `extract` lists and `discover` groups.
pub(crate) fn scanned<T>(
    article: &Article,
    then: impl FnOnce(&Prose, &Context, Vec<grammar::Mention>) -> T,
) -> T {
    let article = ignore::masked(article, &ignore::markers(article));
    let prose = Prose::new(&article.text, article.body, !article.markdown);
    let context = Context {
        published: article.meta.published,
        periods_as_dates: true,
        ..Context::default()
    };
    let mentions = grammar::scan(prose.text(), &context);
    then(&prose, &context, mentions)
}

/// The mentions in one article (numbered as article 0).
fn mentions(article: &Article) -> Vec<Mention> {
    scanned(article, |prose, _, mentions| {
        mentions
            .into_iter()
            .map(|m| {
                let span = prose.file_span(m.start, m.end);
                let (line, column) = prose.line_col(span.0);
                Mention {
                    article: 0,
                    span,
                    line,
                    column,
                    quote: prose.quote(span).to_owned(),
                    reading: m.reading,
                }
            })
            .collect()
    })
}
