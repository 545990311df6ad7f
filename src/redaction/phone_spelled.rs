//! Phone numbers spelled out in words, whole or in part, in English,
//! German, Spanish and French: `five five five, oh one four two`.

use super::lex::Word;
use super::{Hidden, Span};

fn digit_word(w: &str) -> Option<usize> {
    match w {
        "zero" | "oh" | "o" | "one" | "two" | "three" | "four" | "five" | "six" | "seven"
        | "eight" | "nine" | "null" | "eins" | "zwei" | "drei" | "vier" | "funf" | "sechs"
        | "sieben" | "acht" | "neun" | "cero" | "uno" | "dos" | "tres" | "cuatro" | "cinco"
        | "seis" | "siete" | "ocho" | "nueve" | "zwo" | "deux" | "trois" | "quatre" | "cinq"
        | "sept" | "huit" | "neuf" => Some(1),
        _ if !w.is_empty() && w.len() <= 4 && w.bytes().all(|c| c.is_ascii_digit()) => {
            Some(w.len())
        }
        _ => None,
    }
}

/// Phone numbers spelled out, whole or in part: `five five five, oh one
/// four two`.
pub(crate) fn spelled(w: &[Word], spans: &mut Vec<Span>) {
    let mut i = 0;
    while i < w.len() {
        let mut j = i;
        let mut digits = 0;
        let mut spelled = 0;
        while j < w.len() && digits < 20 {
            let t = w[j].text.as_ref();
            if let Some(n) = digit_word(t) {
                digits += n;
                if !t.as_bytes()[0].is_ascii_digit() {
                    spelled += 1;
                }
                j += 1;
            } else if matches!(t, "double" | "triple" | "doppel")
                && j + 1 < w.len()
                && digit_word(&w[j + 1].text) == Some(1)
            {
                digits += if t == "triple" { 3 } else { 2 };
                spelled += 1;
                j += 2;
            } else if matches!(t, "." | ",") && j > i {
                j += 1;
            } else {
                break;
            }
        }
        let last = (i..j).rev().find(|k| w[*k].is_alnum());
        if let (Some(last), true) = (last, digits >= 7 && spelled >= 3) {
            spans.push(Span {
                start: w[i].start,
                end: w[last].end,
                kind: Hidden::Phone,
            });
            i = j;
        } else {
            i = j.max(i + 1);
        }
    }
}
