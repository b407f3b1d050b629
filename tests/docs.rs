//! The docs cannot rot: every YAML block in `docs/*.md` and the README is
//! executed. A ```yaml block is a rule file that must load and whose
//! examples must pass; ```yaml broken must fail to load; ```yaml config is a
//! `.factcheck.yml` that must load. Every rule file, in `rules/` and in the
//! docs, is also validated against `factcheck schema`.

use std::path::{Path, PathBuf};

use factcheck::config::Config;
use factcheck::rules::{RuleSet, load_rules, schema, testing};

/// A fenced block: its file, first line, info string and text.
struct Block {
    file: String,
    line: usize,
    info: String,
    text: String,
}

fn markdown_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    files.extend(docs);
    files
}

fn blocks() -> Vec<Block> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for path in markdown_files() {
        let file = path.strip_prefix(root).unwrap().display().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let mut open: Option<Block> = None;
        for (i, line) in text.lines().enumerate() {
            let fence = line.trim_start().strip_prefix("```");
            match (&mut open, fence) {
                (None, Some(info)) => {
                    open = Some(Block {
                        file: file.clone(),
                        line: i + 1,
                        info: info.trim().to_string(),
                        text: String::new(),
                    })
                }
                (Some(_), Some(_)) => out.extend(open.take()),
                (Some(b), None) => {
                    b.text.push_str(line);
                    b.text.push('\n');
                }
                (None, None) => {}
            }
        }
        assert!(open.is_none(), "{file}: a code block is never closed");
    }
    out
}

fn yaml_blocks(kind: &str) -> Vec<Block> {
    blocks()
        .into_iter()
        .filter(|b| b.info.split_whitespace().next() == Some("yaml"))
        .filter(|b| b.info.split_whitespace().nth(1).unwrap_or("") == kind)
        .collect()
}

#[test]
fn every_rule_block_in_the_docs_loads_and_its_examples_pass() {
    let rule_blocks = yaml_blocks("");
    assert!(
        rule_blocks.len() >= 10,
        "the docs show few rule files: {}",
        rule_blocks.len()
    );
    for b in rule_blocks {
        let name = format!("{}:{}", b.file, b.line);
        // The block's lines keep their place in the Markdown file.
        let source = format!("{}{}", "\n".repeat(b.line), b.text);
        let mut set = RuleSet::default();
        if let Err(e) = set.add_source(&b.file, &source) {
            let e: Vec<String> = e.iter().map(ToString::to_string).collect();
            panic!("{name}: the rule file does not load:\n{}", e.join("\n"));
        }
        let summary = testing::run_examples(&set);
        assert!(
            summary.failures.is_empty(),
            "{name}: examples fail:\n{}",
            testing::render(&summary)
        );
        for rule in &set.rules {
            assert!(
                rule.tests.iter().any(|t| t.expect.is_empty())
                    && rule.tests.iter().any(|t| !t.expect.is_empty()),
                "{name}: rule {} needs an example that passes and one that fails",
                rule.id
            );
        }
    }
}

#[test]
fn every_broken_block_in_the_docs_fails_to_load() {
    for b in yaml_blocks("broken") {
        assert!(
            load_rules(&b.file, &b.text).is_err(),
            "{}:{}: a ```yaml broken block loads",
            b.file,
            b.line
        );
    }
}

#[test]
fn every_config_block_in_the_docs_loads() {
    let blocks = yaml_blocks("config");
    assert!(!blocks.is_empty(), "the docs show no config");
    for b in blocks {
        if let Err(e) = Config::parse(&b.file, &b.text, Path::new(".")) {
            panic!("{}:{}: the config does not load: {e:?}", b.file, b.line);
        }
    }
}

#[test]
fn no_yaml_block_has_an_unknown_info_string() {
    for b in blocks() {
        let mut words = b.info.split_whitespace();
        if words.next() == Some("yaml") {
            let kind = words.next().unwrap_or("");
            assert!(
                ["", "broken", "config"].contains(&kind),
                "{}:{}: ```yaml {kind} is not run by any test",
                b.file,
                b.line
            );
        }
    }
}

fn validator(schema: &serde_json::Value) -> jsonschema::Validator {
    jsonschema::draft7::new(schema).expect("the schema is a valid draft-07 schema")
}

fn yaml_to_json(source: &str) -> serde_json::Value {
    let value: serde_yaml::Value = serde_yaml::from_str(source).unwrap();
    serde_json::to_value(value).unwrap()
}

#[test]
fn every_rule_file_validates_against_the_schema() {
    let v = validator(&schema::rules());
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources: Vec<(String, String)> = std::fs::read_dir(root.join("rules"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    sources.extend(
        yaml_blocks("")
            .into_iter()
            .map(|b| (format!("{}:{}", b.file, b.line), b.text)),
    );
    for (name, source) in sources {
        let errors: Vec<String> = v
            .iter_errors(&yaml_to_json(&source))
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{name}: {}", errors.join("\n"));
    }
}

#[test]
fn the_schema_rejects_what_the_loader_rejects() {
    let v = validator(&schema::rules());
    let good = "rules:\n  - id: a-rule\n    summary: s\n    severity: error\n    pattern: \"{a} of {b}\"\n    assert: a <= b\n    message: \"{a} > {b}\"\n";
    assert!(v.is_valid(&yaml_to_json(good)));
    for (typo, fixed) in [
        ("    assert: a <= b", "    asert: a <= b"),
        ("severity: error", "severity: fatal"),
        ("id: a-rule", "id: A Rule"),
        ("    pattern: \"{a} of {b}\"\n", ""),
    ] {
        let bad = good.replace(typo, fixed);
        assert!(
            !v.is_valid(&yaml_to_json(&bad)),
            "the schema accepts:\n{bad}"
        );
        assert!(
            load_rules("bad.yml", &bad).is_err(),
            "the loader accepts:\n{bad}"
        );
    }
    let config = validator(&schema::config());
    assert!(config.is_valid(&yaml_to_json("rules: [house/]\nfail_on: warning\n")));
    assert!(!config.is_valid(&yaml_to_json("disabel: [doubled]\n")));
}
