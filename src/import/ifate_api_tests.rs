//! Tests of the IfATE API importer.
use super::*;

#[test]
fn list_of_records_with_entities_and_option_duties() {
    let json = r#"{"list":[{"referenceNumber":"ST0001","title":"A &amp; B","level":4,
        "knowledges":[{"knowledgeId":"k-1","detail":"Know &lt;b&gt;this&lt;/b&gt;\r\n now"}],
        "skills":[{"skillId":"s-1","detail":"Do"}],"behaviours":[],
        "duties":[{"dutyID":"d-1","dutyDetail":"Duty","isThisACoreDuty":0,"mappedKnowledge":["k-1"],"mappedSkills":null}]}]}"#;
    let out = parse(Path::new("x.json"), json).unwrap();
    let s = &out[0].standard;
    assert_eq!(s.title, "A & B");
    assert_eq!(s.ksbs[0].text, "Know this now");
    assert!(!s.duties[0].core);
    assert_eq!(s.ksbs_in_no_duty(), vec![KsbCode::new(KsbKind::Skill, 1)]);
    assert!(out[0].warnings.iter().any(|w| w.contains("no duty lists S1")));
    // Empty texts and duties that list nothing are said at import.
    let json = json.replace(r#""detail":"Do""#, r#""detail":"  ""#).replace(
        r#"{"dutyID":"d-1""#,
        r#"{"dutyID":"d-0","dutyDetail":"Other","mappedKnowledge":[]},{"dutyID":"d-1""#,
    );
    let out = parse(Path::new("x.json"), &json).unwrap();
    assert!(
        out[0].warnings.iter().any(|w| w == "S1 has no text"),
        "{:?}",
        out[0].warnings
    );
    assert!(
        out[0].warnings.iter().any(|w| w == "D1 lists no KSB"),
        "{:?}",
        out[0].warnings
    );
}

#[test]
fn a_level_that_is_not_whole_is_refused_not_cut_down() {
    let json = |level: &str| {
        format!(
            r#"{{"referenceNumber":"ST0001","title":"A","level":{level},"knowledges":[{{"detail":"K"}}],"skills":[],"behaviours":[]}}"#
        )
    };
    let e = parse(Path::new("x.json"), &json("5.9")).unwrap_err();
    assert!(e.message.contains("level 5.9 is not a whole number"), "{e}");
    assert_eq!(parse(Path::new("x.json"), &json("5.0")).unwrap()[0].standard.level, 5);
}

#[test]
fn null_lists_read_as_empty_ones() {
    let json = r#"{"referenceNumber":"ST0001","title":"A","level":4,"knowledges":[{"detail":"K"}],
        "skills":null,"behaviours":null,"duties":null}"#;
    let s = &parse(Path::new("x.json"), json).unwrap()[0].standard;
    assert_eq!(s.counts(), (1, 0, 0));
    assert!(s.duties.is_empty());
}

#[test]
fn bad_json_is_located() {
    let e = parse(Path::new("x.json"), "{\n  \"title\": ,\n}").unwrap_err();
    assert_eq!(e.line, Some(2));
    assert!(e.message.starts_with("invalid JSON"));
}

#[test]
fn references_from_any_unicode_file_name() {
    let r = |name: &str| reference_from_file_name(Path::new(name));
    assert_eq!(r("st0827-nursing.json").as_deref(), Some("ST0827"));
    assert_eq!(r("ST0215_1.2.json").as_deref(), Some("ST0215"));
    for name in [
        "Sé1234.json",
        "São Paulo.json",
        "é.json",
        "ST12é4.json",
        "ST12.json",
        "ÅST0215.json",
        "",
    ] {
        assert_eq!(r(name), None, "{name}");
    }
}
