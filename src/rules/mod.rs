//! Rules: loaded from YAML ([`load`]), matched over the token stream
//! ([`pattern`]), evaluated with interval semantics ([`expr`], [`eval`]),
//! producing [`Finding`]s.

pub mod eval;
pub mod expr;
pub mod index;
pub mod load;
pub mod pattern;
pub mod schema;
pub(crate) mod source;
pub mod testing;
pub mod tokens;
pub mod units;

use std::collections::BTreeMap;
use std::path::Path;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::claims::Claim;
use crate::document::directives::Silencer;
use crate::document::{Document, Sentence, Span};
pub use load::{LoadError, LoadErrorKind, load_rules};
use pattern::{Bindings, Matcher, Pattern};
use tokens::Token;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look.
    Info,
    /// Probably wrong.
    Warning,
    /// Certainly inconsistent.
    Error,
}

impl Scope {
    /// The name used in rule files.
    pub fn name(self) -> &'static str {
        match self {
            Scope::Sentence => "sentence",
            Scope::Paragraph => "paragraph",
            Scope::Document => "document",
        }
    }
}

impl Severity {
    /// One level lower (an info stays an info).
    pub fn lower(self) -> Severity {
        match self {
            Severity::Error => Severity::Warning,
            Severity::Warning | Severity::Info => Severity::Info,
        }
    }

    /// The name used in output and options.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// The unit of text inside which a rule's pattern must match.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// One sentence.
    #[default]
    Sentence,
    /// One paragraph.
    Paragraph,
    /// The whole document.
    Document,
}

/// A message template: text and `{expression}` parts.
#[derive(Debug, Clone)]
pub struct Template {
    parts: Vec<TemplatePart>,
}

#[derive(Debug, Clone)]
enum TemplatePart {
    Text(String),
    Expr(expr::Expr),
}

impl Template {
    /// Whether an expression in it reads `name`.
    fn mentions(&self, name: &str) -> bool {
        self.parts
            .iter()
            .any(|part| matches!(part, TemplatePart::Expr(e) if e.mentions(name)))
    }

    fn render(&self, scope: &eval::Scope<'_>) -> String {
        self.parts
            .iter()
            .map(|p| match p {
                TemplatePart::Text(t) => t.clone(),
                TemplatePart::Expr(e) => eval::render(e, scope),
            })
            .collect()
    }
}

/// One example of a rule: a text and the findings it must give.
#[derive(Debug, Clone)]
pub struct RuleTest {
    /// Line of the example in its rule file.
    pub line: usize,
    /// The example text.
    pub text: String,
    /// Publication date for the example.
    pub date: Option<Date>,
    /// Expected findings (empty: the text must pass).
    pub expect: Vec<TestExpectation>,
}

/// An expected finding: its rule, and the text of one of its spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestExpectation {
    /// Rule id.
    pub rule: String,
    /// The text one of the finding's spans must cover.
    pub at: String,
}

/// A compiled rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Unique id, `kebab-case`.
    pub id: String,
    /// One line saying what must hold.
    pub summary: String,
    /// Severity of its findings.
    pub severity: Severity,
    /// The unit a match must lie in.
    pub scope: Scope,
    /// The patterns as written.
    pub pattern_sources: Vec<String>,
    patterns: Vec<Pattern>,
    /// The assertion as written.
    pub assert_source: String,
    /// The `where` filter as written.
    pub where_source: Option<String>,
    /// The message template as written.
    pub message_source: String,
    filter: Option<expr::Expr>,
    /// Pairs of captures the filter requires to share a key (see
    /// [`key_joins`]), found once at load.
    joins: Vec<(String, String)>,
    assert: expr::Expr,
    message: Template,
    /// Relative widening of approximate claims.
    pub tolerance: f64,
    /// Whether it uses `pub_date`: without a publication date it is skipped.
    pub needs_date: bool,
    /// Claim kinds a unit must hold for the patterns to match (bit sets).
    required: Vec<u32>,
    /// Claims a unit must hold: one per name every match binds, as no
    /// claim plays two parts.
    min_claims: usize,
    /// For a set of kinds ([`pattern::kind_bit`]s), the claims of those
    /// kinds a unit must hold: one per name that binds only those.
    kind_needs: Vec<(u32, usize)>,
    /// Word sets (sorted word hashes) a unit must hold a word of.
    pub(crate) required_words: Vec<Vec<u64>>,
    /// Which load made it, so that a [`RuleLookup`] can tell cheaply that it
    /// was made from this rule (a copy shares it, and its patterns too).
    stamp: Stamp,
    /// The rule's examples.
    pub tests: Vec<RuleTest>,
    /// The file it came from.
    pub file: String,
    /// Whether it is part of the built-in pack.
    pub builtin: bool,
    /// The line of its `id`.
    pub line: usize,
}

