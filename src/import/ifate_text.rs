//! Standards from IfATE web pages copied as text.
//!
//! Two layouts are known: a duty line followed by lines of KSB codes, and a
//! tab-separated DUTY / KSBS table. KSBs are `K1: text` lines, often ending in
//! the page's "Back to Duty" link text.

use std::path::Path;

use crate::error::InputError;
use crate::model::{Duty, Ksb, KsbCode, ListedHtq, Standard, StandardStatus};

use super::Imported;
use super::text::tidy;

pub const SOURCE: &str = "IfATE page text";

pub fn parse(path: &Path, text: &str) -> Result<Imported, InputError> {
    let lines: Vec<&str> = text.lines().collect();
    let mut warnings = Vec::new();

    let meta = Metadata::read(&lines);
    let reference = meta.reference.clone().ok_or_else(|| {
        InputError::new(path, "found no standard reference such as `Reference: ST0215`")
            .hint("copy the whole page, including its Key information, or add a line `Reference: ST0000` at the top")
    })?;
    let level = match meta.level {
        Some((level, _)) if (2..=7).contains(&level) => level,
        Some((level, line)) => {
            return Err(
                InputError::new(path, format!("level {level} is not an apprenticeship level (2 to 7)"))
                    .at_line(line + 1)
                    .hint("correct the `Level:` line"),
            );
        }
        None => {
            return Err(InputError::new(path, "found no level such as `Level: 5`")
                .hint("copy the whole page, including its Key information, or add a line `Level: 5`"));
        }
    };
    let title = find_title(&lines, &reference).unwrap_or_else(|| {
        warnings.push(format!(
            "the page gives no title for {reference}; using the reference as the title"
        ));
        reference.clone()
    });

    let ksbs = read_ksbs(path, &lines)?;
    if ksbs.is_empty() {
        return Err(
            InputError::new(path, "found no KSB lines such as `K1: The legislation …`")
                .hint("copy the page's KSBs section too: each KSB on a line of its own, starting with its code"),
        );
    }
    let duties = read_duties(path, &lines)?;
    let standard = Standard {
        reference,
        title,
        level,
        version: meta.version,
        route: meta.route,
        status: meta.status,
        date_updated: meta.date_updated,
        not_latest: meta.not_latest,
        core_and_options: meta.core_and_options,
        source: SOURCE.to_string(),
        duties,
        ksbs,
        htqs: read_htqs(&lines),
        ..Standard::default()
    }
    .with_content_hash();
    let undefined = standard.undefined_ksbs();
    if !undefined.is_empty() {
        return Err(InputError::new(
            path,
            format!(
                "the page's duties list {}, which the page does not define: it looks cut short",
                crate::text::list_and(&undefined)
            ),
        )
        .hint("copy the whole page, from its title to its last behaviour; if the published page itself lists a KSB it never defines, take that code off the duty's line"));
    }
    Ok(Imported { standard, warnings })
}

#[derive(Default)]
struct Metadata {
    reference: Option<String>,
    /// The level and the line it came from.
    level: Option<(u8, usize)>,
    version: Option<String>,
    route: Option<String>,
    status: Option<StandardStatus>,
    date_updated: Option<String>,
    /// The page's banner: "This is not the latest approved version of this apprenticeship".
    not_latest: bool,
    /// "Core and options: Yes".
    core_and_options: bool,
}

