//! Coverage analysis: a pure function of the project, cheap enough to rerun after every edit.

mod assessment;
mod conflicts;
mod count;
mod coverage;
mod credits;
mod finding;
mod graph;
mod groups;
mod matrix;
pub mod options;
mod route_findings;
mod routes;
mod rules;

pub use assessment::records_assessment;
pub use count::RouteCount;
pub use coverage::{DutyState, DutyStatus, KsbState, KsbStatus};
pub use credits::{CreditSummary, FindingCounts, route_level_lines};
pub use finding::{Finding, FindingKind, Findings, Severity, Target};
pub use graph::CoverageGraph;
pub use groups::{FindingGroup, GROUP_AT, group_findings};
pub use matrix::{CellMark, CoverageMatrix};
pub use routes::{DutyGap, Group, KsbGap, Route, Routes};
pub use rules::{
    CreditBound, CreditGap, CreditProblem, LevelTotal, credit_bound, credit_problems, credits_by_level, level_range,
    with_article,
};

use crate::model::{DutyRef, KsbRef, Project};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// The KSBs the programme needs (all of them, unless options of a core-and-options
    /// standard were chosen); `full`, `partial` and `none` count these.
    pub ksbs: usize,
    pub full: usize,
    pub partial: usize,
    pub none: usize,
    pub duties: usize,
    pub duties_covered: usize,
    pub duties_partial: usize,
    pub duties_uncovered: usize,
    /// KSBs needed only by the duties of options the programme did not choose.
    pub ksbs_not_needed: usize,
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
    /// Who covers what: module rows × KSB columns in `ksbs` order.
    pub matrix: CoverageMatrix,
    /// The routes through the optional modules, and what some route misses.
    pub routes: Routes,
    /// Credits by level, lowest first, then all levels together (level 0).
    pub level_totals: Vec<LevelTotal>,
    /// What a student takes in credits on each route, and what all options add up to.
    pub credits: CreditSummary,
    /// Covered KSBs that no module assesses, as indices into `ksbs` (empty while the project
    /// records no assessment at all).
    pub unassessed: Vec<usize>,
    /// Assessed KSBs that some route through the options never assesses, with that route.
    pub assessment_gaps: Vec<KsbGap>,
    /// Where each standard's KSBs start in `ksbs`.
    standard_offsets: Vec<(String, usize)>,
}

impl Analysis {
    pub fn ksb(&self, r: &KsbRef) -> Option<&KsbStatus> {
        self.ksb_index(r).map(|i| &self.ksbs[i])
    }

    /// Where a KSB sits in `ksbs`.
    pub fn ksb_index(&self, r: &KsbRef) -> Option<usize> {
        ksb_index(&self.standard_offsets, &self.ksbs, r)
    }

    pub fn duty(&self, r: &DutyRef) -> Option<&DutyStatus> {
        self.duties.iter().find(|d| &d.duty == r)
    }

    /// Every KSB of a duty that some route through the options misses, in KSB order: the
    /// duty may be covered by the programme, but not for every student. (`DutyGap` keeps one
    /// such KSB, with its route; a reader fixing the duty needs them all.)
    pub fn duty_route_gaps(&self, project: &Project, r: &DutyRef) -> Vec<&KsbRef> {
        if !self.routes.duty_gaps.iter().any(|g| &g.duty == r) {
            return Vec::new();
        }
        let Some(duty) = project.duty(r) else {
            return Vec::new();
        };
        self.route_gap_ksbs()
            .filter(|k| k.standard == r.standard && duty.ksbs.contains(&k.code))
            .collect()
    }

    /// The KSBs some route through the options misses, in KSB order: gaps, though a module
    /// may cover them fully.
    pub fn route_gap_ksbs(&self) -> impl Iterator<Item = &KsbRef> {
        self.routes
            .gaps
            .iter()
            .filter_map(|g| self.ksbs.get(g.ksb))
            .map(|s| &s.ksb)
    }

    pub fn uncovered_duties(&self) -> impl Iterator<Item = &DutyStatus> {
        self.duties.iter().filter(|d| d.state == DutyState::Uncovered)
    }

    pub fn uncovered_ksbs(&self) -> impl Iterator<Item = &KsbStatus> {
        self.ksbs.iter().filter(|k| k.needed && k.state == KsbState::Uncovered)
    }

    /// Covered KSBs that no module assesses.
    pub fn unassessed_ksbs(&self) -> impl Iterator<Item = &KsbStatus> {
        self.unassessed.iter().filter_map(|&i| self.ksbs.get(i))
    }

