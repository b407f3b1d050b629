//! The expression language of `where`, `assert` and message templates:
//! a small Pratt parser producing an AST whose nodes keep their byte offset
//! in the source string, so load errors can point at them.

use std::fmt;

/// A parse error at a byte offset of the expression's source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExprError {
    /// Byte offset into the expression source.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

/// Binary operators, lowest precedence first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    /// `or`
    Or,
    /// `and`
    And,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `~` (regex match)
    Matches,
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
}

impl fmt::Display for BinOp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = match self {
            BinOp::Or => "or",
            BinOp::And => "and",
            BinOp::Eq => "==",
            BinOp::Ne => "!=",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::Matches => "~",
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
        };
        f.write_str(s)
    }
}

/// An expression node.
#[derive(Debug, Clone)]
pub enum Expr {
    /// A number literal; `percent` when written with `%`.
    Number {
        /// The value.
        value: f64,
        /// Written as `5%`.
        percent: bool,
    },
    /// A string literal.
    Str(String),
    /// A regular expression: the string right of `~`, checked at load and
    /// compiled when first used.
    Regex(LazyRegex),
    /// `true` or `false`.
    Bool(bool),
    /// A capture, or a built-in name such as `pub_date`.
    Name {
        /// The name.
        name: String,
        /// Byte offset in the source.
        offset: usize,
    },
    /// `capture.field`.
    Field {
        /// The capture.
        name: String,
        /// The field.
        field: String,
        /// Byte offset of the capture name.
        offset: usize,
    },
    /// `f(args)`.
    Call {
        /// Function name.
        function: String,
        /// Arguments.
        args: Vec<Expr>,
        /// Byte offset of the name.
        offset: usize,
    },
    /// `-x`
    Neg(Box<Expr>),
    /// `not x`
    Not(Box<Expr>),
    /// `a op b`
    Binary {
        /// The operator.
        op: BinOp,
        /// Left operand.
        left: Box<Expr>,
        /// Right operand.
        right: Box<Expr>,
    },
}

impl Expr {
    /// Compiles the string right of every `~` into a regex; on failure,
    /// returns the pattern and the regex error.
    /// With `check` false (the built-in pack, whose regexes a test checks)
    /// the syntax check is skipped, which is most of the pack's start-up.
    pub fn compile_regexes(&mut self, check: bool) -> Result<(), (String, String)> {
        match self {
            Expr::Binary { op, left, right } => {
                left.compile_regexes(check)?;
                if *op == BinOp::Matches {
                    if let Expr::Str(pattern) = right.as_ref() {
                        // Checking the syntax is cheap; building the automaton
                        // is not, so that waits for the first match.
                        if check {
                            regex_syntax::Parser::new().parse(pattern).map_err(|e| {
                                // The crate's message draws the pattern; keep its last line.
                                let text = e.to_string();
                                let last = text.lines().rev().find(|l| !l.trim().is_empty());
                                let reason = last.unwrap_or(&text).trim_start_matches("error: ");
                                (pattern.clone(), reason.to_string())
                            })?;
                        }
                        **right = Expr::Regex(LazyRegex::new(pattern));
                        return Ok(());
                    }
                    return Err((String::new(), "the right of `~` must be a string".into()));
                }
                right.compile_regexes(check)
            }
            Expr::Call { args, .. } => args.iter_mut().try_for_each(|a| a.compile_regexes(check)),
            Expr::Neg(e) | Expr::Not(e) => e.compile_regexes(check),
            _ => Ok(()),
        }
    }

    /// Whether the expression reads `name` (a capture or a built-in name).
    pub fn mentions(&self, name: &str) -> bool {
        match self {
            Expr::Name { name: n, .. } | Expr::Field { name: n, .. } => n == name,
            Expr::Call { args, .. } => args.iter().any(|a| a.mentions(name)),
            Expr::Neg(e) | Expr::Not(e) => e.mentions(name),
            Expr::Binary { left, right, .. } => left.mentions(name) || right.mentions(name),
            Expr::Number { .. } | Expr::Str(_) | Expr::Regex(_) | Expr::Bool(_) => false,
        }
    }

