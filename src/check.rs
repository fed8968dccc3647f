//! What `check` finds of one programme, worked out once: the analysis with the findings about
//! its standards' versions, each standard's version status, the sign-off and the open
//! comments. `htq-mapper check` prints it; `portfolio` turns it into one row per programme, so
//! a portfolio row and `check --json` on the same file cannot disagree.

use crate::analysis::{self, Analysis};
use crate::model::{IsoDate, Project, Standard};
use crate::review::signoff::{self, Standing};
use crate::revision::versions::{VersionStatus, findings_of, version_statuses};

pub struct Checked {
    /// The analysis, with the version findings added (warnings or information only).
    pub analysis: Analysis,
    /// One per standard of the project, in its order.
    pub versions: Vec<VersionStatus>,
    pub sign_off: Standing,
    pub open_comments: usize,
}

impl Checked {
    /// Every KSB and duty covered on every route: `check`'s exit code 0.
    pub fn all_covered(&self) -> bool {
        self.analysis.all_covered()
    }
}

/// Checks `project` against `known`, the catalogue's versions of its standards (others are
/// passed over), as of `today`.
pub fn check(project: &Project, known: &[Standard], today: IsoDate) -> Checked {
    let mut analysis = analysis::analyse(project);
    let versions = version_statuses(project, known, today);
    analysis.add_findings(findings_of(&versions, today));
    Checked {
        analysis,
        sign_off: signoff::standing(project),
        versions,
        open_comments: crate::review::comments::open_threads(project),
    }
}
