//! The `factcheck` command line: parse arguments, run, exit 0 (clean),
//! 1 (findings at or above `--fail-on`, or failing rule examples) or 2 (the
//! tool could not do its job).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use factcheck::check::{CheckOptions, FileReport, check_document};
use factcheck::claims::extract_claims;
use factcheck::document::{self, Document};
use factcheck::report::{self, Format};
use factcheck::rules::{LoadError, RuleSet, Severity, testing};

/// Finds where a news article contradicts itself, arithmetic or the calendar.
#[derive(Parser)]
#[command(name = "factcheck", version, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    check: CheckArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Show the claim records of an article.
    Claims {
        /// The article (`-` for stdin).
        path: PathBuf,
        /// Publication date, YYYY-MM-DD.
        #[arg(long, value_parser = parse_date)]
        date: Option<jiff::civil::Date>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ClaimsFormat::Table)]
        format: ClaimsFormat,
    },
    /// Run the examples in rule files (default: the built-in pack).
    Test {
        /// Rule files or folders of them.
        paths: Vec<PathBuf>,
    },
}

#[derive(Args)]
struct CheckArgs {
    /// Files or folders to check (`-` for stdin).
    paths: Vec<PathBuf>,
    /// Publication date, YYYY-MM-DD.
    #[arg(long, value_parser = parse_date)]
    date: Option<jiff::civil::Date>,
    /// A rule file or folder to add (repeatable).
    #[arg(long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
    /// Use only the rules given with --rules.
    #[arg(long)]
    no_default_rules: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// Lowest severity that makes the exit status 1.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    Human,
    Concise,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum ClaimsFormat {
    Table,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

fn parse_date(s: &str) -> Result<jiff::civil::Date, String> {
    s.parse()
        .map_err(|_| format!("`{s}` is not a date; write YYYY-MM-DD"))
}

/// Why the tool could not do its job (exit status 2).
#[derive(Debug, thiserror::Error)]
enum Failure {
    #[error(transparent)]
    Input(#[from] document::InputError),
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Rules(Vec<LoadError>),
    #[error("{0}")]
    Usage(String),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Claims { path, date, format }) => claims(&path, date, format),
        Some(Command::Test { paths }) => test(&paths),
        None => check(&cli.check),
    };
    match result {
        Ok(code) => code,
        Err(Failure::Rules(errors)) => {
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            eprint!("{}", report::load_errors::render(&errors, color));
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("factcheck: {e}");
            ExitCode::from(2)
        }
    }
}

fn read(path: &Path) -> Result<Document, Failure> {
    let text = if path == Path::new("-") {
        document::read_stdin()?
    } else {
        document::read_path(path)?
    };
    Ok(Document::new(path.display().to_string(), text))
}

fn load_rules(args: &CheckArgs) -> Result<RuleSet, Failure> {
    let mut set = if args.no_default_rules {
        RuleSet::default()
    } else {
        RuleSet::builtin().map_err(Failure::Rules)?
    };
    let mut errors = Vec::new();
    for path in &args.rules {
        if let Err(mut e) = set.add_path(path) {
            errors.append(&mut e);
        }
    }
    if errors.is_empty() {
        Ok(set)
    } else {
        Err(Failure::Rules(errors))
    }
}

/// Files to check: the paths given, with folders walked for articles.
fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut out).map_err(|source| {
                Failure::Input(document::InputError::Io {
                    path: path.clone(),
                    source,
                })
            })?;
        } else {
            out.push(path.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for path in entries {
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(&path, out)?;
        } else if path
            .extension()
            .is_some_and(|e| matches!(e.to_str(), Some("txt" | "md" | "markdown")))
        {
            out.push(path);
        }
    }
    Ok(())
}

fn check(args: &CheckArgs) -> Result<ExitCode, Failure> {
    if args.paths.is_empty() {
        return Err(Failure::Usage(
            "no files to check; try `factcheck draft.txt` or `factcheck --help`".into(),
        ));
    }
    let rules = load_rules(args)?;
    let options = CheckOptions { date: args.date };
    let mut reports: Vec<FileReport> = Vec::new();
    for path in expand(&args.paths)? {
        reports.push(check_document(read(&path)?, &rules, &options));
    }
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let format = match args.format {
        OutputFormat::Human => Format::Human,
        OutputFormat::Concise => Format::Concise,
        OutputFormat::Json => Format::Json,
    };
    print(&report::render(format, &reports, color));
    let threshold = match args.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    let failing = threshold.is_some_and(|t| {
        reports
            .iter()
            .flat_map(|r| &r.findings)
            .any(|f| f.severity >= t)
    });
    Ok(ExitCode::from(u8::from(failing)))
}

fn claims(
    path: &Path,
    date: Option<jiff::civil::Date>,
    format: ClaimsFormat,
) -> Result<ExitCode, Failure> {
    let document = read(path)?;
    let (date, date_source) = factcheck::check::publication(date, &document.text);
    let claims = extract_claims(&document, date);
    let lines = document::LineIndex::new(&document.text);
    let report = FileReport {
        path: document.path,
        text: document.text,
        date,
        date_source,
        skipped: 0,
        claims: claims.len(),
        findings: Vec::new(),
        lines,
    };
    print(&match format {
        ClaimsFormat::Table => report::claims::table(&report, &claims),
        ClaimsFormat::Json => report::claims::json(&report, &claims),
    });
    Ok(ExitCode::SUCCESS)
}

fn test(paths: &[PathBuf]) -> Result<ExitCode, Failure> {
    let set = if paths.is_empty() {
        RuleSet::builtin().map_err(Failure::Rules)?
    } else {
        let mut set = RuleSet::default();
        let mut errors = Vec::new();
        for p in paths {
            if let Err(mut e) = set.add_path(p) {
                errors.append(&mut e);
            }
        }
        if !errors.is_empty() {
            return Err(Failure::Rules(errors));
        }
        set
    };
    let summary = testing::run_examples(&set);
    print(&testing::render(&summary));
    Ok(ExitCode::from(u8::from(!summary.failures.is_empty())))
}

fn print(s: &str) {
    // A closed pipe (`factcheck … | head`) is not an error worth a panic.
    let _ = std::io::stdout().write_all(s.as_bytes());
}