impl Metadata {
    /// The first value of each kind wins: later `Level:` lines describe qualifications.
    fn read(lines: &[&str]) -> Self {
        let mut m = Metadata::default();
        for (i, raw) in lines.iter().enumerate() {
            let line = strip_numbering(raw);
            let next = || next_value(lines, i);
            if let Some((key, value)) = line.split_once(':') {
                let value = tidy(value);
                match tidy(key).to_ascii_lowercase().as_str() {
                    "reference" | "reference number" => set(&mut m.reference, parse_reference(&value)),
                    "level" => set(&mut m.level, first_number(&value).map(|l| (l, i))),
                    "version" => set(&mut m.version, Some(value.clone()).filter(|v| !v.is_empty())),
                    "route" => set(&mut m.route, Some(value.clone()).filter(|v| !v.is_empty())),
                    "date updated" => set(&mut m.date_updated, Some(value.clone())),
                    "status" => set(&mut m.status, StandardStatus::parse(&value)),
                    "core and options" => m.core_and_options |= value.eq_ignore_ascii_case("yes"),
                    _ => {}
                }
                continue;
            }
            let lower = tidy(line).to_ascii_lowercase();
            if lower.starts_with("this is not the latest approved version") {
                m.not_latest = true;
            }
            match lower.as_str() {
                "core and options" => m.core_and_options |= next().is_some_and(|v| v.eq_ignore_ascii_case("yes")),
                "uos reference number" | "reference number" => set(&mut m.reference, next().and_then(parse_reference)),
                "level of occupation" => set(&mut m.level, next().and_then(first_number).map(|l| (l, i + 1))),
                "standard in development"
                | "in development"
                | "proposal in development"
                | "approved for delivery"
                | "retired"
                | "withdrawn" => set(&mut m.status, StandardStatus::parse(&lower)),
                _ => {}
            }
        }
        if m.reference.is_none() {
            m.reference = lines
                .iter()
                .find_map(|l| l.split_whitespace().find_map(parse_reference));
        }
        m
    }
}

fn set<T>(slot: &mut Option<T>, value: Option<T>) {
    if slot.is_none() {
        *slot = value;
    }
}

/// Drops list numbering such as `  3. ` from a line.
fn strip_numbering(line: &str) -> &str {
    let t = line.trim_start();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && t[digits..].starts_with(". ") {
        t[digits + 2..].trim_start()
    } else {
        t
    }
}

fn next_value<'a>(lines: &[&'a str], i: usize) -> Option<&'a str> {
    lines[i + 1..].iter().map(|l| l.trim()).find(|l| !l.is_empty())
}

fn parse_reference(s: &str) -> Option<String> {
    let t = s.trim().trim_matches(|c: char| !c.is_ascii_alphanumeric());
    let digits = t.strip_prefix("ST").or_else(|| t.strip_prefix("st"))?;
    (digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit())).then(|| format!("ST{digits}"))
}

