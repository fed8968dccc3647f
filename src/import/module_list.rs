//! A provider's module list, from CSV or a workbook: one row per module, with lenient column names.

use std::path::Path;

use crate::error::InputError;
use crate::model::{MAX_MODULE_CREDITS, MODULE_LEVELS, Module, ModuleStatus, OptionGroup};

use super::csv_util::header_key;
use super::table::Table;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ModuleList {
    pub modules: Vec<Module>,
    pub option_groups: Vec<OptionGroup>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Field {
    Code,
    Title,
    Level,
    Credits,
    Status,
    CoreFlag,
    OptionalFlag,
    Group,
    Choose,
    WorkBased,
    Description,
}

fn field_for(header: &str) -> Option<Field> {
    Some(match header_key(header).as_str() {
        "code" | "modulecode" | "moduleid" | "modcode" => Field::Code,
        "title" | "moduletitle" | "name" | "modulename" => Field::Title,
        "level" | "fheqlevel" | "modulelevel" => Field::Level,
        "credits" | "credit" | "creditvalue" | "modulecredits" => Field::Credits,
        "status" | "coreoptional" | "coreoroptional" | "type" | "modulestatus" => Field::Status,
        "core" | "compulsory" | "mandatory" => Field::CoreFlag,
        "optional" | "option" | "elective" => Field::OptionalFlag,
        "group" | "optiongroup" | "optionalgroup" | "pathway" => Field::Group,
        "choose" | "choosen" | "numbertochoose" => Field::Choose,
        "workbased" | "wbl" | "workbasedlearning" | "placement" => Field::WorkBased,
        "description" | "moduledescription" | "summary" | "synopsis" | "aims" => Field::Description,
        _ => return None,
    })
}

fn yes(s: &str) -> Option<bool> {
    match s.trim().to_ascii_lowercase().as_str() {
        "y" | "yes" | "true" | "1" | "x" | "✓" | "✔" => Some(true),
        "n" | "no" | "false" | "0" | "" | "-" => Some(false),
        _ => None,
    }
}

/// Sheets whose names contain these are read first from a workbook.
pub const SHEET_NAMES: [&str; 3] = ["module", "structure", "programme"];

/// Reads a module list from CSV or a workbook (.xlsx, .xls, .ods), by the file's extension.
pub fn read(path: &Path) -> crate::Result<ModuleList> {
    let table = Table::read(path, &SHEET_NAMES)?;
    parse_table(&table).map_err(Into::into)
}

pub fn parse(path: &Path, text: &str) -> Result<ModuleList, InputError> {
    parse_table(&Table::from_csv(path, text)?)
}

/// The header row: the first of the opening rows naming both a code and a title column,
/// so a title or a note above the table is passed over; else the first row.
fn header_row(rows: &[(usize, Vec<String>)]) -> usize {
    rows.iter().take(10).position(|(_, r)| is_header(r)).unwrap_or(0)
}

fn is_header(row: &[String]) -> bool {
    let fields: Vec<Option<Field>> = row.iter().map(|h| field_for(h)).collect();
    fields.contains(&Some(Field::Code)) && fields.contains(&Some(Field::Title))
}

/// Whether a table is laid out as a module list (a header with code and title columns)
/// rather than as a mapping matrix (KSB codes down the first column).
pub fn looks_like(table: &Table) -> bool {
    table.rows.iter().take(10).any(|(_, r)| is_header(r))
}

pub fn parse_table(table: &Table) -> Result<ModuleList, InputError> {
    let start = header_row(&table.rows);
    let rows = &table.rows[start..];
    let Some((header_line, header)) = rows.first() else {
        return Err(table
            .whole_error("is empty")
            .hint("give a header row such as `code,title,level,credits,status`"));
    };
    let columns: Vec<Option<Field>> = header.iter().map(|h| field_for(h)).collect();
    let col = |f: Field| columns.iter().position(|c| *c == Some(f));
    for needed in [Field::Code, Field::Title, Field::Level, Field::Credits] {
        if col(needed).is_none() {
            return Err(table
                .error(
                    *header_line,
                    1,
                    format!("the header row has no {needed:?} column").to_lowercase(),
                )
                .hint("the header needs at least code, title, level, credits and status (core or optional)"));
        }
    }
    if col(Field::Status).is_none() && col(Field::CoreFlag).is_none() && col(Field::OptionalFlag).is_none() {
        return Err(table
            .error(*header_line, 1, "the header row has no status column")
            .hint("add a `status` column holding core or optional"));
    }
    // The columns read: the first of each field (a later `Credits`, say, belongs to a side table).
    let known: Vec<usize> = columns
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.and_then(|f| (col(f) == Some(i)).then_some(i)))
        .collect();

    let mut list = ModuleList::default();
    let mut seen = std::collections::HashMap::new();
    // Where each group's number to choose was given, to point at it if no route can meet it.
    let mut choose_lines: Vec<(String, usize)> = Vec::new();
    for (line, row) in rows.get(1..).unwrap_or_default() {
        // A row with nothing under the module columns (a note or a side table beside them) is no module.
        if known.iter().all(|&i| row.get(i).is_none_or(String::is_empty)) {
            continue;
        }
        let get = |f: Field| col(f).and_then(|i| row.get(i)).map(String::as_str).unwrap_or("");
        let at = |f: Field| col(f).map_or(1, |i| i + 1);
        let bad = |f: Field, what: String, hint: &str| table.error(*line, at(f), what).hint(hint);

        let typed = get(Field::Code);
        let code = crate::model::module_code(typed);
        if code.is_empty() {
            return Err(bad(
                Field::Code,
                "this module has no code".into(),
                "every module needs a unique code",
            ));
        }
        if let Some(first) = seen.insert(crate::model::module_code_key(&code), (*line, typed.to_string())) {
            let alike = if first.1 == typed {
                String::new()
            } else if crate::model::module_code(&first.1) != code {
                format!(" as {} (codes that differ only in case are one code)", first.1.trim())
            } else {
                " (the two only look different: Unicode forms and invisible characters aside they are one code)".into()
            };
            return Err(bad(
                Field::Code,
                format!("module code {code} appears twice, first on line {}{alike}", first.0),
                "module codes must be unique",
            ));
        }
        let level = get(Field::Level);
        let level: u8 = level
            .trim_start_matches(['L', 'l'])
            .trim_start_matches("evel")
            .trim()
            .parse()
            .ok()
            .filter(|l| MODULE_LEVELS.contains(l))
            .ok_or_else(|| {
                let what = if level.trim().is_empty() {
                    "the level is missing".to_string()
                } else {
                    format!(
                        "level `{level}` is not an FHEQ level from {} to {}",
                        MODULE_LEVELS.start(),
                        MODULE_LEVELS.end()
                    )
                };
                bad(Field::Level, what, "write a number such as 4 or 5")
            })?;
        let credits = get(Field::Credits);
        let credits: u32 = credits
            .parse()
            .ok()
            .filter(|c| *c <= MAX_MODULE_CREDITS)
            .ok_or_else(|| {
                // An empty cell is most often a workbook formula saved without its value.
                let (what, hint) = if credits.is_empty() {
                    (
                        "credits are missing".to_string(),
                        "write a whole number such as 20 (a formula needs its value saved: open the workbook and save it again)",
                    )
                } else {
                    (
                        format!("credits `{credits}` is not a number of credits from 0 to {MAX_MODULE_CREDITS}"),
                        "write a whole number such as 20",
                    )
                };
                bad(Field::Credits, what, hint)
            })?;
        let status = if col(Field::Status).is_some() {
            let s = get(Field::Status);
            ModuleStatus::parse(s).ok_or_else(|| {
                bad(
                    Field::Status,
                    format!("status `{s}` is neither core nor optional"),
                    "write core or optional",
                )
            })?
        } else if let Some(optional) = col(Field::OptionalFlag).map(|_| yes(get(Field::OptionalFlag))) {
            match optional {
                Some(true) => ModuleStatus::Optional,
                Some(false) => ModuleStatus::Core,
                None => {
                    return Err(bad(
                        Field::OptionalFlag,
                        "write yes or no for optional".into(),
                        "write yes or no",
                    ));
                }
            }
        } else {
            match yes(get(Field::CoreFlag)) {
                Some(true) => ModuleStatus::Core,
                Some(false) => ModuleStatus::Optional,
                None => {
                    return Err(bad(
                        Field::CoreFlag,
                        "write yes or no for core".into(),
                        "write yes or no",
                    ));
                }
            }
        };
        // Trimmed: "Specialism " in one row and "Specialism" in the next are one group.
        let group = Some(get(Field::Group).trim().to_string()).filter(|g| !g.is_empty());
        if let Some(g) = &group {
            if status == ModuleStatus::Core {
                return Err(bad(
                    Field::Group,
                    format!("core module {code} is in option group {g}"),
                    "only optional modules belong to a group; clear the group or make the module optional",
                ));
            }
            let choose = get(Field::Choose);
            if !choose.is_empty() {
                let n: u32 = choose.parse().map_err(|_| {
                    bad(
                        Field::Choose,
                        format!("choose `{choose}` is not a number"),
                        "write how many of the group a student takes",
                    )
                })?;
                match list.option_groups.iter_mut().find(|x| &x.name == g) {
                    Some(x) if x.choose != n => {
                        return Err(bad(
                            Field::Choose,
                            format!("group {g} says choose {} elsewhere", x.choose),
                            "give the group one number to choose",
                        ));
                    }
                    Some(_) => {}
                    None => {
                        choose_lines.push((g.clone(), *line));
                        list.option_groups.push(OptionGroup {
                            name: g.clone(),
                            choose: n,
                        });
                    }
                }
            }
        }
        for (field, what) in [(Field::Title, "the title"), (Field::Description, "the description")] {
            if let Some(problem) = crate::model::oversized_text(what, get(field)) {
                return Err(bad(
                    field,
                    format!("module {code}: {problem}"),
                    "shorten it, or keep the long text elsewhere",
                ));
            }
        }
        let work_based = yes(get(Field::WorkBased)).unwrap_or(false);
        list.modules.push(Module {
            code,
            title: get(Field::Title).to_string(),
            description: get(Field::Description).trim().to_string(),
            level,
            credits,
            status,
            group,
            work_based,
            outcomes: Vec::new(),
            assessments: Vec::new(),
        });
    }
    for g in &list.option_groups {
        let members = list
            .modules
            .iter()
            .filter(|m| m.group.as_ref() == Some(&g.name))
            .count();
        if g.choose as usize > members {
            let line = choose_lines
                .iter()
                .find(|(n, _)| *n == g.name)
                .map_or(*header_line, |x| x.1);
            let column = col(Field::Choose).map_or(1, |i| i + 1);
            return Err(table
                .error(
                    line,
                    column,
                    format!(
                        "group {} asks a student to choose {} but has {}",
                        g.name,
                        g.choose,
                        crate::text::counted(members, "module", "modules")
                    ),
                )
                .hint("lower the number to choose, or add the group's other modules"));
        }
    }
    if list.modules.is_empty() {
        return Err(table
            .error(*header_line, 1, "lists no modules below this header")
            .hint("add a row for each module below the header"));
    }
    Ok(list)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_that_asks_for_more_modules_than_it_has_is_refused_where_it_says_so() {
        let csv = "code,title,level,credits,status,group,choose\nA1,Intro,4,120,core,,\nB1,One,5,60,optional,G,3\nB2,Two,5,60,optional,G,\n";
        let e = parse(Path::new("m.csv"), csv).unwrap_err();
        assert_eq!((e.line, e.column), (Some(3), Some(7)));
        assert!(
            e.message
                .contains("group G asks a student to choose 3 but has 2 modules"),
            "{e}"
        );
    }

    #[test]
    fn lenient_headers_and_groups() {
        let csv = "Module Code,Module Title,FHEQ Level,Credits,Core/Optional,Option group,Choose\nA1,Intro,4,20,Core,,\nB1,\"Opt, one\",5,20,optional,G,1\nB2,Opt two,L5,20,optional,G,\n";
        let l = parse(Path::new("m.csv"), csv).unwrap();
        assert_eq!(l.modules.len(), 3);
        assert_eq!(l.modules[1].title, "Opt, one");
        assert_eq!(l.modules[2].level, 5);
        assert_eq!(
            l.option_groups,
            vec![OptionGroup {
                name: "G".into(),
                choose: 1
            }]
        );
    }

    #[test]
    fn bad_values_are_located() {
        let e = parse(
            Path::new("m.csv"),
            "code,title,level,credits,status\nA,x,4,twenty,core\n",
        )
        .unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(4)));
        // An empty cell (a workbook formula saved without its value) says it is missing.
        let e = parse(Path::new("m.csv"), "code,title,level,credits,status\nA,x,4,,core\n").unwrap_err();
        assert_eq!(e.message, "credits are missing");
        assert!(e.hint.as_deref().is_some_and(|h| h.contains("formula")));
        let e = parse(
            Path::new("m.csv"),
            "code,title,level,credits,status\nA,x,4,20,core\nA,y,4,20,core\n",
        )
        .unwrap_err();
        assert!(e.message.contains("appears twice"));
        // Codes that differ only in case are one code: the matrix reads them as one column.
        let e = parse(
            Path::new("m.csv"),
            "code,title,level,credits,status\nM401,x,4,20,core\nm401,y,4,20,core\n",
        )
        .unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(
            e.message
                .contains("m401 appears twice, first on line 2 as M401 (codes that differ only in case"),
            "{}",
            e.message
        );
        assert_eq!(e.line, Some(3));
        let e = parse(Path::new("m.csv"), "code,title,credits\nA,x,20\n").unwrap_err();
        assert!(e.message.contains("level"));
    }

    #[test]
    fn title_rows_and_side_tables_are_passed_over() {
        let csv = "Programme structure,,,,,,,\n\
            Code,Title,Level,Credits,Status,,Level totals,Credits\n\
            A1,One,4,20,core,,Level 4,20\n\
            ,,,,,,Level 5,0\n";
        let l = parse(Path::new("m.csv"), csv).unwrap();
        assert_eq!(l.modules.len(), 1);
        assert_eq!(l.modules[0].code, "A1");
    }
}
