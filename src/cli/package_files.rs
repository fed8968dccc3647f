//! `htq-mapper package-files` (hidden): writes the man pages and the shell completions from the
//! clap definitions this binary parses, for `scripts/package`, so they cannot drift from it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::error::{Error, Result};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The folder to write into: man/ gets htq-mapper.1 and a page per subcommand,
    /// completions/ gets htq-mapper.bash, _htq-mapper (zsh) and htq-mapper.fish.
    #[arg(long)]
    out: PathBuf,
}

/// The name a shell completes and `man` finds.
const BIN: &str = "htq-mapper";

pub fn run(args: Args) -> Result<ExitCode> {
    let man = args.out.join("man");
    let completions = args.out.join("completions");
    for dir in [&man, &completions] {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    write_man_pages(&man)?;
    for (shell, name) in [
        (Shell::Bash, "htq-mapper.bash"),
        (Shell::Zsh, "_htq-mapper"),
        (Shell::Fish, "htq-mapper.fish"),
    ] {
        let mut text = Vec::new();
        clap_complete::generate(shell, &mut for_completion(), BIN, &mut text);
        let path = completions.join(name);
        crate::store::write_atomic(&path, &text, false)?;
    }
    println!("{}: man pages and completions", args.out.display());
    Ok(ExitCode::SUCCESS)
}

/// The command line as a shell completes it: clap_complete would offer the hidden maintainer
/// subcommands too, so the command is rebuilt from the visible ones.
fn for_completion() -> clap::Command {
    let cli = super::Cli::command();
    let visible: Vec<clap::Command> = cli.get_subcommands().filter(|c| !c.is_hide_set()).cloned().collect();
    clap::Command::new(BIN)
        .version(env!("CARGO_PKG_VERSION"))
        .args(cli.get_arguments().cloned())
        .subcommands(visible)
}

/// htq-mapper.1 lists the subcommands; htq-mapper-check.1 and the others give each one's options.
fn write_man_pages(dir: &Path) -> Result<()> {
    let cli = super::Cli::command().disable_help_subcommand(true);
    clap_mangen::generate_to(cli.clone(), dir).map_err(|e| Error::io(dir, e))?;
    // The main page also says what the exit codes mean and where the app keeps its files.
    let man = clap_mangen::Man::new(cli);
    let mut page = Vec::new();
    man.render(&mut page).map_err(|e| Error::io(dir, e))?;
    page.extend_from_slice(MAIN_PAGE_MORE.as_bytes());
    crate::store::write_atomic(&dir.join(man.get_filename()), &page, false)
}

/// The same exit codes as `cli::main` returns.
const MAIN_PAGE_MORE: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
All good: for \fBcheck\fR, every duty and KSB is covered on every route through the options.
.TP
\fB1\fR
Findings that block approval: for \fBcheck\fR, a duty or KSB left uncovered (or, with
\fB\-\-require\-signoff\fR, no sign\-off, or a stale one).
.TP
\fB2\fR
Input that cannot be read; the message names the file, line and column, and what to do.
.SH FILES
.TP
\fI~/.config/htq\-mapper/\fR
The app's panel layout and its recent projects.
.TP
\fI~/.local/share/htq\-mapper/recovery/\fR
The journal of an untitled project, from which the app recovers it after a crash (a saved
project's journal is kept beside it).
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_the_pages_and_completions_from_the_real_definitions() {
        let dir = tempfile::tempdir().unwrap();
        let code = run(Args {
            out: dir.path().to_path_buf(),
        })
        .unwrap();
        assert_eq!(code, ExitCode::SUCCESS);
        let page = std::fs::read_to_string(dir.path().join("man/htq-mapper.1")).unwrap();
        assert!(page.contains("htq\\-mapper\\-check(1)"), "{page}");
        assert!(
            page.contains("EXIT STATUS") && !page.contains("htq\\-mapper\\-help(1)"),
            "{page}"
        );
        let check = std::fs::read_to_string(dir.path().join("man/htq-mapper-check.1")).unwrap();
        assert!(check.contains("require\\-signoff"), "{check}");
        // Hidden subcommands stay out of both.
        assert!(!dir.path().join("man/htq-mapper-package-files.1").exists());
        let bash = std::fs::read_to_string(dir.path().join("completions/htq-mapper.bash")).unwrap();
        assert!(bash.contains("check") && !bash.contains("package-files"), "{bash}");
        assert!(!bash.contains("regenerate-catalogue"), "{bash}");
        assert!(dir.path().join("completions/_htq-mapper").is_file());
        assert!(dir.path().join("completions/htq-mapper.fish").is_file());
    }
}
