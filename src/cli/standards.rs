//! `htq-mapper standards`: the bundled catalogue, filtered.

use std::process::ExitCode;

use serde_json::json;

use crate::catalogue::{self, CatalogueEntry, search::Filter, search::Match};
use crate::error::Result;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Words to find in the reference, title, route, duties or KSBs (all must appear).
    #[arg(long)]
    search: Option<String>,
    /// Only this level (4 or 5; a few older versions are at other levels).
    #[arg(long)]
    level: Option<u8>,
    /// Only routes whose name contains this, such as "health" or "digital".
    #[arg(long)]
    route: Option<String>,
    /// List every bundled version, retired and in development too, not only the latest
    /// approved version of each standard.
    #[arg(long)]
    all_versions: bool,
    /// Print a JSON array: one object per standard-version.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let filter = Filter {
        text: args.search.clone().unwrap_or_default(),
        level: args.level,
        route: args.route.clone().unwrap_or_default(),
        ksb_text: true,
    };
    let matched = list_matched(&filter, args.all_versions);
    let searched = !filter.text.trim().is_empty();
    // With --search, each result says why it matched: in the title, the route, or a KSB's text.
    let why: Vec<Option<catalogue::search::Why>> = matched
        .iter()
        .map(|&(e, how)| searched.then(|| catalogue::search::why(e, &filter, how)))
        .collect();
    let listed: Vec<&CatalogueEntry> = matched.iter().map(|&(e, _)| e).collect();
    if args.json {
        let items: Vec<serde_json::Value> = listed
            .iter()
            .zip(&why)
            .map(|(e, why)| {
                let mut item = entry_json(e);
                if let Some(w) = why {
                    item["matched"] = json!({"in": match_word(w.how), "code": w.code, "text": w.quote});
                }
                item
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&items).unwrap_or_default());
    } else {
        print!("{}", list_text(&listed, &why, args.all_versions));
    }
    Ok(ExitCode::SUCCESS)
}

/// The entries a listing shows, in catalogue order: the latest approved version of each
/// standard, or with `all_versions` every bundled version.
pub fn list(filter: &Filter, all_versions: bool) -> Vec<&'static CatalogueEntry> {
    list_matched(filter, all_versions).into_iter().map(|(e, _)| e).collect()
}

/// The entries a listing shows, each with how it matched.
pub fn list_matched(filter: &Filter, all_versions: bool) -> Vec<(&'static CatalogueEntry, Match)> {
    let all = catalogue::entries();
    let shown: Vec<&'static CatalogueEntry> = if all_versions {
        all.iter().collect()
    } else {
        catalogue::latest_entries()
    };
    shown
        .into_iter()
        .filter_map(|e| {
            let index = all.iter().position(|x| std::ptr::eq(x, e)).unwrap_or(usize::MAX);
            catalogue::matches_entry(e, index, filter).map(|m| (e, m))
        })
        .collect()
}

/// How `--json` names where a search matched.
fn match_word(m: Match) -> &'static str {
    match m {
        Match::Reference => "reference",
        Match::Title => "title",
        Match::Route => "route",
        Match::KsbText => "ksb_text",
    }
}

pub fn entry_json(e: &CatalogueEntry) -> serde_json::Value {
    json!({
        "reference": e.reference, "version": e.version, "title": e.title,
        "level": e.level, "status": e.status, "route": e.route,
    })
}

fn list_text(listed: &[&CatalogueEntry], why: &[Option<catalogue::search::Why>], all_versions: bool) -> String {
    let mut out = String::new();
    let width = |f: fn(&CatalogueEntry) -> usize| listed.iter().map(|e| f(e)).max().unwrap_or(0);
    let (wr, wv) = (width(|e| e.reference.len()), width(|e| e.version.len()));
    let wroute = width(|e| e.route.chars().count());
    for (i, e) in listed.iter().enumerate() {
        let status = if e.is_approved() {
            String::new()
        } else {
            format!("  [{}]", e.status)
        };
        out.push_str(&format!(
            "{:wr$}  {:wv$}  L{}  {:wroute$}  {}{status}\n",
            e.reference, e.version, e.level, e.route, e.title
        ));
        if let Some(Some(w)) = why.get(i) {
            out.push_str(&format!("{:wr$}  matched {}\n", "", w.text()));
        }
    }
    let n = listed.len();
    let what = if all_versions {
        crate::text::counted(n, "standard-version", "standard-versions")
    } else {
        format!(
            "{} (latest approved versions; --all-versions lists every bundled version)",
            crate::text::counted(n, "standard", "standards")
        )
    };
    out.push_str(&format!("{what}\n"));
    out
}
