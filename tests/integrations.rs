//! The CI integrations users copy: the GitHub Action (`action.yml`), the
//! pre-commit hooks (`.pre-commit-hooks.yaml`) and the setups in
//! `docs/ci.md`. They must parse, agree with each other, pass inputs safely,
//! use only options factcheck has, and the action's scripts must do what the
//! docs say when run.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_yaml::Value;

const ACTION: &str = "factcheck-dev/factcheck";
const REPOSITORY: &str = "https://github.com/factcheck-dev/factcheck";
const SUBCOMMANDS: &[&str] = &["claims", "test", "rules", "explain", "schema"];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn yaml(name: &str, text: &str) -> Value {
    serde_yaml::from_str(text).unwrap_or_else(|e| panic!("{name} is not YAML: {e}"))
}

fn action() -> Value {
    yaml("action.yml", &read("action.yml"))
}

fn hooks() -> Value {
    yaml(".pre-commit-hooks.yaml", &read(".pre-commit-hooks.yaml"))
}

fn steps(action: &Value) -> &Vec<Value> {
    action["runs"]["steps"]
        .as_sequence()
        .expect("action.yml has runs.steps")
}

fn str_of<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(Value::as_str)
}

fn inputs(action: &Value) -> BTreeMap<String, Value> {
    action["inputs"]
        .as_mapping()
        .expect("action.yml has inputs")
        .iter()
        .map(|(k, v)| (k.as_str().unwrap().to_string(), v.clone()))
        .collect()
}

/// The step of action.yml that runs the check.
fn run_step(action: &Value) -> &Value {
    let mut found = steps(action)
        .iter()
        .filter(|s| str_of(s, "run").is_some_and(|r| r.contains("--format github")));
    let step = found
        .next()
        .expect("a run step of action.yml runs --format github");
    assert!(found.next().is_none(), "two steps run --format github");
    step
}

/// The fenced blocks of docs/ci.md: (first line, info string, text).
fn ci_blocks() -> Vec<(usize, String, String)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    for (i, line) in read("docs/ci.md").lines().enumerate() {
        match (open.take(), line.trim_start().strip_prefix("```")) {
            (None, Some(info)) => open = Some((i + 1, info.trim().to_string(), String::new())),
            (Some(block), Some(_)) => out.push(block),
            (Some((at, info, mut text)), None) => {
                text.push_str(line);
                text.push('\n');
                open = Some((at, info, text));
            }
            (None, None) => {}
        }
    }
    assert!(open.is_none(), "docs/ci.md: a code block is never closed");
    out
}

/// The ```yml blocks of docs/ci.md, parsed: (first line, value).
fn ci_yml() -> Vec<(usize, Value)> {
    ci_blocks()
        .into_iter()
        .filter(|(_, info, _)| info == "yml")
        .map(|(line, _, text)| (line, yaml(&format!("docs/ci.md:{line}"), &text)))
        .collect()
}

/// Every mapping in a YAML value, depth first.
fn mappings(value: &Value) -> Vec<&serde_yaml::Mapping> {
    let mut out = Vec::new();
    match value {
        Value::Mapping(m) => {
            out.push(m);
            for v in m.values() {
                out.extend(mappings(v));
            }
        }
        Value::Sequence(s) => s.iter().for_each(|v| out.extend(mappings(v))),
        _ => {}
    }
    out
}

#[test]
fn the_action_is_a_composite_action_whose_scripts_run_in_bash() {
    let action = action();
    assert_eq!(str_of(&action["runs"], "using"), Some("composite"));
    assert!(str_of(&action, "name").is_some() && str_of(&action, "description").is_some());
    for step in steps(&action) {
        let name = str_of(step, "name").unwrap_or("a step");
        if step.get("run").is_some() {
            assert_eq!(
                str_of(step, "shell"),
                Some("bash"),
                "action.yml: `{name}` needs `shell: bash`"
            );
        } else {
            assert!(
                str_of(step, "uses").is_some(),
                "action.yml: `{name}` neither runs nor uses"
            );
        }
    }
}

#[test]
fn the_action_passes_inputs_through_the_environment_never_into_scripts() {
    let action = action();
    for step in steps(&action) {
        if let Some(script) = str_of(step, "run") {
            let name = str_of(step, "name").unwrap_or("a step");
            // `${{ inputs.x }}` (or any expression) in a script is pasted into
            // it before bash reads it: a quote in the input becomes code.
            assert!(
                !script.contains("${{"),
                "action.yml: `{name}` puts an expression into its script; pass it through `env:`"
            );
        }
    }
    // Every input declared is used, and only through `env:`, `with:` or `if:`.
    let text = serde_yaml::to_string(&action["runs"]).unwrap();
    for name in inputs(&action).keys() {
        assert!(
            text.contains(&format!("${{{{ inputs.{name} }}}}")),
            "action.yml: the input `{name}` is never used"
        );
    }
}

