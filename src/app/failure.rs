//! What the error dialog shows: what failed, as its title, and why.

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// What failed: "Could not save", "Could not open programme.ron".
    pub title: String,
    pub message: String,
}