    /// Every capture name the expression reads, with its offset.
    pub fn names(&self, out: &mut Vec<(String, usize)>) {
        match self {
            Expr::Name { name, offset } | Expr::Field { name, offset, .. } => {
                out.push((name.clone(), *offset))
            }
            Expr::Call { args, .. } => args.iter().for_each(|a| a.names(out)),
            Expr::Neg(e) | Expr::Not(e) => e.names(out),
            Expr::Binary { left, right, .. } => {
                left.names(out);
                right.names(out);
            }
            Expr::Number { .. } | Expr::Str(_) | Expr::Regex(_) | Expr::Bool(_) => {}
        }
    }
}

/// A regex compiled on first use, from a pattern whose syntax is known good.
#[derive(Debug, Clone)]
pub struct LazyRegex {
    pattern: String,
    compiled: std::sync::OnceLock<Option<Regex>>,
}

/// Rules only ask whether a regex matches, and compiling is most of what a
/// regex costs in checking one article.
type Regex = regex_automata::meta::Regex;

impl LazyRegex {
    fn new(pattern: &str) -> Self {
        LazyRegex {
            pattern: pattern.to_string(),
            compiled: std::sync::OnceLock::new(),
        }
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.pattern
    }

    /// Whether `text` matches (false if the pattern is too big to build).
    pub fn is_match(&self, text: &str) -> bool {
        self.compiled
            .get_or_init(|| cached_regex(&self.pattern))
            .as_ref()
            .is_some_and(|re| re.is_match(text))
    }
}

impl PartialEq for LazyRegex {
    fn eq(&self, other: &Self) -> bool {
        self.pattern == other.pattern
    }
}

/// Compiles `pattern`, once per process: rule packs repeat their regexes
/// (one clause guard serves ten rules), and compiling dominates start-up.
/// Threads share the compiled regex; two asking for one pattern at once
/// wait for one compilation. Without the literal prefilter, which short
/// sentences hardly need, compiling the pack's regexes takes 2.4 times
/// fewer instructions; the syntax and the meaning are those of the `regex`
/// crate.
fn cached_regex(pattern: &str) -> Option<Regex> {
    type Cell = std::sync::Arc<std::sync::OnceLock<Option<Regex>>>;
    static CACHE: std::sync::Mutex<Option<std::collections::HashMap<String, Cell>>> =
        std::sync::Mutex::new(None);
    let cell: Cell = {
        // A thread that panicked holding the lock left the map whole.
        let mut cache = CACHE
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let map = cache.get_or_insert_with(Default::default);
        match map.get(pattern) {
            Some(cell) => cell.clone(),
            None => {
                let cell = Cell::default();
                map.insert(pattern.to_string(), cell.clone());
                cell
            }
        }
    };
    cell.get_or_init(|| {
        let config = regex_automata::meta::Config::new().auto_prefilter(false);
        Regex::builder().configure(config).build(pattern).ok()
    })
    .clone()
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(f64, bool),
    Str(String),
    Ident(String),
    Op(&'static str),
    Dot,
    Comma,
    Open,
    Close,
}

fn lex(src: &str) -> Result<Vec<(Tok, usize)>, ExprError> {
    let mut out = Vec::new();
    let bytes = src.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        if c.is_ascii_digit() {
            while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'_') {
                i += 1;
            }
            if i + 1 < bytes.len() && bytes[i] == b'.' && bytes[i + 1].is_ascii_digit() {
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
            }
            let text: String = src[start..i].chars().filter(|c| *c != '_').collect();
            let value = text.parse().map_err(|_| ExprError {
                offset: start,
                message: format!("bad number `{}`", &src[start..i]),
            })?;
            let percent = bytes.get(i) == Some(&b'%');
            if percent {
                i += 1;
            }
            out.push((Tok::Num(value, percent), start));
            continue;
        }
        if c.is_ascii_alphabetic() || c == b'_' {
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            out.push((Tok::Ident(src[start..i].to_string()), start));
            continue;
        }
        if c == b'"' || c == b'\'' {
            let quote = c;
            i += 1;
            let body_start = i;
            while i < bytes.len() && bytes[i] != quote {
                i += 1;
            }
            if i >= bytes.len() {
                return Err(ExprError {
                    offset: start,
                    message: "unterminated string".into(),
                });
            }
            out.push((Tok::Str(src[body_start..i].to_string()), start));
            i += 1;
            continue;
        }
        let two = src.get(i..i + 2).unwrap_or("");
        let (tok, len) = match two {
            "==" => (Tok::Op("=="), 2),
            "!=" => (Tok::Op("!="), 2),
            "<=" => (Tok::Op("<="), 2),
            ">=" => (Tok::Op(">="), 2),
            _ => match c {
                b'<' => (Tok::Op("<"), 1),
                b'>' => (Tok::Op(">"), 1),
                b'+' => (Tok::Op("+"), 1),
                b'-' => (Tok::Op("-"), 1),
                b'*' => (Tok::Op("*"), 1),
                b'/' => (Tok::Op("/"), 1),
                b'~' => (Tok::Op("~"), 1),
                b'.' => (Tok::Dot, 1),
                b',' => (Tok::Comma, 1),
                b'(' => (Tok::Open, 1),
                b')' => (Tok::Close, 1),
                b'=' => {
                    return Err(ExprError {
                        offset: start,
                        message: "`=` is not an operator; use `==` to compare".into(),
                    });
                }
                _ => {
                    let ch = src[i..].chars().next().unwrap_or('?');
                    return Err(ExprError {
                        offset: start,
                        message: format!("unexpected character `{ch}`"),
                    });
                }
            },
        };
        out.push((tok, start));
        i += len;
    }
    Ok(out)
}

