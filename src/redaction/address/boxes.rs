//! Post boxes: `PO Box 12`, `P.O. Box 12`, `Postfach 1234`, `Apartado de
//! correos 45`, `Caixa Postal 12`, `B.P. 123`.

use super::words::POST_BOXES;
use super::{digits, Scan};

impl Scan<'_> {
    /// `PO Box 12`, `P.O. Box 12`, `Postfach 1234`, `Apartado de correos
    /// 45`, `B.P. 123`.
    pub(super) fn post_box(&self, i: usize) -> Option<(usize, usize)> {
        'boxes: for words in POST_BOXES {
            let mut k = i;
            for w in words.iter() {
                let t = self.tok(k)?;
                if t.text != *w || (k > i && self.gap(k - 1).len() > 2) {
                    continue 'boxes;
                }
                k += 1;
            }
            // `BP 123` is a post box in capitals only.
            let capitals = self.text[self.toks[i].start..self.toks[k - 1].end]
                .chars()
                .all(|c| !c.is_alphabetic() || c.is_uppercase());
            if (words[0] == "bp" || words[0] == "b") && !capitals {
                continue;
            }
            while self.tok(k).is_some_and(|w| {
                matches!(w.text, "de" | "correos" | "correo" | "postal" | "no" | "nr")
            }) {
                k += 1;
            }
            let n = self.tok(k)?;
            if digits(n.text) && self.gap(k - 1).len() <= 3 {
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
