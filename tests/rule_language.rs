//! The rule language end to end on small texts: `patterns:` joined on shared
//! captures, paragraph and document scopes, tolerance for hedged figures.

use factcheck::document::Document;
use factcheck::extract_claims;
use factcheck::rules::RuleSet;

fn findings(rules: &str, text: &str) -> Vec<String> {
    let mut set = RuleSet::default();
    set.add_source("test.yml", rules).unwrap();
    messages(&set, text)
}

/// The messages of what `set` finds in `text`.
fn messages(set: &RuleSet, text: &str) -> Vec<String> {
    let document = Document::new("t", text);
    let claims = extract_claims(&document, None);
    set.check(&document, &claims, None)
        .into_iter()
        .map(|f| f.message)
        .collect()
}

const SHARE: &str = r#"
rules:
  - id: share-percent
    summary: A share must match its percentage
    severity: error
    scope: paragraph
    patterns:
      - "{part} of the {whole} voters"
      - "turnout was {p:percent}"
    assert: pct(part, whole) == p
    message: "{part} of {whole} is {pct(part, whole)}%, not {p}"
"#;

#[test]
fn patterns_must_all_match_in_one_scope_unit() {
    let wrong = "In all 31,000 of the 50,000 voters came. Turnout was 65%.";
    assert_eq!(findings(SHARE, wrong), ["31,000 of 50,000 is 62%, not 65%"]);
    // 62% as printed is 61.5–62.5: consistent.
    assert!(findings(SHARE, "31,000 of the 50,000 voters came. Turnout was 62%.").is_empty());
    // A different paragraph is out of scope.
    assert!(
        findings(
            SHARE,
            "31,000 of the 50,000 voters came.\n\nTurnout was 65%."
        )
        .is_empty()
    );
}

#[test]
fn tolerance_widens_hedged_figures_only() {
    let rule = |tolerance: &str| {
        format!(
            r#"
rules:
  - id: sum
    summary: Parts add up
    severity: error
    pattern: "{{a}} and {{b}} make {{t}}"
    tolerance: {tolerance}
    assert: a + b == t
    message: "{{a}} + {{b}} = {{a + b}}, not {{t}}"
"#
        )
    };
    let text = "Here 40 and 60 make about 104 in all.";
    assert!(findings(&rule("5%"), text).is_empty());
    assert_eq!(findings(&rule("2%"), text), ["40 + 60 = 100, not 104"]);
    assert_eq!(
        findings(&rule("5%"), "Here 40 and 60 make 104."),
        ["40 + 60 = 100, not 104"]
    );
}

#[test]
fn document_scope_reaches_across_paragraphs() {
    let rules = r#"
rules:
  - id: same-toll
    summary: A toll stated twice must agree
    severity: warning
    scope: document
    pattern: "killed {a:count} ... killed {b:count}"
    where: a.noun == b.noun
    assert: a == b
    message: "{a} and {b} {a.noun} killed"
"#;
    let text = "The storm killed 12 people.\n\nOfficials said it killed 14 people.";
    assert_eq!(findings(rules, text), ["12 and 14 people killed"]);
}

fn rule(pattern: &str, assert: &str, message: &str) -> String {
    format!(
        "rules:\n  - id: r\n    summary: s\n    severity: error\n    pattern: \"{pattern}\"\n    assert: {assert}\n    message: \"{message}\"\n"
    )
}

#[test]
fn a_gap_glued_to_a_word_is_still_a_gap() {
    let glued = rule("{a} out of...{b}", "a <= b", "{a} > {b}");
    assert_eq!(
        findings(&glued, "14 out of all the 12 matches."),
        ["14 > 12"]
    );
    let bounded = rule("{a} of..3 {b}", "a <= b", "{a} > {b}");
    assert_eq!(
        findings(&bounded, "14 of its last 12 matches."),
        ["14 > 12"]
    );
}

