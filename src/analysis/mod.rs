//! Coverage analysis: a pure function of the project, cheap enough to rerun after every edit.

mod coverage;
mod finding;
mod graph;
mod pathways;
mod rules;

pub use coverage::{DutyState, DutyStatus, KsbState, KsbStatus};
pub use finding::{Finding, FindingKind, Severity, Target};
pub use graph::CoverageGraph;
pub use pathways::{MAX_ROUTES, Routes};
pub use rules::{credits_by_level, level_range, with_article};

use crate::model::{Coverage, DutyRef, KsbRef, Project};
use pathways::KsbSet;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub ksbs: usize,
    pub full: usize,
    pub partial: usize,
    pub none: usize,
    pub duties: usize,
    pub duties_covered: usize,
    pub duties_partial: usize,
    pub duties_uncovered: usize,
}

impl Summary {
    /// Share of KSBs at least partly covered, 0 to 100.
    pub fn percent_mapped(&self) -> f32 {
        if self.ksbs == 0 {
            0.0
        } else {
            100.0 * (self.full + self.partial) as f32 / self.ksbs as f32
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Analysis {
    /// In `Project::ksb_refs` order: standard by standard, code by code.
    pub ksbs: Vec<KsbStatus>,
    pub duties: Vec<DutyStatus>,
    /// Most severe first, then in the order the project lists things.
    pub findings: Vec<Finding>,
    pub summary: Summary,
    /// Where each standard's KSBs start in `ksbs`.
    standard_offsets: Vec<(String, usize)>,
}

impl Analysis {
    pub fn ksb(&self, r: &KsbRef) -> Option<&KsbStatus> {
        let &(_, start) = self.standard_offsets.iter().find(|(s, _)| s == &r.standard)?;
        let end = self
            .standard_offsets
            .iter()
            .map(|&(_, o)| o)
            .filter(|&o| o > start)
            .min()
            .unwrap_or(self.ksbs.len());
        let slice = &self.ksbs[start..end];
        slice
            .binary_search_by(|k| k.ksb.code.cmp(&r.code))
            .ok()
            .map(|i| &slice[i])
    }

    pub fn duty(&self, r: &DutyRef) -> Option<&DutyStatus> {
        self.duties.iter().find(|d| &d.duty == r)
    }

    pub fn uncovered_duties(&self) -> impl Iterator<Item = &DutyStatus> {
        self.duties.iter().filter(|d| d.state == DutyState::Uncovered)
    }

    pub fn uncovered_ksbs(&self) -> impl Iterator<Item = &KsbStatus> {
        self.ksbs.iter().filter(|k| k.state == KsbState::None)
    }

    pub fn partial_ksbs(&self) -> impl Iterator<Item = &KsbStatus> {
        self.ksbs.iter().filter(|k| k.state == KsbState::Partial)
    }

    /// True when every KSB and duty is at least partly covered.
    pub fn all_covered(&self) -> bool {
        self.summary.none == 0 && self.summary.duties_uncovered == 0
    }
}

pub fn analyse(project: &Project) -> Analysis {
    let graph = CoverageGraph::build(project);
    let (ksbs, duties) = coverage::compute(project, &graph);
    let mut standard_offsets = Vec::with_capacity(project.standards.len());
    let mut offset = 0;
    for s in &project.standards {
        standard_offsets.push((s.reference.clone(), offset));
        offset += s.ksbs.len();
    }
    let summary = Summary {
        ksbs: ksbs.len(),
        full: ksbs.iter().filter(|k| k.state == KsbState::Full).count(),
        partial: ksbs.iter().filter(|k| k.state == KsbState::Partial).count(),
        none: ksbs.iter().filter(|k| k.state == KsbState::None).count(),
        duties: duties.len(),
        duties_covered: duties.iter().filter(|d| d.state == DutyState::Covered).count(),
        duties_partial: duties.iter().filter(|d| d.state == DutyState::Partial).count(),
        duties_uncovered: duties.iter().filter(|d| d.state == DutyState::Uncovered).count(),
    };
    let mut a = Analysis {
        ksbs,
        duties,
        findings: Vec::new(),
        summary,
        standard_offsets,
    };
    let mut f = Findings::default();
    standard_findings(project, &mut f);
    duty_findings(project, &a, &mut f);
    ksb_findings(project, &a, &mut f);
    module_findings(project, &graph, &mut f);
    route_findings(project, &a, &mut f);
    a.findings = f.0;
    a.findings.sort_by_key(|x| x.severity);
    a
}

#[derive(Default)]
struct Findings(Vec<Finding>);

impl Findings {
    fn push(
        &mut self,
        severity: Severity,
        kind: FindingKind,
        id: String,
        target: Target,
        message: String,
        explanation: &str,
    ) {
        self.0.push(Finding {
            id,
            severity,
            kind,
            message,
            explanation: explanation.to_string(),
            target,
        });
    }
}

fn codes(list: &[(crate::model::KsbCode, KsbState)]) -> String {
    list.iter().map(|(c, _)| c.to_string()).collect::<Vec<_>>().join(" ")
}

fn standard_findings(project: &Project, f: &mut Findings) {
    for r in &project.programme.standards {
        if project.standard(r).is_none() {
            f.push(
                Severity::Error,
                FindingKind::MissingStandard,
                format!("missing-standard:{r}"),
                Target::Programme,
                format!("The programme aligns to {r}, but the project holds no copy of it"),
                "Add the standard to the project (import its IfATE page or API record) so its KSBs can be mapped.",
            );
        }
    }
    for s in &project.standards {
        if !(4..=5).contains(&s.level) {
            f.push(
                Severity::Error,
                FindingKind::StandardLevel,
                format!("standard-level:{}", s.reference),
                Target::Standard(s.reference.clone()),
                format!(
                    "{} {} is a Level {} standard; HTQs align to Level 4 or 5 standards",
                    s.reference, s.title, s.level
                ),
                "Align the programme to a Level 4 or 5 occupational standard instead.",
            );
        }
        if !s.duties_known() {
            f.push(
                Severity::Info,
                FindingKind::DutiesUnknown,
                format!("duties-unknown:{}", s.reference),
                Target::Standard(s.reference.clone()),
                format!("{} lists no duties, so duty coverage is unknown; KSB coverage is still checked", s.reference),
                "The source page gave KSBs but no duty list. Import the standard from a page or API record that has its duties to check them.",
            );
        }
    }
}

fn duty_findings(project: &Project, a: &Analysis, f: &mut Findings) {
    for d in &a.duties {
        let text = project
            .standard(&d.duty.standard)
            .and_then(|s| s.duty(&d.duty.code))
            .map_or("", |x| x.text.as_str());
        let short = crate::text::shorten(text, 70);
        match d.state {
            DutyState::Covered => {}
            DutyState::Uncovered => {
                let none: Vec<_> = d.held_back_by.iter().filter(|(_, s)| *s == KsbState::None).copied().collect();
                f.push(
                    Severity::Error,
                    FindingKind::UncoveredDuty,
                    format!("uncovered-duty:{}", d.duty),
                    Target::Duty(d.duty.clone()),
                    format!("Duty {} ({short}) is uncovered: no module maps {}", d.duty, codes(&none)),
                    "A duty is covered only when every KSB it lists is mapped. Map the named KSBs to a module, or to a work-based module with a workplace reason if they are better delivered there.",
                );
            }
            DutyState::Partial => f.push(
                Severity::Info,
                FindingKind::PartialDuty,
                format!("partial-duty:{}", d.duty),
                Target::Duty(d.duty.clone()),
                format!("Duty {} ({short}) is partly covered: {} only partially", d.duty, codes(&d.held_back_by)),
                "Partial coverage is acceptable where the rest is better delivered in the workplace, with the reason recorded on each mapping.",
            ),
        }
    }
}

fn ksb_findings(project: &Project, a: &Analysis, f: &mut Findings) {
    for k in &a.ksbs {
        let text = project
            .standard(&k.ksb.standard)
            .and_then(|s| s.ksb(k.ksb.code))
            .map_or("", |x| x.text.as_str());
        let short = crate::text::shorten(text, 70);
        if k.state == KsbState::None {
            f.push(
                Severity::Error,
                FindingKind::UncoveredKsb,
                format!("uncovered-ksb:{}", k.ksb),
                Target::Ksb(k.ksb.clone()),
                format!("{} ({short}) is not covered by any module", k.ksb),
                "HTQ approval expects every KSB to be covered, at least partially with a workplace reason. Map it to a module.",
            );
        }
        if k.optional_only {
            let names: Vec<&str> = k
                .modules
                .iter()
                .map(|&(m, _)| project.modules[m].code.as_str())
                .collect();
            f.push(
                Severity::Warning,
                FindingKind::OptionalOnly,
                format!("optional-only:{}", k.ksb),
                Target::Ksb(k.ksb.clone()),
                format!("{} is covered only by optional modules ({})", k.ksb, names.join(", ")),
                "Students who choose other options will miss it. Map it to a core module too, or check that every route covers it.",
            );
        }
        if !k.in_a_duty {
            f.push(
                Severity::Info,
                FindingKind::KsbInNoDuty,
                format!("ksb-in-no-duty:{}", k.ksb),
                Target::Ksb(k.ksb.clone()),
                format!("{} is listed by no duty of {}", k.ksb, k.ksb.standard),
                "It still needs covering, but no duty's status depends on it.",
            );
        }
        for &(m, coverage) in &k.modules {
            let module = &project.modules[m];
            let reason_missing = coverage == Coverage::Partial
                && project
                    .mapping(&module.code, &k.ksb)
                    .is_some_and(|x| x.workplace_reason.trim().is_empty());
            if reason_missing {
                f.push(
                    Severity::Warning,
                    FindingKind::PartialWithoutReason,
                    format!("partial-without-reason:{}:{}", module.code, k.ksb),
                    Target::Cell { module: module.code.clone(), ksb: k.ksb.clone() },
                    format!("{} covers {} only partially and gives no workplace reason", module.code, k.ksb),
                    "A KSB may be partly covered where it is better delivered in the workplace; record why on the mapping.",
                );
            }
        }
    }
}

fn module_findings(project: &Project, graph: &CoverageGraph, f: &mut Findings) {
    let (lo, hi) = level_range(project);
    for (i, m) in project.modules.iter().enumerate() {
        if graph.module_degree(graph.module_nodes[i]) == 0 {
            f.push(
                Severity::Warning,
                FindingKind::UnmappedModule,
                format!("unmapped-module:{}", m.code),
                Target::Module(m.code.clone()),
                format!("Module {} {} is mapped to no KSB", m.code, m.title),
                "Every module of an HTQ should contribute to the occupational standard. Map the KSBs it teaches.",
            );
        }
        if m.level < lo || m.level > hi {
            let range = if lo == hi {
                format!("Level {lo}")
            } else {
                format!("Levels {lo} to {hi}")
            };
            f.push(
                Severity::Warning,
                FindingKind::ModuleLevel,
                format!("module-level:{}", m.code),
                Target::Module(m.code.clone()),
                format!(
                    "Module {} is at Level {}, outside the {}'s {range}",
                    m.code, m.level, project.programme.award
                ),
                "Check the module's FHEQ level, or the programme's award.",
            );
        }
    }
    for &i in &graph.dangling {
        let m = &project.mappings[i];
        let what = if project.module(&m.module).is_none() {
            format!("module {}", m.module)
        } else {
            format!("KSB {}", m.ksb)
        };
        f.push(
            Severity::Error,
            FindingKind::DanglingMapping,
            format!("dangling-mapping:{}:{}", m.module, m.ksb),
            Target::Cell {
                module: m.module.clone(),
                ksb: m.ksb.clone(),
            },
            format!(
                "A mapping of {} to {} names {what}, which the project does not have",
                m.module, m.ksb
            ),
            "The mapping is kept so nothing is lost. Restore the module or standard, or remove the mapping.",
        );
    }
}

fn route_findings(project: &Project, a: &Analysis, f: &mut Findings) {
    let routes = Routes::of(project);
    for g in &routes.groups {
        if g.choose > g.members.len() || g.choose == 0 {
            f.push(
                Severity::Error,
                FindingKind::RouteGap,
                format!("group-size:{}", g.name),
                Target::Programme,
                format!(
                    "Option group {} asks students to choose {} of {} modules",
                    g.name,
                    g.choose,
                    g.members.len()
                ),
                "Correct the number to choose, or add modules to the group.",
            );
        }
    }
    if routes.truncated() && !routes.routes.is_empty() {
        f.push(
            Severity::Info,
            FindingKind::TooManyRoutes,
            "too-many-routes".to_string(),
            Target::Programme,
            format!(
                "There are {} routes through the options; the first {} were checked",
                routes.total,
                routes.routes.len()
            ),
            "Group optional modules more tightly to let every route be checked.",
        );
    }

    // A set of covered KSB indices for each module, to union per route.
    let mut per_module: Vec<KsbSet> = vec![KsbSet::new(a.ksbs.len()); project.modules.len()];
    for (ki, k) in a.ksbs.iter().enumerate() {
        for &(m, _) in &k.modules {
            per_module[m].insert(ki);
        }
    }
    let mut core = KsbSet::new(a.ksbs.len());
    for &m in &routes.core {
        core.union_with(&per_module[m]);
    }
    let mut credit_messages: Vec<(String, Vec<String>)> = Vec::new();
    let many = routes.routes.len() > 1;
    for chosen in &routes.routes {
        let name = Routes::name(project, chosen);
        if !routes.groups.is_empty() {
            let mut set = core.clone();
            for &m in chosen {
                set.union_with(&per_module[m]);
            }
            let gaps: Vec<&KsbRef> = a
                .ksbs
                .iter()
                .enumerate()
                .filter(|(i, k)| k.state != KsbState::None && !set.contains(*i))
                .map(|(_, k)| &k.ksb)
                .collect();
            if !gaps.is_empty() {
                let list: Vec<String> = gaps.iter().map(ToString::to_string).collect();
                let key: Vec<&str> = chosen.iter().map(|&i| project.modules[i].code.as_str()).collect();
                f.push(
                    Severity::Error,
                    FindingKind::RouteGap,
                    format!("route-gap:{}", key.join("+")),
                    Target::Ksb(gaps[0].clone()),
                    format!("A student on {name} misses {}", list.join(" ")),
                    "Every route through the optional modules must cover every KSB. Map these KSBs to a core module or to every option.",
                );
            }
        }
        let by_level = credits_by_level(project, &routes, chosen);
        for problem in rules::credit_problems(&project.programme.award, &by_level) {
            match credit_messages.iter_mut().find(|(p, _)| p == &problem) {
                Some((_, names)) => names.push(name.clone()),
                None => credit_messages.push((problem, vec![name.clone()])),
            }
        }
    }
    let all_routes = routes.routes.len();
    for (problem, names) in credit_messages {
        let who = if !many || names.len() == all_routes {
            "The programme".to_string()
        } else {
            format!("On {}, the programme", names.join("; "))
        };
        let id = format!("credits:{}", problem.split(';').next().unwrap_or("").replace(' ', "-"));
        f.push(
            Severity::Error,
            FindingKind::Credits,
            id,
            Target::Programme,
            format!("{who} {problem}"),
            "Adjust module credits so every route meets the award's credit rule.",
        );
    }
}
