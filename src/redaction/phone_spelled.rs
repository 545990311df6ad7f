//! Phone numbers spelled out in words, whole or in part, in the languages
//! Handoff's users write: `five five five, oh one four two`, `zéro six,
//! douze, trente-quatre`, `nul zes een twee`, `dreiundzwanzig`,
//! `four1five`, `ゼロキューゼロ`, `一三八一二三四…`. A word may be a compound of
//! number words and digits; tens and teens count as two digits.

use std::sync::OnceLock;

use super::lex::{FxMap, Word};
use super::{Hidden, Span};

/// Number words by how many digits they stand for (folded: lower case, no
/// diacritics). One set: the languages share many words, and a disguise
/// mixes them.
const UNITS: &str = "zero oh o one two three four five six seven eight nine \
    null eins ein zwei zwo drei vier funf fuenf sechs sieben acht neun \
    cero uno dos tres cuatro cinco seis siete ocho nueve \
    um dois duas quatro meia sete oito nove \
    un deux trois quatre cinq sept huit neuf \
    due tre quattro cinque sei sette otto \
    nul een twee drie vijf zes zeven negen \
    jeden jedna dwa dwie trzy cztery piec szesc siedem osiem dziewiec \
    sifir bir iki uc dort bes alti yedi sekiz dokuz \
    noll ett tva fyra fem sex sju atta nio \
    nol kosong satu dua tiga empat lima enam tujuh delapan sembilan \
    shunya sunya ek do teen chaar char paanch panch chhe chhah saat aath nau \
    शून्य एक दो तीन चार पांच पाँच छह छः सात आठ नौ \
    صفر واحد اثنين اثنان ثلاثة ثلاث اربعة أربعة خمسة ستة سبعة ثمانية تسعة";

/// Hundreds written as one word, as Polish, Spanish, Portuguese and Italian
/// read a number in threes: `sześćset jeden`, `quinientos doce`.
const HUNDREDS: &str = "sto dwiescie trzysta czterysta piecset szescset siedemset osiemset \
    dziewiecset cien ciento doscientos trescientos cuatrocientos quinientos seiscientos \
    setecientos ochocientos novecientos cem duzentos trezentos quatrocentos quinhentos \
    seiscentos setecentos oitocentos novecentos cento duecento trecento quattrocento \
    cinquecento seicento settecento ottocento novecento";

const TENS: &str = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen \
    eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety \
    zehn elf zwolf zwoelf dreizehn vierzehn funfzehn sechzehn siebzehn achtzehn neunzehn \
    zwanzig dreissig vierzig funfzig sechzig siebzig achtzig neunzig \
    diez once doce trece catorce quince dieciseis diecisiete dieciocho diecinueve \
    veinte veinti treinta cuarenta cincuenta sesenta setenta ochenta noventa \
    dez onze doze treze catorze quatorze quinze dezesseis dezasseis dezessete dezassete dezoito \
    dezenove dezanove vinte trinta quarenta cinquenta sessenta oitenta \
    dix douze treize seize vingt trente quarante cinquante soixante septante huitante \
    octante nonante \
    dieci undici dodici tredici quattordici quindici sedici diciassette diciotto \
    diciannove venti vent trenta trent quaranta quarant cinquanta cinquant sessanta \
    sessant settanta settant ottanta ottant novanta novant \
    tien twaalf dertien veertien vijftien zestien zeventien achttien negentien twintig \
    dertig veertig vijftig zestig zeventig tachtig negentig \
    dziesiec jedenascie dwanascie trzynascie czternascie pietnascie szesnascie \
    siedemnascie osiemnascie dziewietnascie dwadziescia trzydziesci czterdziesci \
    piecdziesiat szescdziesiat siedemdziesiat osiemdziesiat dziewiecdziesiat \
    yirmi otuz kirk elli altmis yetmis seksen doksan \
    tio elva tolv tretton fjorton femton sexton sjutton arton nitton tjugo trettio \
    fyrtio femtio sextio sjuttio attio nittio sepuluh sebelas";

