//! Findings about the standard itself: which version the project maps, whether that version
//! is still open for new starts, what is current, and what revision is coming.
//!
//! A pure function of the project, the versions known of its standards (the catalogue's) and
//! today's date, so tests can fix the day. These findings are warnings or information: they
//! never decide `check`'s exit code, which says whether any KSB or duty is uncovered.

use crate::import::identify::{VersionMatch, identify_version, version_order};
use crate::model::{IsoDate, Project, Standard, StandardStatus};

use crate::analysis::{Finding, FindingKind, Findings, Severity, Target};

/// What is known of the version of one standard that a project maps.
#[derive(Clone, Debug, PartialEq)]
pub struct VersionStatus {
    pub reference: String,
    /// The project copy's version, as its source gave it or as its content identified it.
    pub version: Option<String>,
    /// How the version was told from content, for a copy whose source gave none (page text).
    pub identified: Option<VersionMatch>,
    /// The version's status: the catalogue's where it knows the version, else the copy's.
    pub status: Option<StandardStatus>,
    pub earliest_start: Option<IsoDate>,
    pub latest_start: Option<IsoDate>,
    /// The latest version approved for delivery that has started by today, if another.
    pub current: Option<Release>,
    /// The current version's duties and KSBs are the same as this version's (same hash).
    pub current_same_content: bool,
    /// Later versions approved or in development whose starts have not begun.
    pub coming: Vec<Release>,
    /// The copy says its page is not the latest approved version.
    pub page_says_not_latest: bool,
    /// The copy's content hash differs from the catalogue's copy of the same version.
    pub edited: Option<EditedCopy>,
}

/// Another version of the standard: its number, status and start date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Release {
    pub version: String,
    pub status: Option<StandardStatus>,
    pub earliest_start: Option<IsoDate>,
}

/// How a project's copy differs from the published version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditedCopy {
    pub project_hash: String,
    pub catalogue_hash: String,
}

impl VersionStatus {
    /// "ST0215 1.1", or the reference alone when the version is unknown.
    pub fn name(&self) -> String {
        match &self.version {
            Some(v) => format!("{} {v}", self.reference),
            None => self.reference.clone(),
        }
    }

    /// Closed for new starts: retired or withdrawn, or past its latest start date.
    pub fn closed(&self, today: IsoDate) -> bool {
        self.status.is_some_and(StandardStatus::closed) || self.latest_start.is_some_and(|d| d < today)
    }

    /// One line for `check`: "ST0215 1.1: Retired, …; 1.2 is current …. Told from the page's
    /// KSBs: …". The status leads; how a page's version was told follows.
    pub fn summary(&self, today: IsoDate) -> String {
        let mut s = self.name();
        match self.status {
            Some(st) => s.push_str(&format!(": {}", st.label())),
            None => s.push_str(": status unknown"),
        }
        if self.closed(today)
            && let Some(d) = self.latest_start
        {
            s.push_str(&format!(", no new starts after {}", d.uk()));
        }
        if let Some(c) = &self.current {
            match c.earliest_start {
                // No approved version has started yet: the next is not current, but coming.
                Some(d) if d > today => {
                    s.push_str(&format!("; {} replaces it, new starts from {}", c.version, d.uk()));
                }
                Some(d) => s.push_str(&format!("; {} is current (starts from {})", c.version, d.uk())),
                None => s.push_str(&format!("; {} is current", c.version)),
            }
        }
        let named = self.current.as_ref().map(|c| c.version.as_str());
        for r in self.coming.iter().filter(|r| Some(r.version.as_str()) != named) {
            s.push_str(&format!("; {} is {}", r.version, status_words(r.status)));
            if let Some(d) = r.earliest_start {
                s.push_str(&format!(", new starts from {}", d.uk()));
            }
        }
        if let Some(m) = &self.identified {
            s.push_str(&format!(". Told from the page's KSBs: {}", m.describe()));
        }
        s
    }
}

fn status_words(s: Option<StandardStatus>) -> String {
    s.map_or_else(|| "known".to_string(), |s| s.label().to_lowercase())
}

/// What is known of each of the project's standards: `known` holds the versions the catalogue
/// has (any references; others are passed over), `today` the day to judge start dates by.
pub fn version_statuses(project: &Project, known: &[Standard], today: IsoDate) -> Vec<VersionStatus> {
    project
        .standards
        .iter()
        .map(|s| version_status(s, known, today))
        .collect()
}

