//! Arbitrary text as a rule file: it loads or gives located errors, and
//! the errors render; a file that loads checks a short draft that holds a
//! figure of every kind. Nothing may panic.
#![no_main]

use factcheck::check::{CheckOptions, check_document};
use factcheck::document::Document;
use factcheck::rules::RuleSet;
use libfuzzer_sys::fuzz_target;

const DRAFT: &str = "On Monday, August 23, 2021, 4,500 of the 6,000 staff (75%) left; \
the remaining 1,500 stayed. Sales rose 12% to $3.4m from $3m in the third quarter, \
two weeks before the deadline of Aug. 31. A 5km road, 3 tonnes, a 10-fold rise, \
one in four, the 3rd time, aged 41, 1999-2001.\n\nIt fell by half to 20 per cent.";

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let mut set = RuleSet::default();
    match set.add_source("fuzz.yml", source) {
        Err(errors) => {
            for e in &errors {
                let _ = e.to_string();
            }
        }
        Ok(()) => {
            let options = CheckOptions::dated(Some(jiff::civil::date(2021, 8, 25)));
            let _ = check_document(Document::new("draft.txt", DRAFT), &set, &options);
        }
    }
});