/// Joins inside a compound or between two number words: `dreiundzwanzig`,
/// `trinta e quatro`, `vingt et un`.
const JOINS: &[&str] = &["und", "en", "e", "y", "et", "i", "ve"];

fn lexicon() -> &'static FxMap<&'static str, (u8, bool)> {
    static MAP: OnceLock<FxMap<&'static str, (u8, bool)>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut m = FxMap::default();
        m.extend(UNITS.split_whitespace().map(|w| (w, (1, false))));
        m.extend(TENS.split_whitespace().map(|w| (w, (2, true))));
        m.extend(HUNDREDS.split_whitespace().map(|w| (w, (3, true))));
        // `nine hundred`: a multiplier adds the digits it stands for.
        m.extend(
            "hundred hundert honderd cent"
                .split_whitespace()
                .map(|w| (w, (2, true))),
        );
        m
    })
}

/// For each first letter, the lengths of the number words (and compounds'
/// first pieces) that start with it: most words are ruled out without a
/// lookup. Words of other scripts are always looked up.
fn could_be_number_word(w: &str) -> bool {
    static SHAPES: OnceLock<[u64; 26]> = OnceLock::new();
    let shapes = SHAPES.get_or_init(|| {
        let mut s = [0u64; 26];
        for k in lexicon().keys() {
            if let Some(f @ b'a'..=b'z') = k.bytes().next() {
                s[usize::from(f - b'a')] |= 1 << k.len().min(40);
            }
        }
        s
    });
    match w.bytes().next() {
        Some(f @ b'a'..=b'z') => {
            // Compounds and digit mixes are longer than any one word.
            w.len() >= 7
                || w.bytes().any(|c| c.is_ascii_digit())
                || shapes[usize::from(f - b'a')] & (1 << w.len()) != 0
        }
        Some(c) if c.is_ascii() => c.is_ascii_digit(),
        _ => true,
    }
}

/// Whether a word starts with a digit or the first two letters of a number
/// word: most words do not, and are ruled out before any lookup.
fn starts_like_a_number(w: &str) -> bool {
    static HEADS: OnceLock<super::lex::FxSet<&'static str>> = OnceLock::new();
    let heads = HEADS.get_or_init(|| {
        lexicon()
            .keys()
            .filter(|k| k.is_ascii() && k.len() >= 2)
            .map(|k| &k[..2])
            .collect()
    });
    w.as_bytes().first().is_some_and(u8::is_ascii_digit)
        || w.get(..2).is_some_and(|h| heads.contains(h))
}