pub fn version_status(copy: &Standard, known: &[Standard], today: IsoDate) -> VersionStatus {
    let mut versions: Vec<&Standard> = known
        .iter()
        .filter(|v| v.reference == copy.reference && v.version.as_deref().is_some_and(|v| !v.is_empty()))
        .collect();
    versions.sort_by(|a, b| version_order(version_of(a), version_of(b)));
    let stated = copy.version.clone().filter(|v| !v.is_empty());
    let identified = if stated.is_none() {
        identify_version(copy, known)
    } else {
        None
    };
    let version = stated
        .clone()
        .or_else(|| identified.as_ref().map(|m| m.version.clone()));
    let published = version
        .as_deref()
        .and_then(|v| versions.iter().copied().find(|k| version_of(k) == v));
    let source = published.unwrap_or(copy);
    let started = |v: &Standard| v.earliest_start.is_none_or(|d| d <= today);
    let current = versions
        .iter()
        .rev()
        .find(|v| v.status == Some(StandardStatus::Approved) && started(v))
        .or_else(|| {
            versions
                .iter()
                .rev()
                .find(|v| v.status == Some(StandardStatus::Approved))
        })
        .filter(|c| {
            version
                .as_deref()
                .is_some_and(|v| version_order(v, version_of(c)).is_lt())
        })
        .copied();
    let current_same_content = current.is_some_and(|c| c.same_content(copy));
    let current = current.map(release);
    let coming = versions
        .iter()
        .filter(|v| {
            let later = version
                .as_deref()
                .is_none_or(|mine| version_order(version_of(v), mine).is_gt());
            let pending = match v.status {
                Some(StandardStatus::Approved) => !started(v),
                Some(s) => s.in_development(),
                None => false,
            };
            later && pending
        })
        .map(|v| release(v))
        .collect();
    // Only a copy whose source named its version is compared by hash: a page's copy was
    // matched by content already, and its `identified` says how closely.
    let edited = match (published, &stated) {
        (Some(p), Some(_)) => (!copy.same_content(p)).then(|| EditedCopy {
            project_hash: copy.compute_content_hash(),
            catalogue_hash: p.compute_content_hash(),
        }),
        _ => None,
    };
    VersionStatus {
        reference: copy.reference.clone(),
        version,
        identified,
        status: source.status.or(copy.status),
        earliest_start: source.earliest_start,
        latest_start: source.latest_start,
        current,
        current_same_content,
        coming,
        page_says_not_latest: copy.not_latest,
        edited,
    }
}

/// "; K25 and S9 are worded differently", naming at most ten.
fn worded_differently(codes: &[crate::model::KsbCode]) -> String {
    match codes.len() {
        0 => String::new(),
        1 => format!("; {} is worded differently", crate::text::list_and(codes)),
        _ => format!("; {} are worded differently", crate::text::list_and(codes)),
    }
}

/// "; it lacks B1, B2 and B3 of the version's 72": a copy cut short says so.
fn lacking(codes: &[crate::model::KsbCode], of: usize) -> String {
    if codes.is_empty() {
        return String::new();
    }
    format!("; it lacks {} of the version's {of}", crate::text::list_and(codes))
}

fn version_of(s: &Standard) -> &str {
    s.version.as_deref().unwrap_or("")
}

fn release(s: &Standard) -> Release {
    Release {
        version: version_of(s).to_string(),
        status: s.status,
        earliest_start: s.earliest_start,
    }
}

/// The findings about each standard's version, as of `today`.
pub fn version_findings(project: &Project, known: &[Standard], today: IsoDate) -> Vec<Finding> {
    findings_of(&version_statuses(project, known, today), today)
}

/// The findings about versions already worked out by [`version_statuses`].
pub fn findings_of(statuses: &[VersionStatus], today: IsoDate) -> Vec<Finding> {
    let mut f = Findings::default();
    for v in statuses {
        push_findings(v, today, &mut f);
    }
    f.0
}

