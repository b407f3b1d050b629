//! A folder of mixed drafts (.txt, .md, .html) checked in one command:
//! every format points at the right line and column of the file as written,
//! Markdown code and HTML script are never checked, and front matter and
//! HTML meta give the publication date.

use std::path::Path;
use std::process::{Command, Output};

fn factcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factcheck"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_STEP_SUMMARY")
        .output()
        .unwrap()
}

fn json(args: &[&str]) -> serde_json::Value {
    serde_json::from_slice(&factcheck(args).stdout).unwrap()
}

/// The text at a 1-based line and column (in characters) of a file.
fn at(path: &str, line: u64, column: u64, len: usize) -> String {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
    let line = text.lines().nth(line as usize - 1).unwrap();
    line.chars().skip(column as usize - 1).take(len).collect()
}

#[test]
fn every_span_points_into_the_file_as_written() {
    let report = json(&["--format", "json", "fixtures/markup"]);
    let files = report["files"].as_array().unwrap();
    assert_eq!(files.len(), 3);
    let mut spans = 0;
    for file in files {
        let path = file["path"].as_str().unwrap();
        let source =
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
        for finding in file["findings"].as_array().unwrap() {
            for span in finding["spans"].as_array().unwrap() {
                let text = span["text"].as_str().unwrap();
                let (start, end) = (
                    span["start"].as_u64().unwrap() as usize,
                    span["end"].as_u64().unwrap() as usize,
                );
                // Bytes: the file's own, except an entity written out.
                let raw = &source[start..end];
                assert!(
                    raw == text || raw.contains('&'),
                    "{path}: {raw:?} vs {text:?}"
                );
                // Line and column: the figure's first character.
                let first = at(
                    path,
                    span["line"].as_u64().unwrap(),
                    span["column"].as_u64().unwrap(),
                    1,
                );
                assert_eq!(
                    first,
                    text.chars().next().unwrap().to_string(),
                    "{path}: {text}"
                );
                spans += 1;
            }
        }
    }
    assert!(spans > 20, "only {spans} spans");
}

#[test]
fn concise_and_github_agree_on_places() {
    let concise =
        String::from_utf8(factcheck(&["--format", "concise", "fixtures/markup"]).stdout).unwrap();
    let github =
        String::from_utf8(factcheck(&["--format", "github", "fixtures/markup"]).stdout).unwrap();
    for line in concise.lines() {
        let mut parts = line.splitn(4, ':');
        let (path, l, c) = (
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
        );
        let place = format!("file={path},line={l},col={c},");
        assert!(github.contains(&place), "{place} not in:\n{github}");
    }
}

#[test]
fn markdown_code_and_html_script_are_never_checked() {
    // code-and-links.md repeats an error in a fenced block, an indented
    // block, inline code, a link target and an HTML block: only the prose
    // line raises it.
    let report = json(&["--format", "json", "fixtures/markup/code-and-links.md"]);
    let findings = report["files"][0]["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0]["spans"][0]["line"], 14);
    // The HTML export's script holds "closing": 16 of 40; no finding there.
    let report = json(&["--format", "json", "fixtures/markup/cms-export.html"]);
    for f in report["files"][0]["findings"].as_array().unwrap() {
        assert!(f["spans"][0]["line"].as_u64().unwrap() > 9, "{f:#?}");
    }
}

#[test]
fn front_matter_and_meta_give_the_date() {
    let report = json(&["--format", "json", "fixtures/markup"]);
    let dates: Vec<(String, String)> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| !f["date"].is_null())
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["date_source"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        dates,
        [
            (
                "fixtures/markup/cms-export.html".to_string(),
                "meta".to_string()
            ),
            (
                "fixtures/markup/front-matter.md".to_string(),
                "front-matter".to_string()
            ),
        ]
    );
}