#[test]
fn the_action_runs_factcheck_with_format_github_and_a_second_sarif_run() {
    let action = action();
    let step = run_step(&action);
    let script = str_of(step, "run").unwrap();
    let factcheck = str_of(&step["env"], "FACTCHECK").expect("the run step sets $FACTCHECK");
    assert_eq!(factcheck, "${{ steps.resolve.outputs.bin }}");
    assert!(
        script.contains("\"$FACTCHECK\" --format github "),
        "{script}"
    );
    assert!(
        script.contains("\"$FACTCHECK\" --format sarif --fail-on never "),
        "{script}"
    );
    assert!(script.contains("exit \"$status\""), "{script}");
    // The install builds the action's own checkout, with the locked dependencies.
    let install = steps(&action)
        .iter()
        .filter_map(|s| str_of(s, "run"))
        .find(|r| r.contains("cargo install"))
        .expect("a step installs factcheck with cargo");
    assert!(
        install.contains("cargo install --locked --force --root \"$ROOT\" --path \"$ACTION_PATH\""),
        "{install}"
    );
    // Cargo is set up only when missing, and the binary is cached.
    let uses: Vec<&str> = steps(&action)
        .iter()
        .filter_map(|s| str_of(s, "uses"))
        .collect();
    for wanted in [
        "dtolnay/rust-toolchain@",
        "actions/cache/restore@",
        "actions/cache/save@",
    ] {
        assert!(
            uses.iter().any(|u| u.starts_with(wanted)),
            "action.yml uses no {wanted}"
        );
    }
}

