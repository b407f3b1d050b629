//! A case-insensitive `tag` for the recognisers' ASCII keywords.

use nom::{
    IResult,
    error::{ErrorKind, ParseError},
};

/// Matches `tag` at the start of the input, ignoring ASCII case.
///
/// nom's `tag_no_case` compares through Unicode lowercasing, char by char,
/// which made it 6% of checking an article. Keywords here are English words,
/// so comparing bytes is enough: a non-ASCII byte must match exactly. The
/// matched prefix ends where `tag` does, on a char boundary. This differs
/// from nom on purpose: nom lowercases the Kelvin sign to "k" and then cuts
/// the input inside it ("next wee\u{212A}" panicked in the "week" test).
pub fn tag_no_case<'a, 't, E: ParseError<&'a str>>(
    tag: &'t str,
) -> impl Fn(&'a str) -> IResult<&'a str, &'a str, E> + 't {
    move |input: &'a str| {
        let n = tag.len();
        let head = input.as_bytes().get(..n);
        match (head, input.get(..n), input.get(n..)) {
            (Some(head), Some(matched), Some(rest))
                if head.eq_ignore_ascii_case(tag.as_bytes()) =>
            {
                Ok((rest, matched))
            }
            _ => Err(nom::Err::Error(E::from_error_kind(input, ErrorKind::Tag))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Res<'a> = IResult<&'a str, &'a str>;

    #[test]
    fn matches_any_ascii_case_and_returns_the_text_as_written() {
        let r: Res = tag_no_case("per cent")("Per Cent rise");
        assert_eq!(r, Ok((" rise", "Per Cent")));
        let r: Res = tag_no_case("pct")("pc");
        assert!(r.is_err());
        let r: Res = tag_no_case("k")("\u{212A}m");
        assert!(r.is_err(), "the Kelvin sign is not the letter k");
    }

    #[test]
    fn a_kelvin_sign_where_a_k_would_be_is_no_keyword_and_no_panic() {
        let text = "The vote is due next wee\u{212A}, or the wee\u{212A}end after.";
        let document = crate::document::Document::new("t", text);
        let claims = crate::claims::extract_claims(&document, None);
        assert!(claims.iter().all(|c| !c.text.contains('\u{212A}')));
    }
}