struct Parser {
    toks: Vec<(Tok, usize)>,
    pos: usize,
    len: usize,
}

/// Parses an expression; errors carry the byte offset where they were found.
pub fn parse(src: &str) -> Result<Expr, ExprError> {
    let toks = lex(src)?;
    // The tree is at most as deep as the expression has tokens, and it is
    // parsed, evaluated and dropped by recursion: bound it, so that no rule
    // file can overflow the stack.
    if let Some((_, offset)) = toks.get(MAX_TOKENS) {
        return Err(ExprError {
            offset: *offset,
            message: format!("the expression is too long: more than {MAX_TOKENS} tokens"),
        });
    }
    let mut p = Parser {
        toks,
        pos: 0,
        len: src.len(),
    };
    let expr = p.expr(0)?;
    if let Some((tok, offset)) = p.toks.get(p.pos) {
        return Err(ExprError {
            offset: *offset,
            message: format!("unexpected {}", describe(tok)),
        });
    }
    Ok(expr)
}

fn describe(tok: &Tok) -> String {
    match tok {
        Tok::Num(n, _) => format!("number `{n}`"),
        Tok::Str(s) => format!("string \"{s}\""),
        Tok::Ident(s) => format!("`{s}`"),
        Tok::Op(s) => format!("`{s}`"),
        Tok::Dot => "`.`".into(),
        Tok::Comma => "`,`".into(),
        Tok::Open => "`(`".into(),
        Tok::Close => "`)`".into(),
    }
}

/// Most tokens in one expression (the longest built-in one has about 100).
pub const MAX_TOKENS: usize = 500;

