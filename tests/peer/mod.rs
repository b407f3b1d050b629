//! The harness both peer-case tests share: read each suite's JSON lines
//! from `$FACTCHECK_SHARED/peer-cases`, tally every case's outcome, print
//! the table (and with the verbose variable, the first failures), and fail
//! when a file's pass rate drops below its floor.

use std::collections::BTreeMap;
use std::env;
use std::fs;
use std::path::PathBuf;

use serde_json::Value as Json;

/// What became of one case.
pub enum Outcome {
    Pass,
    Documented(&'static str),
    Fail(String),
    OutOfScope(&'static str),
}

#[derive(Default)]
pub struct Tally {
    in_scope: usize,
    passed: usize,
    documented: usize,
    out_of_scope: BTreeMap<&'static str, usize>,
    documented_by: BTreeMap<&'static str, usize>,
    documented_cases: Vec<(String, String, &'static str)>,
    failures: Vec<(String, String, String)>,
}

impl Tally {
    fn rate(&self) -> f64 {
        if self.in_scope == 0 {
            return 100.0;
        }
        100.0 * (self.passed + self.documented) as f64 / self.in_scope as f64
    }
}

/// Runs every suite (its path under `peer-cases`; `judge` gets the
/// suite's index and one case), prints the table, and asserts the
/// `floors`. `what` names the test in the skip notice; `verbose_var` is
/// the variable that asks for failures.
pub fn pass_rates(
    what: &str,
    verbose_var: &str,
    suites: &[&'static str],
    judge: &dyn Fn(usize, &Json) -> Outcome,
    floors: &[(&str, f64)],
) {
    let root = env::var_os("FACTCHECK_SHARED")
        .map(|shared| PathBuf::from(shared).join("peer-cases"))
        .filter(|root| root.is_dir());
    let Some(root) = root else {
        println!("skipping {what}: FACTCHECK_SHARED not set (or it has no peer-cases folder)");
        return;
    };
    let verbose = match env::var(verbose_var).ok().as_deref() {
        None | Some("" | "0") => 0,
        Some("1") => 15,
        Some(n) => n.parse().unwrap_or(15),
    };

    let mut rows = Vec::new();
    for (index, suite_path) in suites.iter().enumerate() {
        let path = root.join(suite_path);
        let Ok(text) = fs::read_to_string(&path) else {
            println!("skipping {}: not found", path.display());
            continue;
        };
        let mut tally = Tally::default();
        for (line_no, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let case: Json = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("{}:{}: {e}", suite_path, line_no + 1));
            let id = || case["id"].as_str().unwrap_or("?").to_string();
            let input = || case["input"].as_str().unwrap_or("").to_string();
            match judge(index, &case) {
                Outcome::OutOfScope(why) => *tally.out_of_scope.entry(why).or_default() += 1,
                Outcome::Pass => {
                    tally.in_scope += 1;
                    tally.passed += 1;
                }
                Outcome::Documented(why) => {
                    tally.in_scope += 1;
                    tally.documented += 1;
                    *tally.documented_by.entry(why).or_default() += 1;
                    tally.documented_cases.push((id(), input(), why));
                }
                Outcome::Fail(reason) => {
                    tally.in_scope += 1;
                    tally.failures.push((id(), input(), reason));
                }
            }
        }
        rows.push((*suite_path, tally));
    }

    println!();
    println!(
        "{:<42} {:>8} {:>7} {:>9} {:>7} {:>8}",
        "file", "in scope", "passed", "doc diff", "out", "rate"
    );
    for (path, tally) in &rows {
        println!(
            "{:<42} {:>8} {:>7} {:>9} {:>7} {:>7.1}%",
            path,
            tally.in_scope,
            tally.passed,
            tally.documented,
            tally.out_of_scope.values().sum::<usize>(),
            tally.rate()
        );
    }
    println!();
    for (path, tally) in &rows {
        if !tally.out_of_scope.is_empty() {
            println!("{path}: out of scope {:?}", tally.out_of_scope);
        }
        if !tally.documented_by.is_empty() {
            println!("{path}: documented differences {:?}", tally.documented_by);
        }
    }
    if verbose > 0 {
        for (path, tally) in &rows {
            println!();
            println!("{path}: first failures of {}", tally.failures.len());
            for (id, input, reason) in tally.failures.iter().take(verbose) {
                println!("  {id}  {:?}\n      {reason}", clip(input, 90));
            }
            for (id, input, why) in tally.documented_cases.iter().take(verbose) {
                println!("  documented: {id}  {:?}  ({why})", clip(input, 90));
            }
        }
    }

    let mut low = Vec::new();
    for (path, tally) in &rows {
        let floor = floors
            .iter()
            .find(|(p, _)| p == path)
            .map_or(100.0, |(_, f)| *f);
        if tally.rate() < floor {
            low.push(format!("{path}: {:.1}% < floor {floor}%", tally.rate()));
        }
    }
    assert!(low.is_empty(), "pass rates fell: {low:#?}");
}

/// `s` cut to `max` characters, with an ellipsis.
pub fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max).collect();
    out.push('…');
    out
}

/// Duckling's counting rules: `no_token` (none of ours) and `token_count`
/// (exactly the expected number); `listed` names ours for the failure.
pub fn count_rule(rule: &str, case: &Json, ours: usize, listed: impl Fn() -> String) -> Outcome {
    let expected = if rule == "no_token" {
        0
    } else {
        case["expected_token_count"].as_u64().unwrap_or(0)
    };
    match (ours as u64 == expected, rule) {
        (true, _) => Outcome::Pass,
        (false, "no_token") => Outcome::Fail(format!("extra: {}", listed())),
        (false, _) => Outcome::Fail(format!("count: expected {expected}, ours {}", listed())),
    }
}