#[test]
fn quoted_speech_is_reported_one_level_lower() {
    let report = json(&["--format", "json", "fixtures/markup/front-matter.md"]);
    let quoted: Vec<&serde_json::Value> = report["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["in_quote"] == true)
        .collect();
    assert_eq!(quoted.len(), 1);
    assert_eq!(quoted[0]["rule"], "remainder-sum");
    assert_eq!(quoted[0]["severity"], "warning");
}

#[test]
fn rules_read_a_figures_block_role() {
    let dir = std::env::temp_dir().join(format!("factcheck-roles-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let rules = dir.join("roles.yml");
    std::fs::write(
        &rules,
        "rules:\n  - id: headline-figure\n    summary: s\n    severity: info\n    pattern: \"{a:number|count}\"\n    where: a.role == \"headline\"\n    assert: a < 0\n    message: \"{a} is in the headline\"\n    tests:\n      - text: \"Of 40 staff, 14 left.\"\n        expect: []\n",
    )
    .unwrap();
    let out = factcheck(&[
        "--no-default-rules",
        "--rules",
        rules.to_str().unwrap(),
        "--format",
        "concise",
        "fixtures/markup/front-matter.md",
    ]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        stdout,
        "fixtures/markup/front-matter.md:2:23: info[headline-figure] 14 is in the headline\n\
         fixtures/markup/front-matter.md:2:29: info[headline-figure] 40 is in the headline\n"
    );
}

/// Findings of the built-in pack on a draft read by its name, as
/// `rule@line:column`.
fn places(name: &str, text: &str) -> Vec<String> {
    use factcheck::check::{CheckOptions, check_document};
    let rules = factcheck::rules::RuleSet::builtin().unwrap();
    let date = Some("2021-08-25".parse().unwrap());
    let report = check_document(
        factcheck::document::Document::read(name, text),
        &rules,
        &CheckOptions::dated(date),
    );
    report
        .findings
        .iter()
        .map(|f| {
            let p = report.lines.position(&report.text, f.primary().start);
            format!("{}:{}@{}:{}", f.severity.name(), f.rule, p.line, p.column)
        })
        .collect()
}

const LINE: &str = "The side won 14 of its 12 matches.";

#[test]
fn html_without_a_closing_head_is_still_read() {
    let html = format!("<html><head><meta charset=utf-8>\n<body>\n<p>{LINE}</p>\n");
    assert_eq!(places("a.html", &html), ["error:part-exceeds-whole@3:17"]);
}

#[test]
fn entities_decode_in_crlf_files_and_without_semicolons() {
    let html = "<p>Of the &pound;300,000 in takings, &pound;120,000 came from books\r\nand the remaining &pound;150,000 from coffee. &copy 2021</p>\r\n";
    assert_eq!(places("a.html", html), ["error:remainder-sum@1:11"]);
    // "£3&nbsp;million" keeps its scale; "40&nbsp;staff" its noun.
    let html = "<p>Of 40&nbsp;staff, 28 stay and the remaining 14&nbsp;go.</p>";
    assert_eq!(places("a.html", html), ["error:remainder-sum@1:7"]);
}

#[test]
fn a_br_does_not_split_a_sentence_and_a_title_is_not_prose() {
    let html = "<!doctype html><title>Budget: 15 of its 12 matches</title><p>The side won 14 of<br>its 12 matches.</p>";
    assert_eq!(places("a.html", html), ["error:part-exceeds-whole@1:75"]);
}

#[test]
fn an_inch_mark_opens_no_quote() {
    let text = format!("He is 6'2\" tall. {LINE}");
    assert_eq!(places("a.txt", &text), ["error:part-exceeds-whole@1:31"]);
}

#[test]
fn nested_list_items_keep_text_order_and_roles() {
    let md = format!("> - {LINE}\n\n- outer item\n  - {LINE}\n");
    // Inside a quote: one level lower; in a nested item: found, in order.
    assert_eq!(
        places("a.md", &md),
        [
            "warning:part-exceeds-whole@1:18",
            "error:part-exceeds-whole@4:18"
        ]
    );
}

#[test]
fn an_html_dateline_gives_the_date() {
    let report = json(&["--format", "json", "fixtures/markup/cms-export.html"]);
    assert_eq!(report["files"][0]["date_source"], "meta");
    let dir = std::env::temp_dir().join(format!("factcheck-dateline-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("d.html");
    std::fs::write(
        &file,
        "<!doctype html><html><head><title>x</title></head><body><p>Published 25 August 2021</p><p>We meet next week, on August 27.</p></body></html>",
    )
    .unwrap();
    let report = json(&["--format", "json", file.to_str().unwrap()]);
    assert_eq!(report["files"][0]["date"], "2021-08-25");
    assert_eq!(report["files"][0]["findings"][0]["rule"], "relative-date");
}

#[test]
fn globs_keep_gitignore_and_hidden_files_out() {
    let dir = std::env::temp_dir().join(format!("factcheck-globs-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    for name in ["a.md", "sub/b.md", "secret.md", ".hidden.md", "c.txt"] {
        std::fs::write(dir.join(name), format!("{LINE}\n")).unwrap();
    }
    std::fs::write(dir.join(".gitignore"), "secret.md\n").unwrap();
    assert_eq!(
        files_reported(&dir, &["--glob", "*.md"]),
        ["a.md", "sub/b.md"]
    );
}

/// The files `factcheck --format concise ARGS .` reports findings in, run
/// in `dir`, in the order reported.
fn files_reported(dir: &Path, args: &[&str]) -> Vec<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_factcheck"))
        .args(["--format", "concise"])
        .args(args)
        .arg(".")
        .current_dir(dir)
        .output()
        .unwrap();
    std::str::from_utf8(&out.stdout)
        .unwrap()
        .lines()
        .map(|l| l.split(':').next().unwrap().to_string())
        .collect()
}

#[test]
fn binary_and_oversized_files_are_skipped_with_a_warning() {
    let dir = std::env::temp_dir().join(format!("factcheck-limits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.txt"), b"The side won 14 of its 12\0 matches.").unwrap();
    std::fs::write(dir.join("b.txt"), format!("{LINE}\n").repeat(100)).unwrap();
    std::fs::write(dir.join("c.txt"), format!("{LINE}\n")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_factcheck"))
        .args(["--format", "concise", "--max-file-size", "1000", "."])
        .current_dir(&dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("warning: skipped a.txt: a binary file (it holds NUL bytes)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("warning: skipped b.txt: larger than 1000 bytes (3500 bytes)"),
        "{stderr}"
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "only c.txt is checked: {stdout}");
    assert_eq!(out.status.code(), Some(1));
}

/// HTML keeps the file's offsets, so markup between a date and "a week
/// later" set beside it is a long stretch of blanks, not words: the date is
/// still the same one, not the anchor ("resumed on 10 March 2021, a week
/// later" is 10 March).
#[test]
fn a_link_between_a_date_and_a_week_later_keeps_them_one_date() {
    let html = "<html><body>\n<p>The hearing began on 3 March 2021. It resumed on 10 March 2021, <a href=\"https://www.example.com/news/2021/03/hearing-resumed-story\">a week later</a>, and closed.</p>\n</body></html>\n";
    let document = factcheck::document::Document::read("hearing.html", html);
    let claims = factcheck::extract_claims(&document, None);
    let later = claims.iter().find(|c| c.text == "a week later").unwrap();
    let start = later.date().and_then(|d| d.start).map(|d| d.to_string());
    assert_eq!(start.as_deref(), Some("2021-03-10"));
}

#[test]
fn a_folder_is_checked_in_name_order_folder_by_folder() {
    let dir = std::env::temp_dir().join(format!("factcheck-order-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    // "a-b" sorts before "a/" byte by byte, after "a" name by name.
    let names = [
        "z/y/w.md",
        "b.txt",
        "a.txt",
        "a-b/x.txt",
        "a/b.txt",
        "B.txt",
        "a/a.txt",
        "0.txt",
    ];
    for name in names {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, format!("{LINE}\n")).unwrap();
    }
    assert_eq!(
        files_reported(&dir, &[]),
        [
            "0.txt",
            "B.txt",
            "a/a.txt",
            "a/b.txt",
            "a-b/x.txt",
            "a.txt",
            "b.txt",
            "z/y/w.md"
        ]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
