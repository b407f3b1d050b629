//! JSON Schemas (draft-07, which yaml-language-server reads) of the rule
//! file and config formats, for completion and validation in editors. The
//! loader stays the authority; a test keeps the two in step.

use serde_json::{Value, json};

/// Where the schemas say they live.
const BASE: &str = "https://factcheck.dev/schema";

/// The schema of a rule file.
pub fn rules() -> Value {
    let severity = json!({
        "description": "How serious a finding is: `error` (certainly inconsistent), `warning` (probably wrong) or `info` (worth a look).",
        "enum": ["error", "warning", "info"]
    });
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": format!("{BASE}/rules.json"),
        "title": "factcheck rule file",
        "description": "YAML rules for factcheck. Reference: docs/rules.md.",
        "type": "object",
        "additionalProperties": false,
        "required": ["rules"],
        "properties": {
            "rules": {
                "description": "The rules of this file.",
                "type": "array",
                "items": { "$ref": "#/definitions/rule" }
            }
        },
        "definitions": {
            "rule": {
                "description": "One check: a pattern that finds figures, an assertion that must hold between them, and a message when it does not.",
                "type": "object",
                "additionalProperties": false,
                "required": ["id", "summary", "severity", "assert", "message"],
                "oneOf": [
                    { "required": ["pattern"] },
                    { "required": ["patterns"] }
                ],
                "properties": {
                    "id": {
                        "description": "Unique id in kebab-case (`remainder-sum`); used in findings, `disable:`, `severity:` and suppressions.",
                        "type": "string",
                        "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"
                    },
                    "summary": {
                        "description": "One sentence saying what must hold, shown as the finding's title.",
                        "type": "string",
                        "minLength": 1
                    },
                    "severity": severity,
                    "scope": {
                        "description": "The unit a match must lie in: `sentence` (default), `paragraph` or `document`.",
                        "enum": ["sentence", "paragraph", "document"],
                        "default": "sentence"
                    },
                    "pattern": {
                        "description": "Words and captures to find, e.g. \"{part} (of|out of) {whole}\". `{name}` captures any figure, `{name:kind}` one kind, `{name:kind+}` a list; `...` skips words, `..3` at most three; `(a|b)` is a choice and `word?` optional.",
                        "type": "string",
                        "minLength": 1
                    },
                    "patterns": {
                        "description": "Several patterns that must all match inside one scope unit, in any order; their captures share one namespace.",
                        "type": "array",
                        "minItems": 1,
                        "items": { "type": "string", "minLength": 1 }
                    },
                    "where": {
                        "description": "A condition over the captures; the rule applies only where it holds, e.g. `whole.hedge == \"\"`.",
                        "type": "string"
                    },
                    "assert": {
                        "description": "What must hold, e.g. `part + rest == total`. A finding is raised only when it is false for every value the figures' precision allows.",
                        "type": "string",
                        "minLength": 1
                    },
                    "message": {
                        "description": "The finding's message; `{expression}` is replaced by its value, `{{` and `}}` are literal braces. House style: lowercase start, no final period, show the arithmetic.",
                        "type": "string",
                        "minLength": 1
                    },
                    "tolerance": {
                        "description": "How far hedged figures (\"about 6,000\") are widened: a percentage such as `2%` (default `5%`), or a bare number of percent.",
                        "oneOf": [
                            { "type": "number", "minimum": 0 },
                            { "type": "string", "pattern": "^\\s*[0-9]+(\\.[0-9]+)?\\s*%\\s*$" }
                        ]
                    },
                    "tests": {
                        "description": "Examples run by `factcheck test`: each text with the findings it must give (`expect: []` for none).",
                        "type": "array",
                        "items": { "$ref": "#/definitions/test" }
                    }
                }
            },
            "test": {
                "description": "One example: a text and the findings it must give.",
                "type": "object",
                "additionalProperties": false,
                "required": ["text"],
                "properties": {
                    "text": {
                        "description": "The example text, checked with this rule alone.",
                        "type": "string"
                    },
                    "date": {
                        "description": "The publication date for the example, YYYY-MM-DD.",
                        "type": "string",
                        "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
                    },
                    "expect": {
                        "description": "The findings the text must give, each by the text of one of its underlined figures; `[]` (the default) means the text must pass.",
                        "type": "array",
                        "items": {
                            "type": "object",
                            "additionalProperties": false,
                            "required": ["at"],
                            "properties": {
                                "rule": {
                                    "description": "The rule id (default: this rule).",
                                    "type": "string"
                                },
                                "at": {
                                    "description": "The text of one of the finding's figures, as written in the example.",
                                    "type": "string",
                                    "minLength": 1
                                }
                            }
                        }
                    }
                }
            }
        }
    })
}

/// The schema of `.factcheck.yml`.
pub fn config() -> Value {
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": format!("{BASE}/config.json"),
        "title": "factcheck config (.factcheck.yml)",
        "description": "Which rules are in force for the files below this folder. Reference: docs/config.md.",
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "rules": {
                "description": "Rule files and folders to add, relative to this file.",
                "type": "array",
                "items": { "type": "string" }
            },
            "default_rules": {
                "description": "Whether the built-in pack is in force (default true).",
                "type": "boolean",
                "default": true
            },
            "disable": {
                "description": "Rule ids to turn off.",
                "type": "array",
                "items": { "type": "string" }
            },
            "severity": {
                "description": "Severity by rule id, overriding the rule's own.",
                "type": "object",
                "additionalProperties": { "enum": ["error", "warning", "info"] }
            },
            "fail_on": {
                "description": "The lowest severity that makes the exit status 1 (default `error`); `--fail-on` overrides it.",
                "enum": ["error", "warning", "info", "never"]
            },
            "date": {
                "description": "Publication date (YYYY-MM-DD) for articles that give none; `--date` overrides it.",
                "type": "string",
                "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
            }
        }
    })
}