#[test]
fn a_curly_apostrophe_matches_a_straight_one() {
    let r = rule("state's {a} of {b}", "a <= b", "{a} > {b}");
    assert_eq!(findings(&r, "The state’s 14 of 12 schools."), ["14 > 12"]);
}

#[test]
fn sums_of_money_are_written_like_their_figures() {
    let r = rule(
        "cut ..4 by {cut} to {new} from {old}",
        "old - cut == new",
        "{old - cut}",
    );
    assert_eq!(
        findings(&r, "They cut the budget by £1.2m to £3.4m from £4.8m."),
        ["£3.6m"]
    );
    let r = rule("{a} and {b} make {c}", "a + b == c", "{a + b}, {c - 0}");
    assert_eq!(
        findings(&r, "Here 4,500 tonnes and 1,600 tonnes make 6,000 tonnes."),
        ["6,100 tonnes, 6,000 tonnes"]
    );
}

#[test]
fn loading_rejects_a_negative_tolerance_and_spares_needless_errors() {
    let negative = rule("{a} of {b}", "a <= b", "{a} > {b}")
        .replace("    assert:", "    tolerance: -5%\n    assert:");
    let e = RuleSet::default()
        .add_source("t.yml", &negative)
        .unwrap_err();
    assert_eq!(e.len(), 1);
    assert!(
        e[0].to_string().contains("tolerance `-5%` is negative"),
        "{}",
        e[0]
    );
    // Both `pattern` and `patterns`: that one error, not "never bound" too.
    let both = rule("{a} of {b}", "a <= b", "{a} > {b}")
        .replace("    assert:", "    patterns: [\"{a} of {b}\"]\n    assert:");
    let e = RuleSet::default().add_source("t.yml", &both).unwrap_err();
    assert_eq!(e.len(), 1, "{e:?}");
}

#[test]
fn a_year_is_written_without_a_separator() {
    let r = rule("in {d:date}", "1 == 2", "{year(d)}");
    assert_eq!(findings(&r, "It opened in August 2021."), ["2021"]);
}

#[test]
fn a_directive_line_does_not_split_its_paragraph() {
    let r = rule(
        "{total} people, of whom {part} ... remaining {rest}",
        "part + rest == total",
        "{part} + {rest}",
    );
    let text = "Police arrested 64 people, of whom 41 have been charged.\n\
                <!-- factcheck-disable-next-line some-other-rule -->\n\
                The remaining 33 were released.";
    let r = r.replace("severity: error", "severity: error\n    scope: paragraph");
    assert_eq!(findings(&r, text), ["41 + 33"]);
}

#[test]
fn a_silenced_finding_hides_no_other() {
    let two = "rules:\n  - id: first\n    summary: s\n    severity: info\n    pattern: \"{a} and {b} make {c}\"\n    assert: a + b == c\n    message: \"{a + b}\"\n  - id: second\n    summary: s\n    severity: error\n    pattern: \"{a} and {b} make {c}\"\n    assert: a + b == c\n    message: \"{c}\"\n";
    // Same figures: the error is kept, the info dropped.
    assert_eq!(findings(two, "Costs of £1m and £2m make £9m."), ["£9m"]);
    // Silencing the error leaves the info.
    let silenced = "factcheck-disable-next-line second\nCosts of £1m and £2m make £9m.";
    assert_eq!(findings(two, silenced), ["£3m"]);
}

#[test]
fn signed_and_fractional_figures_are_not_written_like_their_operands() {
    let r = rule("{a} and {b} make {c}", "a + b == c", "{a + b}");
    assert_eq!(findings(&r, "Here -£5m and £2m make £9m."), ["-3,000,000"]);
    assert_eq!(
        findings(&r, "The 1½ million and 2 million make 9 million."),
        ["3,500,000"]
    );
    assert_eq!(
        findings(&r, "Costs of £4.005bn and £1.001bn make £5.010bn."),
        ["£5.006bn"]
    );
}