/// A rule's verdict on one place in a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// The rule id.
    pub rule: String,
    /// Its severity.
    pub severity: Severity,
    /// The rule's summary.
    pub summary: String,
    /// The message, with the arithmetic.
    pub message: String,
    /// The captured claims, in text order: (capture name, span).
    pub spans: Vec<(String, Span)>,
    /// The captured claims' values by capture name.
    pub values: BTreeMap<String, serde_json::Value>,
    /// A hash of the finding's sentence, for baselines (set by
    /// [`crate::check::check_document`]; empty before).
    pub fingerprint: String,
    /// Whether the finding lies inside quoted speech: the quote is
    /// reported, not blamed on the writer (its severity is one lower).
    pub in_quote: bool,
}

impl Finding {
    /// The first span: where the finding is reported.
    pub fn primary(&self) -> Span {
        self.spans.first().map_or(Span::new(0, 0), |(_, s)| *s)
    }
}

/// The built-in rule pack, compiled into the binary.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "rules/arithmetic.yml",
        include_str!("../../rules/arithmetic.yml"),
    ),
    (
        "rules/calendar.yml",
        include_str!("../../rules/calendar.yml"),
    ),
    (
        "rules/consistency.yml",
        include_str!("../../rules/consistency.yml"),
    ),
];

/// [`BUILTIN`] as JSON, written by `build.rs` ("" where the YAML did not
/// read), in the same order.
const BUILTIN_JSON: &[&str] = &[
    include_str!(concat!(env!("OUT_DIR"), "/arithmetic.json")),
    include_str!(concat!(env!("OUT_DIR"), "/calendar.json")),
    include_str!(concat!(env!("OUT_DIR"), "/consistency.json")),
];

/// [`BUILTIN_JSON`] without the rules' examples, for checking.
const BUILTIN_JSON_BARE: &[&str] = &[
    include_str!(concat!(env!("OUT_DIR"), "/arithmetic.bare.json")),
    include_str!(concat!(env!("OUT_DIR"), "/calendar.bare.json")),
    include_str!(concat!(env!("OUT_DIR"), "/consistency.bare.json")),
];

/// A set of rules with unique ids.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    /// The rules, in load order.
    pub rules: Vec<Rule>,
    /// What their patterns look up, found on the first check. Rules added
    /// or changed later make it stale, which costs speed, not matches: a
    /// word missing here is scanned for, and a rule it does not know is
    /// tested by the kinds of claim it needs only.
    lookup: std::sync::OnceLock<Lookup>,
}

/// The words a rule set's patterns look up, and what each rule needs of a
/// unit over them, in rule order.
#[derive(Debug, Clone)]
struct Lookup {
    anchors: index::Anchors,
    rules: Vec<RuleLookup>,
}

/// What a [`Lookup`] knows of one rule, with what it was made from so that
/// a rule changed since is not judged by it.
#[derive(Debug, Clone)]
pub struct RuleLookup {
    /// The [`Rule`]'s stamp.
    stamp: Stamp,
    /// Its word sets over the anchors: a unit without a word of each is
    /// skipped.
    needs: Option<units::WordNeeds>,
    /// For each pattern, the anchor ids of the words a match may start
    /// with, as a bit set (`None` when it may start anywhere): a unit is
    /// then searched from those of its words and its claims (see
    /// [`pattern::Matcher::matches`]).
    starts: Vec<Option<Vec<u64>>>,
}

