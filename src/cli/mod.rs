//! The command line: the same binary as the app, for quality teams and scripts.

mod catalogue;
mod check;
mod comments;
mod compare;
pub mod diff_standard;
mod import_descriptors;
mod import_standard;
mod merge;
mod merge_comments;
mod migrate;
mod new;
mod package_files;
mod portfolio;
mod regenerate_catalogue;
mod report;
mod review_status;
mod send_copy;
mod sign_off;
pub mod standards;
mod suggest;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(
    name = "htq-mapper",
    version,
    about = "Map an HTQ's modules to an occupational standard's duties and KSBs"
)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// A project file to open in the app; with none, the bundled sample opens.
    project: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Import standards from IfATE page text or API JSON into RON files.
    ImportStandard(import_standard::Args),
    /// Make a project from a standard, a module list and optionally a mapping matrix.
    New(new::Args),
    /// Check a project's coverage and sign-off; exits 1 when any duty or KSB is uncovered (or,
    /// with --require-signoff, when it is not signed off or the sign-off is stale).
    Check(check::Args),
    /// Show what changed from one copy of a project to another: modules, mappings, standards.
    Compare(compare::Args),
    /// Sign off a project's mapping as it is now: name, role, date and the SHA-256 of its
    /// content; the sign-off goes stale if the mapping changes.
    SignOff(sign_off::Args),
    /// Merge two copies of a programme against the copy both started from: modules, outcomes,
    /// mappings, standards and comments. Exits 0 when clean, 1 when conflicts remain (kept in
    /// the file, both sides), 2 when a file cannot be read or no base is known.
    Merge(merge::Args),
    /// Write a copy of a project for a colleague to edit, recording the content it starts
    /// from, so `merge PROJECT COPY` needs no --base.
    SendCopy(send_copy::Args),
    /// Merge a reviewer's copy's comments and duty reviews into a project, overwriting nothing.
    MergeComments(merge_comments::Args),
    /// List a project's comment threads: what each is on, open or resolved, and its comments.
    Comments(comments::Args),
    /// Write a report of a project (the format follows the extension).
    Report(report::Args),
    /// Give a project's modules their learning outcomes and assessments, from CSV, a workbook
    /// or Word module specifications (.docx).
    ImportDescriptors(import_descriptors::Args),
    /// Suggest KSBs for each module from the texts on both sides, with the terms they share.
    Suggest(suggest::Args),
    /// Show what changed between two versions of a standard: KSBs and duties matched on text.
    DiffStandard(diff_standard::Args),
    /// Move a project to another version of its standard, carrying its mappings.
    Migrate(migrate::Args),
    /// Check every programme under the paths given (project files, or folders searched for
    /// them): one row each, most in need first. Exits 1 when any has a gap, 2 when a project
    /// file cannot be read.
    Portfolio(portfolio::Args),
    /// Keep the catalogue current: `catalogue update FILE...` adds API records downloaded after
    /// this binary was built; `catalogue status` says what the catalogue holds.
    Catalogue(catalogue::Args),
    /// List the catalogue of standards (the latest approved version of each): the bundled one,
    /// with what `catalogue update` added.
    Standards(standards::Args),
    /// Rebuild standards/catalogue/ from ../shared's API records (for maintainers).
    #[command(hide = true)]
    RegenerateCatalogue(regenerate_catalogue::Args),
    /// Write the man pages and shell completions for a package (for scripts/package).
    #[command(hide = true)]
    PackageFiles(package_files::Args),
}

/// Exit codes: 0 all good, 1 findings that block approval, 2 input we cannot read.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.command.is_some() {
        end_quietly_on_a_closed_pipe();
        crate::fsio::read_pipes();
    }
    let says_its_own = matches!(cli.command, Some(Command::Catalogue(_)) | None);
    let result = match cli.command {
        Some(Command::ImportStandard(a)) => import_standard::run(a),
        Some(Command::New(a)) => new::run(a),
        Some(Command::Check(a)) => check::run(a),
        Some(Command::Compare(a)) => compare::run(a),
        Some(Command::SignOff(a)) => sign_off::run(a),
        Some(Command::Merge(a)) => merge::run(a),
        Some(Command::SendCopy(a)) => send_copy::run(a),
        Some(Command::MergeComments(a)) => merge_comments::run(a),
        Some(Command::Comments(a)) => comments::run(a),
        Some(Command::Report(a)) => report::run(a),
        Some(Command::ImportDescriptors(a)) => import_descriptors::run(a),
        Some(Command::Suggest(a)) => suggest::run(a),
        Some(Command::DiffStandard(a)) => diff_standard::run(a),
        Some(Command::Migrate(a)) => migrate::run(a),
        Some(Command::Portfolio(a)) => portfolio::run(a),
        Some(Command::Catalogue(a)) => catalogue::run(a),
        Some(Command::Standards(a)) => standards::run(a),
        Some(Command::RegenerateCatalogue(a)) => regenerate_catalogue::run(a),
        Some(Command::PackageFiles(a)) => package_files::run(a),
        None => open_app(cli.project),
    };
    // A command that read the user's catalogue says once what of it could not be used: the
    // versions it held are missing from what the command saw.
    if !says_its_own {
        for p in crate::catalogue::problems() {
            eprintln!("warning: your catalogue: {p} (see htq-mapper catalogue status)");
        }
    }
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

