//! What the error dialog shows: what failed, as its title, and why.

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// What failed: "Could not save", "Could not open programme.ron".
    pub title: String,
    pub message: String,
}

impl super::HtqApp {
    /// Shows the error dialog; the project is left as it was.
    pub(super) fn fail(&mut self, title: impl Into<String>, message: impl std::fmt::Display) {
        self.error = Some(Failure {
            title: title.into(),
            message: message.to_string(),
        });
    }
}