impl RuleLookup {
    /// What checking needs to know of `rule` over `anchors`, the anchors
    /// the document's units and index are built with. A word of the rule
    /// that is not among them leaves that part unknown (checking then
    /// tries every unit, or every token), never wrong.
    pub fn of(rule: &Rule, anchors: &index::Anchors) -> Self {
        let starts = rule
            .patterns
            .iter()
            .map(|p| units::id_bits(p.first_words()?, anchors))
            .collect();
        RuleLookup {
            stamp: rule.stamp,
            needs: units::WordNeeds::of(&rule.required_words, anchors),
            starts,
        }
    }

    /// Whether this was made from `rule`: a rule's patterns do not change
    /// once loaded, so its stamp tells (comparing its word lists for every
    /// rule of every document cost more than 1% of a check).
    fn fits(&self, rule: &Rule) -> bool {
        self.stamp == rule.stamp
    }
}

/// A rule's stamp: which load made it. It says nothing of what the rule
/// checks, so it is left out of the rule's debug form, which compares rules.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Stamp(u64);

impl std::fmt::Debug for Stamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("_")
    }
}

impl Rule {
    /// A stamp no rule loaded before has.
    fn next_stamp() -> Stamp {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        Stamp(NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
    }
}

impl Lookup {
    fn of(rules: &[Rule]) -> Self {
        let anchors = index::Anchors::of(rules);
        let rules = rules.iter().map(|r| RuleLookup::of(r, &anchors)).collect();
        Lookup { anchors, rules }
    }

    /// What this lookup knows of rule `i`, if it was made from that rule.
    fn rule(&self, i: usize, rule: &Rule) -> Option<&RuleLookup> {
        self.rules.get(i).filter(|known| known.fits(rule))
    }
}

impl From<Vec<Rule>> for RuleSet {
    fn from(rules: Vec<Rule>) -> Self {
        RuleSet {
            rules,
            lookup: std::sync::OnceLock::new(),
        }
    }
}

impl RuleSet {
    /// The rules that cannot run without a publication date.
    pub fn needing_date(&self) -> usize {
        self.rules.iter().filter(|r| r.needs_date).count()
    }

    /// The built-in pack.
    pub fn builtin() -> Result<Self, Vec<LoadError>> {
        Self::builtin_from(BUILTIN_JSON)
    }

    /// The built-in pack without its rules' examples (`tests` left empty):
    /// what checking needs, read in two thirds of the time, which is most
    /// of the start-up of checking one small article.
    pub fn builtin_without_examples() -> Result<Self, Vec<LoadError>> {
        Self::builtin_from(BUILTIN_JSON_BARE)
    }

    fn builtin_from(jsons: &[&str]) -> Result<Self, Vec<LoadError>> {
        // The files load at once (each reads its JSON and finds its rules'
        // lines on its own), then join in order.
        use rayon::prelude::*;
        let loaded: Vec<Result<Vec<Rule>, Vec<LoadError>>> = BUILTIN
            .par_iter()
            .enumerate()
            .map(|(i, (file, source))| {
                load::load_builtin(file, source, jsons.get(i).copied().unwrap_or(""))
            })
            .collect();
        let mut set = RuleSet::default();
        for ((_, source), rules) in BUILTIN.iter().zip(loaded) {
            set.add_rules(rules?, source)?;
        }
        for rule in &mut set.rules {
            rule.builtin = true;
        }
        Ok(set)
    }

    /// Adds the rules of one file's text.
    pub fn add_source(&mut self, file: &str, source: &str) -> Result<(), Vec<LoadError>> {
        let rules = load_rules(file, source)?;
        self.add_rules(rules, source)
    }