/// How many digits a word stands for, and how many of its parts were
/// spelled: a number word, a short run of digits, or a compound of both
/// (`four1five`, `vierundzwanzig`, `trentaquattro`).
fn digit_word(w: &str) -> Option<(usize, usize)> {
    if !w.is_empty() && w.len() <= 4 && w.bytes().all(|c| c.is_ascii_digit()) {
        return Some((w.len(), 0));
    }
    if !could_be_number_word(w) {
        return None;
    }
    if let Some(&(n, _)) = lexicon().get(w) {
        return Some((usize::from(n), 1));
    }
    // A compound is long (`ventuno`, `dreiundzwanzig`) or holds a digit
    // (`four1five`).
    let digit = w.bytes().any(|c| c.is_ascii_digit());
    if w.len() > 40 || (w.len() < 7 && !digit) || !w.is_ascii() || !starts_like_a_number(w) {
        return None;
    }
    // Longest piece first, left to right.
    let (mut at, mut digits, mut spelled) = (0, 0, 0);
    let mut after_ten = false;
    while at < w.len() {
        let rest = &w[at..];
        let digit_run = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digit_run > 0 {
            digits += digit_run;
            at += digit_run;
            after_ten = false;
            continue;
        }
        let piece = (2..=rest.len().min(16))
            .rev()
            .filter(|n| rest.is_char_boundary(*n))
            .find_map(|n| lexicon().get(&rest[..n]).map(|v| (n, *v)));
        match piece {
            Some((n, (d, ten))) => {
                // `trentaquattro`: a ten and its unit are two digits.
                digits += if after_ten && !ten { 0 } else { usize::from(d) };
                spelled += 1;
                after_ten = ten;
                at += n;
            }
            None => {
                let join = JOINS
                    .iter()
                    .find(|j| rest.starts_with(**j) && at > 0 && rest.len() > j.len())?;
                at += join.len();
            }
        }
    }
    (spelled + usize::from(digits > 0) >= 2).then_some((digits, spelled))
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
            if let Some((n, s)) = digit_word(t) {
                digits += n;
                spelled += s;
                j += 1;
            } else if matches!(t, "double" | "triple" | "doppel")
                && j + 1 < w.len()
                && digit_word(&w[j + 1].text) == Some((1, 1))
            {
                digits += if t == "triple" { 3 } else { 2 };
                spelled += 1;
                j += 2;
            } else if (matches!(t, "." | ",") || JOINS.contains(&t))
                && j > i
                && w.get(j + 1).is_some_and(|n| digit_word(&n.text).is_some())
            {
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

/// Byte ranges of runs of at least `min` spelled number words (digits
/// alone are not counted: `12 15 18` is a list).
pub(crate) fn runs(w: &[Word], min: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < w.len() {
        let mut j = i;
        let mut spelled = 0;
        while j < w.len() {
            match digit_word(&w[j].text) {
                Some((_, s)) => spelled += s,
                None if matches!(w[j].text.as_ref(), "." | ",") && j > i => {}
                None => break,
            }
            j += 1;
        }
        let last = (i..j).rev().find(|k| w[*k].is_alnum());
        if let (Some(last), true) = (last, spelled >= min) {
            out.push((w[i].start, w[last].end));
        }
        i = j.max(i + 1);
    }
    out
}

/// Digits of the Chinese and Japanese scripts, and Japanese readings in
/// katakana, as they are glued in a sentence without spaces.
const CJK_PIECES: &[&str] = &[
    "ゼロ",
    "レイ",
    "マル",
    "イチ",
    "ニー",
    "ニ",
    "サン",
    "ヨン",
    "ゴー",
    "ゴ",
    "ロク",
    "ナナ",
    "シチ",
    "ハチ",
    "キュー",
    "キュウ",
    "零",
    "〇",
    "一",
    "二",
    "三",
    "四",
    "五",
    "六",
    "七",
    "八",
    "九",
    "幺",
    "两",
];

/// A run of seven or more CJK digits or katakana digit readings, with at
/// most commas, dots, spaces or dashes between them.
pub(crate) fn cjk(text: &str, spans: &mut Vec<Span>) {
    if text.is_ascii() {
        return;
    }
    let mut at = 0;
    let (mut start, mut end, mut digits) = (0, 0, 0);
    while at < text.len() {
        let rest = &text[at..];
        let c = rest.chars().next().unwrap_or(' ');
        let piece = if c as u32 >= 0x3000 {
            CJK_PIECES.iter().find(|p| rest.starts_with(**p))
        } else {
            None
        };
        if let Some(p) = piece {
            if digits == 0 {
                start = at;
            }
            digits += 1;
            at += p.len();
            end = at;
            continue;
        }
        // `〇九〇の一二三四`: Japanese reads a number's dash as `の`.
        if digits > 0
            && matches!(c, '、' | '，' | ',' | '.' | ' ' | '-' | 'ー' | '・' | 'の')
            && at - end < 4
        {
            at += c.len_utf8();
            continue;
        }
        if digits >= 7 {
            spans.push(Span {
                start,
                end,
                kind: Hidden::Phone,
            });
        }
        digits = 0;
        at += c.len_utf8();
    }
    if digits >= 7 {
        spans.push(Span {
            start,
            end,
            kind: Hidden::Phone,
        });
    }
}