/// `...` over a long document tries the 64 nearest figures that fit, so a
/// rule's cost per figure stays constant: a pair 70 figures apart is out of
/// reach, 10 apart is found (docs/rules.md, "How the search works").
#[test]
fn an_open_gap_reaches_the_sixty_four_nearest_figures() {
    let rules = r#"
rules:
  - id: far
    summary: s
    severity: error
    scope: document
    pattern: "{a:percent} ... {b:percent}"
    where: a > 50 and b > 50
    assert: a == b
    message: "{a} then {b}"
"#;
    // `between` fillers written as `filler` gives them, 1 to 40 each.
    let text = |filler: &str, between: usize| {
        let fillers: Vec<String> = (0..between)
            .map(|i| filler.replace('N', &(i % 40 + 1).to_string()))
            .collect();
        format!(
            "It rose 60% on Monday. {} It rose 70% on Friday.",
            fillers.join(" ")
        )
    };
    // Counts between the two are no percentages: they do not use up the 64.
    assert_eq!(findings(rules, &text("N cats.", 100)), ["60% then 70%"]);
    assert_eq!(findings(rules, &text("N% said no.", 10)), ["60% then 70%"]);
    assert!(findings(rules, &text("N% said no.", 70)).is_empty());
}

#[test]
fn a_unit_is_skipped_only_without_a_word_every_match_needs() {
    // Each alternative needs its own word; a sentence with either matches,
    // one with neither (but with the figures) does not.
    let r = rule(
        "({a} (exceeds|tops) {b}|{a} (beyond|above) the {b})",
        "a <= b",
        "{a} > {b}",
    );
    assert_eq!(findings(&r, "Sales of 14 exceeds 12 units."), ["14 > 12"]);
    assert_eq!(findings(&r, "It was 14, above the 12 set."), ["14 > 12"]);
    assert!(findings(&r, "It was 14, below the 12 set.").is_empty());
    // A pattern word written with a curly apostrophe or in capitals is the
    // same word to the test as to the matcher.
    let r = rule("{a} under (Britain's|France's) {b}", "a <= b", "{a} > {b}");
    assert_eq!(findings(&r, "A 14 UNDER BRITAIN’S 12."), ["14 > 12"]);
}

#[test]
fn a_rule_added_after_the_first_check_still_finds_its_matches() {
    let mut set = RuleSet::default();
    set.add_source("a.yml", &rule("{a} dwarfs {b}", "a <= b", "{a} > {b}"))
        .unwrap();
    let text = "Some 14 dwarfs 12. Then 15 eclipses 11.";
    assert_eq!(messages(&set, text), ["14 > 12"]);
    let later = rule("{a} eclipses {b}", "a <= b", "{a} > {b}").replace("id: r", "id: s");
    set.add_source("b.yml", &later).unwrap();
    assert_eq!(messages(&set, text), ["14 > 12", "15 > 11"]);
}

#[test]
fn a_rule_replaced_after_the_first_check_is_searched_from_its_own_first_words() {
    // Same id and word needs ("dwarfs"), but the new pattern starts with the
    // word, not a figure: a lookup made for the old rule must not steer it.
    let mut set = RuleSet::default();
    set.add_source("a.yml", &rule("{a} dwarfs {b}", "a <= b", "{a} > {b}"))
        .unwrap();
    let text = "Some 14 dwarfs 12. It dwarfs 15 and 11.";
    assert_eq!(messages(&set, text), ["14 > 12"]);
    let mut other = RuleSet::default();
    other
        .add_source("b.yml", &rule("dwarfs {a} ..2 {b}", "a <= b", "{a} > {b}"))
        .unwrap();
    set.rules = other.rules;
    assert_eq!(messages(&set, text), ["15 > 11"]);
}