    /// Adds rules loaded from `source`, refusing ids already in the set.
    fn add_rules(&mut self, rules: Vec<Rule>, source: &str) -> Result<(), Vec<LoadError>> {
        let mut errors = Vec::new();
        for rule in rules {
            if let Some(first) = self.rules.iter().find(|r| r.id == rule.id) {
                let line = source
                    .lines()
                    .nth(rule.line.saturating_sub(1))
                    .unwrap_or("");
                let column = line
                    .find(rule.id.as_str())
                    .map_or(1, |i| line[..i].chars().count() + 1);
                let builtin = first.builtin;
                errors.push(LoadError {
                    file: rule.file.clone(),
                    line: rule.line,
                    column,
                    kind: LoadErrorKind::DuplicateId {
                        id: rule.id.clone(),
                        first: format!("{}:{}", first.file, first.line),
                    },
                    hint: Some(if builtin {
                        "the built-in pack has this id: rename your rule, or check with --no-default-rules".into()
                    } else {
                        "rename one of them, or leave one file out".into()
                    }),
                    source_line: line.to_string(),
                });
                continue;
            }
            self.rules.push(rule);
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// Adds a rule file, or every `*.yml`/`*.yaml` file under a folder.
    pub fn add_path(&mut self, path: &Path) -> Result<(), Vec<LoadError>> {
        let io_error = |e: std::io::Error| {
            vec![LoadError {
                file: path.display().to_string(),
                line: 1,
                column: 1,
                kind: LoadErrorKind::Io(e.to_string()),
                hint: None,
                source_line: String::new(),
            }]
        };
        if path.is_dir() {
            let files = rule_files(path).map_err(io_error)?;
            let mut errors = Vec::new();
            for file in files {
                if let Err(mut e) = self.add_path(&file) {
                    errors.append(&mut e);
                }
            }
            return if errors.is_empty() {
                Ok(())
            } else {
                Err(errors)
            };
        }
        let source = std::fs::read_to_string(path).map_err(io_error)?;
        self.add_source(&path.display().to_string(), &source)
    }

    /// Runs every rule over a document and its claims; findings that inline
    /// directives silence are left out.
    pub fn check(
        &self,
        document: &Document,
        claims: &[Claim],
        published: Option<Date>,
    ) -> Vec<Finding> {
        self.check_counted(document, claims, published).findings
    }

    /// [`RuleSet::check`], with counts of what else happened.
    pub fn check_counted(
        &self,
        document: &Document,
        claims: &[Claim],
        published: Option<Date>,
    ) -> Checked {
        let lookup = self.lookup.get_or_init(|| Lookup::of(&self.rules));
        let tokens::Stream {
            tokens,
            words,
            layout,
        } = tokens::tokenize(document, claims, &lookup.anchors);
        let units = units::Units::new(layout, claims, &lookup.anchors);
        let index = index::Index::new(&units, claims, &lookup.anchors);
        let blocks = units.blocks(BLOCK_TOKENS);
        // Some rules over one block, as one task: their findings in rule
        // order, where each rule's end, and the divisions by zero. Each
        // task keeps its own memo.
        let run = |first: usize, rules: &[Rule], block: &units::Block| {
            let memo = eval::Memo::default();
            let input = Input {
                memo: &memo,
                index: &index,
                words: &words,
                tokens: &tokens,
                units: &units,
                claims,
                text: &document.text,
                sentences: &document.sentences,
            };
            let mut found = Vec::new();
            let mut ends = Vec::with_capacity(rules.len());
            for (i, rule) in rules.iter().enumerate() {
                if !rule.needs_date || published.is_some() {
                    let known = lookup.rule(first + i, rule);
                    rule.check_within(&input, known, published, block, &mut found);
                }
                ends.push(found.len());
            }
            (found, ends, memo.divisions_by_zero())
        };
        // Inside the thread pool (the command line checks there), a document
        // is checked as tasks of its own, so that a lone article uses every
        // core: an article (one block) in chunks of rules, a long document
        // a block at a time, every rule over it while its tokens and claims
        // are in cache. A caller outside the pool checks on its own thread:
        // handing each document to the pool and waiting would cost more than
        // it saves. Findings are joined in rule order, and each rule's in
        // block order, so the result is the same either way.
        let pooled = rayon::current_thread_index().is_some();
        let tasks: Vec<(Vec<Finding>, Vec<usize>, usize)> = match blocks.as_slice() {
            [block] if pooled => {
                use rayon::prelude::*;
                self.rules
                    .par_chunks(RULES_PER_TASK)
                    .enumerate()
                    .map(|(k, rules)| run(k * RULES_PER_TASK, rules, block))
                    .collect()
            }
            [block] => vec![run(0, &self.rules, block)],
            _ if pooled => {
                use rayon::prelude::*;
                blocks
                    .par_iter()
                    .map(|block| run(0, &self.rules, block))
                    .collect()
            }
            _ => blocks
                .iter()
                .map(|block| run(0, &self.rules, block))
                .collect(),
        };
        let divisions_by_zero = tasks.iter().map(|(_, _, n)| n).sum();
        let mut findings: Vec<Finding> = Vec::new();
        if blocks.len() == 1 {
            for (mut found, _, _) in tasks {
                findings.append(&mut found);
            }
        } else {
            // Each block's findings of the first rule, then of the second…
            let mut tasks: Vec<_> = tasks
                .into_iter()
                .map(|(found, ends, _)| (found.into_iter(), ends, 0))
                .collect();
            for r in 0..self.rules.len() {
                for (found, ends, taken) in &mut tasks {
                    let end = ends.get(r).copied().unwrap_or(*taken);
                    findings.extend(found.by_ref().take(end.saturating_sub(*taken)));
                    *taken = end;
                }
            }
        }
        // Quoted speech is reported, not blamed on the writer: one level lower.
        // Found only when there is a finding to lower: most documents have none.
        let quotes = if findings.is_empty() {
            Vec::new()
        } else {
            document.quotes()
        };
        if !quotes.is_empty() {
            for f in &mut findings {
                if crate::document::quotes::all_quoted(&quotes, f.spans.iter().map(|(_, s)| *s)) {
                    f.in_quote = true;
                    f.severity = f.severity.lower();
                }
            }
        }
        // Silenced first, so that a silenced finding hides no other.
        let before = findings.len();
        if !document.suppressions.is_empty() {
            let silencer = Silencer::new(&document.suppressions);
            findings.retain(|f| !silenced(&silencer, f));
        }
        let suppressed = before - findings.len();
        // Two rules reading one error from the same figures report it once:
        // the more severe keeps it, else the earlier in load order.
        let mut best: std::collections::HashMap<Vec<Span>, usize> =
            std::collections::HashMap::new();
        for (i, f) in findings.iter().enumerate() {
            let mut spans: Vec<Span> = f.spans.iter().map(|(_, s)| *s).collect();
            spans.sort();
            let slot = best.entry(spans).or_insert(i);
            if findings[*slot].severity < f.severity {
                *slot = i;
            }
        }
        let keep: std::collections::HashSet<usize> = best.into_values().collect();
        let mut index = 0;
        findings.retain(|_| {
            index += 1;
            keep.contains(&(index - 1))
        });
        findings.sort_by(|a, b| (a.primary(), &a.rule).cmp(&(b.primary(), &b.rule)));
        Checked {
            findings,
            suppressed,
            divisions_by_zero,
        }
    }
}

/// Rules checked together as one task of the thread pool: few enough that
/// the built-in pack makes eight tasks for the cores to share, enough that
/// a task is worth handing over.
const RULES_PER_TASK: usize = 8;

/// Fewest tokens in a block of paragraphs that every rule checks before the
/// next block (see [`units::Units::blocks`]): with their words, claims and
/// units some 300 KB, which stay in a core's cache from one rule to the
/// next. A rule that checked a long document whole before the next rule
/// began read it from memory each time: the corpus as one file took 1.4×
/// per byte what its articles took.
const BLOCK_TOKENS: usize = 4_096;

/// What running a rule set over one document gave.
#[derive(Debug, Clone, Default)]
pub struct Checked {
    /// The findings, in text order, less those directives silenced.
    pub findings: Vec<Finding>,
    /// Findings silenced by inline directives.
    pub suppressed: usize,
    /// Divisions by a number that may be zero while evaluating (each left
    /// its expression undefined, so no finding).
    pub divisions_by_zero: usize,
}

/// The rule files a path names: the file itself, or every `*.yml` and
/// `*.yaml` under a folder, in name order.
pub fn rule_files(path: &Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    collect_rule_files(path, &mut files)?;
    Ok(files)
}

fn collect_rule_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        let path = entry.path();
        if path.is_dir() {
            collect_rule_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "yml" || e == "yaml") {
            out.push(path);
        }
    }
    Ok(())
}

/// Whether a directive silences `f`: a binary search over the lines
/// directives aim at, each line's ids merged, so a finding costs the same
/// however many directive lines repeat one another.
fn silenced(silencer: &Silencer<'_>, f: &Finding) -> bool {
    f.spans
        .iter()
        .any(|(_, span)| silencer.silences(&f.rule, &[*span]))
}

/// A document as rules see it: its tokens, scope units, claims and text.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The token stream.
    pub tokens: &'a [Token],
    /// Its scope units.
    pub units: &'a units::Units,
    /// The claims tokens point to.
    pub claims: &'a [Claim],
    /// The document's text.
    pub text: &'a str,
    /// Its sentences (rules read a claim's as `x.sentence`).
    pub sentences: &'a [Sentence],
    /// Each token's word as rules compare it ("" for a claim).
    pub words: &'a tokens::Lowered<'a>,
    /// Where claims and pattern words sit.
    pub index: &'a index::Index<'a>,
    /// Expression results kept for this document (by the chunk of rules
    /// this input serves).
    pub memo: &'a eval::Memo,
}

