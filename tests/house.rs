//! The house rules, checked on the source itself so that every later change keeps them:
//! no import cycle of more than three files, layers that only import downwards, a small app
//! root, and files of one concern (at most 500 lines unless generated, and marked so).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use petgraph::graph::DiGraph;

use crate::common::root;

/// Every `.rs` file under `src/`, by its path relative to `src/`.
fn sources() -> BTreeMap<String, String> {
    fn walk(dir: &Path, base: &Path, out: &mut BTreeMap<String, String>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, base, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let rel = p.strip_prefix(base).unwrap_or(&p).to_string_lossy().replace('\\', "/");
                out.insert(rel, std::fs::read_to_string(&p).unwrap_or_default());
            }
        }
    }
    let src = root().join("src");
    let mut out = BTreeMap::new();
    walk(&src, &src, &mut out);
    out
}

/// The code before `#[cfg(test)]`'s module, without `//` comments or string literals' text.
fn code_of(text: &str) -> String {
    let before_tests = match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => &text[..i],
        None => text,
    };
    let mut out = String::new();
    for line in before_tests.lines() {
        let mut in_str = false;
        let mut prev = ' ';
        let mut kept = String::new();
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if !in_str && c == '/' && chars.get(i + 1) == Some(&'/') {
                break;
            }
            if c == '"' && prev != '\\' && !(prev == '\'' && chars.get(i + 1) == Some(&'\'')) {
                in_str = !in_str;
            }
            if !in_str {
                kept.push(c);
            }
            prev = c;
            i += 1;
        }
        out.push_str(&kept);
        out.push('\n');
    }
    out
}

/// The module path (`["app", "ui", "grid"]`) of a file (`app/ui/grid.rs`).
fn module_of(file: &str) -> Vec<String> {
    let stem = file.trim_end_matches(".rs");
    let mut parts: Vec<String> = stem.split('/').map(str::to_string).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    if parts.len() == 1 && (parts[0] == "lib" || parts[0] == "main") {
        parts.clear();
    }
    parts
}

