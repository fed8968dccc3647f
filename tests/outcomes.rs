//! Learning outcomes and assessments: the sample's unassessed KSBs, `check --json`, and
//! descriptors imported from CSV and Word module specifications.

use htq_mapper::analysis::{self, FindingKind};
use htq_mapper::import::descriptors;
use htq_mapper::model::{AssessmentKind, ops};
use serde_json::Value;

use crate::common::{htq, k, root, sample_path, stdout};

fn fixture(name: &str) -> std::path::PathBuf {
    root().join("tests").join("descriptors").join(name)
}

#[test]
fn check_json_lists_unassessed_ksbs_each_with_its_finding() {
    let o = htq(&["check", sample_path().to_str().unwrap(), "--json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let unassessed: Vec<&str> = v["unassessed_ksbs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect();
    assert_eq!(unassessed, ["ST0215/K17", "ST0215/K36", "ST0215/S17"]);
    let ids: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    for r in &unassessed {
        let id = format!("unassessed-ksb:{r}");
        let f = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["id"] == id.as_str());
        let f = f.unwrap_or_else(|| panic!("no {id} in {ids:?}"));
        assert_eq!(f["severity"], "warning");
        assert!(f["explanation"].as_str().unwrap().contains("assess"));
    }
    // Uncovered KSBs are uncovered, not unassessed.
    for r in v["uncovered_ksbs"].as_array().unwrap() {
        assert!(!unassessed.contains(&r.as_str().unwrap()));
    }
    // Warnings leave the exit code to coverage, as before.
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn the_chain_decides_assessed_where_a_module_has_one() {
    let mut p = htq_mapper::sample::sample_project().unwrap();
    let a = analysis::analyse(&p);
    assert!(a.ksb(&k("K36")).is_some_and(|s| !s.assessed));
    assert!(a.ksb(&k("K34")).is_some_and(|s| s.assessed));
    assert!(a.findings.iter().any(|f| f.id == "outcome-unassessed:HSC401/LO3"));
    assert!(
        a.findings
            .iter()
            .any(|f| f.id == "workplace-only-evidence:HSC501:ST0215/S10")
    );
    assert!(a.findings.iter().any(|f| f.id == "outcome-unmapped:HSC404/LO3"));
    // Ticking the old flag does not override the chain.
    let mut m = p.mapping("HSC401", &k("K36")).unwrap().clone();
    m.assessed = true;
    p.set_mapping(m);
    assert!(analysis::analyse(&p).unassessed_ksbs().any(|s| s.ksb == k("K36")));
    // Having A2 assess LO3 does.
    assert!(ops::set_evidence(&mut p, "HSC401", &k("K36"), "A2", true));
    let a = analysis::analyse(&p);
    assert!(!a.unassessed_ksbs().any(|s| s.ksb == k("K36")));
    assert!(!a.findings.iter().any(|f| f.id == "unassessed-ksb:ST0215/K36"));
    // Weightings that do not add up are a finding.
    p.modules[0].assessments[0].weighting = 50;
    let a = analysis::analyse(&p);
    assert!(
        a.findings
            .iter()
            .any(|f| f.id == "assessment-weighting:HSC401" && f.message.contains("90%"))
    );
    assert!(
        a.findings
            .iter()
            .all(|f| f.kind != FindingKind::UncoveredKsb || !f.id.contains("K36"))
    );
}

#[test]
fn a_project_that_records_no_assessment_gets_no_assessment_findings() {
    let mut p = crate::common::sample_without_outcomes();
    let cells: Vec<_> = p
        .mappings
        .iter()
        .map(|m| htq_mapper::model::Mapping {
            assessed: false,
            ..m.clone()
        })
        .collect();
    for m in cells {
        p.set_mapping(m);
    }
    let a = analysis::analyse(&p);
    assert_eq!(a.unassessed_ksbs().count(), 0);
    assert!(!a.findings.iter().any(|f| f.id.starts_with("unassessed-ksb:")));
    // One ticked cell starts them.
    let mut m = p.mapping("HSC401", &k("K34")).unwrap().clone();
    m.assessed = true;
    p.set_mapping(m);
    let a = analysis::analyse(&p);
    assert!(a.unassessed_ksbs().count() > 10);
    assert!(!a.unassessed_ksbs().any(|s| s.ksb == k("K34")));
}

#[test]
fn docx_specifications_import_in_both_shapes() {
    let d = descriptors::read(&fixture("HSC405-module-specification.docx")).unwrap();
    let d = &d[0];
    assert_eq!(d.module, "HSC405");
    assert_eq!(d.title.as_deref(), Some("Health, Safety and Infection Prevention"));
    let codes: Vec<&str> = d.outcomes.iter().map(|o| o.code.as_str()).collect();
    assert_eq!(codes, ["LO1", "LO2", "LO3", "LO4"]);
    assert!(
        d.outcomes[0]
            .text
            .starts_with("Explain the principles of risk management & carry out"),
        "{:?}",
        d.outcomes[0]
    );
    assert_eq!(d.assessments.len(), 2);
    assert_eq!(d.assessments[0].code, "A1");
    assert_eq!(d.assessments[0].kind, AssessmentKind::Report);
    assert_eq!(d.assessments[1].kind, AssessmentKind::Practical);
    assert_eq!(d.assessments[1].outcomes, ["LO3", "LO4"]);
    assert_eq!(d.assessments.iter().map(|a| a.weighting).sum::<u32>(), 100);

    let d = descriptors::read(&fixture("HSC502-module-descriptor.docx")).unwrap();
    let d = &d[0];
    assert_eq!(d.module, "HSC502");
    assert_eq!(d.outcomes.len(), 4, "{:?}", d.outcomes);
    assert_eq!(d.outcomes[3].code, "LO4");
    assert!(d.outcomes[3].text.starts_with("Identify the learning needs"));
    assert_eq!(
        d.assessments.len(),
        2,
        "the Total row is no assessment: {:?}",
        d.assessments
    );
    assert_eq!(d.assessments[0].outcomes, ["LO1", "LO3", "LO4"]);
    assert_eq!(d.assessments[0].kind, AssessmentKind::Essay);
    assert_eq!(d.assessments[1].weighting, 40);
}

#[test]
fn import_descriptors_gives_the_right_modules_their_outcomes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("p.ron");
    let o = htq(&[
        "import-descriptors",
        sample_path().to_str().unwrap(),
        fixture("outcomes.csv").to_str().unwrap(),
        fixture("HSC405-module-specification.docx").to_str().unwrap(),
        fixture("HSC502-module-descriptor.docx").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", crate::common::stderr(&o));
    assert!(
        stdout(&o).contains("HSC403: 4 learning outcomes, 3 assessments"),
        "{}",
        stdout(&o)
    );
    let p = htq_mapper::store::load_project(&out).unwrap();
    let hsc403 = p.module("HSC403").unwrap();
    assert_eq!(hsc403.assessments.len(), 3);
    assert_eq!(hsc403.assessments[2].outcomes, ["LO4"]);
    assert_eq!(p.module("HSC502").unwrap().outcomes.len(), 4);
    assert_eq!(
        p.module("HSC405").unwrap().assessments[1].title,
        "Infection control and moving and handling stations"
    );
    assert_eq!(p.mapping("HSC403", &k("K17")).unwrap().outcomes, ["LO4"]);
    // The CSV's third assessment assesses LO4, which carries K17 and S17: only K36 is left.
    let o = htq(&["check", out.to_str().unwrap(), "--json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["unassessed_ksbs"], serde_json::json!(["ST0215/K36"]));
}

/// `import-descriptors` of `file` into the sample, written to `dir/x.ron`.
fn import_into_a_copy(dir: &std::path::Path, file: &std::path::Path) -> std::process::Output {
    let out = dir.join("x.ron");
    htq(&[
        "import-descriptors",
        sample_path().to_str().unwrap(),
        file.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ])
}

#[test]
fn bad_descriptors_name_the_file_and_row() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("bad.csv");
    std::fs::write(&csv, "module,code,text,weighting\nHSC401,A1,Essay,lots\n").unwrap();
    let o = import_into_a_copy(dir.path(), &csv);
    assert_eq!(o.status.code(), Some(2));
    let err = crate::common::stderr(&o);
    assert!(err.contains("bad.csv:2:4") && err.contains("lots"), "{err}");
    let unknown = dir.path().join("unknown.csv");
    std::fs::write(&unknown, "module,code,text\nNOPE1,LO1,Explain\n").unwrap();
    let o = import_into_a_copy(dir.path(), &unknown);
    // Found against the project, after reading, and still placed: line and column, in the
    // app as on the command line (the app once gave the file alone).
    let err = crate::common::stderr(&o);
    assert!(
        err.contains("unknown.csv:2:1: the project has no module NOPE1"),
        "{err}"
    );
    let mut app = htq_mapper::app::HtqApp::with_sample(
        Box::new(htq_mapper::app::file_picker::QueuedPicker::default()),
        htq_mapper::app::recent::RecentFiles::in_memory(),
    )
    .unwrap();
    app.push(htq_mapper::app::command::Command::ImportDescriptorsFrom(
        unknown.clone(),
    ));
    let ctx = egui::Context::default();
    ctx.run_ui(egui::RawInput::default(), |ui| app.show(ui))
        .textures_delta
        .clear();
    let shown = app.error().unwrap_or_default();
    assert!(
        shown.contains("unknown.csv:2:1: the project has no module NOPE1"),
        "{shown}"
    );
    std::fs::write(
        &unknown,
        "module,code,text,KSBs\nHSC401,LO1,Explain,K1\nHSC401,LO2,Apply,\"K2, K99\"\n",
    )
    .unwrap();
    let o = import_into_a_copy(dir.path(), &unknown);
    let err = crate::common::stderr(&o);
    assert!(err.contains("unknown.csv:3:4: HSC401 LO2 names KSB K99"), "{err}");
    // A zip bomb shaped as a document is refused, not inflated.
    let bomb = dir.path().join("bomb.docx");
    {
        use std::io::Write;
        let f = std::fs::File::create(&bomb).unwrap();
        let mut z = zip::ZipWriter::new(f);
        z.start_file("word/document.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        let zeros = vec![b' '; 1 << 20];
        for _ in 0..17 {
            z.write_all(&zeros).unwrap();
        }
        z.finish().unwrap();
    }
    let e = descriptors::read(&bomb).unwrap_err().to_string();
    assert!(e.contains("bomb.docx") && e.contains("refused"), "{e}");
}

#[test]
fn reports_show_the_chain_per_ksb_and_per_module() {
    use calamine::{Data, Reader};
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("r.xlsx");
    let html = dir.path().join("r.html");
    for out in [&xlsx, &html] {
        let o = htq(&[
            "report",
            sample_path().to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", crate::common::stderr(&o));
    }
    let mut wb = calamine::open_workbook_auto(&xlsx).unwrap();
    let r = wb.worksheet_range("Assessment").unwrap();
    let rows: Vec<Vec<String>> = r.rows().map(|row| row.iter().map(Data::to_string).collect()).collect();
    assert_eq!(
        rows[0][..6],
        ["KSB", "Module", "Learning outcome", "Assessment", "Kind", "Weighting %"]
    );
    let k34: Vec<_> = rows.iter().filter(|r| r[0] == "ST0215/K34").collect();
    assert_eq!(k34.len(), 2);
    assert_eq!(
        k34[0][1..6],
        ["HSC401", "LO1", "A1 Unseen examination (2 hours)", "exam", "60"]
    );
    let k36 = rows.iter().find(|r| r[0] == "ST0215/K36").unwrap();
    assert_eq!((k36[2].as_str(), k36[6].as_str()), ("LO3", "not assessed"));
    // The module list and matrix still read back from the same workbook.
    assert!(wb.sheet_names().iter().any(|n| n == "Matrix"));

    let page = std::fs::read_to_string(&html).unwrap();
    let start = page.find("id=\"module-HSC401\"").expect("a page for HSC401");
    let end = page[start..].find("</article>").unwrap() + start;
    let hsc401 = &page[start..end];
    assert!(hsc401.contains("Outline the stages of human development"));
    assert!(hsc401.contains("K36"));
    assert!(hsc401.contains("not assessed"), "LO3 is assessed by nothing");
    assert!(hsc401.contains("A1 exam (60%)"));
    assert_eq!(page.matches("class=\"module-page\"").count(), 13);
}
