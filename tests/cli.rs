//! The binary as users run it: exit statuses 0, 1 and 2, and what it prints.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn factcheck(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_factcheck"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    let _ = pipe.write_all(stdin.unwrap_or_default());
    drop(pipe);
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const SEED: &str = "fixtures/seed/blinken-safe-passage.txt";
const CHANGED: &str = "fixtures/seed/blinken-remaining-1600.txt";

#[test]
fn a_clean_article_exits_0() {
    let out = factcheck(&["--date", "2021-08-25", SEED], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("no findings in 1 file in "));
}

#[test]
fn an_inconsistent_article_exits_1() {
    let out = factcheck(&["--date", "2021-08-25", CHANGED], None);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("error[remainder-sum]"), "{stdout}");
    assert!(stdout.contains("4,500 + 1,600 = 6,100, but the total is given as 6,000"));
}

#[test]
fn fail_on_never_exits_0_with_findings() {
    let out = factcheck(
        &["--fail-on", "never", "--format", "concise", CHANGED],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).starts_with(&format!("{CHANGED}:9:29: error[remainder-sum] ")));
}

#[test]
fn a_folder_is_walked() {
    let out = factcheck(&["--format", "json", "fixtures/seed"], None);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["summary"]["files"], 2);
    assert_eq!(json["summary"]["errors"], 1);
}

#[test]
fn a_broken_rule_file_exits_2_with_its_location() {
    let out = factcheck(
        &["--rules", "fixtures/broken-rules/unknown-kind.yml", SEED],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    for expected in [
        "error: bad pattern: unknown capture kind `cout`",
        "--> fixtures/broken-rules/unknown-kind.yml:5:32",
        r#"5 |     pattern: "{part} of {whole:cout}""#,
        "  |                                ^^^^",
        "= help: did you mean `count`?",
        "1 error in 1 file; nothing was checked",
    ] {
        assert!(stderr.contains(expected), "{expected:?} not in:\n{stderr}");
    }
    assert!(out.stdout.is_empty());
}

#[test]
fn invalid_utf8_exits_2_naming_the_byte() {
    let out = factcheck(&["-"], Some(b"4,500 of 6,000 \xff\xfe"));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stderr), "factcheck: -: not UTF-8 at byte 15\n");
}

#[test]
fn a_missing_file_and_a_bad_option_exit_2() {
    let out = factcheck(&["no-such-draft.txt"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).starts_with("factcheck: no-such-draft.txt: "));
    let out = factcheck(&["--date", "yesterday", SEED], None);
    assert_eq!(out.status.code(), Some(2));
    let out = factcheck(&[], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn stdin_is_checked() {
    let draft = "United won 14 of its 12 league matches.";
    let out = factcheck(&["--format", "concise", "-"], Some(draft.as_bytes()));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout),
        "-:1:12: error[part-exceeds-whole] 14 of 12 is more than the whole: 14 > 12\n"
    );
}

