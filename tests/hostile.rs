//! Hostile inputs: each must end with a clear outcome, no panic and no
//! hang. A watchdog kills a run that takes far longer than it should; the
//! limit is generous (debug builds on a busy CI machine), so it catches
//! hangs and quadratic blow-ups, not slowness (throughput is measured by
//! `cargo bench`). Each run is also capped at 2 GB of address space
//! (`ulimit -v`), so a memory blow-up fails the run rather than the machine.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Most a hostile run may take before it counts as hung.
const WATCHDOG: Duration = Duration::from_secs(90);

/// Most address space a hostile run may take, in KiB.
const MEMORY_KIB: u64 = 2 * 1024 * 1024;

/// Runs factcheck on `input` (as a file named `name`) with `args`; returns
/// the exit status and stderr, failing the test on a hang or a panic.
fn run(name: &str, input: &[u8], args: &[&str]) -> (Option<i32>, String) {
    let dir = std::env::temp_dir().join(format!("factcheck-hostile-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(name);
    std::fs::File::create(&file)
        .unwrap()
        .write_all(input)
        .unwrap();
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {MEMORY_KIB} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_factcheck"))
        .args(args)
        .arg(&file)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > WATCHDOG {
            let _ = child.kill();
            panic!("{name}: still running after {WATCHDOG:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{name} panicked: {stderr}");
    (status.code(), stderr)
}

#[test]
fn ten_megabytes_on_one_line() {
    // One sentence of 10 MB, a figure every 80 bytes or so: every
    // sentence-scope rule sees one unit of 1.8 million tokens.
    let mut text = String::with_capacity(10_000_100);
    let mut i = 0u32;
    while text.len() < 10_000_000 {
        i = i.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        text.push_str("officials said that of the staff evacuated on the day some ");
        text.push_str(&(i % 9_999 + 1).to_string());
        text.push_str(" people were flown out, ");
    }
    let (code, stderr) = run("line.txt", text.as_bytes(), &["--format", "concise"]);
    assert!(matches!(code, Some(0 | 1)), "{stderr}");
}

#[test]
fn a_pattern_with_fifty_gaps() {
    let captures: Vec<String> = (0..=50).map(|i| format!("{{x{i}}}")).collect();
    let rules = format!(
        "rules:\n  - id: gaps\n    summary: s\n    severity: error\n    scope: document\n    pattern: \"{}\"\n    assert: x0 < x50\n    message: \"{{x0}} {{x50}}\"\n",
        captures.join(" ... ")
    );
    let dir = std::env::temp_dir().join(format!("factcheck-gaps-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let rule_file = dir.join("gaps.yml");
    std::fs::write(&rule_file, rules).unwrap();
    // 20,000 figures in one document: each start tries the 50 gaps.
    let text: Vec<String> = (0..20_000u32)
        .map(|i| ((i * 7) % 997 + 1).to_string())
        .collect();
    let (code, stderr) = run(
        "gaps.txt",
        (text.join(" ") + ".\n").as_bytes(),
        &[
            "--no-default-rules",
            "--rules",
            rule_file.to_str().unwrap(),
            "--format",
            "concise",
        ],
    );
    assert_eq!(
        code,
        Some(1),
        "x0 < x50 fails where the figures wrap: {stderr}"
    );
}

/// Sentences packed with figures: every figure starts a match and every run
/// of figures could be a list, so a search that is not bounded per start
/// goes quadratic (500 bare figures once took 2.7 s, 2,000 over two
/// minutes).
#[test]
fn sentences_dense_with_figures() {
    let bare = "1 ".repeat(100_000) + ".\n";
    let (code, stderr) = run("bare.txt", bare.as_bytes(), &["--format", "concise"]);
    assert_eq!(code, Some(0), "{stderr}");
    // A total set off by a dash before its parts, 20,000 times in one
    // sentence: parts-after-total may fire, and must stay linear.
    let mut i = 0u32;
    let mut next = |m: u32| {
        i = i.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        (i >> 8) % m + 1
    };
    let groups: Vec<String> = (0..20_000)
        .map(|_| {
            let (t, a, b, c) = (next(999), next(99), next(99), next(99));
            format!("{t} — {a}, {b} and {c},")
        })
        .collect();
    let lists = groups.join(" ") + ".\n";
    let (code, stderr) = run("lists.txt", lists.as_bytes(), &["--format", "concise"]);
    assert!(matches!(code, Some(0 | 1)), "{stderr}");
}

/// Shapes that once read back over the whole sentence at every step, each
/// quadratic (100 KB of full stops took 18 s; "a week later" 14,000 times
/// in one sentence, 11 s): a run of stops, "a" with no space after it for a
/// long stretch, counted dates with no date to count from, "N points"
/// with no percentage before them, and figures joined by commas, each of
/// which once read the run to its end for an "m" (300,000 took 112 s).
#[test]
fn sentences_that_once_read_back_to_their_start() {
    let shapes: [(&str, &str, usize); 7] = [
        ("stops.txt", ".", 500_000),
        ("commas.txt", "1,", 300_000),
        ("marks.txt", "?!", 250_000),
        ("articles.txt", "a,", 250_000),
        ("the.txt", "the-", 125_000),
        ("counted.txt", "a week later 5 ", 30_000),
        ("points.txt", "5 points, ", 20_000),
    ];
    for (name, unit, times) in shapes {
        let (code, stderr) = run(
            name,
            unit.repeat(times).as_bytes(),
            &["--format", "concise"],
        );
        assert_eq!(code, Some(0), "{name}: {stderr}");
    }
}

#[test]
fn a_megabyte_of_digits() {
    let (code, _) = run(
        "digits.txt",
        &vec![b'7'; 1_000_000],
        &["--format", "concise"],
    );
    assert!(matches!(code, Some(0 | 1)));
}

#[test]
fn a_ten_thousand_digit_number() {
    let text = format!("The total was {} people.", "9".repeat(10_000));
    let (code, _) = run("bignum.txt", text.as_bytes(), &["--format", "concise"]);
    assert!(matches!(code, Some(0 | 1)));
}

#[test]
fn a_hundred_thousand_percent_signs() {
    let (code, _) = run(
        "percent.txt",
        &vec![b'%'; 100_000],
        &["--format", "concise"],
    );
    assert_eq!(code, Some(0));
}

#[test]
fn deeply_nested_markdown_lists_and_quotes() {
    let mut text: String = (0..2_000)
        .map(|i| format!("{}- item 3 of 2\n", "  ".repeat(i)))
        .collect();
    text.push_str(&">".repeat(5_000));
    text.push_str(" The side won 14 of its 12 matches.\n");
    let (code, _) = run("nested.md", text.as_bytes(), &["--format", "concise"]);
    assert!(matches!(code, Some(0 | 1)));
}

#[test]
fn dates_far_outside_the_calendar() {
    let text = "It happened on 31 December 99999, in 0000, on 1 January 10000, on February 30, \
                in the year 12345678901234567890 and on Monday, 32 March 2021.";
    let (code, _) = run(
        "dates.txt",
        text.as_bytes(),
        &["--format", "concise", "--date", "2021-08-25"],
    );
    assert!(matches!(code, Some(0 | 1)));
}

/// Runs a rule of `pattern`, `where` (if any) and `assert` alone over "14
/// of 12 matches", with `--stats`: the exit code and stderr.
fn run_division(name: &str, filter: Option<&str>, assert: &str) -> (Option<i32>, String) {
    let filter = filter.map_or(String::new(), |w| format!("    where: {w}\n"));
    let rules = format!(
        "rules:\n  - id: div\n    summary: s\n    severity: error\n    pattern: \"{{a}} of {{b}}\"\n{filter}    assert: {assert}\n    message: \"{{a}} of {{b}}\"\n"
    );
    let dir = std::env::temp_dir().join(format!("factcheck-div-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let rule_file = dir.join("div.yml");
    std::fs::write(&rule_file, rules).unwrap();
    run(
        "div.txt",
        b"The side won 14 of 12 matches.",
        &[
            "--no-default-rules",
            "--rules",
            rule_file.to_str().unwrap(),
            "--format",
            "concise",
            "--stats",
        ],
    )
}

#[test]
fn division_by_zero_in_an_assertion_gives_no_finding() {
    let (code, stderr) = run_division("assert", None, "a / (b - b) == 1");
    assert_eq!(code, Some(0), "an unknown truth is no finding");
    assert!(stderr.contains("0 findings"), "{stderr}");
    assert!(stderr.contains("1 division by zero"), "{stderr}");
}

#[test]
fn a_division_by_zero_in_a_where_that_holds_is_counted_once() {
    // The matcher asks `where` of a match; the verdict does not ask again.
    let (code, stderr) = run_division("where", Some("a / (b - b) > 1 or a > 0"), "a <= b");
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("1 finding"), "{stderr}");
    assert!(stderr.contains("1 division by zero"), "{stderr}");
}

#[test]
fn a_binary_file_is_skipped_not_an_error() {
    let (code, stderr) = run(
        "binary.txt",
        b"\x00\x01\x02 4 of 3",
        &["--format", "concise"],
    );
    assert_eq!(code, Some(0));
    assert!(stderr.contains("a binary file"), "{stderr}");
}

#[test]
fn a_yaml_alias_bomb_in_a_rule_file_is_a_clear_error() {
    // "Billion laughs": nine levels of nine aliases each.
    let mut bomb = String::from(
        "x0: &x0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for i in 1..10 {
        let p = i - 1;
        bomb.push_str(&format!(
            "x{i}: &x{i} [*x{p},*x{p},*x{p},*x{p},*x{p},*x{p},*x{p},*x{p},*x{p}]\n"
        ));
    }
    bomb.push_str("rules: *x9\n");
    let (code, stderr) = run("bomb.yml", bomb.as_bytes(), &["test"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("error:"), "{stderr}");
}

/// Writes a rule file whose assert and pattern are given.
fn rule_file(name: &str, pattern: &str, assert: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("factcheck-deep-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    let rules = format!(
        "rules:\n  - id: deep\n    summary: s\n    severity: error\n    pattern: \"{pattern}\"\n    assert: \"{assert}\"\n    message: \"{{a}}\"\n"
    );
    std::fs::write(&path, rules).unwrap();
    path
}

#[test]
fn rules_nested_past_the_limits_are_clear_errors() {
    // Each of these overflowed the stack before parsing was bounded.
    let deep = 100_000;
    let files = [
        rule_file(
            "parens.yml",
            "{a}",
            &format!("{}a{} > 1", "(".repeat(deep), ")".repeat(deep)),
        ),
        rule_file("nots.yml", "{a}", &format!("{}a > 1", "not ".repeat(deep))),
        rule_file("minus.yml", "{a}", &format!("{}a > 1", "-".repeat(deep))),
        rule_file(
            "chain.yml",
            "{a}",
            &format!("{} > 1", vec!["a"; deep].join(" + ")),
        ),
        rule_file(
            "groups.yml",
            &format!("{}{{a}}{}", "(".repeat(deep), ")".repeat(deep)),
            "a > 1",
        ),
        rule_file(
            "words.yml",
            &format!("{{a}} {}", "x ".repeat(deep)),
            "a > 1",
        ),
    ];
    for file in files {
        let (code, stderr) = run(
            "doc.txt",
            b"There were 5 cats.",
            &["test", file.to_str().unwrap()],
        );
        assert_eq!(code, Some(2), "{}: {stderr}", file.display());
        assert!(
            stderr.contains("too long") || stderr.contains("nested too deeply"),
            "{}: {stderr}",
            file.display()
        );
    }
}

#[test]
fn rules_at_the_limits_still_run() {
    let words = "x ".repeat(1_990);
    let files = [
        rule_file(
            "ok-chain.yml",
            "{a}",
            &format!("{} > 1", vec!["a"; 249].join(" + ")),
        ),
        rule_file(
            "ok-parens.yml",
            "{a}",
            &format!("{}a{} > 1", "(".repeat(248), ")".repeat(248)),
        ),
        rule_file(
            "ok-nots.yml",
            "{a}",
            &format!("{}a > 1", "not ".repeat(496)),
        ),
        rule_file(
            "ok-groups.yml",
            &format!("{}{{a}}{}", "(".repeat(31), ")".repeat(31)),
            "a > 10",
        ),
        rule_file(
            "ok-words.yml",
            &format!("{{a}} {}", words.trim_end()),
            "a > 10",
        ),
    ];
    let text = format!("There were 5 {words}\n");
    for file in files {
        let (code, stderr) = run(
            "limits.txt",
            text.as_bytes(),
            &[
                "--no-default-rules",
                "--rules",
                file.to_str().unwrap(),
                "--format",
                "concise",
            ],
        );
        // 5 > 1 holds; 5 > 10 does not, so a match is a finding (exit 1):
        // the long and nested patterns must really match.
        let fails =
            file.to_str().unwrap().contains("groups") || file.to_str().unwrap().contains("words");
        assert_eq!(
            code,
            Some(if fails { 1 } else { 0 }),
            "{}: {stderr}",
            file.display()
        );
    }
}

/// HTML with block tags left open: every tag once searched the open
/// elements, which nothing closes here, so 200 KB of `<div>a` took 2.5 s
/// and 2 MB would take minutes.
#[test]
fn html_left_open_stays_linear() {
    let inputs = [
        ("open-divs.html", "<div>a".repeat(333_333)),
        (
            "stray-ends.html",
            "<div>".repeat(200_000) + &"</x>".repeat(250_000),
        ),
        ("open-paragraphs.html", "<p>5 of 10".repeat(100_000)),
    ];
    for (name, html) in inputs {
        let (code, stderr) = run(name, html.as_bytes(), &["--format", "concise"]);
        assert!(matches!(code, Some(0 | 1)), "{name}: {stderr}");
    }
}

#[test]
fn two_hundred_thousand_directives_above_a_line_of_findings() {
    // 200,000 directives in a few forms aim at one line of 30,000
    // findings; only the last names the rule that fires. Checking every
    // finding against every directive until one covered it was 200,000 x
    // 30,000 steps; grouped by target line, each finding is one binary
    // search. Silenced findings are never placed on a line, so the long
    // line costs no column counting.
    let forms = [
        "factcheck-disable-next-line doubled\n",
        "# factcheck-disable-next-line halved, tripled -- checked\n",
        "<!-- factcheck-disable-next-line: doubled -->\n",
        "// factcheck-disable-next-line quadrupled,doubled\n",
    ];
    let mut text = String::new();
    for i in 0..200_000 {
        text.push_str(forms[i % forms.len()]);
    }
    text.push_str("factcheck-disable-next-line halved part-exceeds-whole\n\n");
    text.push_str(&"The side won 14 of its 12 matches. ".repeat(30_000));
    text.push_str("\n\n");
    // These name only rules that do not fire here, so they silence nothing.
    for i in 0..1_000 {
        text.push_str(forms[i % forms.len()]);
    }
    text.push_str(&"The side won 14 of its 12 matches. ".repeat(100));
    text.push('\n');
    let (code, stderr) = run(
        "directives.txt",
        text.as_bytes(),
        &["--format", "concise", "--stats"],
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("100 findings (30000 suppressed)"),
        "{stderr}"
    );
}

/// Findings by the thousand on one line: each column was counted from the
/// line's start, so the output went quadratic (480 KB took 6 s in concise,
/// 14 s in JSON and over 200 s in SARIF, whose UTF-16 count is slowest;
/// a few seconds each now). In the default format each snippet was
/// rendered from the whole line (170 KB with 247 findings took 1.2 s, and
/// 480 KB with 40,000 findings would take hours); it gets a window of the
/// line around its figures now.
#[test]
fn many_findings_on_one_long_line() {
    let text = "5 of 4 won. ".repeat(40_000);
    for format in ["concise", "json", "sarif"] {
        let (code, stderr) = run(
            &format!("long-line-{format}.txt"),
            text.as_bytes(),
            &["--format", format],
        );
        assert_eq!(code, Some(1), "{format}: {stderr}");
    }
    // A quarter as many in the default format, which renders each: it
    // stays well inside the watchdog in a debug build, where rendering
    // the whole line for each finding would not.
    let text = "5 of 4 won. ".repeat(10_000);
    let (code, stderr) = run("long-line-human.txt", text.as_bytes(), &[]);
    assert_eq!(code, Some(1), "human: {stderr}");
}

/// Thousands of findings in the default format: each snippet was handed
/// the whole text, which the renderer walked line by line, so the output
/// went quadratic (720 KB took over 150 s; 5 s now).
#[test]
fn many_findings_in_the_human_format() {
    let text = "The side won 14 of its 12 matches.\n\n".repeat(20_000);
    let (code, stderr) = run("many-findings.txt", text.as_bytes(), &[]);
    assert_eq!(code, Some(1), "{stderr}");
}
