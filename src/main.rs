//! The `factcheck` command line: parse arguments, run, exit 0 (clean),
//! 1 (findings at or above `--fail-on`, or failing rule examples) or 2 (the
//! tool could not do its job).

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use factcheck::baseline::{Baseline, BaselineError};
use factcheck::check::{CheckOptions, FileReport, check_document};
use factcheck::claims::extract_claims;
use factcheck::config::{self, Config};
use factcheck::document::{self, Document};
use factcheck::report::{self, Format};
use factcheck::rules::{LoadError, RuleSet, Severity, testing};
use rayon::prelude::*;

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
        /// The config, for its `date:` (default: the nearest .factcheck.yml).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Run the examples in rule files (default: the rules in force).
    Test {
        /// Rule files or folders of them (`*.yml`, `*.yaml`).
        paths: Vec<PathBuf>,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// List the rules in force: id, severity, scope, source.
    Rules {
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Show a rule: summary, severity, scope, pattern, assertion, source, examples.
    Explain {
        /// The rule id.
        id: String,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Print the JSON Schema of the rule file format (or of the config).
    Schema {
        /// Which format.
        #[arg(value_enum, default_value_t = SchemaKind::Rules)]
        kind: SchemaKind,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum SchemaKind {
    /// Rule files (`rules: [...]`).
    Rules,
    /// `.factcheck.yml`.
    Config,
}

/// Which rules are in force.
#[derive(Args, Clone, Default)]
struct RuleArgs {
    /// A rule file or folder to add (repeatable).
    #[arg(long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
    /// Use only the rules given with --rules or the config.
    #[arg(long)]
    no_default_rules: bool,
    /// The config file (default: the nearest .factcheck.yml).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

#[derive(Args)]
struct CheckArgs {
    /// Files or folders to check (`-` for stdin).
    paths: Vec<PathBuf>,
    /// Publication date, YYYY-MM-DD.
    #[arg(long, value_parser = parse_date)]
    date: Option<jiff::civil::Date>,
    #[command(flatten)]
    rules: RuleArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// Lowest severity that makes the exit status 1 [default: the config's, else error].
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Hide the findings recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record today's findings in this baseline file, and exit 0.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    write_baseline: Option<PathBuf>,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Only these files in folders, as globs (repeatable) [default: *.txt *.md *.markdown *.html *.htm].
    #[arg(long, value_name = "GLOB")]
    glob: Vec<String>,
    /// The name stdin (`-`) is reported under; its extension picks the markup.
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
    /// Print findings only: no summary line or notes.
    #[arg(long, short)]
    quiet: bool,
    /// Print on stderr what was checked: files, bytes, claims, rules evaluated, time.
    #[arg(long)]
    stats: bool,
    /// Skip (with a warning) files larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 50_000_000)]
    max_file_size: u64,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    Human,
    Concise,
    Json,
    Jsonl,
    Sarif,
    Github,
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

impl FailOn {
    fn into_config(self) -> config::FailOn {
        match self {
            FailOn::Error => config::FailOn::Error,
            FailOn::Warning => config::FailOn::Warning,
            FailOn::Info => config::FailOn::Info,
            FailOn::Never => config::FailOn::Never,
        }
    }
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
    #[error("bad rule or config files")]
    Rules(Vec<LoadError>),
    #[error(transparent)]
    Baseline(#[from] BaselineError),
    #[error("{0}")]
    Usage(String),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Claims {
            path,
            date,
            format,
            config,
        }) => {
            let rules = RuleArgs {
                config,
                ..RuleArgs::default()
            };
            claims(&path, date, format, &rules)
        }
        Some(Command::Test { paths, rules }) => test(&paths, &rules),
        Some(Command::Rules { rules }) => list_rules(&rules),
        Some(Command::Explain { id, rules }) => explain(&id, &rules),
        Some(Command::Schema { kind }) => {
            let schema = match kind {
                SchemaKind::Rules => factcheck::rules::schema::rules(),
                SchemaKind::Config => factcheck::rules::schema::config(),
            };
            print(&format!(
                "{}\n",
                serde_json::to_string_pretty(&schema).unwrap_or_default()
            ));
            Ok(ExitCode::SUCCESS)
        }
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

/// One file's outcome.
enum Checked {
    /// Checked, with the lowest severity that fails.
    Report(FileReport, Option<Severity>),
    /// Left unchecked, with a warning.
    Skipped(PathBuf, document::Skipped),
}

fn read(
    path: &Path,
    stdin_name: Option<&str>,
    max_size: u64,
) -> Result<Result<Document, document::Skipped>, Failure> {
    if path == Path::new("-") {
        let text = document::read_stdin()?;
        return Ok(Ok(Document::read(stdin_name.unwrap_or("-"), text)));
    }
    Ok(document::read_draft(path, max_size)?
        .map(|text| Document::read(path.display().to_string(), text)))
}

/// A progress bar on stderr while many files are checked on a terminal;
/// hidden otherwise (CI logs, pipes).
fn progress_bar(files: usize) -> indicatif::ProgressBar {
    if files < 50 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(files as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} files {elapsed}")
    {
        bar.set_style(style);
    }
    bar
}

/// How many rules each file was checked with, for --stats.
fn configs_rules(configs: &[(Option<PathBuf>, Config, RuleSet)]) -> usize {
    configs
        .iter()
        .map(|(_, _, r)| r.rules.len())
        .max()
        .unwrap_or(0)
}

/// The config for files under `near`: `--config`, else the nearest one.
fn config_for(args: &RuleArgs, near: &Path) -> Result<Config, Failure> {
    let path = match &args.config {
        Some(p) => Some(p.clone()),
        None => Config::find(near),
    };
    match path {
        Some(p) => Config::load(&p).map_err(Failure::Rules),
        None => Ok(Config::none()),
    }
}

/// The config and rules in force for the current folder.
fn rules_here(args: &RuleArgs) -> Result<(Config, RuleSet), Failure> {
    let config = config_for(args, Path::new("."))?;
    let set = config
        .rule_set(&args.rules, !args.no_default_rules)
        .map_err(Failure::Rules)?;
    Ok((config, set))
}

fn check(args: &CheckArgs) -> Result<ExitCode, Failure> {
    if args.paths.is_empty() {
        return Err(Failure::Usage(
            "no files to check; try `factcheck draft.txt` or `factcheck --help`".into(),
        ));
    }
    let started = std::time::Instant::now();
    let files = document::discover::expand(&args.paths, &args.glob)?;
    if files.is_empty() {
        // A CI job pointed at the wrong folder should not pass in silence.
        return Err(Failure::Usage(format!(
            "no drafts to check under {} (folders are searched for {}; --glob picks others)",
            args.paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            document::discover::DEFAULT_EXTENSIONS
                .iter()
                .map(|e| format!(".{e}"))
                .collect::<Vec<_>>()
                .join(" ")
        )));
    }
    // Every config and rule set is loaded before any article is read.
    let mut configs: Vec<(Option<PathBuf>, Config, RuleSet)> = Vec::new();
    let mut assigned = Vec::with_capacity(files.len());
    let mut errors = Vec::new();
    // Files of one folder share its config: look it up once per folder.
    let mut found: HashMap<PathBuf, Option<PathBuf>> = HashMap::new();
    for file in &files {
        // Stdin's config is looked up from the name it is given, if any.
        let named = match (file == Path::new("-"), &args.stdin_filename) {
            (true, Some(name)) => Path::new(name.as_str()),
            (true, None) => Path::new("-"),
            (false, _) => file.as_path(),
        };
        let folder = match named.parent() {
            Some(p) if named != Path::new("-") && !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let key = match &args.rules.config {
            Some(p) => Some(p.clone()),
            None => found
                .entry(folder.to_path_buf())
                .or_insert_with(|| Config::find(folder))
                .clone(),
        };
        let index = match configs.iter().position(|(k, _, _)| *k == key) {
            Some(i) => i,
            None => {
                let config = match &key {
                    Some(p) => Config::load(p),
                    None => Ok(Config::none()),
                };
                let loaded = config.and_then(|c| {
                    let set =
                        c.rule_set_for_checking(&args.rules.rules, !args.rules.no_default_rules)?;
                    Ok((c, set))
                });
                match loaded {
                    Ok((c, set)) => configs.push((key, c, set)),
                    Err(mut e) => {
                        errors.append(&mut e);
                        configs.push((key, Config::none(), RuleSet::default()));
                    }
                }
                configs.len() - 1
            }
        };
        assigned.push(index);
    }
    if !errors.is_empty() {
        // A pack named by --rules fails the same way under every config.
        let mut seen = std::collections::HashSet::new();
        errors.retain(|e| seen.insert((e.file.clone(), e.line, e.column, e.kind.to_string())));
        return Err(Failure::Rules(errors));
    }
    let baseline = args.baseline.as_deref().map(Baseline::read).transpose()?;
    let progress = progress_bar(files.len());
    // Files are checked in parallel; collecting keeps the order given. In
    // the pool's scope, so that a lone file is checked on a worker too, and
    // its rules (or the blocks of a long file) share the cores.
    let max_size = args.max_file_size;
    let checked: Vec<Result<Checked, Failure>> = rayon::scope(|_| {
        files
            .par_iter()
            .zip(assigned)
            .map(|(path, index)| {
                let (_, config, rules) = configs
                    .get(index)
                    .ok_or_else(|| Failure::Usage("internal: no rules for a file".into()))?;
                let options = CheckOptions {
                    date: args.date,
                    fallback_date: config.date,
                };
                let document = match read(path, args.stdin_filename.as_deref(), max_size)? {
                    Ok(document) => document,
                    Err(skipped) => return Ok(Checked::Skipped(path.clone(), skipped)),
                };
                let report = check_document(document, rules, &options);
                progress.inc(1);
                let fail_on = args
                    .fail_on
                    .map(FailOn::into_config)
                    .or(config.fail_on)
                    .unwrap_or(config::FailOn::Error);
                Ok(Checked::Report(report, fail_on.threshold()))
            })
            .collect()
    });
    progress.finish_and_clear();
    let mut reports: Vec<FileReport> = Vec::with_capacity(files.len());
    let mut thresholds = Vec::with_capacity(files.len());
    for result in checked {
        match result? {
            Checked::Report(report, threshold) => {
                reports.push(report);
                thresholds.push(threshold);
            }
            Checked::Skipped(path, why) => {
                eprintln!("warning: skipped {}: {why}", path.display());
            }
        }
    }
    if let Some(path) = &args.write_baseline {
        let baseline = Baseline::of(&reports, path);
        baseline.write(path)?;
        eprintln!(
            "factcheck: wrote {} to {}",
            report::human::plural(baseline.findings.len(), "finding"),
            path.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    if let (Some(baseline), Some(file)) = (&baseline, &args.baseline) {
        let applied = baseline.apply(&mut reports, file);
        let applied = if args.quiet {
            factcheck::baseline::Applied::default()
        } else {
            applied
        };
        for e in &applied.stale {
            eprintln!(
                "note: baseline entry matches nothing now: {} {} at {}",
                e.path,
                e.rule,
                e.quoted
                    .iter()
                    .map(|q| format!("\"{q}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        if applied.hidden > 0 {
            eprintln!(
                "note: {} hidden by the baseline",
                report::human::plural(applied.hidden, "finding")
            );
        }
    }
    if !args.quiet {
        for r in &reports {
            for note in &r.notes {
                eprintln!("note: {}:{note}", r.path);
            }
        }
    }
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let elapsed = started.elapsed();
    print(&match args.format {
        OutputFormat::Human if args.quiet => report::human::findings_only(&reports, color),
        // The summary line says how long the whole run took.
        OutputFormat::Human => {
            report::human::with_time(&report::render(Format::Human, &reports, color), elapsed)
        }
        OutputFormat::Concise => report::render(Format::Concise, &reports, color),
        OutputFormat::Json => report::render(Format::Json, &reports, color),
        OutputFormat::Jsonl => report::render(Format::Jsonl, &reports, color),
        OutputFormat::Sarif => {
            report::sarif::render(&reports, configs.iter().flat_map(|(_, _, s)| &s.rules))
        }
        OutputFormat::Github => github(&reports),
    });
    if args.stats {
        eprint!(
            "{}",
            report::stats::render(&reports, configs_rules(&configs), elapsed)
        );
    }
    let failing = reports
        .iter()
        .zip(thresholds)
        .any(|(r, t)| t.is_some_and(|t| r.findings.iter().any(|f| f.severity >= t)));
    // The process ends here: freeing every compiled rule, one allocation at
    // a time, would only add to the time a one-article run takes.
    std::mem::forget(configs);
    Ok(ExitCode::from(u8::from(failing)))
}

fn claims(
    path: &Path,
    date: Option<jiff::civil::Date>,
    format: ClaimsFormat,
    args: &RuleArgs,
) -> Result<ExitCode, Failure> {
    // The config's fallback date resolves relative dates as a check would.
    let near = if path == Path::new("-") {
        Path::new(".")
    } else {
        path
    };
    let config = config_for(args, near)?;
    let document = match read(path, None, u64::MAX)? {
        Ok(document) => document,
        Err(why) => return Err(Failure::Usage(format!("{}: {why}", path.display()))),
    };
    let options = CheckOptions {
        date,
        fallback_date: config.date,
    };
    let (date, date_source) = factcheck::check::publication_with(&options, &document);
    let mut claims = extract_claims(&document, date);
    factcheck::check::claims_in_source(&document, &mut claims);
    let lines = document::LineIndex::new(document.original());
    let report = FileReport {
        path: document.path.clone(),
        text: document.original().to_string(),
        date,
        date_source,
        skipped: 0,
        claims: claims.len(),
        findings: Vec::new(),
        suppressed: 0,
        divisions_by_zero: 0,
        notes: Vec::new(),
        lines,
    };
    print(&match format {
        ClaimsFormat::Table => report::claims::table(&report, &claims),
        ClaimsFormat::Json => report::claims::json(&report, &claims),
    });
    Ok(ExitCode::SUCCESS)
}

fn test(paths: &[PathBuf], args: &RuleArgs) -> Result<ExitCode, Failure> {
    let set = if paths.is_empty() {
        rules_here(args)?.1
    } else {
        let mut set = RuleSet::default();
        let mut errors = Vec::new();
        for p in paths.iter().chain(&args.rules) {
            if let Err(mut e) = set.add_path(p) {
                errors.append(&mut e);
            }
        }
        if !errors.is_empty() {
            return Err(Failure::Rules(errors));
        }
        set
    };
    if set.rules.is_empty() {
        return Err(Failure::Usage(
            "no rules found to test; give rule files or folders holding *.yml".into(),
        ));
    }
    let mut summary = testing::run_examples(&set);
    if !paths.is_empty() && !args.no_default_rules {
        let builtin = RuleSet::builtin_without_examples().map_err(Failure::Rules)?;
        summary.check_builtin_ids(&set, &builtin);
    }
    print(&testing::render(&summary));
    Ok(ExitCode::from(u8::from(summary.failed())))
}

fn list_rules(args: &RuleArgs) -> Result<ExitCode, Failure> {
    let (config, set) = rules_here(args)?;
    print(&report::rules::list(&set, config.path.as_deref()));
    Ok(ExitCode::SUCCESS)
}

fn explain(id: &str, args: &RuleArgs) -> Result<ExitCode, Failure> {
    let (_, set) = rules_here(args)?;
    match set.rules.iter().find(|r| r.id == id) {
        Some(rule) => {
            print(&report::rules::explain(rule));
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let ids: Vec<&str> = set.rules.iter().map(|r| r.id.as_str()).collect();
            let hint = factcheck::rules::pattern::closest(id, &ids).map_or_else(
                || "; `factcheck rules` lists them".to_string(),
                |b| format!("; did you mean `{b}`?"),
            );
            Err(Failure::Usage(format!("no rule `{id}` is in force{hint}")))
        }
    }
}

fn print(s: &str) {
    // A closed pipe (`factcheck … | head`) is not an error worth a panic.
    let _ = std::io::stdout().write_all(s.as_bytes());
}

/// The GitHub annotations; the step summary goes to the file that
/// `GITHUB_STEP_SUMMARY` names, when it names one.
fn github(reports: &[FileReport]) -> String {
    let out = report::github::render(reports);
    if let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY") {
        // The annotations are out: a summary that cannot be written is
        // worth a note, not a failed check.
        if let Err(e) = report::github::append_summary(Path::new(&path), &out.summary) {
            eprintln!("factcheck: {e}");
        }
    }
    out.commands
}