/// Binding power of infix operators (left, right).
fn infix(tok: &Tok) -> Option<(BinOp, u8)> {
    Some(match tok {
        Tok::Ident(s) if s == "or" => (BinOp::Or, 1),
        Tok::Ident(s) if s == "and" => (BinOp::And, 2),
        Tok::Op("==") => (BinOp::Eq, 4),
        Tok::Op("!=") => (BinOp::Ne, 4),
        Tok::Op("<") => (BinOp::Lt, 4),
        Tok::Op("<=") => (BinOp::Le, 4),
        Tok::Op(">") => (BinOp::Gt, 4),
        Tok::Op(">=") => (BinOp::Ge, 4),
        Tok::Op("~") => (BinOp::Matches, 4),
        Tok::Op("+") => (BinOp::Add, 5),
        Tok::Op("-") => (BinOp::Sub, 5),
        Tok::Op("*") => (BinOp::Mul, 6),
        Tok::Op("/") => (BinOp::Div, 6),
        _ => return None,
    })
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|(t, _)| t)
    }

    /// The token at `pos`, moved out rather than cloned: the parser never
    /// reads a token again once past it.
    fn take(&mut self) -> Option<(Tok, usize)> {
        self.toks
            .get_mut(self.pos)
            .map(|(t, o)| (std::mem::replace(t, Tok::Comma), *o))
    }

    fn offset(&self) -> usize {
        self.toks.get(self.pos).map_or(self.len, |(_, o)| *o)
    }

    fn error(&self, message: impl Into<String>) -> ExprError {
        ExprError {
            offset: self.offset(),
            message: message.into(),
        }
    }

    fn expr(&mut self, min: u8) -> Result<Expr, ExprError> {
        let mut left = self.prefix()?;
        while let Some((op, power)) = self.peek().and_then(infix) {
            if power <= min {
                break;
            }
            self.pos += 1;
            // Comparisons do not chain: `a < b < c` is an error.
            let right = self.expr(power)?;
            if power == 4
                && let Some((_, 4)) = self.peek().and_then(infix)
            {
                return Err(self.error("comparisons do not chain; join them with `and`"));
            }
            left = Expr::Binary {
                op,
                left: Box::new(left),
                right: Box::new(right),
            };
        }
        Ok(left)
    }

    fn prefix(&mut self) -> Result<Expr, ExprError> {
        let offset = self.offset();
        let Some((tok, _)) = self.take() else {
            return Err(self.error("expected a value, found the end"));
        };
        self.pos += 1;
        match tok {
            Tok::Num(value, percent) => Ok(Expr::Number { value, percent }),
            Tok::Str(s) => Ok(Expr::Str(s)),
            Tok::Op("-") => Ok(Expr::Neg(Box::new(self.expr(6)?))),
            Tok::Open => {
                let inner = self.expr(0)?;
                match self.peek() {
                    Some(Tok::Close) => {
                        self.pos += 1;
                        Ok(inner)
                    }
                    _ => Err(self.error("expected `)`")),
                }
            }
            Tok::Ident(name) => match name.as_str() {
                "not" => Ok(Expr::Not(Box::new(self.expr(3)?))),
                "true" => Ok(Expr::Bool(true)),
                "false" => Ok(Expr::Bool(false)),
                "and" | "or" => Err(ExprError {
                    offset,
                    message: format!("expected a value before `{name}`"),
                }),
                _ => self.name(name, offset),
            },
            other => Err(ExprError {
                offset,
                message: format!("expected a value, found {}", describe(&other)),
            }),
        }
    }

    fn name(&mut self, name: String, offset: usize) -> Result<Expr, ExprError> {
        match self.peek() {
            Some(Tok::Open) => {
                self.pos += 1;
                let mut args = Vec::new();
                if self.peek() != Some(&Tok::Close) {
                    loop {
                        args.push(self.expr(0)?);
                        match self.peek() {
                            Some(Tok::Comma) => self.pos += 1,
                            Some(Tok::Close) => break,
                            _ => return Err(self.error("expected `,` or `)`")),
                        }
                    }
                }
                self.pos += 1;
                Ok(Expr::Call {
                    function: name,
                    args,
                    offset,
                })
            }
            Some(Tok::Dot) => {
                self.pos += 1;
                match self.peek() {
                    Some(Tok::Ident(_)) => {
                        let Some((Tok::Ident(field), _)) = self.take() else {
                            return Err(self.error("expected a field name after `.`"));
                        };
                        self.pos += 1;
                        Ok(Expr::Field {
                            name,
                            field,
                            offset,
                        })
                    }
                    _ => Err(self.error("expected a field name after `.`")),
                }
            }
            _ => Ok(Expr::Name { name, offset }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precedence_and_errors() {
        let e = parse("part + rest == total and not total.approx").unwrap();
        let Expr::Binary { op: BinOp::And, .. } = e else {
            panic!("and binds loosest: {e:?}")
        };
        assert_eq!(parse("a + ").unwrap_err().offset, 4);
        assert_eq!(parse("a = b").unwrap_err().offset, 2);
        assert_eq!(parse("(a + b").unwrap_err().message, "expected `)`");
        assert!(parse("a < b < c").is_err());
        assert!(matches!(
            parse("5%").unwrap(),
            Expr::Number {
                value: 5.0,
                percent: true
            }
        ));
    }
}