fn first_number(s: &str) -> Option<u8> {
    let digits: String = s
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

fn find_title(lines: &[&str], reference: &str) -> Option<String> {
    for (i, line) in lines.iter().enumerate() {
        if tidy(line).eq_ignore_ascii_case("title of occupation") {
            return next_value(lines, i).map(tidy);
        }
    }
    // Pages list aligned standards as `ST0215 Assistant practitioner (health)`.
    let by_reference = lines.iter().find_map(|l| {
        let rest = l.trim().strip_prefix(reference)?;
        let title = tidy(rest.trim_start_matches([':', '-', '–']));
        (rest.starts_with(char::is_whitespace) && !title.is_empty()).then_some(title)
    });
    // Draft pages head the title as `L6: Healthcare science practitioner`.
    by_reference.or_else(|| {
        lines.iter().find_map(|l| {
            let t = l.trim();
            let rest = t.strip_prefix('L')?;
            let (level, title) = rest.split_once(':')?;
            (level.len() == 1 && level.bytes().all(|b| b.is_ascii_digit()) && !title.trim().is_empty())
                .then(|| tidy(title))
        })
    })
}

/// Parses `K1`, or a range `K1-K4`, into codes.
fn parse_codes(token: &str, out: &mut Vec<KsbCode>) -> bool {
    if let Ok(code) = token.parse::<KsbCode>() {
        out.push(code);
        return true;
    }
    let Some((a, b)) = token.split_once(['-', '–']) else {
        return false;
    };
    match (a.parse::<KsbCode>(), b.parse::<KsbCode>()) {
        (Ok(a), Ok(b)) if a.kind == b.kind && a.number <= b.number && b.number - a.number < 200 => {
            out.extend((a.number..=b.number).map(|n| KsbCode::new(a.kind, n)));
            true
        }
        _ => false,
    }
}

/// All codes on a line made only of codes, or `None` if anything else is there.
fn code_line(line: &str) -> Option<Vec<KsbCode>> {
    let mut codes = Vec::new();
    let mut any = false;
    for token in line.split(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == '\u{a0}') {
        if token.is_empty() {
            continue;
        }
        any = true;
        if !parse_codes(token, &mut codes) {
            return None;
        }
    }
    any.then_some(codes)
}

/// `Duty 3 Deliver …` gives (3, "Deliver …").
fn duty_heading(line: &str) -> Option<(u32, &str)> {
    let rest = line
        .trim_start()
        .strip_prefix("Duty")
        .or_else(|| line.trim_start().strip_prefix("DUTY"))?;
    let rest = rest.trim_start();
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let number = rest[..digits].parse().ok()?;
    Some((
        number,
        rest[digits..].trim_start_matches([':', '.', '-', '–', ' ', '\u{a0}']),
    ))
}

fn is_ksb_line(line: &str) -> bool {
    ksb_definition(line).is_some()
}

fn read_duties(path: &Path, lines: &[&str]) -> Result<Vec<Duty>, InputError> {
    let mut duties: Vec<Duty> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if is_ksb_line(line) {
            break; // Duties come before the KSBs.
        }
        let Some((number, rest)) = duty_heading(line) else {
            i += 1;
            continue;
        };
        let line_no = i + 1;
        let (text, mut codes) = match rest.split_once('\t') {
            Some((text, codes)) => {
                let codes = code_line(codes).ok_or_else(|| {
                    InputError::new(
                        path,
                        "the KSBS column of this duty holds something other than KSB codes",
                    )
                    .at(line_no, line.find('\t').map_or(1, |c| line[..c].chars().count() + 2))
                    .hint("write the codes separated by spaces, such as `K1 K2 S1 B1`")
                })?;
                (tidy(text), codes)
            }
            None => {
                let mut codes = Vec::new();
                let mut j = i + 1;
                while j < lines.len() {
                    let l = lines[j].trim();
                    if l.is_empty() {
                        j += 1;
                        continue;
                    }
                    match code_line(l) {
                        Some(c) => {
                            codes.extend(c);
                            j += 1;
                        }
                        None => break,
                    }
                }
                i = j - 1;
                let (text, trailing) = split_trailing_codes(rest);
                codes.splice(0..0, trailing);
                (text, codes)
            }
        };
        let mut seen = Vec::with_capacity(codes.len());
        codes.retain(|c| {
            let fresh = !seen.contains(c);
            seen.push(*c);
            fresh
        });
        let code = format!("D{number}");
        if duties.iter().any(|d| d.code == code) {
            return Err(InputError::new(path, format!("Duty {number} appears twice"))
                .at(line_no, 1)
                .hint("remove or renumber the repeated duty"));
        }
        duties.push(Duty {
            code,
            text,
            ksbs: codes,
            core: true,
            guid: None,
            options: Vec::new(),
        });
        i += 1;
    }
    Ok(duties)
}

/// Some pages run the codes on at the end of the duty's text.
fn split_trailing_codes(text: &str) -> (String, Vec<KsbCode>) {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut cut = words.len();
    while cut > 0 && code_line(words[cut - 1]).is_some() {
        cut -= 1;
    }
    let mut codes = Vec::new();
    for w in &words[cut..] {
        parse_codes(w.trim_matches(','), &mut codes);
    }
    (tidy(&words[..cut].join(" ")), codes)
}

/// `K1: text Back to Duty` gives (K1, "text").
fn ksb_definition(line: &str) -> Option<(KsbCode, String)> {
    let t = line.trim_start();
    let (code, text) = t.split_once(':')?;
    let code: KsbCode = code.trim().parse().ok()?;
    let mut text = tidy(text);
    for suffix in ["Back to Duty", "Back to duty", "back to duty"] {
        if let Some(stripped) = text.strip_suffix(suffix) {
            text = stripped.trim_end().to_string();
        }
    }
    Some((code, text))
}

/// `K99999999999999999999: …`: a KSB line whose number is too long to be read, which would
/// otherwise be passed over as prose.
fn oversized_code(line: &str) -> Option<&str> {
    let (code, _) = line.trim_start().split_once(':')?;
    let code = code.trim();
    let digits = code.strip_prefix(['K', 'S', 'B'])?;
    (digits.len() > 6 && digits.bytes().all(|b| b.is_ascii_digit())).then_some(code)
}