/// Most combinations of `patterns:` matches tried in one unit.
const MAX_COMBINATIONS: usize = 256;

impl Rule {
    /// Checks one document, appending findings. With `known` (what a
    /// lookup over the anchors `input` was indexed with knows of this
    /// rule), units without a word of each of its word sets are skipped,
    /// and units are searched from the words a match can start with.
    pub fn check(
        &self,
        input: &Input<'_>,
        known: Option<&RuleLookup>,
        published: Option<Date>,
        out: &mut Vec<Finding>,
    ) {
        self.check_within(input, known, published, &input.units.whole(), out);
    }

    /// [`Rule::check`] over the units of `block`: a document checked block
    /// by block, in text order, gives what checking it whole gives. A unit
    /// lies in one block, and units of one scope share no claim, so no
    /// finding repeats one of another block.
    pub fn check_within(
        &self,
        input: &Input<'_>,
        known: Option<&RuleLookup>,
        published: Option<Date>,
        block: &units::Block,
        out: &mut Vec<Finding>,
    ) {
        let needs = known.and_then(|k| k.needs.as_ref());
        let Input { tokens, claims, .. } = *input;
        // This rule's findings so far, by each span they underline: a
        // repeat of one error shares a span, so only those are compared
        // (all pairs would be quadratic in the findings of a long text).
        let mut by_span: std::collections::HashMap<Span, Vec<usize>> =
            std::collections::HashMap::new();
        let joins = &self.joins;
        // One bindings buffer for every search of this rule.
        let mut buffer = Vec::new();
        // Whether the matcher keeps only matches that pass `where`: the
        // verdict need not ask again.
        let filtered = self.patterns.len() == 1 && self.filter.is_some();
        // A unit holds no more than the whole document: a rule that cannot
        // match in it matches nowhere, and skips every unit unread.
        if let Some(whole) = input.units.of(Scope::Document).first()
            && !self.may_match_in(whole, input, needs)
        {
            return;
        }
        for u in input
            .units
            .holding_kinds_in(self.scope, block, self.min_claims, &self.required)
        {
            // The unit holds a claim for every required capture; now the
            // counts by kind and the words.
            if !self.holds_needs(u, input, needs) {
                continue;
            }
            let unit = &tokens[u.start..u.end];
            // With one pattern, `where` steers the search itself: the first
            // match from a start that passes it, not just the first match.
            let accept = |b: &Bindings<'_>| self.passes_filter(b, input, published);
            let mut matcher = Matcher::new(unit, input.words, u.start, claims, input.index)
                .with_anchored(input.units.words(u), input.units.positions(u))
                .with_claims_at(input.units.claims_at(u));
            if filtered {
                matcher = matcher.accepting(&accept, joins);
            }
            // Join the patterns' matches on their shared names, boundedly.
            let mut combos: Vec<Bindings<'_>> = Vec::new();
            for (p, pattern) in self.patterns.iter().enumerate() {
                let starts = known
                    .and_then(|k| k.starts.get(p))
                    .and_then(Option::as_deref);
                if p == 0 {
                    // The first pattern starts from nothing bound.
                    combos = matcher.matches_in(pattern, &Vec::new(), starts, &mut buffer);
                    combos.truncate(MAX_COMBINATIONS);
                    if combos.is_empty() {
                        break;
                    }
                    continue;
                }
                let mut next = Vec::new();
                for seed in &combos {
                    for m in matcher.matches_in(pattern, seed, starts, &mut buffer) {
                        if next.len() < MAX_COMBINATIONS {
                            next.push(m);
                        }
                    }
                }
                combos = next;
                if combos.is_empty() {
                    break;
                }
            }
            for bindings in combos {
                let Some(f) = self.verdict(&bindings, input, published, filtered) else {
                    continue;
                };
                let repeat = f.spans.iter().any(|(_, span)| {
                    by_span.get(span).is_some_and(|seen| {
                        seen.iter()
                            .any(|&i| out.get(i).is_some_and(|o| same_error(o, &f)))
                    })
                });
                if !repeat {
                    for (_, span) in &f.spans {
                        by_span.entry(*span).or_default().push(out.len());
                    }
                    out.push(f);
                }
            }
        }
    }

