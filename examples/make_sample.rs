//! Builds the bundled sample project on ST0215 version 1.2, the version approved for delivery,
//! imported from its IfATE API record in ../shared/data/ifate-standards/versions.
//!
//! Run `cargo run --example make_sample` after changing the sample's modules or mappings.

use std::path::Path;

#[path = "sample/outcomes.rs"]
mod outcomes;

use htq_mapper::model::{Award, Coverage, KsbRef, Mapping, Module, ModuleStatus, OptionGroup, Programme, Project};

fn module(code: &str, title: &str, level: u8, credits: u32, status: ModuleStatus) -> Module {
    Module {
        code: code.into(),
        title: title.into(),
        description: String::new(),
        level,
        credits,
        status,
        group: None,
        work_based: false,
        outcomes: Vec::new(),
        assessments: Vec::new(),
    }
}

/// What each module teaches, as a course designer would put it; suggestions read these.
const DESCRIPTIONS: &[(&str, &str)] = &[
    (
        "HSC401",
        "The structure and function of the human body systems and how they interact, with the physiological measurements an assistant practitioner takes and what a variation from the normal range means.",
    ),
    (
        "HSC402",
        "Person-centred care and support: dignity, consent, equality, diversity and inclusion, the duty of care, and safeguarding adults and children from harm and abuse.",
    ),
    (
        "HSC403",
        "Communicating with individuals, families, carers and colleagues, overcoming barriers to communication; recording, storing and sharing information securely and confidentially, and the digital technology that supports it.",
    ),
    (
        "HSC404",
        "Study skills for higher education, reflective practice and feedback, identifying own learning and development needs, and planning continuing professional development.",
    ),
    (
        "HSC405",
        "Health and safety legislation, risk assessment and risk management, infection prevention and control, personal protective equipment, and moving and handling people and equipment safely.",
    ),
    (
        "HSC406",
        "Supervised clinical skills in the workplace: taking physiological measurements with the right equipment, recognising pain, distress and discomfort, nutrition and fluid balance, working within the scope of own role.",
    ),
    (
        "HSC501",
        "Holistic assessment of an individual's physical and mental health, interpreting results, and delivering and monitoring clinical, diagnostic and therapeutic interventions within the scope of practice.",
    ),
    (
        "HSC502",
        "Leadership and management styles, delegation, accountability and supervision in the multidisciplinary team, teaching, coaching and mentoring others, and the duty of candour.",
    ),
    (
        "HSC503",
        "Research methods, ethics and reviewing literature; appraising the evidence base, collecting and interpreting data, and using audit and quality improvement to improve practice.",
    ),
    (
        "HSC504",
        "Developing own practice in the workplace: managing own workload, prioritising care, seeking feedback and appraisal, and applying learning to improve practice.",
    ),
    (
        "HSC505",
        "Mental health and wellbeing across the lifespan, mental capacity, dementia and learning disability, and the psychological and sociological models of health.",
    ),
    (
        "HSC506",
        "Public health strategies and priorities, the wider determinants of health, health literacy, and promoting preventative health behaviours so individuals make informed choices.",
    ),
    (
        "HSC507",
        "Living with long-term conditions, rehabilitation and recovery, supporting independence and self-care, and care planning with individuals and their families.",
    ),
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let record = root.join("../shared/data/ifate-standards/versions/ST0215_1.2.json");
    let mut st0215 = htq_mapper::import::read_standards(&record)?
        .into_iter()
        .next()
        .ok_or("the ST0215 1.2 record holds no standard")?
        .standard;
    // The HTQs approved against the standard, which only its page lists, hold for every version.
    st0215.htqs = htq_mapper::store::load_standard(&root.join("standards/ST0215.ron"))?.htqs;
    let mut p = Project::new(Programme {
        title: "Health and Social Care (Assistant Practitioner)".into(),
        award: Award::FdSc,
        awarding_body: "University of the Downs".into(),
        level: 5,
        total_credits: 240,
        standards: vec![st0215.reference.clone()],
        occupational_options: Default::default(),
    });
    use ModuleStatus::*;
    p.modules = vec![
        module("HSC401", "Anatomy and Physiology for Health", 4, 20, Core),
        module("HSC402", "Foundations of Person-Centred Care", 4, 20, Core),
        module(
            "HSC403",
            "Communication and Information in Health and Care",
            4,
            20,
            Core,
        ),
        module("HSC404", "Academic Skills and Reflective Practice", 4, 20, Core),
        module("HSC405", "Health, Safety and Infection Prevention", 4, 20, Core),
        Module {
            work_based: true,
            ..module("HSC406", "Work-Based Learning 1: Clinical Skills", 4, 20, Core)
        },
        module("HSC501", "Clinical Assessment and Interventions", 5, 20, Core),
        module("HSC502", "Leadership and Supervision in Care", 5, 20, Core),
        module("HSC503", "Evidence-Based Practice and Research Methods", 5, 20, Core),
        Module {
            work_based: true,
            ..module("HSC504", "Work-Based Learning 2: Developing Practice", 5, 40, Core)
        },
        Module {
            group: Some("Level 5 option".into()),
            ..module("HSC505", "Mental Health and Wellbeing", 5, 20, Optional)
        },
        Module {
            group: Some("Level 5 option".into()),
            ..module("HSC506", "Public Health and Health Promotion", 5, 20, Optional)
        },
        Module {
            group: Some("Level 5 option".into()),
            ..module("HSC507", "Long-Term Conditions and Rehabilitation", 5, 20, Optional)
        },
    ];
    for m in &mut p.modules {
        if let Some((_, d)) = DESCRIPTIONS.iter().find(|(c, _)| *c == m.code) {
            m.description = d.to_string();
        }
    }
    p.option_groups = vec![OptionGroup {
        name: "Level 5 option".into(),
        choose: 1,
    }];

    // (module, KSB codes, coverage). Duties 7 and 10 are left short on purpose, and
    // Duty 8 rests on one option, so a newcomer sees every kind of flag.
    let full = Coverage::Full;
    let plan: &[(&str, &str, Coverage)] = &[
        ("HSC401", "K5 K34 K36", full),
        ("HSC402", "K1 K2 K3 K4 S1 S2 S3 S4 B1 B2 B3", full),
        ("HSC403", "K12 K13 K16 K17 S12 S13 S16 S17", full),
        ("HSC404", "K19 K20 K21 S19 S20 S21", full),
        ("HSC405", "K27 K28 K29 K30 S27 S28 S29", full),
        ("HSC406", "K6 K7 S5 S6 S7 B1 B2 B3", full),
        ("HSC406", "S30", Coverage::Partial),
        ("HSC501", "K8 K9 K10 K11 S8 S9 S11", full),
        ("HSC501", "S10", Coverage::Partial),
        ("HSC502", "K14 K15 K22 S14 S15 S22", full),
        ("HSC503", "K32 K33 S32", full),
        ("HSC504", "K18 S18 S24", full),
        ("HSC504", "S31", Coverage::Partial),
        ("HSC505", "K18 S18 K35", full),
        ("HSC506", "K25 K26 K35 S25 S26", full),
        ("HSC507", "K35", Coverage::Partial),
    ];
    for (module, codes, coverage) in plan {
        for code in codes.split_whitespace() {
            let mut m = Mapping::new(*module, KsbRef::new("ST0215", code.parse()?), *coverage);
            m.assessed = !module.starts_with("HSC40") || *module == "HSC406";
            if *coverage == Coverage::Partial && code != "S10" {
                m.workplace_reason = "Competence is observed and signed off by the employer in the workplace".into();
            }
            p.set_mapping(m);
        }
    }
    outcomes::add(&mut p);
    p.standards = vec![st0215];
    let out = root.join("assets").join(htq_mapper::sample::SAMPLE_NAME);
    htq_mapper::store::save_project(&out, &p)?;
    println!("wrote {}", out.display());
    Ok(())
}
