//! The `htq-mapper` binary: the command line, or the app when no command is given.

fn main() -> std::process::ExitCode {
    htq_mapper::cli::main()
}