    /// Whether unit `u` holds what a match needs: enough claims of the
    /// kinds the captures require, and the words `needs` names.
    fn may_match_in(
        &self,
        u: &units::Unit,
        input: &Input<'_>,
        needs: Option<&units::WordNeeds>,
    ) -> bool {
        u.claims >= self.min_claims
            && self.required.iter().all(|r| r & u.kinds != 0)
            && self.holds_needs(u, input, needs)
    }

    /// [`Rule::may_match_in`] past the claim count and the kinds, which
    /// [`units::Units::holding_kinds_in`] tests.
    fn holds_needs(
        &self,
        u: &units::Unit,
        input: &Input<'_>,
        needs: Option<&units::WordNeeds>,
    ) -> bool {
        self.kind_needs.iter().all(|&(m, n)| u.claims_of(m) >= n)
            && needs.is_none_or(|n| n.met_by(input.units.bits(u)))
    }

    fn passes_filter(
        &self,
        bindings: &Bindings<'_>,
        input: &Input<'_>,
        published: Option<Date>,
    ) -> bool {
        let Some(filter) = &self.filter else {
            return true;
        };
        if bound_twice(bindings) {
            return false;
        }
        let holds = |captures: &[(&str, &Claim)]| {
            eval::truth(filter, &self.scope(captures, input, published)) == eval::Truth::True
        };
        // Most matches bind a few figures: their captures are gathered on
        // the stack, as this runs for every match a search tries.
        const FEW: usize = 8;
        match bindings.iter().find_map(|(_, i)| input.claims.get(*i)) {
            Some(first) if bindings.len() <= FEW => {
                let mut few = [("", first); FEW];
                let mut n = 0;
                for (name, i) in bindings {
                    if let (Some(claim), Some(slot)) = (input.claims.get(*i), few.get_mut(n)) {
                        *slot = (*name, claim);
                        n += 1;
                    }
                }
                holds(few.get(..n).unwrap_or_default())
            }
            _ => holds(&captures(bindings, input.claims).unwrap_or_default()),
        }
    }

