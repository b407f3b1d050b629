//! Reads the built-in rule pack's YAML once, at build time, and writes it
//! as JSON beside the build: at run time it deserializes in a tenth of the
//! time (start-up is the cost of checking one small article). The YAML
//! stays the source of truth, embedded too for line numbers and for error
//! reports; a test checks that both readings load the same rules.

use std::path::Path;

fn main() {
    let out = std::env::var_os("OUT_DIR").map(std::path::PathBuf::from);
    let Some(out) = out else {
        return;
    };
    println!("cargo::rerun-if-changed=rules");
    for name in ["arithmetic", "calendar", "consistency"] {
        let source_path = Path::new("rules").join(format!("{name}.yml"));
        let json_path = out.join(format!("{name}.json"));
        // A file that does not read as YAML is left to the YAML loader at
        // run time, which reports it with its line and column.
        let json = std::fs::read_to_string(&source_path)
            .ok()
            .and_then(|s| serde_yaml::from_str::<serde_json::Value>(&s).ok())
            .map_or_else(String::new, |v| v.to_string());
        if let Err(e) = std::fs::write(&json_path, json) {
            println!("cargo::warning=cannot write {}: {e}", json_path.display());
        }
    }
}
