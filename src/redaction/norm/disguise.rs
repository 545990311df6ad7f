//! Disguises that live in the spacing and shape of characters rather than
//! in single characters: letters standing for digits inside a number, and
//! words spaced out one character at a time.

use super::{pooled, Norm};

/// `O6 I2 34 S6 78`, `0l71 l234567`: letters that stand for digits inside a
/// number. A token of letters and digits whose every letter is one of
/// `O o I l S` and which holds a digit is read as digits. (Byte for byte,
/// so the offset maps stay true.)
pub(super) fn letters_for_digits(text: &mut String) {
    let b = text.as_bytes();
    let mut fixes: Vec<(usize, u8)> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let token = &b[start..i];
        let glued = start > 0 && b[start - 1] >= 0x80 || i < b.len() && b[i] >= 0x80;
        let digits = token.iter().filter(|c| c.is_ascii_digit()).count();
        if glued || digits == 0 || digits == token.len() || token.len() < 2 {
            continue;
        }
        // Two letters in a row are a word or a code (`SO20 8HA`), not a
        // disguise.
        let paired = token
            .windows(2)
            .any(|p| p.iter().all(u8::is_ascii_alphabetic) && !p.iter().all(|c| b"Oo".contains(c)));
        if !paired
            && token
                .iter()
                .all(|c| c.is_ascii_digit() || b"OoIlS".contains(c))
        {
            for (k, c) in token.iter().enumerate() {
                let d = match c {
                    b'O' | b'o' => b'0',
                    b'I' | b'l' => b'1',
                    b'S' => b'5',
                    _ => continue,
                };
                fixes.push((start + k, d));
            }
        }
    }
    if fixes.is_empty() {
        return;
    }
    let mut bytes = std::mem::take(text).into_bytes();
    for (at, d) in fixes {
        bytes[at] = d;
    }
    // ASCII replaced ASCII: still UTF-8.
    *text = String::from_utf8(bytes).unwrap_or_default();
}

/// `j o h n @ g m a i l . c o m`: a view with the spaces between single
/// characters taken out, when at least six stand in a row. The offset map
/// follows `n`'s, so spans still land on the original bytes.
pub(super) fn despaced(n: &Norm) -> Option<Norm> {
    // Most texts have no such run: find out without allocating.
    let (mut run, mut len) = (0, 0);
    let mut seen = false;
    for c in n.text.chars() {
        if c == ' ' || c == '\n' {
            run = if len == 1 { run + 1 } else { 0 };
            len = 0;
        } else {
            len += 1;
        }
        seen |= run >= 5 && len == 1;
    }
    if !seen {
        return None;
    }
    let chars: Vec<(usize, char)> = n.text.char_indices().collect();
    let single = |k: usize| {
        chars.get(k).is_some_and(|(_, c)| !c.is_whitespace())
            && (k == 0 || chars[k - 1].1 == ' ')
            && chars
                .get(k + 1)
                .is_none_or(|(_, c)| *c == ' ' || *c == '\n')
    };
    // Which spaces to drop: those inside a run of six or more singles.
    let mut drop = vec![false; chars.len()];
    let mut any = false;
    let mut k = 0;
    while k < chars.len() {
        if !single(k) {
            k += 1;
            continue;
        }
        let mut last = k;
        let mut count = 1;
        while last + 2 < chars.len() && chars[last + 1].1 == ' ' && single(last + 2) {
            last += 2;
            count += 1;
        }
        if count >= 6 {
            any = true;
            (k + 1..last).step_by(2).for_each(|s| drop[s] = true);
        }
        k = last + 1;
    }
    if !any {
        return None;
    }
    let mut out = Norm {
        text: String::with_capacity(n.text.len()),
        from: pooled(n.text.len()),
        to: pooled(n.text.len()),
    };
    for (k, (at, c)) in chars.iter().enumerate() {
        if !drop[k] {
            let (a, z) = n.original(*at, at + c.len_utf8());
            out.push(*c, a, z);
        }
    }
    Some(out)
}