    /// The modules that assess a KSB, decided once here for every view: through the outcome →
    /// assessment chain where a module has one, by the ticked flag where it does not. Codes in
    /// module order.
    pub fn assessed_in<'p>(&self, project: &'p Project, k: &KsbStatus) -> Vec<&'p str> {
        k.assessing
            .iter()
            .filter_map(|&m| project.modules.get(m))
            .map(|m| m.code.as_str())
            .collect()
    }

    /// Whether the module coded `module` assesses `ksb`: [`Analysis::assessed_in`] for one cell,
    /// so the grid's tooltips and the inspector say what the reports say.
    pub fn assessed_by(&self, project: &Project, module: &str, ksb: &KsbRef) -> bool {
        self.ksb(ksb)
            .is_some_and(|k| self.assessed_in(project, k).contains(&module))
    }

    /// Whether a module (by index) assesses the KSB at `column` of `ksbs`, as the analysis
    /// decided it.
    pub fn assesses(&self, module: usize, column: usize) -> bool {
        self.matrix.cell(module, column).is_some_and(|c| c.assessed)
    }

    /// The findings grouped for reading (see [`group_findings`]).
    pub fn finding_groups(&self, project: &Project) -> Vec<FindingGroup> {
        group_findings(project, self)
    }

    pub fn partial_ksbs(&self) -> impl Iterator<Item = &KsbStatus> {
        self.ksbs.iter().filter(|k| k.needed && k.state == KsbState::Partial)
    }

    /// The findings by severity: the one count the app, the reports and `check` show.
    pub fn finding_counts(&self) -> FindingCounts {
        FindingCounts::of(&self.findings)
    }

    /// Adds findings made outside `analyse` (those about the standard's version, which need
    /// the catalogue and today's date), keeping the most severe first.
    pub fn add_findings(&mut self, extra: Vec<Finding>) {
        self.findings.extend(extra);
        self.findings.sort_by_key(|x| x.severity);
    }

    /// Every KSB and duty covered on every route, and no merge conflict left (until one is
    /// resolved the file holds two answers); a project with no KSB to cover is not.
    pub fn all_covered(&self) -> bool {
        self.summary.ksbs > 0
            && !self.findings.iter().any(|f| f.kind == FindingKind::MergeConflict)
            && self.summary.none == 0
            && self.summary.duties_uncovered == 0
            && self.routes.gaps.is_empty()
    }
}

fn ksb_index(offsets: &[(String, usize)], ksbs: &[KsbStatus], r: &KsbRef) -> Option<usize> {
    let &(_, start) = offsets.iter().find(|(s, _)| s == &r.standard)?;
    let end = offsets
        .iter()
        .map(|&(_, o)| o)
        .filter(|&o| o > start)
        .min()
        .unwrap_or(ksbs.len());
    let slice = ksbs.get(start..end)?;
    slice
        .binary_search_by(|k| k.ksb.code.cmp(&r.code))
        .ok()
        .map(|i| start + i)
}

pub fn analyse(project: &Project) -> Analysis {
    let graph = CoverageGraph::build(project);
    let (ksbs, duties, matrix) = coverage::compute(project, &graph);
    let mut standard_offsets = Vec::with_capacity(project.standards.len());
    let mut offset = 0;
    for s in &project.standards {
        standard_offsets.push((s.reference.clone(), offset));
        offset += s.ksbs.len();
    }
    let mut routes = Routes::of(project);
    routes.find_gaps(&ksbs);
    routes.find_duty_gaps(project, &ksbs, &duties, |r| ksb_index(&standard_offsets, &ksbs, r));
    routes.credit_gaps = rules::credit_gaps(project, &routes);
    let unassessed = assessment::unassessed(project, &ksbs);
    let assessment_gaps = assessment::route_gaps(&routes, &ksbs);
    let level_totals = rules::level_totals(project, &routes);
    let credits = CreditSummary::of(&level_totals);
    let needed = |state: KsbState| ksbs.iter().filter(|k| k.needed && k.state == state).count();
    let summary = Summary {
        ksbs: ksbs.iter().filter(|k| k.needed).count(),
        full: needed(KsbState::Full),
        partial: needed(KsbState::Partial),
        none: needed(KsbState::Uncovered),
        ksbs_not_needed: ksbs.iter().filter(|k| !k.needed).count(),
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
        matrix,
        routes,
        level_totals,
        credits,
        unassessed,
        assessment_gaps,
        standard_offsets,
    };
    let mut f = Findings::default();
    conflicts::conflict_findings(project, &mut f);
    finding::standard_findings(project, &mut f);
    options::option_findings(project, &a, &mut f);
    finding::duty_findings(project, &a, &mut f);
    finding::ksb_findings(project, &a, &mut f);
    finding::module_findings(project, &graph, &mut f);
    finding::review_findings(project, &mut f);
    finding::dropped_findings(project, &mut f);
    route_findings::route_findings(project, &a, &mut f);
    route_findings::option_group_findings(project, &mut f);
    assessment::assessment_findings(project, &a, &mut f);
    a.findings = f.0;
    a.findings.sort_by_key(|x| x.severity);
    a
}