fn push_findings(v: &VersionStatus, today: IsoDate, f: &mut Findings) {
    let name = v.name();
    let at = match &v.version {
        Some(version) => format!("{}@{version}", v.reference),
        None => v.reference.clone(),
    };
    let target = Target::Standard(v.reference.clone());
    let to = v.current.as_ref().map(|c| format!("{}@{}", v.reference, c.version));
    let move_hint = match &to {
        Some(to) => format!(
            "Formal reviews judge an HTQ against the latest version of its standard. See what changed with htq-mapper diff-standard {at} {to}, then move the mapping with htq-mapper migrate PROJECT --to {to} (or Standards > Update to a newer version)."
        ),
        None => "Formal reviews judge an HTQ against the latest version of its standard. Check IfATE's page for the version approved for delivery and align to it.".to_string(),
    };
    if v.closed(today) {
        let word = match v.status {
            Some(StandardStatus::Withdrawn) => "withdrawn",
            Some(StandardStatus::Retired) => "retired",
            _ => "closed to new starts",
        };
        let after = v
            .latest_start
            .map_or_else(String::new, |d| format!(": no new starts after {}", d.uk()));
        f.push(
            Severity::Warning,
            FindingKind::VersionClosed,
            format!("version-closed:{at}"),
            target.clone(),
            format!("{name} is {word}{after}"),
            &move_hint,
        );
    }
    if let Some(c) = &v.current {
        let (word, from) = match c.earliest_start {
            Some(d) if d > today => ("replaces it", format!(", new starts from {}", d.uk())),
            Some(d) => ("is current", format!(", with starts from {}", d.uk())),
            None => ("is current", String::new()),
        };
        f.push(
            Severity::Warning,
            FindingKind::NotLatestVersion,
            format!("not-latest-version:{at}"),
            target.clone(),
            format!(
                "{name} is not the latest approved version: {} {word} (approved for delivery{from}){}",
                c.version,
                if v.current_same_content {
                    format!("; its duties and KSBs are the same as {name}'s, so the mapping carries over as it is")
                } else {
                    String::new()
                }
            ),
            &move_hint,
        );
    } else if v.page_says_not_latest {
        f.push(
            Severity::Warning,
            FindingKind::NotLatestVersion,
            format!("not-latest-version:{at}"),
            target.clone(),
            format!("{name}'s page says it is not the latest approved version"),
            &move_hint,
        );
    }
    let named = v.current.as_ref().map(|c| c.version.as_str());
    for r in v.coming.iter().filter(|r| Some(r.version.as_str()) != named) {
        let when = r.earliest_start.map_or_else(
            || ", with no start date yet".to_string(),
            |d| format!(", new starts from {}", d.uk()),
        );
        f.push(
            Severity::Info,
            FindingKind::RevisionComing,
            format!("revision-coming:{}@{}", v.reference, r.version),
            target.clone(),
            format!("{} {} is {}{when}", v.reference, r.version, status_words(r.status)),
            &format!(
                "A revision is on its way. See what it changes with htq-mapper diff-standard {at} {}@{} and plan the programme's move before its starts begin.",
                v.reference, r.version
            ),
        );
    }
    if v.status.is_some_and(StandardStatus::in_development) {
        f.push(
            Severity::Warning,
            FindingKind::VersionInDevelopment,
            format!("version-in-development:{at}"),
            target.clone(),
            format!("{name} is a standard {}: not yet approved for delivery", status_words(v.status)),
            "Its duties and KSBs may change before approval, and an HTQ is approved against an approved standard. Keep the mapping, and re-check it against the approved version when it is published.",
        );
    }
    if let Some(m) = v.identified.as_ref().filter(|m| !m.exact()) {
        f.push(
            Severity::Warning,
            FindingKind::CopyDiffers,
            format!("copy-differs:{at}"),
            target.clone(),
            format!(
                "The project's copy of {} differs from version {} as published: {} of its {} KSBs are the same{}{}",
                v.reference,
                m.version,
                m.matched,
                m.page_ksbs,
                worded_differently(&m.differing),
                lacking(&m.missing, m.version_ksbs)
            ),
            "The page was copied before the version was final, or edited since. Import the published version and move the mapping to it, so the KSB statements are the approved ones.",
        );
    }
    if let Some(e) = &v.edited {
        f.push(
            Severity::Warning,
            FindingKind::CopyDiffers,
            format!("copy-differs:{at}"),
            target,
            format!(
                "The project's copy of {name} differs from the catalogue's copy of the same version (content hash {} here, {} in the catalogue)",
                short(&e.project_hash),
                short(&e.catalogue_hash)
            ),
            "Published versions are sometimes edited in place, without a new version number. Compare the two with htq-mapper diff-standard, and re-import the standard if the catalogue's is the newer.",
        );
    }
}

/// The versions the catalogue knows of each standard the project aligns to: what `check`, the
/// reports and the app judge the project's standards against.
pub fn catalogue_versions(project: &Project) -> Vec<Standard> {
    let mut references: Vec<&str> = project.standards.iter().map(|s| s.reference.as_str()).collect();
    references.sort_unstable();
    references.dedup();
    references.into_iter().flat_map(crate::catalogue::versions).collect()
}

/// The version findings of a project, as of a day, kept until its standards or the day change:
/// the app asks after every edit, and only a change to a standard loads the catalogue again.
#[derive(Default)]
pub struct VersionCheck {
    key: Vec<String>,
    day: Option<IsoDate>,
    statuses: Vec<VersionStatus>,
    findings: Vec<Finding>,
}

impl VersionCheck {
    /// The findings for `project` as of `today`, using `known` to load the versions when the
    /// project's standards changed since the last call.
    pub fn update(
        &mut self,
        project: &Project,
        today: IsoDate,
        known: impl FnOnce(&Project) -> Vec<Standard>,
    ) -> &[Finding] {
        let key: Vec<String> = project
            .standards
            .iter()
            .map(|s| {
                format!(
                    "{} {:?} {:?} {} {}",
                    s.reference,
                    s.version,
                    s.status,
                    s.not_latest,
                    s.compute_content_hash()
                )
            })
            .collect();
        if self.day != Some(today) || key != self.key || self.statuses.len() != project.standards.len() {
            let versions = known(project);
            self.statuses = version_statuses(project, &versions, today);
            self.findings = version_findings(project, &versions, today);
            self.key = key;
            self.day = Some(today);
        }
        &self.findings
    }

    pub fn statuses(&self) -> &[VersionStatus] {
        &self.statuses
    }
}

fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}