/// A list capture holds at most 32 figures: a longer run of like figures is
/// a table, not parts a sentence names, and gives no list (docs/rules.md,
/// "List captures").
#[test]
fn a_list_holds_at_most_thirty_two_figures() {
    let rules = rule(
        "total {t} in {parts:number+}",
        "parts == t",
        "{parts + 0} is not {t}",
    );
    let text = |n: usize| {
        let parts: Vec<&str> = vec!["1"; n];
        format!("The total 100 in {}.", parts.join(", "))
    };
    assert_eq!(findings(&rules, &text(32)), ["32 is not 100"]);
    assert!(findings(&rules, &text(33)).is_empty());
}

/// A unit is skipped when it holds too few claims of the kinds a rule's
/// names bind; a name bound in two patterns, or with another kind in
/// another alternative, still needs only one claim.
#[test]
fn units_with_enough_claims_of_each_kind_are_searched() {
    let either = rule(
        "({x:percent} up|{x:money} down) ..3 {y:percent}",
        "x < y",
        "{x} then {y}",
    );
    assert_eq!(
        findings(&either, "It cost $9 down to 3% now."),
        ["$9 then 3%"]
    );
    assert_eq!(
        findings(&either, "It was 9% up, then 3% now."),
        ["9% then 3%"]
    );
    assert!(findings(&either, "It cost $9 down to 3 now.").is_empty());
    let shared = r#"
rules:
  - id: twice
    summary: s
    severity: error
    scope: paragraph
    patterns:
      - "{a:percent} in all"
      - "{a:percent} ..3 {b:number}"
    assert: a < b
    message: "{a} then {b}"
"#;
    assert_eq!(
        findings(shared, "It was 40% in all, then 30."),
        ["40% then 30"]
    );
}

#[test]
fn rules_replaced_after_a_check_find_what_a_fresh_set_finds() {
    let text = "Of the 6,000 staff, 4,500 left and the remaining 2,500 stayed. Of 10 cars, 3 were red and the other 9 blue.";
    let mut set = RuleSet::builtin().unwrap();
    let first = messages(&set, text);
    assert_eq!(first.len(), 2, "{first:?}");
    // Reordered: each rule now sits where another's lookup was made. (The
    // order decides which of two rules reading one error reports it.)
    set.rules.reverse();
    let mut fresh = RuleSet::builtin().unwrap();
    fresh.rules.reverse();
    assert_eq!(messages(&set, text), messages(&fresh, text));
    // Replaced by a rule whose words the first check never looked up.
    let mut other = RuleSet::default();
    other
        .add_source("t.yml", &rule("{a} stayed", "a < 100", "{a} stayed"))
        .unwrap();
    set.rules = other.rules.clone();
    assert_eq!(messages(&set, text), ["2,500 stayed"]);
    assert_eq!(messages(&set, text), messages(&other, text));
}

#[test]
fn a_long_document_finds_what_its_parts_find() {
    // Forty copies of an article of errors: a long document is checked a
    // run of paragraphs at a time, and must find each copy's errors, once.
    let part = include_str!("../fixtures/arithmetic/shares-and-changes.txt");
    let set = RuleSet::builtin().unwrap();
    let check = |text: &str| {
        let document = Document::new("t", text);
        let claims = extract_claims(&document, None);
        set.check(&document, &claims, None)
    };
    let alone = check(part);
    assert!(alone.len() >= 10, "{} findings", alone.len());
    let whole = format!("{part}\n\n").repeat(40);
    let step = part.len() + 2;
    let expected: Vec<(String, usize)> = (0..40)
        .flat_map(|k| {
            alone
                .iter()
                .map(move |f| (f.message.clone(), f.primary().start + k * step))
        })
        .collect();
    let read = |found: Vec<factcheck::rules::Finding>| -> Vec<(String, usize)> {
        found
            .iter()
            .map(|f| (f.message.clone(), f.primary().start))
            .collect()
    };
    // On the caller's thread, and in a thread pool (as the command line
    // checks), where the blocks are tasks of their own.
    assert_eq!(read(check(&whole)), expected);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .unwrap();
    assert_eq!(read(pool.install(|| check(&whole))), expected);
}