#[test]
fn claims_json_lists_the_seed_figures() {
    let out = factcheck(
        &["claims", "--date", "2021-08-25", "--format", "json", SEED],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let claims = json["claims"].as_array().unwrap();
    let find = |t: &str| claims.iter().find(|c| c["text"] == t).unwrap().clone();
    assert_eq!(find("4,500")["span"]["start"], 669);
    assert_eq!(find("6,000")["approx"], true);
    assert_eq!(find("1,500")["value"]["nominal"], 1500.0);
    assert_eq!(find("August 31")["value"]["start"], "2021-08-31");
}

#[test]
fn rule_tests_pass_and_fail_with_the_right_status() {
    let out = factcheck(&["test"], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(text(&out.stdout).ends_with(" passed, 0 failed\n"));

    let dir = std::env::temp_dir().join(format!("factcheck-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("wrong.yml");
    std::fs::write(
        &file,
        r#"rules:
  - id: wrong-example
    summary: A part is at most its whole
    severity: error
    pattern: "{part} of {whole}"
    assert: part <= whole
    message: "{part} > {whole}"
    tests:
      - text: "3 of 2 went home."
        expect: []
"#,
    )
    .unwrap();
    let out = factcheck(&["test", file.to_str().unwrap()], None);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("FAIL wrong-example"), "{stdout}");
    assert!(stdout.ends_with("0 passed, 1 failed\n"), "{stdout}");
}

#[test]
fn random_bytes_never_panic() {
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..20 {
        let bytes: Vec<u8> = (0..2000)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                (seed % 256) as u8
            })
            .collect();
        let out = factcheck(&["-"], Some(&bytes));
        assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
        assert!(text(&out.stderr).contains("not UTF-8 at byte"));
    }
}

/// A relative date against an explicit one: wrong only for the week the
/// article was published in.
const NEXT_WEEK: &str = "The envoys will meet next week, on August 27.\n";

#[test]
fn relative_dates_need_a_publication_date() {
    let out = factcheck(&["--date", "2021-08-25", "-"], Some(NEXT_WEEK.as_bytes()));
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("error[relative-date]"));

    // Without one: no finding, and one note saying what was skipped.
    let out = factcheck(&["-"], Some(NEXT_WEEK.as_bytes()));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let stdout = text(&out.stdout);
    assert!(!stdout.contains("relative-date"), "{stdout}");
    assert_eq!(
        stdout.matches("note: ").count(),
        1,
        "one note for the run: {stdout}"
    );
    assert!(stdout.contains("need the publication date were skipped in 1 file"));
}

#[test]
fn the_seed_is_quiet_without_a_date() {
    let out = factcheck(&[SEED], None);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("no findings in 1 file in "));
}

#[test]
fn a_dateline_or_front_matter_gives_the_publication_date() {
    let dateline = format!("Envoys to meet\n\nPublished 25 August 2021\n\n{NEXT_WEEK}");
    let out = factcheck(&["--format", "json", "-"], Some(dateline.as_bytes()));
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let file = &json["files"][0];
    assert_eq!(file["date"], "2021-08-25");
    assert_eq!(file["date_source"], "dateline");
    assert_eq!(file["findings"][0]["rule"], "relative-date");

    let front = format!("---\ntitle: Envoys\ndate: 2021-08-25\n---\n\n{NEXT_WEEK}");
    let out = factcheck(&["--format", "json", "-"], Some(front.as_bytes()));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["files"][0]["date_source"], "front-matter");
    assert_eq!(json["files"][0]["findings"][0]["rule"], "relative-date");

    // --date wins over what the text says.
    let out = factcheck(
        &["--date", "2021-08-18", "--format", "json", "-"],
        Some(dateline.as_bytes()),
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["files"][0]["date"], "2021-08-18");
    assert_eq!(json["files"][0]["findings"].as_array().unwrap().len(), 0);
}

#[test]
fn claims_resolve_the_seeds_calendar() {
    let out = factcheck(
        &["claims", "--date", "2021-08-25", "--format", "json", SEED],
        None,
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let claims = json["claims"].as_array().unwrap();
    let find = |text: &str| {
        claims
            .iter()
            .find(|c| c["text"] == text)
            .unwrap_or_else(|| panic!("no claim {text}"))
    };
    let days = |text: &str| {
        let v = &find(text)["value"];
        (
            v["start"].as_str().unwrap().to_string(),
            v["end"].as_str().unwrap().to_string(),
        )
    };
    let day = |d: &str| (d.to_string(), d.to_string());
    assert_eq!(days("August 31"), day("2021-08-31"));
    assert_eq!(days("Wednesday"), day("2021-08-25"));
    assert_eq!(days("Tuesday night"), day("2021-08-24"));
    assert_eq!(
        days("next week"),
        ("2021-08-30".into(), "2021-09-05".into())
    );
    assert_eq!(
        days("this month"),
        ("2021-08-01".into(), "2021-08-31".into())
    );
    let months = find("six or seven months");
    assert_eq!(months["kind"], "duration");
    assert_eq!(months["unit"], "month");
    assert_eq!(
        (
            months["value"]["lo"].as_f64(),
            months["value"]["hi"].as_f64()
        ),
        (Some(6.0), Some(7.0))
    );
    let years = find("20 years");
    assert_eq!(
        (years["unit"].as_str(), years["value"]["nominal"].as_f64()),
        (Some("year"), Some(20.0))
    );
}