#[cfg(feature = "app")]
fn open_app(project: Option<PathBuf>) -> crate::Result<ExitCode> {
    crate::app::run(project)
}

#[cfg(not(feature = "app"))]
fn open_app(_project: Option<PathBuf>) -> crate::Result<ExitCode> {
    eprintln!("This build of htq-mapper has no app; use import-standard, new, check, compare, report or suggest.");
    Ok(ExitCode::from(2))
}

/// Rust ignores SIGPIPE, so a print to a pipe whose reader has gone (`| head`) panics. A
/// subcommand takes the default back and ends silently, as `ls` or `grep` would. The app keeps
/// Rust's choice: it never writes to a pipe it depends on.
#[cfg(unix)]
fn end_quietly_on_a_closed_pipe() {
    // SAFETY: called once at start, before any thread exists; SIG_DFL is a valid handler.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(not(unix))]
fn end_quietly_on_a_closed_pipe() {}

/// What a report's replacing write says of the file it replaced, if there was one.
fn kept_note(out: &std::path::Path, kept: crate::store::Kept) -> Option<String> {
    let bak = crate::store::backup_path(out);
    match kept {
        crate::store::Kept::Nothing => None,
        crate::store::Kept::AsBackup => Some(format!(
            "note: replaced {}; what it held is kept as {}",
            out.display(),
            bak.display()
        )),
        crate::store::Kept::EarlierBackup => Some(format!(
            "note: replaced {}; {} (kept when it was first replaced) was left as it is",
            out.display(),
            bak.display()
        )),
    }
}

/// A write refused because the file exists (or appeared while writing) says what to do.
/// Refuses to write over `out` unless `--force` was given: checked before any work is done.
fn refuse_existing(out: &std::path::Path, force: bool) -> crate::Result<()> {
    if out.exists() && !force {
        return Err(crate::InputError::new(out, "already exists")
            .hint("choose another --out, or add --force to replace it")
            .into());
    }
    Ok(())
}

/// Refuses an `--out` that is one of the command's inputs (through links and `./` alike):
/// `--force` replaces an old output, never a file being read.
fn refuse_input_as_out<'a>(
    inputs: impl IntoIterator<Item = &'a std::path::PathBuf>,
    out: &std::path::Path,
) -> crate::Result<()> {
    let Ok(out_file) = std::fs::canonicalize(out) else {
        return Ok(());
    };
    if inputs
        .into_iter()
        .any(|i| std::fs::canonicalize(i).is_ok_and(|i| i == out_file))
    {
        return Err(
            crate::InputError::new(out, "is also an input of this command; it was left as it is")
                .hint("choose another --out")
                .into(),
        );
    }
    Ok(())
}

/// A path as one word a POSIX shell reads back as it is: quoted when it holds a space or
/// another character the shell would act on, so a printed command can be pasted.
fn shell_word(path: &std::path::Path) -> String {
    let mut s = path.display().to_string();
    // A word starting with `-` reads as an option: `./-copy.ron` is the same file.
    if s.starts_with('-') {
        s.insert_str(0, "./");
    }
    let plain = |c: char| c.is_ascii_alphanumeric() || "_./@%+=:,-".contains(c);
    if !s.is_empty() && s.chars().all(plain) {
        s
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

fn exists_hint(e: crate::Error, path: &std::path::Path) -> crate::Error {
    match e {
        crate::Error::Io { source, .. } if source.kind() == std::io::ErrorKind::AlreadyExists => {
            crate::InputError::new(path, "already exists")
                .hint("choose another output, or add --force to replace it")
                .into()
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    /// A printed path pastes back as the one file: spaces and quotes quoted, and a leading
    /// `-` kept from reading as an option.
    #[test]
    fn shell_words_paste_back_as_one_file() {
        use std::path::Path;
        assert_eq!(super::shell_word(Path::new("dir/p.ron")), "dir/p.ron");
        assert_eq!(super::shell_word(Path::new("my dir/Jo's.ron")), "'my dir/Jo'\\''s.ron'");
        assert_eq!(super::shell_word(Path::new("-copy.ron")), "./-copy.ron");
        assert_eq!(super::shell_word(Path::new("-my copy.ron")), "'./-my copy.ron'");
    }
}