/// Expands the paths a piece of code names: `crate::a::{b, c::d}` gives `crate::a::b` and
/// `crate::a::c::d`; inline paths come as they are.
fn named_paths(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let bytes: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        let starts = |w: &str| bytes[i..].iter().take(w.len()).copied().eq(w.chars());
        let boundary = i == 0 || !(bytes[i - 1].is_alphanumeric() || bytes[i - 1] == '_' || bytes[i - 1] == ':');
        if boundary && (starts("crate::") || starts("super::")) {
            let (paths, end) = parse_tree(&bytes, i, Vec::new());
            out.extend(paths);
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// Parses a path, or a use tree, from `at`; returns the full paths and where it ended.
fn parse_tree(c: &[char], mut at: usize, prefix: Vec<String>) -> (Vec<Vec<String>>, usize) {
    let mut path = prefix;
    loop {
        while at < c.len() && c[at].is_whitespace() {
            at += 1;
        }
        if at < c.len() && c[at] == '{' {
            at += 1;
            let mut all = Vec::new();
            loop {
                while at < c.len() && (c[at].is_whitespace() || c[at] == ',') {
                    at += 1;
                }
                if at >= c.len() || c[at] == '}' {
                    return (all, at + 1);
                }
                let (paths, end) = parse_tree(c, at, path.clone());
                all.extend(paths);
                if end <= at {
                    return (all, at + 1);
                }
                at = end;
            }
        }
        let start = at;
        while at < c.len() && (c[at].is_alphanumeric() || c[at] == '_') {
            at += 1;
        }
        if at == start {
            return (vec![path], at);
        }
        path.push(c[start..at].iter().collect());
        if c.get(at) == Some(&':') && c.get(at + 1) == Some(&':') {
            at += 2;
        } else {
            return (vec![path], at);
        }
    }
}

/// The files of `src/` a path names: the deepest module file along it.
fn resolve(from: &[String], path: &[String], files: &BTreeMap<Vec<String>, String>) -> Option<String> {
    let mut base: Vec<String> = Vec::new();
    let mut rest = path;
    match rest.first().map(String::as_str) {
        Some("crate") => rest = &rest[1..],
        Some("super") => {
            base = from.to_vec();
            while rest.first().is_some_and(|s| s == "super") {
                base.pop();
                rest = &rest[1..];
            }
        }
        _ => return None,
    }
    let mut best = files.get(&base).cloned();
    let mut m = base;
    for part in rest {
        m.push(part.clone());
        match files.get(&m) {
            Some(f) => best = Some(f.clone()),
            None => break,
        }
    }
    best
}

/// Each file of `src/` and the files it depends on.
fn dependencies() -> BTreeMap<String, BTreeSet<String>> {
    let sources = sources();
    let files: BTreeMap<Vec<String>, String> = sources.keys().map(|f| (module_of(f), f.clone())).collect();
    let mut deps = BTreeMap::new();
    for (file, text) in &sources {
        let from = module_of(file);
        // A `mod.rs` is its module; a plain file's `super` is its parent.
        let set: BTreeSet<String> = named_paths(&code_of(text))
            .iter()
            .filter_map(|p| resolve(&from, p, &files))
            .filter(|f| f != file)
            .collect();
        deps.insert(file.clone(), set);
    }
    deps
}

#[test]
fn no_import_cycle_has_more_than_three_files() {
    let deps = dependencies();
    let mut g = DiGraph::<&str, ()>::new();
    let nodes: BTreeMap<&str, _> = deps.keys().map(|f| (f.as_str(), g.add_node(f.as_str()))).collect();
    for (f, ds) in &deps {
        for d in ds {
            g.add_edge(nodes[f.as_str()], nodes[d.as_str()], ());
        }
    }
    let big: Vec<Vec<&str>> = petgraph::algo::tarjan_scc(&g)
        .into_iter()
        .filter(|scc| scc.len() > 3)
        .map(|scc| scc.iter().map(|&n| g[n]).collect())
        .collect();
    assert!(big.is_empty(), "import cycles of more than 3 files: {big:#?}");
}

#[test]
fn the_parser_reads_use_trees_and_inline_paths() {
    let paths = named_paths("use crate::a::{b, c::{d, e}};\nfn f() { super::g::h(); x::crate::no(); }");
    let s: Vec<String> = paths.iter().map(|p| p.join("::")).collect();
    assert_eq!(s, ["crate::a::b", "crate::a::c::d", "crate::a::c::e", "super::g::h"]);
    let mut files = BTreeMap::new();
    files.insert(vec!["app".to_string()], "app/mod.rs".to_string());
    files.insert(vec!["app".into(), "state".into()], "app/state.rs".to_string());
    let from = vec!["app".to_string(), "keys".to_string()];
    let p = vec!["super".to_string(), "state".into(), "UiState".into()];
    assert_eq!(resolve(&from, &p, &files).as_deref(), Some("app/state.rs"));
    assert!(code_of("a // crate::x\n\"crate::y\" b").trim().ends_with('b'));
    assert!(!code_of("a // crate::x\n\"crate::y\" b").contains("crate"));
}

/// Every `crate::…` layer a folder's non-test code names.
fn layers_named(folder: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (file, text) in sources().iter().filter(|(f, _)| f.starts_with(&format!("{folder}/"))) {
        for p in named_paths(&code_of(text)) {
            if p.first().is_some_and(|s| s == "crate")
                && let Some(layer) = p.get(1)
            {
                out.entry(layer.clone()).or_default().insert(file.clone());
            }
        }
    }
    out
}

#[test]
fn analysis_imports_nothing_above_the_model() {
    let named = layers_named("analysis");
    for above in ["catalogue", "import", "revision", "app", "cli", "report"] {
        assert!(
            !named.contains_key(above),
            "analysis names crate::{above} in {:?}",
            named[above]
        );
    }
}

#[test]
fn the_model_imports_no_layer_above_it() {
    let named = layers_named("model");
    for above in [
        "revision",
        "analysis",
        "catalogue",
        "import",
        "app",
        "cli",
        "report",
        "store",
    ] {
        assert!(
            !named.contains_key(above),
            "model names crate::{above} in {:?}",
            named[above]
        );
    }
}

fn is_generated(text: &str) -> bool {
    text.lines().take(3).any(|l| {
        let l = l.to_lowercase();
        l.contains("generated") || l.contains("do not edit")
    })
}

#[test]
fn files_stay_small_and_only_generated_ones_say_so() {
    let mut too_long = Vec::new();
    for (file, text) in sources() {
        let lines = text.lines().count();
        if !is_generated(&text) && lines > 500 {
            too_long.push(format!("{file}: {lines} lines"));
        }
        if is_generated(&text) {
            // A generated file names the script that makes it; a hand-written one never says so.
            let head: String = text.lines().take(3).collect();
            assert!(
                head.contains("scripts/"),
                "{file} says it is generated in its first three lines, but names no script that makes it"
            );
        }
    }
    assert!(too_long.is_empty(), "hand-written files over 500 lines: {too_long:?}");
    let root = sources().remove("app/mod.rs").unwrap_or_default();
    assert!(
        root.lines().count() <= 300,
        "src/app/mod.rs has {} lines",
        root.lines().count()
    );
}
