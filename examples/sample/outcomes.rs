//! The sample's learning outcomes and assessments, kept apart from its modules and mappings.
//! K17, S17 and K36 are taught but deliberately left unassessed (HSC403's LO4 and HSC401's
//! LO3 are assessed by nothing), and HSC501's partial S10 is evidenced only in the workplace,
//! so a newcomer sees those findings.

use htq_mapper::model::{Assessment, AssessmentKind, LearningOutcome, Project};

/// (module, [(LO, text, KSBs it carries)], [(code, title, kind, weighting, LOs)])
type Plan = (
    &'static str,
    &'static [(&'static str, &'static str, &'static str)],
    &'static [(&'static str, &'static str, AssessmentKind, u32, &'static str)],
);

pub fn add(p: &mut Project) {
    use AssessmentKind::*;
    let plan: &[Plan] = &[
        (
            "HSC401",
            &[
                (
                    "LO1",
                    "Describe the structure and function of the major body systems and how they interact",
                    "K34",
                ),
                (
                    "LO2",
                    "Explain the normal ranges of physiological measurements and the significance of deviations from them",
                    "K5",
                ),
                (
                    "LO3",
                    "Outline the stages of human development and how health needs change across the lifespan",
                    "K36",
                ),
            ],
            &[
                ("A1", "Unseen examination (2 hours)", Exam, 60, "LO1 LO2"),
                (
                    "A2",
                    "Annotated poster: a body system in health and illness",
                    Presentation,
                    40,
                    "LO1",
                ),
            ],
        ),
        (
            "HSC402",
            &[
                (
                    "LO1",
                    "Explain the legislation, policies and codes of conduct that govern the assistant practitioner role and the limits of its scope",
                    "K1 K2 S1 S2",
                ),
                (
                    "LO2",
                    "Apply the principles of equality, diversity and inclusion to person-centred care",
                    "K3 S3 B1 B2",
                ),
                (
                    "LO3",
                    "Discuss the duty of care, safeguarding and protection of adults and children",
                    "K4 S4",
                ),
                (
                    "LO4",
                    "Demonstrate the values and behaviours expected in health and care practice",
                    "B1 B2 B3",
                ),
            ],
            &[
                (
                    "A1",
                    "Essay (2,500 words): person-centred care and safeguarding",
                    Essay,
                    60,
                    "LO1 LO2 LO3",
                ),
                ("A2", "Reflective portfolio of practice", Portfolio, 40, "LO4"),
            ],
        ),
        (
            "HSC403",
            &[
                (
                    "LO1",
                    "Explain how information is recorded, stored and shared securely and confidentially",
                    "K12 K13 S12 S13",
                ),
                (
                    "LO2",
                    "Evaluate methods of communication and ways to overcome barriers to it",
                    "K16 S16",
                ),
                (
                    "LO3",
                    "Communicate effectively with individuals, families, carers and professionals",
                    "S16",
                ),
                (
                    "LO4",
                    "Discuss how digital solutions can improve communication in health and care",
                    "K17 S17",
                ),
            ],
            &[
                ("A1", "Case study report (2,000 words)", Report, 50, "LO1 LO2"),
                ("A2", "Simulated communication scenario (OSCE)", Osce, 50, "LO3"),
            ],
        ),
        (
            "HSC404",
            &[
                (
                    "LO1",
                    "Identify and evaluate own learning needs and use feedback to write a personal development plan",
                    "K19 K20 S19 S20",
                ),
                ("LO2", "Apply a model of reflection to improve own practice", "K21 S21"),
                (
                    "LO3",
                    "Use academic conventions of writing, referencing and information searching",
                    "",
                ),
            ],
            &[
                (
                    "A1",
                    "Personal development plan and reflective account (1,500 words)",
                    Essay,
                    70,
                    "LO1 LO2",
                ),
                (
                    "A2",
                    "Presentation: searching and referencing the literature",
                    Presentation,
                    30,
                    "LO3",
                ),
            ],
        ),
        (
            "HSC405",
            &[
                (
                    "LO1",
                    "Explain the principles of risk management and carry out a risk assessment",
                    "K27 S27",
                ),
                (
                    "LO2",
                    "Discuss the duty of candour and how to manage challenging situations and unsafe practice",
                    "K28 S28",
                ),
                (
                    "LO3",
                    "Apply infection prevention and control measures, selecting the right protective equipment",
                    "K29 S29",
                ),
                (
                    "LO4",
                    "Explain how to move and assist individuals and handle equipment safely",
                    "K30",
                ),
            ],
            &[
                (
                    "A1",
                    "Workplace risk assessment report (2,000 words)",
                    Report,
                    50,
                    "LO1 LO2",
                ),
                (
                    "A2",
                    "Practical skills assessment: infection control and moving and handling",
                    Practical,
                    50,
                    "LO3 LO4",
                ),
            ],
        ),
        (
            "HSC406",
            &[
                (
                    "LO1",
                    "Undertake physiological measurements and assessments of health and wellbeing",
                    "K6 S5 S6",
                ),
                (
                    "LO2",
                    "Recognise and respond to an individual in pain, distress or discomfort",
                    "K7 S7",
                ),
                (
                    "LO3",
                    "Move and assist individuals and equipment safely in practice",
                    "S30",
                ),
                (
                    "LO4",
                    "Demonstrate dignity, respect and reliability in practice",
                    "B1 B2 B3",
                ),
            ],
            &[
                ("A1", "Clinical skills OSCE", Osce, 40, "LO1 LO2"),
                (
                    "A2",
                    "Practice assessment document, observed by a workplace mentor",
                    WorkBasedObservation,
                    60,
                    "LO1 LO3 LO4",
                ),
            ],
        ),
        (
            "HSC501",
            &[
                (
                    "LO1",
                    "Interpret the results of assessment and recognise changes in an individual's health",
                    "K8 S8",
                ),
                ("LO2", "Support individuals with nutrition and fluid balance", "K9 S9"),
                (
                    "LO3",
                    "Undertake delegated clinical, diagnostic and therapeutic interventions within own scope",
                    "K10 S10",
                ),
                (
                    "LO4",
                    "Monitor and review the impact of interventions on an individual",
                    "K11 S11",
                ),
            ],
            &[
                ("A1", "Unseen examination (2 hours)", Exam, 50, "LO1 LO2"),
                ("A2", "Observed clinical practice", WorkBasedObservation, 50, "LO3 LO4"),
            ],
        ),
        (
            "HSC502",
            &[
                (
                    "LO1",
                    "Apply the principles of team working, delegation, accountability and supervision",
                    "K14 S14 S15",
                ),
                (
                    "LO2",
                    "Analyse the structure and strategy of health and social care services",
                    "K15",
                ),
                (
                    "LO3",
                    "Evaluate styles of leadership and act as a role model within own role",
                    "K22 S22",
                ),
            ],
            &[
                (
                    "A1",
                    "Reflective essay on leading a team (3,000 words)",
                    Essay,
                    60,
                    "LO1 LO3",
                ),
                (
                    "A2",
                    "Presentation: a local health and care service",
                    Presentation,
                    40,
                    "LO2",
                ),
            ],
        ),
        (
            "HSC503",
            &[
                (
                    "LO1",
                    "Explain the ethics of research and review the literature on a practice question",
                    "K32",
                ),
                (
                    "LO2",
                    "Compare methods of collecting and interpreting research data",
                    "K33",
                ),
                ("LO3", "Design a small-scale practice research or audit project", "S32"),
            ],
            &[
                ("A1", "Literature review (2,500 words)", Essay, 40, "LO1"),
                ("A2", "Research proposal", Project, 60, "LO2 LO3"),
            ],
        ),
        (
            "HSC504",
            &[
                (
                    "LO1",
                    "Recognise and respond to limitations in an individual's mental capacity",
                    "K18 S18",
                ),
                ("LO2", "Teach, coach and mentor others in the workplace", "S24"),
                (
                    "LO3",
                    "Participate in audit and quality improvement in the workplace",
                    "S31",
                ),
            ],
            &[
                ("A1", "Case study (2,500 words)", Report, 40, "LO1"),
                (
                    "A2",
                    "Practice assessment document, observed by a workplace mentor",
                    WorkBasedObservation,
                    60,
                    "LO2 LO3",
                ),
            ],
        ),
        (
            "HSC505",
            &[
                (
                    "LO1",
                    "Distinguish mental illness, dementia and learning disability and assess capacity",
                    "K18 S18",
                ),
                (
                    "LO2",
                    "Compare the biomedical, psychological and social models of health and wellbeing",
                    "K35",
                ),
            ],
            &[("A1", "Case study essay (3,000 words)", Essay, 100, "LO1 LO2")],
        ),
        (
            "HSC506",
            &[
                (
                    "LO1",
                    "Discuss national and local public health strategies and priorities",
                    "K25",
                ),
                (
                    "LO2",
                    "Analyse the wider determinants of health and models of health",
                    "K26 K35",
                ),
                (
                    "LO3",
                    "Plan a health promotion intervention that supports informed choices",
                    "S25 S26",
                ),
            ],
            &[
                ("A1", "Health promotion campaign presentation", Presentation, 50, "LO3"),
                (
                    "A2",
                    "Essay (2,500 words): the determinants of health",
                    Essay,
                    50,
                    "LO1 LO2",
                ),
            ],
        ),
        (
            "HSC507",
            &[
                (
                    "LO1",
                    "Explain models of care for people living with long-term conditions",
                    "K35",
                ),
                (
                    "LO2",
                    "Plan rehabilitation with an individual and the multidisciplinary team",
                    "K35",
                ),
            ],
            &[("A1", "Care plan and rationale (3,000 words)", Report, 100, "LO1 LO2")],
        ),
    ];
    for (code, outcomes, assessments) in plan {
        let Some(module) = p.modules.iter_mut().find(|m| m.code == *code) else {
            continue;
        };
        module.outcomes = outcomes
            .iter()
            .map(|(lo, text, _)| LearningOutcome {
                code: lo.to_string(),
                text: text.to_string(),
            })
            .collect();
        module.assessments = assessments
            .iter()
            .map(|(a, title, kind, weighting, los)| Assessment {
                code: a.to_string(),
                title: title.to_string(),
                kind: kind.clone(),
                weighting: *weighting,
                outcomes: los.split_whitespace().map(str::to_string).collect(),
            })
            .collect();
        let cells: Vec<_> = p
            .mappings
            .iter()
            .filter(|m| m.module == *code)
            .map(|m| {
                let mut m = m.clone();
                m.outcomes = outcomes
                    .iter()
                    .filter(|(_, _, ksbs)| ksbs.split_whitespace().any(|k| k == m.ksb.code.to_string()))
                    .map(|(lo, _, _)| lo.to_string())
                    .collect();
                m
            })
            .collect();
        for m in cells {
            p.set_mapping(m);
        }
    }
}
