//! Where a version of a standard stands in IfATE's process.

use serde::{Deserialize, Serialize};

/// The API's statuses. The first three variants keep the names older project files use
/// (`Draft`, `Approved`, `Retired`), so those files load unchanged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StandardStatus {
    /// "In development".
    Draft,
    /// "Approved for delivery".
    Approved,
    /// "Retired": no new starts.
    Retired,
    /// "Withdrawn".
    Withdrawn,
    /// "Proposal in development".
    Proposal,
}

impl StandardStatus {
    pub const ALL: [StandardStatus; 5] = [
        StandardStatus::Approved,
        StandardStatus::Draft,
        StandardStatus::Proposal,
        StandardStatus::Retired,
        StandardStatus::Withdrawn,
    ];

    /// Reads the API's or a page's wording: "Approved for delivery", "In development", …
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.to_ascii_lowercase();
        if s.contains("proposal") {
            Some(StandardStatus::Proposal)
        } else if s.contains("develop") || s.contains("draft") {
            Some(StandardStatus::Draft)
        } else if s.contains("withdrawn") {
            Some(StandardStatus::Withdrawn)
        } else if s.contains("retired") {
            Some(StandardStatus::Retired)
        } else if s.contains("approved") {
            Some(StandardStatus::Approved)
        } else {
            None
        }
    }

    /// The API's words for it.
    pub fn label(self) -> &'static str {
        match self {
            StandardStatus::Draft => "In development",
            StandardStatus::Approved => "Approved for delivery",
            StandardStatus::Retired => "Retired",
            StandardStatus::Withdrawn => "Withdrawn",
            StandardStatus::Proposal => "Proposal in development",
        }
    }

    /// No new apprentices may start on it.
    pub fn closed(self) -> bool {
        matches!(self, StandardStatus::Retired | StandardStatus::Withdrawn)
    }

    /// Not yet approved: in development or a proposal.
    pub fn in_development(self) -> bool {
        matches!(self, StandardStatus::Draft | StandardStatus::Proposal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_api_status_reads_back_from_its_label() {
        for s in StandardStatus::ALL {
            assert_eq!(StandardStatus::parse(s.label()), Some(s));
        }
        assert_eq!(
            StandardStatus::parse("Approved for delivery"),
            Some(StandardStatus::Approved)
        );
        assert_eq!(
            StandardStatus::parse("Proposal in development"),
            Some(StandardStatus::Proposal)
        );
        assert_eq!(StandardStatus::parse("Withdrawn"), Some(StandardStatus::Withdrawn));
        assert_eq!(StandardStatus::parse("Something else"), None);
    }

    #[test]
    fn older_files_keep_loading() {
        for (ron, s) in [
            ("Draft", StandardStatus::Draft),
            ("Approved", StandardStatus::Approved),
            ("Retired", StandardStatus::Retired),
        ] {
            assert_eq!(ron::from_str::<StandardStatus>(ron).unwrap(), s);
        }
    }
}
