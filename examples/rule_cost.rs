use factcheck::rules::RuleSet;
use std::time::Instant;
fn main() {
    let files: Vec<String> = std::fs::read_to_string("/tmp/all.txt")
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    let docs: Vec<_> = files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            let d = factcheck::Document::new(f, text);
            let c = factcheck::extract_claims(&d, None);
            (d, c)
        })
        .collect();
    let set = RuleSet::builtin().unwrap();
    let empty = RuleSet { rules: vec![] };
    let t = Instant::now();
    for (d, c) in &docs {
        empty.check(d, c, None);
    }
    let base = t.elapsed().as_millis();
    println!("preparation {base} ms");
    let mut costs = Vec::new();
    for rule in &set.rules {
        let one = RuleSet {
            rules: vec![rule.clone()],
        };
        let t = Instant::now();
        let mut n = 0;
        for (d, c) in &docs {
            n += one.check(d, c, None).len();
        }
        costs.push((
            t.elapsed().as_millis().saturating_sub(base),
            rule.id.clone(),
            n,
        ));
    }
    costs.sort();
    for c in costs.iter().rev().take(15) {
        println!("{:>6} ms  {} ({} findings)", c.0, c.1, c.2);
    }
    println!("total {} ms", costs.iter().map(|c| c.0).sum::<u128>());
}