    /// What the rule's expressions see for one set of captures.
    fn scope<'s>(
        &self,
        captures: &'s [(&'s str, &'s Claim)],
        input: &Input<'s>,
        published: Option<Date>,
    ) -> eval::Scope<'s> {
        eval::Scope {
            captures,
            tolerance: self.tolerance,
            published,
            text: input.text,
            sentences: input.sentences,
            claims: input.claims,
            memo: input.memo,
        }
    }

    /// The finding for one match, if its assertion fails; `filtered` when
    /// the matcher already kept it for passing `where`.
    fn verdict(
        &self,
        bindings: &Bindings<'_>,
        input: &Input<'_>,
        published: Option<Date>,
        filtered: bool,
    ) -> Option<Finding> {
        let captures = captures(bindings, input.claims)?;
        let scope = self.scope(&captures, input, published);
        if let Some(filter) = self.filter.as_ref().filter(|_| !filtered)
            && eval::truth(filter, &scope) != eval::Truth::True
        {
            return None;
        }
        if eval::truth(&self.assert, &scope) != eval::Truth::False {
            return None;
        }
        let mut spans: Vec<(String, Span)> = captures
            .iter()
            .map(|(n, c)| (n.to_string(), c.span))
            .collect();
        spans.sort_by_key(|(_, s)| *s);
        let values = captures
            .iter()
            .map(|(n, c)| {
                (
                    n.to_string(),
                    serde_json::to_value(c.value).unwrap_or_default(),
                )
            })
            .collect();
        Some(Finding {
            rule: self.id.clone(),
            severity: self.severity,
            summary: self.summary.clone(),
            message: self.message.render(&scope),
            spans,
            values,
            fingerprint: String::new(),
            in_quote: false,
        })
    }
}

