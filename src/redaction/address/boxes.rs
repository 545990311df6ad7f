//! Post boxes: `PO Box 12`, `P.O. Box 12`, `Postfach 1234`, `Apartado de
//! correos 45`, `Caixa Postal 12`, `B.P. 123`.

use super::words::without_prefix;
use super::{digits, Scan};

/// The first words of post boxes, each with the words that may complete
/// it before the number (`PO Box 12`, `Postfach 1234`, `Apartado de
/// correos 45`, `Caixa Postal 12`).
const POST_BOXES: &[&[&str]] = &[
    &["po", "box"],
    &["p", "o", "box"],
    &["pob"],
    &["pobox"],
    &["gpo", "box"],
    &["postfach"],
    &["apartado"],
    &["apdo"],
    &["caixa", "postal"],
    &["cx", "postal"],
    &["casilla"],
    &["postbus"],
    &["casella", "postale"],
    &["private", "bag"],
    &["locked", "bag"],
    &["postboks"],
    &["skrytka", "pocztowa"],
    &["bp"],
    &["b", "p"],
    &["case", "postale"],
    &["cp"],
    &["pl"],
    &["pf"],
    &["p", "k"],
    &["box"],
    &["postilokero"],
    &["а", "я"],
    &["ص", "ب"],
    &["صندوق", "بريد"],
    &["ת", "ד"],
    &["τ", "θ"],
    &["사서함"],
    &["pk"],
    &["а", "с"],
    &["skrytka", "pocztowa"],
    &["skrytke", "pocztowa"],
];

/// Post boxes of two letters or a common word (`BP`, `CP`, `PL`, `Pf.`,
/// `Box`): written with a capital, and `Box` with at least three digits.
const SHORT_BOXES: &[&str] = &["bp", "b", "cp", "pl", "pf", "p", "box"];

impl Scan<'_> {
    /// `PO Box 12`, `P.O. Box 12`, `Postfach 1234`, `Apartado de correos
    /// 45`, `B.P. 123`, `а/я 115`, `ص.ب 4521`, `사서함 1120호`.
    pub(super) fn post_box(&self, i: usize) -> Option<(usize, usize)> {
        let first = self.tok(i)?.text;
        let bare = without_prefix(first);
        if !POST_BOXES.iter().any(|w| w[0] == first || w[0] == bare) {
            return None;
        }
        'boxes: for words in POST_BOXES {
            let mut k = i;
            for w in words.iter() {
                let Some(t) = self.tok(k) else {
                    continue 'boxes;
                };
                // Hebrew writes "to" and "the" on the word: `לת.ד.`.
                let bare = if k == i {
                    without_prefix(t.text)
                } else {
                    t.text
                };
                if (t.text != *w && bare != *w) || (k > i && self.gap(k - 1).len() > 2) {
                    continue 'boxes;
                }
                k += 1;
            }
            // `BP 123`, `Pf. 125`, `Box 5512`: a capital first.
            let capital = self.text[self.toks[i].start..]
                .chars()
                .next()
                .is_some_and(char::is_uppercase);
            if SHORT_BOXES.contains(&words[0]) && !capital {
                continue;
            }
            while self.tok(k).is_some_and(|w| {
                matches!(w.text, "de" | "correos" | "correo" | "postal" | "no" | "nr")
            }) {
                k += 1;
            }
            let Some(n) = self.tok(k) else {
                continue;
            };
            // The number, or the number and its counter (`1120호`).
            let number = n.text.trim_end_matches(['호', '号', '號']);
            let least = if words[0] == "box" { 3 } else { 1 };
            if digits(number) && number.len() >= least && self.gap(k - 1).len() <= 3 {
                let mut last = k;
                // `Postfach 12 34 56`.
                while self
                    .tok(last + 1)
                    .is_some_and(|w| digits(w.text) && self.gap(last) == " ")
                {
                    last += 1;
                }
                return Some((i, last));
            }
        }
        None
    }
}
