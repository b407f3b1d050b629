//! A newsroom's workflow through the binary: a config found beside the
//! drafts, house rules, inline suppressions, baselines, and the commands
//! rule authors use (`test`, `rules`, `explain`, `schema`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const NEWSROOM: &str = "fixtures/newsroom";

fn factcheck_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factcheck"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn factcheck(args: &[&str]) -> Output {
    factcheck_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The output with the run's time ("in 0.04s") taken out, for snapshots.
fn untimed(output: &str) -> String {
    output
        .lines()
        .map(|l| match l.rsplit_once(" in ") {
            Some((head, t)) if t.ends_with('s') && t[..t.len() - 1].parse::<f64>().is_ok() => head,
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A scratch folder of this test's own.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("factcheck-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_config_beside_the_drafts_sets_rules_severity_date_and_suppressions() {
    let out = factcheck(&["fixtures/newsroom/drafts"]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("newsroom.human", untimed(&text(&out.stdout)));
    let out = factcheck(&["--format", "concise", "fixtures/newsroom/drafts"]);
    let concise = text(&out.stdout);
    // The house rule, the config's date, and `doubled` raised to an error.
    assert!(
        concise.contains("error[cut-by] £4.8m - £1.2m = £3.6m"),
        "{concise}"
    );
    assert!(concise.contains("error[relative-date]"), "{concise}");
    assert!(concise.contains("error[doubled]"), "{concise}");
    // The directive silences remainder-sum on its next line only.
    assert!(!concise.contains("remainder-sum"), "{concise}");
}

#[test]
fn an_option_overrides_the_config() {
    let out = factcheck(&["--fail-on", "never", "fixtures/newsroom/drafts"]);
    assert_eq!(out.status.code(), Some(0));
    let out = factcheck(&[
        "--date",
        "2021-08-20",
        "--format",
        "concise",
        "fixtures/newsroom/drafts/budget.txt",
    ]);
    // Published on the 20th, "next week" is the 23rd to the 29th: the 27th fits.
    assert!(!text(&out.stdout).contains("relative-date"));
}

#[test]
fn rules_lists_what_the_config_puts_in_force() {
    let out = factcheck_in(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join(NEWSROOM),
        &["rules"],
    );
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    let line = |id: &str| {
        stdout
            .lines()
            .find(|l| l.starts_with(&format!("{id} ")))
            .map(str::to_string)
    };
    assert!(
        line("cut-by").unwrap().contains("house-rules/cut-by.yml:2"),
        "{stdout}"
    );
    assert!(line("doubled").unwrap().contains(" error "), "{stdout}");
    assert_eq!(line("same-figure-twice"), None, "{stdout}");
    assert!(stdout.contains("(config: "), "{stdout}");
}

#[test]
fn test_without_paths_runs_the_rules_in_force() {
    let out = factcheck_in(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join(NEWSROOM),
        &["test"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let builtin = factcheck(&["test"]);
    let count = |o: &Output| -> usize {
        text(&o.stdout)
            .split(" passed")
            .next()
            .and_then(|n| n.rsplit('\n').next())
            .unwrap()
            .parse()
            .unwrap()
    };
    // The house rule's eight examples run; the disabled rule's do not.
    let disabled = factcheck(&["explain", "same-figure-twice"]);
    let disabled_examples = text(&disabled.stdout).matches("\n  - ").count();
    assert_eq!(count(&out), count(&builtin) + 8 - disabled_examples);
}

#[test]
fn a_failing_example_is_shown_with_what_was_expected_and_found() {
    let dir = scratch("failing-example");
    let file = dir.join("cut.yml");
    let rule = std::fs::read_to_string("fixtures/newsroom/house-rules/cut-by.yml").unwrap();
    // A mistaken pattern and a wrong expectation.
    let rule = rule
        .replace("..4 by {cut}", "by {cut}")
        .replacen("expect: []", "expect: [{at: \"£3.4m\"}]", 1)
        .replace("expect: [{at: \"390\"}]", "expect: []");
    std::fs::write(&file, rule).unwrap();
    let out = factcheck_in(&dir, &["test", "cut.yml"]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("failing-examples", text(&out.stdout));
}

#[test]
fn a_config_with_an_unknown_key_or_rule_exits_2_with_its_place() {
    let dir = scratch("bad-config");
    std::fs::write(dir.join("draft.txt"), "Of 10 staff, 4 left.\n").unwrap();
    std::fs::write(
        dir.join(".factcheck.yml"),
        "rules: []\ndisabel: [doubled]\n",
    )
    .unwrap();
    let out = factcheck_in(&dir, &["draft.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains(".factcheck.yml:2:1"), "{stderr}");
    assert!(stderr.contains("help: did you mean `disable`?"), "{stderr}");

    std::fs::write(dir.join(".factcheck.yml"), "disable: [remainder-sums]\n").unwrap();
    let out = factcheck_in(&dir, &["draft.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains(".factcheck.yml:1:11"), "{stderr}");
    assert!(stderr.contains("did you mean `remainder-sum`?"), "{stderr}");
}

#[test]
fn a_duplicate_id_across_pack_files_names_both_places() {
    let dir = scratch("duplicate-id");
    let rule = std::fs::read_to_string("fixtures/newsroom/house-rules/cut-by.yml").unwrap();
    std::fs::create_dir_all(dir.join("pack")).unwrap();
    std::fs::write(dir.join("pack/a.yml"), &rule).unwrap();
    std::fs::write(dir.join("pack/b.yml"), format!("# a copy\n{rule}")).unwrap();
    std::fs::write(dir.join("draft.txt"), "Nothing.\n").unwrap();
    let out = factcheck_in(&dir, &["--rules", "pack", "draft.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("duplicate rule id `cut-by`, first defined at pack/a.yml:2"),
        "{stderr}"
    );
    assert!(stderr.contains("--> pack/b.yml:3:"), "{stderr}");
    // A file that repeats a built-in id is caught by `test` too.
    let renamed = rule.replace("id: cut-by", "id: change-by");
    std::fs::write(dir.join("pack/b.yml"), renamed).unwrap();
    let out = factcheck_in(&dir, &["test", "pack/b.yml"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("`change-by` is also a built-in rule"));
}

#[test]
fn a_baseline_hides_known_findings_and_survives_edits_elsewhere() {
    let dir = scratch("baseline");
    let draft = "Of the 40 branches, 28 will stay open and the remaining 14 will close.\n\nVisits doubled to 9,000 from 3,000.\n";
    std::fs::write(dir.join("draft.txt"), draft).unwrap();
    let out = factcheck_in(&dir, &["--write-baseline", "baseline.json", "draft.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("wrote 2 findings to baseline.json"));

    // A paragraph added above moves every line: the baseline still holds.
    std::fs::write(
        dir.join("draft.txt"),
        format!("A new opening line.\n\n{draft}"),
    )
    .unwrap();
    let out = factcheck_in(&dir, &["--baseline", "baseline.json", "draft.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("no findings in 1 file"));
    assert!(text(&out.stderr).contains("2 findings hidden by the baseline"));

    // A new error shows; a fixed one leaves a stale entry, which is named.
    let edited = draft.replace("remaining 14", "remaining 12");
    std::fs::write(
        dir.join("draft.txt"),
        format!("{edited}The side won 14 of its 12 matches.\n"),
    )
    .unwrap();
    let out = factcheck_in(
        &dir,
        &[
            "--baseline",
            "baseline.json",
            "--format",
            "concise",
            "draft.txt",
        ],
    );
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("part-exceeds-whole"), "{stdout}");
    assert!(!stdout.contains("remainder-sum"), "{stdout}");
    assert!(!stdout.contains("doubled"), "{stdout}");
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(
            "baseline entry matches nothing now: draft.txt remainder-sum at \"40\", \"28\", \"14\""
        ),
        "{stderr}"
    );
}

#[test]
fn a_bad_baseline_file_exits_2() {
    let dir = scratch("bad-baseline");
    std::fs::write(dir.join("draft.txt"), "Nothing.\n").unwrap();
    std::fs::write(dir.join("baseline.json"), "{\"version\": 1, \"found\": []}").unwrap();
    let out = factcheck_in(&dir, &["--baseline", "baseline.json", "draft.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("baseline.json:1:"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn explain_shows_a_rule_in_full() {
    let out = factcheck(&["explain", "remainder-sum"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    for field in [
        "severity",
        "scope",
        "source",
        "pattern",
        "where",
        "assert",
        "message",
        "examples:",
    ] {
        assert!(stdout.contains(field), "{field} missing:\n{stdout}");
    }
    assert!(stdout.contains("rules/arithmetic.yml:"), "{stdout}");
    let out = factcheck(&["explain", "remainder-sums"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("did you mean `remainder-sum`?"));
}

#[test]
fn schema_prints_the_rule_and_config_schemas() {
    for (args, title) in [
        (&["schema"][..], "factcheck rule file"),
        (
            &["schema", "config"][..],
            "factcheck config (.factcheck.yml)",
        ),
    ] {
        let out = factcheck(args);
        assert_eq!(out.status.code(), Some(0));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(json["title"], title);
    }
}

#[test]
fn a_directive_naming_no_rule_is_noted() {
    let dir = scratch("unknown-directive");
    std::fs::write(
        dir.join("draft.txt"),
        "factcheck-disable-next-line remainder-sums\nOf 40 branches, 28 stay and the remaining 14 close.\n",
    )
    .unwrap();
    let out = factcheck_in(&dir, &["draft.txt"]);
    assert_eq!(out.status.code(), Some(1), "the typo silences nothing");
    assert!(
        text(&out.stderr).contains(
            "note: draft.txt:1: factcheck-disable-next-line names `remainder-sums`, which is no rule in force; did you mean `remainder-sum`?"
        ),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_baseline_matches_a_file_however_it_is_named() {
    let dir = scratch("baseline-paths");
    std::fs::create_dir_all(dir.join("drafts")).unwrap();
    std::fs::write(
        dir.join("drafts/a.txt"),
        "Visits doubled to 9,000 from 3,000.\n",
    )
    .unwrap();
    let out = factcheck_in(&dir, &["--write-baseline", "b.json", "drafts/a.txt"]);
    assert_eq!(out.status.code(), Some(0));
    let absolute = dir.join("drafts/a.txt").display().to_string();
    for named in ["./drafts/a.txt", "drafts", absolute.as_str()] {
        let out = factcheck_in(
            &dir,
            &["--baseline", "b.json", "--fail-on", "warning", named],
        );
        assert_eq!(out.status.code(), Some(0), "{named}: {}", text(&out.stdout));
    }
}

#[test]
fn claims_use_the_configs_date() {
    let out = factcheck_in(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join(NEWSROOM),
        &["claims", "drafts/budget.txt"],
    );
    assert!(text(&out.stdout).contains("next week            2021-08-30..2021-09-05"));
}

#[test]
fn testing_a_copy_of_the_built_in_pack_is_no_clash() {
    let out = factcheck(&["test", "./rules"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
}