/// The pairs of captures `x`, `y` for which `filter` holds only when
/// `x.key == y.key`: that comparison is one of its top-level `and` terms.
/// A pair `x`, `x` says that `x.key != ""` is one.
pub(super) fn key_joins(filter: &expr::Expr, out: &mut Vec<(String, String)>) {
    use expr::{BinOp, Expr};
    let Expr::Binary { op, left, right } = filter else {
        return;
    };
    match (op, left.as_ref(), right.as_ref()) {
        (BinOp::And, l, r) => {
            key_joins(l, out);
            key_joins(r, out);
        }
        (
            BinOp::Eq,
            Expr::Field {
                name: x, field: f, ..
            },
            Expr::Field {
                name: y, field: g, ..
            },
        ) if f == "key" && g == "key" && x != y => out.push((x.clone(), y.clone())),
        // `x.key != ""`: a join with `x` never holds when `x` has no key,
        // written as a join of `x` with itself.
        (BinOp::Ne, Expr::Field { name, field, .. }, Expr::Str(empty))
            if field == "key" && empty.is_empty() =>
        {
            out.push((name.clone(), name.clone()));
        }
        _ => {}
    }
}

/// The claims bound by name; none when one claim would play two parts
/// ("before the deadline, on Aug. 30" is the event, not the deadline too).
fn captures<'c>(bindings: &Bindings<'c>, claims: &'c [Claim]) -> Option<Vec<(&'c str, &'c Claim)>> {
    if bound_twice(bindings) {
        return None;
    }
    Some(
        bindings
            .iter()
            .filter_map(|(n, i)| Some((*n, claims.get(*i)?)))
            .collect(),
    )
}

/// Whether `bindings` bind one claim to two names.
fn bound_twice(bindings: &Bindings<'_>) -> bool {
    if bindings.len() <= 8 {
        bindings
            .iter()
            .enumerate()
            .any(|(k, (_, i))| bindings[..k].iter().any(|(_, j)| j == i))
    } else {
        // A list capture binds many: sort rather than compare all pairs.
        let mut ids: Vec<usize> = bindings.iter().map(|(_, i)| *i).collect();
        ids.sort_unstable();
        ids.windows(2).any(|w| w[0] == w[1])
    }
}

/// Whether two findings of one rule report one error: the same figures, or
/// (with three or more) all but one the same, which is one error read with
/// another figure for one operand ("Of the 300 staff, 120 out of 300 …").
fn same_error(a: &Finding, b: &Finding) -> bool {
    let shared = b
        .spans
        .iter()
        .filter(|(_, s)| a.spans.iter().any(|(_, t)| t == s))
        .count();
    let n = a.spans.len().max(b.spans.len());
    shared == n || (n >= 3 && shared + 1 >= n)
}