/// The rows of the table under `| Input |` in docs/ci.md: name → default.
fn documented_inputs() -> BTreeMap<String, String> {
    let doc = read("docs/ci.md");
    let rows = doc
        .lines()
        .skip_while(|l| !l.starts_with("| Input |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'));
    let mut out = BTreeMap::new();
    for line in rows {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let name = cells[1].trim_matches('`').to_string();
        assert!(
            out.insert(name.clone(), cells[2].to_string()).is_none(),
            "docs/ci.md lists the input `{name}` twice"
        );
    }
    assert!(!out.is_empty(), "docs/ci.md has no `| Input |` table");
    out
}

#[test]
fn the_action_inputs_are_the_ones_docs_ci_md_lists() {
    let declared = inputs(&action());
    let documented = documented_inputs();
    assert_eq!(
        declared.keys().collect::<Vec<_>>(),
        documented.keys().collect::<Vec<_>>(),
        "action.yml's inputs and the table in docs/ci.md differ"
    );
    for (name, input) in &declared {
        let default = str_of(input, "default").unwrap_or("");
        let shown = if default.is_empty() {
            "empty".to_string()
        } else {
            format!("`{default}`")
        };
        assert_eq!(
            documented[name], shown,
            "docs/ci.md shows the wrong default for `{name}`"
        );
    }
    // The workflows in the docs pass only inputs the action has.
    let mut uses = 0;
    for (line, block) in ci_yml() {
        for m in mappings(&block) {
            let Some(action) = m.get("uses").and_then(Value::as_str) else {
                continue;
            };
            if !action.starts_with(&format!("{ACTION}@")) {
                continue;
            }
            uses += 1;
            let with = m.get("with").and_then(Value::as_mapping);
            for (key, _) in with.into_iter().flatten() {
                let key = key.as_str().unwrap();
                assert!(
                    declared.contains_key(key),
                    "docs/ci.md:{line}: the action has no input `{key}`"
                );
            }
        }
    }
    assert!(uses >= 2, "docs/ci.md uses the action {uses} times");
}

#[test]
fn the_pre_commit_hooks_build_factcheck_and_pick_the_right_files() {
    let hooks = hooks();
    let hooks = hooks.as_sequence().expect("a list of hooks");
    let by_id: BTreeMap<&str, &Value> = hooks
        .iter()
        .map(|h| (str_of(h, "id").unwrap(), h))
        .collect();
    assert_eq!(
        by_id.keys().copied().collect::<Vec<_>>(),
        ["factcheck", "factcheck-rules"]
    );
    for (id, hook) in &by_id {
        assert_eq!(str_of(hook, "language"), Some("rust"), "{id}");
        assert!(str_of(hook, "name").is_some(), "{id} has no name");
        let entry = str_of(hook, "entry").unwrap();
        assert!(
            entry == "factcheck" || entry.starts_with("factcheck "),
            "{id}: entry `{entry}`"
        );
    }
    assert_eq!(
        str_of(by_id["factcheck-rules"], "entry"),
        Some("factcheck test")
    );

    // pre-commit searches paths with these patterns (Python's re.search).
    let matches = |id: &str, path: &str| {
        let hook = by_id[id];
        let files = regex::Regex::new(str_of(hook, "files").unwrap()).unwrap();
        let exclude = str_of(hook, "exclude").map(|e| regex::Regex::new(e).unwrap());
        files.is_match(path) && !exclude.is_some_and(|e| e.is_match(path))
    };
    for path in [
        "drafts/a.txt",
        "a.md",
        "b.markdown",
        "web/c.html",
        "web/d.htm",
    ] {
        assert!(matches("factcheck", path), "factcheck skips {path}");
    }
    for path in ["src/main.rs", "notes.yml", "a.txt.orig", "page.xhtml.gz"] {
        assert!(!matches("factcheck", path), "factcheck checks {path}");
    }
    for path in ["house-rules/cuts.yml", "rules/arithmetic.yaml"] {
        assert!(
            matches("factcheck-rules", path),
            "factcheck-rules skips {path}"
        );
    }
    for path in [
        ".factcheck.yml",
        "desk/.factcheck.yaml",
        ".pre-commit-config.yaml",
        ".github/workflows/factcheck.yml",
        "drafts/a.md",
    ] {
        assert!(
            !matches("factcheck-rules", path),
            "factcheck-rules tests {path}"
        );
    }

    // The docs' local hook picks the same files as the published one.
    let local = ci_yml()
        .into_iter()
        .flat_map(|(_, v)| mappings(&v).into_iter().cloned().collect::<Vec<_>>())
        .find(|m| m.get("language").and_then(Value::as_str) == Some("system"))
        .expect("docs/ci.md shows a `language: system` hook");
    assert_eq!(local.get("files"), by_id["factcheck"].get("files"));
}

#[test]
fn the_pre_commit_configs_in_the_docs_name_this_repository_and_its_hooks() {
    let hooks = hooks();
    let ids: BTreeSet<&str> = hooks
        .as_sequence()
        .unwrap()
        .iter()
        .map(|h| str_of(h, "id").unwrap())
        .collect();
    let mut remote = 0;
    for (line, block) in ci_yml() {
        let Some(repos) = block.get("repos").and_then(Value::as_sequence) else {
            continue;
        };
        for repo in repos {
            let url = str_of(repo, "repo").unwrap();
            if url == "local" {
                continue;
            }
            remote += 1;
            assert_eq!(url, REPOSITORY, "docs/ci.md:{line}");
            assert!(str_of(repo, "rev").is_some(), "docs/ci.md:{line}: no rev");
            for hook in repo["hooks"].as_sequence().unwrap() {
                let id = str_of(hook, "id").unwrap();
                assert!(ids.contains(id), "docs/ci.md:{line}: no hook `{id}`");
            }
        }
    }
    assert!(remote >= 2, "docs/ci.md shows {remote} pre-commit configs");
}

#[test]
fn every_yml_block_in_docs_ci_md_parses() {
    let blocks = ci_blocks();
    let yml: Vec<_> = blocks.iter().filter(|(_, info, _)| info == "yml").collect();
    assert!(yml.len() >= 6, "docs/ci.md shows {} setups", yml.len());
    for (line, _, text) in yml {
        let value = yaml(&format!("docs/ci.md:{line}"), text);
        assert!(
            value.is_mapping() || value.is_sequence(),
            "docs/ci.md:{line}: not a mapping or a list"
        );
    }
    // A ```yaml block would be run as a rule file by tests/docs.rs.
    for (line, info, _) in &blocks {
        assert!(
            info.split_whitespace().next() != Some("yaml"),
            "docs/ci.md:{line}: CI files are fenced as ```yml"
        );
    }
}

/// The `--flags` that `factcheck [SUBCOMMAND] --help` lists.
fn help_flags(subcommand: Option<&str>) -> BTreeSet<String> {
    let mut command = Command::new(env!("CARGO_BIN_EXE_factcheck"));
    command.args(subcommand).arg("--help");
    let out = command.output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    let flag = regex::Regex::new(r"--[a-z][a-z0-9-]*").unwrap();
    flag.find_iter(&help)
        .map(|m| m.as_str().to_string())
        .collect()
}

/// The flags given to `factcheck` in a text: on each line, the words after
/// a `factcheck` (or `$FACTCHECK`) command word, up to a shell operator, a
/// comment, the end of an inline code span or of a clause. (subcommand,
/// flag, line).
fn flags_after_factcheck(text: &str) -> Vec<(Option<String>, String, String)> {
    let clean = |w: &str| {
        w.trim_matches(|c: char| "`\"'()[],.;:".contains(c))
            .to_string()
    };
    let mut out = Vec::new();
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        for (i, word) in words.iter().enumerate() {
            if !["factcheck", "$FACTCHECK", "${FACTCHECK}"].contains(&clean(word).as_str()) {
                continue;
            }
            // `pre-commit run factcheck` names the hook, not the command.
            if i > 0 && words[i - 1] == "run" {
                continue;
            }
            let mut subcommand = None;
            for (j, raw) in words[i + 1..].iter().enumerate() {
                if ["|", "||", "&&", ";", "#", "<"].contains(raw) || raw.starts_with('>') {
                    break;
                }
                let w = clean(raw);
                if j == 0 && SUBCOMMANDS.contains(&w.as_str()) {
                    subcommand = Some(w.clone());
                }
                if w.starts_with("--") && w.len() > 2 {
                    let flag = w.split('=').next().unwrap().to_string();
                    out.push((subcommand.clone(), flag, line.trim().to_string()));
                }
                let end = raw.trim_end_matches([',', '.', ';', ':', ')']);
                if end.ends_with('`') || raw.ends_with(['.', ',', ';']) {
                    break;
                }
            }
        }
    }
    out
}

/// The flags in every `args:` of a YAML value (a pre-commit list or the
/// action's string).
fn flags_in_args(value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for m in mappings(value) {
        let words: Vec<String> = match m.get("args") {
            Some(Value::String(s)) => s.split_whitespace().map(String::from).collect(),
            Some(Value::Sequence(s)) => s
                .iter()
                .filter_map(Value::as_str)
                .map(String::from)
                .collect(),
            _ => continue,
        };
        out.extend(
            words
                .into_iter()
                .filter(|w| w.starts_with("--") && w.len() > 2),
        );
    }
    out
}

#[test]
fn every_factcheck_flag_in_the_integrations_exists() {
    let mut used: Vec<(Option<String>, String, String)> = Vec::new();
    for file in ["action.yml", ".pre-commit-hooks.yaml", "docs/ci.md"] {
        for (sub, flag, line) in flags_after_factcheck(&read(file)) {
            used.push((sub, flag, format!("{file}: {line}")));
        }
    }
    // The action's input descriptions name flags for `args`.
    for (name, input) in inputs(&action()) {
        let description = str_of(&input, "description").unwrap_or("");
        for word in description.split_whitespace() {
            let w = word.trim_matches(|c: char| "`\"'(),.;:".contains(c));
            if w.starts_with("--") && w.len() > 2 {
                let place = format!("action.yml: the description of `{name}`");
                used.push((None, w.to_string(), place));
            }
        }
    }
    for (line, block) in ci_yml() {
        for flag in flags_in_args(&block) {
            used.push((None, flag, format!("docs/ci.md:{line}: args")));
        }
    }
    for flag in flags_in_args(&hooks()) {
        used.push((None, flag, ".pre-commit-hooks.yaml: args".to_string()));
    }

    let seen: BTreeSet<&str> = used.iter().map(|(_, f, _)| f.as_str()).collect();
    for expected in ["--format", "--fail-on", "--baseline", "--write-baseline"] {
        assert!(
            seen.contains(expected),
            "no {expected} found: the flag scan is broken"
        );
    }
    let mut known: BTreeMap<Option<String>, BTreeSet<String>> = BTreeMap::new();
    for (sub, flag, place) in &used {
        let flags = known
            .entry(sub.clone())
            .or_insert_with(|| help_flags(sub.as_deref()));
        assert!(
            flags.contains(flag),
            "{place}\n  uses `{flag}`, which `factcheck {}--help` does not list",
            sub.as_deref().map(|s| format!("{s} ")).unwrap_or_default()
        );
    }
}

/// A fresh folder for one test.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "factcheck-integrations-{name}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs a script of action.yml with bash, as the runner would: the step's
/// `env:` values given here, in the repository's folder.
fn bash(script: &str, env: &[(&str, &str)]) -> Output {
    let mut command = Command::new("bash");
    command
        .arg("-c")
        .arg(script)
        .current_dir(root())
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("CARGO_HOME");
    for (k, v) in env {
        command.env(k, v);
    }
    command.output().expect("bash runs")
}

const CHANGED: &str = "fixtures/seed/blinken-remaining-1600.txt";
const SEED: &str = "fixtures/seed/blinken-safe-passage.txt";

#[cfg(unix)]
#[test]
fn the_action_check_step_keeps_the_exit_status_and_writes_the_reports() {
    let action = action();
    let script = str_of(run_step(&action), "run").unwrap();
    let dir = temp_dir("check");
    let summary = dir.join("summary.md");
    let sarif = dir.join("reports/factcheck.sarif");
    let run = |paths: &str, args: &str, fail_on: &str, sarif: &str| {
        bash(
            script,
            &[
                ("FACTCHECK", env!("CARGO_BIN_EXE_factcheck")),
                ("INPUT_PATHS", paths),
                ("INPUT_ARGS", args),
                ("INPUT_FAIL_ON", fail_on),
                ("INPUT_SARIF", sarif),
                ("GITHUB_STEP_SUMMARY", summary.to_str().unwrap()),
            ],
        )
    };
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();

    // Findings: annotations, the summary table, a SARIF log, and status 1.
    let out = run(
        &format!("{CHANGED}\n{SEED}"),
        "--date 2021-08-25",
        "",
        sarif.to_str().unwrap(),
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with(&format!("::error file={CHANGED},line=9,col=29,")),
        "{}",
        text(&out.stdout)
    );
    let table = std::fs::read_to_string(&summary).unwrap();
    assert!(table.contains("### factcheck"), "{table}");
    assert!(table.contains("| remainder-sum |"), "{table}");
    let log: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), 1);
    assert_eq!(log["runs"][0]["results"][0]["ruleId"], "remainder-sum");

    // The fail-on input decides the status; the SARIF run never fails on findings.
    let out = run(CHANGED, "", "never", sarif.to_str().unwrap());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = run(SEED, "--date 2021-08-25", "", "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty(), "{}", text(&out.stdout));

    // A bad argument is status 2, whatever fail-on says.
    let out = run(SEED, "--date 2021-02-30", "never", "");
    assert_eq!(out.status.code(), Some(2));
    assert!(!out.stderr.is_empty());

    // Inputs are data: quotes and `$(…)` reach factcheck as words.
    let out = run("'$(touch injected)'", "", "", "");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("$(touch"),
        "{}",
        text(&out.stderr)
    );
    assert!(!root().join("injected)'").exists() && !root().join("injected").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The outputs a step wrote to `$GITHUB_OUTPUT`.
fn outputs(file: &Path) -> BTreeMap<String, String> {
    std::fs::read_to_string(file)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[cfg(unix)]
#[test]
fn the_action_cache_key_follows_the_files_it_builds_from() {
    let action = action();
    let resolve = steps(&action)
        .iter()
        .find(|s| str_of(s, "id") == Some("resolve"))
        .expect("a step with id resolve");
    let script = str_of(resolve, "run").unwrap();
    let dir = temp_dir("resolve");
    let checkout = dir.join("action");
    std::fs::create_dir_all(checkout.join("src")).unwrap();
    std::fs::create_dir_all(checkout.join("target")).unwrap();
    std::fs::write(checkout.join("Cargo.toml"), "[package]\n").unwrap();
    std::fs::write(checkout.join("src/main.rs"), "fn main() {}\n").unwrap();
    let key = |version: &str| {
        let github_output = dir.join("output");
        std::fs::write(&github_output, "").unwrap();
        let out = bash(
            script,
            &[
                ("INPUT_VERSION", version),
                ("ACTION_REF", "v1.2"),
                ("ACTION_REPOSITORY", ACTION),
                ("ACTION_PATH", checkout.to_str().unwrap()),
                ("GITHUB_OUTPUT", github_output.to_str().unwrap()),
                ("RUNNER_OS", "Linux"),
                ("RUNNER_ARCH", "X64"),
            ],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        outputs(&github_output)
    };

    let first = key("");
    assert_eq!(first["source"], "path");
    assert!(first["bin"].ends_with("/.cargo/bin/factcheck"), "{first:?}");
    assert!(
        first["key"].starts_with("factcheck-Linux-X64-v1.2-"),
        "{first:?}"
    );
    // The action's own ref, named again, is still built from the checkout.
    assert_eq!(key("v1.2"), first);
    // A build's output does not change the key; a source file does.
    std::fs::write(checkout.join("target/debug"), "binary").unwrap();
    assert_eq!(key("")["key"], first["key"]);
    std::fs::write(checkout.join("src/main.rs"), "fn main() { }\n").unwrap();
    assert_ne!(key("")["key"], first["key"]);
    std::fs::remove_dir_all(&dir).unwrap();
}
