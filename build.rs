//! Reads the built-in rule pack's YAML once, at build time, and writes it
//! as JSON beside the build: at run time it deserializes in a tenth of the
//! time (start-up is the cost of checking one small article). The YAML
//! stays the source of truth, embedded too for line numbers and for error
//! reports; a test checks that both readings load the same rules.
//!
//! Each file is written twice: whole, and without its rules' examples
//! (`tests:`), which checking never runs and which are most of the pack's
//! text.

use std::path::Path;

fn main() {
    let out = std::env::var_os("OUT_DIR").map(std::path::PathBuf::from);
    let Some(out) = out else {
        return;
    };
    println!("cargo::rerun-if-changed=rules");
    for name in ["arithmetic", "calendar", "consistency"] {
        let source_path = Path::new("rules").join(format!("{name}.yml"));
        // A file that does not read as YAML is left to the YAML loader at
        // run time, which reports it with its line and column.
        let value = std::fs::read_to_string(&source_path)
            .ok()
            .and_then(|s| serde_yaml::from_str::<serde_json::Value>(&s).ok());
        let bare = value.clone().map(|mut v| {
            let rules = v.get_mut("rules").and_then(|r| r.as_array_mut());
            for rule in rules.into_iter().flatten() {
                if let Some(rule) = rule.as_object_mut() {
                    rule.remove("tests");
                }
            }
            v
        });
        write(&out.join(format!("{name}.json")), value);
        write(&out.join(format!("{name}.bare.json")), bare);
    }
}

fn write(path: &Path, value: Option<serde_json::Value>) {
    let json = value.map_or_else(String::new, |v| v.to_string());
    if let Err(e) = std::fs::write(path, json) {
        println!("cargo::warning=cannot write {}: {e}", path.display());
    }
}