fn read_ksbs(path: &Path, lines: &[&str]) -> Result<Vec<Ksb>, InputError> {
    let mut ksbs: Vec<Ksb> = Vec::new();
    let mut defined = std::collections::HashSet::new();
    for (i, line) in lines.iter().enumerate() {
        let Some((code, text)) = ksb_definition(line) else {
            if let Some(code) = oversized_code(line) {
                return Err(
                    InputError::new(path, format!("{code} is not a KSB number this tool reads"))
                        .at(i + 1, line.len() - line.trim_start().len() + 1)
                        .hint("KSB numbers have at most 6 digits; correct the code"),
                );
            }
            continue;
        };
        if !defined.insert(code) {
            return Err(InputError::new(path, format!("{code} is defined twice"))
                .at(i + 1, 1)
                .hint("each KSB code should appear once; renumber or remove the repeat"));
        }
        if text.is_empty() {
            return Err(InputError::new(path, format!("{code} has no text"))
                .at(i + 1, line.find(':').map_or(1, |c| c + 2))
                .hint("write the KSB's text after the colon"));
        }
        ksbs.push(Ksb { code, text, guid: None });
    }
    ksbs.sort_by_key(|k| k.code);
    Ok(ksbs)
}

fn read_htqs(lines: &[&str]) -> Vec<ListedHtq> {
    let mut htqs = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if !line.trim_start().starts_with("Qualification type:") {
            continue;
        }
        let Some(title) = lines[..i].iter().rev().map(|l| l.trim()).find(|l| !l.is_empty()) else {
            continue;
        };
        let mut htq = ListedHtq {
            title: tidy(title),
            ..Default::default()
        };
        for l in &lines[i + 1..] {
            let l = l.trim();
            if l.starts_with("Qualification type:") || l == "Aligned occupational standards" {
                break;
            }
            let Some((key, value)) = l.split_once(':') else {
                continue;
            };
            let value = tidy(value);
            match key.trim() {
                "Qualification level" => htq.level = first_number(&value),
                "Applicant" => htq.applicant = value,
                "Awarding body" => htq.awarding_body = value,
                // The site shows 01/01/0001 when it has no date.
                "Approval date" if value != "01/01/0001" => htq.approval_date = Some(value),
                _ => {}
            }
        }
        htqs.push(htq);
    }
    htqs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(s: &str) -> Result<Imported, InputError> {
        parse(Path::new("page.txt"), s)
    }

    #[test]
    fn duty_lines_followed_by_code_lines() {
        let page = "Reference: ST9999\nLevel: 4\n\nST9999 Test role\n\nDuty 1 Do things\n\nK1 K2\n\nS1, B1\n\nDuty 2 Do more K2 S1\n\nKSBs\n\nK1: Know a Back to Duty\nK2: Know b\nS1: Do c\nB1: Be d\n";
        let s = parse_str(page).unwrap().standard;
        assert_eq!(s.title, "Test role");
        assert_eq!(s.duties.len(), 2);
        let codes: Vec<String> = s.duties[0].ksbs.iter().map(ToString::to_string).collect();
        assert_eq!(codes, ["K1", "K2", "S1", "B1"]);
        assert_eq!(s.duties[1].text, "Do more");
        assert_eq!(s.duties[1].ksbs.len(), 2);
        assert_eq!(s.ksbs[0].text, "Know a");
    }

    #[test]
    fn tab_separated_table_with_ranges() {
        let page = "UOS reference number\n\nST9998\n\nLevel of occupation\n\nLevel 6\n\nDUTY\tKSBS\nDuty 1 Act.\tK1-K3 S1\n\nK1: a\nK2: b\nK3: c\nS1: d\n";
        let s = parse_str(page).unwrap().standard;
        assert_eq!(s.level, 6);
        assert_eq!(s.duties[0].ksbs.len(), 4);
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse_str("Reference: ST1234\nLevel: 4\nK1: a\nK1: b\n").unwrap_err();
        assert_eq!(e.line, Some(4));
        assert!(e.message.contains("K1 is defined twice"));
        let e = parse_str("Reference: ST1234\nLevel: 4\nDUTY\tKSBS\nDuty 1 x\tK1 banana\nK1: a\n").unwrap_err();
        assert_eq!((e.line, e.column), (Some(4), Some(10)));
        let e = parse_str("Level: 4\nK1: a\n").unwrap_err();
        assert!(e.message.contains("reference"));
        let e = parse_str("Reference: ST1234\nLevel: 4\nnothing\n").unwrap_err();
        assert!(e.message.contains("no KSB"));
    }
}
