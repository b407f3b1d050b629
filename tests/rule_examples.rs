//! Every rule's own examples pass, and the pack keeps its conventions.

use factcheck::rules::{BUILTIN, RuleSet, testing};

#[test]
fn every_builtin_example_passes() {
    let set = RuleSet::builtin().unwrap();
    let summary = testing::run_examples(&set);
    assert!(summary.failures.is_empty(), "{}", testing::render(&summary));
    assert!(summary.passed >= 2 * set.rules.len());
}

#[test]
fn every_builtin_rule_has_a_passing_and_a_failing_example() {
    for rule in RuleSet::builtin().unwrap().rules {
        assert!(
            rule.tests.iter().any(|t| t.expect.is_empty()),
            "{} has no example that must pass",
            rule.id
        );
        assert!(
            rule.tests.iter().any(|t| !t.expect.is_empty()),
            "{} has no example that must fail",
            rule.id
        );
    }
}

#[test]
fn every_file_in_rules_is_compiled_in() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/rules");
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let listed = BUILTIN.iter().any(|(f, _)| *f == format!("rules/{name}"));
        assert!(listed, "rules/{name} is missing from rules::BUILTIN");
    }
}

/// The house style (docs/rules.md, "Messages"): lowercase start, no final
/// period, the arithmetic shown, every underlined figure quoted as written.
#[test]
fn messages_follow_the_house_style() {
    for rule in RuleSet::builtin().unwrap().rules {
        for test in rule.tests.iter().filter(|t| !t.expect.is_empty()) {
            let document = factcheck::Document::new("example", test.text.clone());
            let claims = factcheck::extract_claims(&document, test.date);
            let set = RuleSet::from(vec![rule.clone()]);
            for f in set.check(&document, &claims, test.date) {
                let first = f.message.chars().next().unwrap();
                assert!(
                    !first.is_uppercase(),
                    "{}: message starts uppercase",
                    rule.id
                );
                assert!(
                    !f.message.ends_with('.'),
                    "{}: message ends with a period",
                    rule.id
                );
                assert!(
                    f.message.contains(|c: char| c.is_ascii_digit()),
                    "{}: message shows no arithmetic",
                    rule.id
                );
                // The figures as the article wrote them, so an editor finds them.
                for (role, span) in &f.spans {
                    let figure = span.slice(&test.text);
                    assert!(
                        f.message.contains(figure),
                        "{}: message {:?} does not quote {role} ({figure:?})",
                        rule.id,
                        f.message
                    );
                }
            }
        }
    }
}

/// The binary skips the regex syntax check for the built-in pack at start-up;
/// this is where it is checked.
#[test]
fn every_builtin_regex_is_valid() {
    for (file, source) in BUILTIN {
        if let Err(e) = factcheck::rules::load_rules(file, source) {
            let e: Vec<String> = e.iter().map(ToString::to_string).collect();
            panic!("{file}:\n{}", e.join("\n"));
        }
    }
}

/// The binary reads the built-in pack from the JSON `build.rs` wrote; read
/// from the YAML itself, it must be the same rules, field for field.
#[test]
fn builtin_pack_reads_the_same_from_json_and_yaml() {
    let from_json = RuleSet::builtin().unwrap();
    let mut from_yaml = Vec::new();
    for (file, source) in BUILTIN {
        let mut rules = factcheck::rules::load_rules(file, source).unwrap();
        for rule in &mut rules {
            rule.builtin = true;
        }
        from_yaml.extend(rules);
    }
    assert_eq!(from_json.rules.len(), from_yaml.len());
    for (a, b) in from_json.rules.iter().zip(&from_yaml) {
        assert_eq!(format!("{a:?}"), format!("{b:?}"), "{}", a.id);
    }
}

#[test]
fn builtin_pack_without_examples_is_the_same_pack_less_its_examples() {
    let whole = RuleSet::builtin().unwrap();
    let bare = RuleSet::builtin_without_examples().unwrap();
    assert_eq!(whole.rules.len(), bare.rules.len());
    for (a, b) in whole.rules.iter().zip(&bare.rules) {
        assert!(b.tests.is_empty(), "{} kept its examples", b.id);
        let mut a = a.clone();
        a.tests.clear();
        assert_eq!(format!("{a:?}"), format!("{b:?}"), "{}", a.id);
    }
}
