//! The bundled sample project and standards, built into the binary so it runs anywhere.

use std::path::Path;

use crate::error::InputError;
use crate::model::{Project, Standard};

pub const SAMPLE_NAME: &str = "sample-fdsc-assistant-practitioner.ron";
const SAMPLE: &str = include_str!("../assets/sample-fdsc-assistant-practitioner.ron");

/// The bundled standards as (file name, RON text).
pub const BUNDLED_STANDARDS: [(&str, &str); 3] = [
    ("ST0215.ron", include_str!("../standards/ST0215.ron")),
    ("ST0220.ron", include_str!("../standards/ST0220.ron")),
    ("ST0413.ron", include_str!("../standards/ST0413.ron")),
];

pub fn sample_project() -> Result<Project, InputError> {
    crate::store::parse_project(Path::new(SAMPLE_NAME), SAMPLE)
}

pub fn bundled_standards() -> Vec<Standard> {
    BUNDLED_STANDARDS
        .iter()
        .filter_map(|(name, text)| crate::store::parse_ron(Path::new(name), text).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn bundled_files_parse() {
        assert!(super::sample_project().is_ok());
        assert_eq!(super::bundled_standards().len(), 3);
    }
}
