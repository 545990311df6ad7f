//! Streets whose type comes before the name (`Calle Mayor 12`, `ul. Długa
//! 5`, `Carretera Federal 45 km 12`) or after it with the number last
//! (`Hauptstraße 5`, `Berliner Str. 12`, `Невский пр., 88`).

use super::words::*;
use super::{alphabetic, digits, has_digit, house_number, naming_after, Naming, Scan};
use crate::redaction::lex::is_common;

impl Scan<'_> {
    /// `Calle Mayor 12`, `Via Roma, 10`, `Rua Augusta, nº 120`, `ul. Długa
    /// 5`, `C/ Mayor 12`, `Carrera 7 # 71-21`.
    pub(super) fn type_first(&self, i: usize) -> Option<(usize, usize)> {
        let t = self.tok(i)?;
        let kind = street_type_before(t.text)?;
        if HIGHWAYS.contains(&kind) {
            return self.kilometre(i);
        }
        let after = self.gap(i);
        let dotted = after.starts_with(['.', '/', '\'', '׳']);
        if BEFORE_NAME_DOTTED.contains(&kind)
            && (!dotted || (kind == "c" && !after.starts_with('/')))
        {
            return None;
        }
        let ambiguous = BEFORE_NAME_AMBIGUOUS.contains(&kind);
        let how = if after.starts_with('/') {
            // `c/ mayor 33`: the slash says it.
            Naming::Any
        } else if ambiguous && !t.cap && !BEFORE_NAME_DOTTED.contains(&kind) {
            // `via tiburtina 1020`, never `via email 2`.
            Naming::Uncommon
        } else if ambiguous {
            naming_after(kind)
        } else {
            Naming::Any
        };
        // A numbered street: `Calle 26 # 68-61`, `Carrera 7 No. 71-21`.
        if self.tok(i + 1).is_some_and(|n| house_number(n.text)) {
            let k = self.skip_number_word(i + 2);
            let marked =
                self.text[self.toks[i + 1].end..self.tok(k)?.start].contains('#') || k > i + 2;
            return (marked && house_number(self.tok(k)?.text)).then_some((i, k));
        }
        if after.len() > 3 || after.contains('\n') {
            return None;
        }
        let last = self.name(i + 1, 5, how)?;
        self.number_next(last).map(|k| (i, k))
    }

    /// A place on a road between towns, by its kilometre: `Carretera
    /// Federal 45 km 12`, `Estrada do Cafundó km 4`. The road alone (`Route
    /// 66`) is no address.
    pub(super) fn kilometre(&self, i: usize) -> Option<(usize, usize)> {
        let km = (i + 1..(i + 7).min(self.toks.len())).find(|k| self.toks[*k].text == "km")?;
        let mark = self.tok(km + 1)?;
        let close = (i + 1..km).all(|k| !self.gap(k - 1).contains(['\n', '.', ';']));
        (close && digits(mark.text) && self.gap(km).len() <= 2).then_some((i, km + 1))
    }

    /// Skips `no`, `nº`, `nr`, `n.º`, `num` before a house number.
    pub(super) fn skip_number_word(&self, k: usize) -> usize {
        let mut k = k;
        while self.tok(k).is_some_and(|w| {
            matches!(
                w.text,
                "no" | "nº"
                    | "n"
                    | "nr"
                    | "num"
                    | "numero"
                    | "º"
                    | "n°"
                    | "д"
                    | "дом"
                    | "č"
                    | "cislo"
                    | "رقم"
                    | "مبنى"
                    | "عمارة"
            )
        }) {
            k += 1;
        }
        k
    }

    /// The house number right after token `last` (`, 12`, ` Nr. 5`).
    pub(super) fn number_next(&self, last: usize) -> Option<usize> {
        let gap = self.gap(last);
        if gap.len() > 3 || gap.contains('\n') {
            return None;
        }
        let k = self.skip_number_word(last + 1);
        let between = &self.text[self.tok(last)?.end..self.tok(k)?.start];
        if k > last + 1 && between.chars().count() > 8 {
            return None;
        }
        house_number(self.tok(k)?.text).then_some(k)
    }

    /// `Hauptstraße 5`, `Berliner Str. 12`, `Keizersgracht 123`.
    pub(super) fn number_after(&self, i: usize) -> Option<(usize, usize)> {
        let t = self.tok(i)?;
        // The number comes within three words (`Berliner Str. Nr. 12`):
        // most words have none after them.
        if !(i + 1..i + 4).any(|k| self.tok(k).is_some_and(|w| has_digit(w.text))) {
            return None;
        }
        // Capitalised, or in lower case with a longer stem
        // (`schwanthalerstr 61`, `ringvägen 12`).
        let glued = GLUED.iter().any(|(suffix, stem)| {
            t.text.strip_suffix(suffix).is_some_and(|s| {
                let n = s.chars().count();
                alphabetic(s) && n >= *stem && (t.cap || n >= 4 || suffix.len() >= 5)
            })
        });
        if glued {
            return self.number_next(i).map(|k| (i, k));
        }
        // A separate type after a name written with capitals.
        let next = self.tok(i + 1)?;
        if !alphabetic(t.text) || !is_number_after(next.text) {
            return None;
        }
        // `atatürk bulvarı no:88`: in lower case when the name is no
        // everyday word and the type a long one.
        if !t.cap && (is_common(t.text) || next.text.chars().count() < 5) {
            return None;
        }
        // `Piac u. 22`, `Невский пр., 88`: short types with their stop.
        if NUMBER_AFTER_DOTTED.contains(&next.text) && !self.gap(i + 1).starts_with('.') {
            return None;
        }
        if !matches!(self.gap(i), " " | "-") {
            return None;
        }
        // `Kaiser-Wilhelm-Straße 7`: the name's every part.
        let mut first = i;
        while first > 0 && self.gap(first - 1) == "-" && self.toks[first - 1].cap {
            first -= 1;
        }
        self.number_next(i + 1).map(|k| (first, k))
    }
}
