//! The importers against the real IfATE material in ../shared.

use crate::common::*;
use htq_mapper::import::{self, Imported};
use htq_mapper::model::{KsbKind, Standard, StandardStatus};

fn import_one(rel: &str) -> Imported {
    let mut v = import::read_standards(&shared(rel)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v.len(), 1);
    v.remove(0)
}

fn codes(s: &Standard, duty: usize) -> String {
    s.duties[duty]
        .ksbs
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn st0215_page_text() {
    let s = import_one(ST0215_PAGE).standard;
    assert_eq!(s.reference, "ST0215");
    assert_eq!(s.title, "Assistant practitioner (health)");
    assert_eq!(s.level, 5);
    assert_eq!(s.route.as_deref(), Some("Health and science"));
    assert_eq!(s.counts(), (36, 33, 3));
    assert_eq!(s.duties.len(), 10);
    assert_eq!(codes(&s, 0), "K1 K2 K3 K4 S1 S2 S3 S4 B1 B2 B3");
    assert_eq!(codes(&s, 1), "K5 K6 K7 K34 S5 S6 S7 B1 B2 B3");
    assert_eq!(codes(&s, 2), "K8 K9 K10 K11 K36 S8 S9 S10 S11 B1 B2 B3");
    assert_eq!(codes(&s, 7), "K25 K26 K35 S25 S26 B1 B2 B3");
    assert_eq!(codes(&s, 9), "K31 K32 K33 S31 S32 S33 B1 B2 B3");
    assert!(
        s.duties[1]
            .text
            .starts_with("Contribute to the on-going holistic assessment")
    );
    let k1 = s.ksbs.iter().find(|k| k.code.to_string() == "K1").unwrap();
    assert_eq!(
        k1.text,
        "The legislation, policies, standards, local ways of working and codes of conduct that apply to own role"
    );
    assert!(s.ksbs.iter().all(|k| !k.text.contains("Back to Duty")));
    assert!(s.ksbs_in_no_duty().is_empty(), "every ST0215 KSB is in a duty");
    assert_eq!(s.htqs.len(), 5);
    assert_eq!(s.htqs[0].title, "FdSc Health Studies");
    assert_eq!(s.htqs[0].applicant, "City College Norwich");
    assert_eq!(s.htqs[0].awarding_body, "University of East Anglia");
    assert_eq!(s.htqs[4].awarding_body, "University of Plymouth");
}

#[test]
fn a_page_cut_short_is_refused_naming_what_it_lacks() {
    // Copied without its behaviours, the page's duties list B1 to B3 that it never defines:
    // importing it would give a standard whose duties no mapping can cover.
    let text = std::fs::read_to_string(shared(ST0215_PAGE)).unwrap();
    let cut = text.split("B1:").next().expect("the page has behaviours");
    let e = match import::parse_standards(std::path::Path::new("cut.txt"), cut) {
        Ok(_) => panic!("a cut page was imported"),
        Err(e) => e.to_string(),
    };
    assert!(e.contains("cut.txt"), "{e}");
    assert!(e.contains("list B1, B2 and B3, which the page does not define"), "{e}");
    assert!(e.contains("copy the whole page"), "{e}");
}

#[test]
fn st0413_tab_separated_duties() {
    let s = import_one(ST0413_PAGE).standard;
    assert_eq!(s.reference, "ST0413");
    assert_eq!(s.title, "Healthcare science practitioner (integrated degree)");
    assert_eq!(s.level, 6);
    assert_eq!(s.status, Some(StandardStatus::Draft));
    assert_eq!(s.counts(), (33, 33, 6));
    assert_eq!(s.duties.len(), 10);
    assert_eq!(codes(&s, 0), "K1 K2 K3 K4 K5 S1 S2 S3 S4 S5 B1 B2 B3 B4 B6");
    assert_eq!(codes(&s, 9), "K17 K18 S17 S18 B1 B2 B3 B6");
    assert_eq!(
        s.duties[3].text,
        "Communicate with others using techniques that facilitate understanding."
    );
}

#[test]
fn st0220_has_ksbs_but_no_duties() {
    let s = import_one(ST0220_PAGE).standard;
    assert_eq!(s.reference, "ST0220");
    assert_eq!(s.title, "Healthcare science associate");
    assert_eq!(s.level, 4);
    assert_eq!(s.counts(), (34, 30, 1));
    assert!(s.duties.is_empty());
    assert!(!s.duties_known());
    assert_eq!(s.htqs.len(), 2);
    assert_eq!(s.htqs[0].approval_date.as_deref(), Some("08/07/2022"));
}

#[test]
fn st0827_api_record() {
    let i = import_one(ST0827_API);
    let s = &i.standard;
    assert_eq!(s.reference, "ST0827");
    assert_eq!(s.title, "Nursing associate (NMC 2018)");
    assert_eq!(s.level, 5);
    assert_eq!(s.counts(), (43, 44, 3));
    assert_eq!(s.duties.len(), 10);
    assert!(s.ksbs[0].guid.is_some());
    assert!(s.duties.iter().all(|d| d.core));
    // Duty 1 maps the first five knowledges by GUID.
    assert_eq!(
        codes(s, 0).split(' ').take(5).collect::<Vec<_>>(),
        ["K1", "K2", "K3", "K4", "K5"]
    );
    assert!(
        s.ksbs
            .iter()
            .all(|k| !k.text.contains("&amp;") && !k.text.contains('\r'))
    );
}

#[test]
fn mineral_products_option_duties_and_unmapped_ksbs() {
    let i = import_one(MINERAL_API);
    let s = &i.standard;
    assert_eq!(s.level, 5);
    assert_eq!(s.duties.len(), 14);
    assert_eq!(s.duties.iter().filter(|d| !d.core).count(), 5);
    assert_eq!(s.counts().0, 70);
    assert!(
        s.reference.starts_with("LARS"),
        "the record has no reference number: {}",
        s.reference
    );
    assert!(i.warnings.iter().any(|w| w.contains("no reference number")));
    // KSBs no duty maps are kept and reported, not dropped.
    let unmapped = s.ksbs_in_no_duty();
    assert_eq!(s.ksbs.len(), 70 + 59 + 13);
    if !unmapped.is_empty() {
        assert!(i.warnings.iter().any(|w| w.contains("no duty lists")));
    }
    assert!(s.ksbs.iter().filter(|k| k.kind() == KsbKind::Behaviour).count() == 13);
}

#[test]
fn api_list_of_many_standards() {
    let a = std::fs::read_to_string(shared(ST0827_API)).unwrap();
    let b = std::fs::read_to_string(shared(MINERAL_API)).unwrap();
    let list = format!("{{\"list\": [{a}, {b}]}}");
    let out = import::parse_standards(std::path::Path::new("list.json"), &list).unwrap();
    assert_eq!(out.len(), 2);
    assert_eq!(out[0].standard.counts(), (43, 44, 3));
    let array = format!("[{a}]");
    assert_eq!(
        import::parse_standards(std::path::Path::new("a.json"), &array)
            .unwrap()
            .len(),
        1
    );
}

/// The bundled standards are exactly what the importer makes of the seeds.
/// Run with UPDATE_STANDARDS=1 to rewrite them.
#[test]
fn bundled_standards_regenerate_from_seeds() {
    for (page, name) in [
        (ST0215_PAGE, "ST0215.ron"),
        (ST0413_PAGE, "ST0413.ron"),
        (ST0220_PAGE, "ST0220.ron"),
    ] {
        let s = import_one(page).standard;
        let mut s = s;
        s.source = format!("IfATE page text ({})", page.rsplit('/').next().unwrap());
        let text = htq_mapper::store::to_ron(&s).unwrap();
        let path = root().join("standards").join(name);
        if std::env::var_os("UPDATE_STANDARDS").is_some() {
            std::fs::write(&path, &text).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap();
        assert!(
            committed == text,
            "{name} differs from a fresh import; run UPDATE_STANDARDS=1 cargo test"
        );
    }
}
