//! The shape of a run of digits: its groups as written, whether it is a
//! date, an address, a list or an amount rather than a phone, and the
//! extension after it.

use super::*;

pub(super) fn sep(c: u8) -> bool {
    b" -./()_\n\r".contains(&c)
}

pub(super) struct Run {
    /// Digit groups as byte ranges.
    pub groups: Vec<(usize, usize)>,
    pub plus: bool,
}

pub(super) fn value(text: &str, g: (usize, usize)) -> u32 {
    text[g.0..g.1].parse().unwrap_or(u32::MAX)
}

/// A run that holds a date or an IP address, or is a list or an amount,
/// is no phone, nor is any part of it.
pub(super) fn structured(text: &str, run: &Run) -> bool {
    let g = &run.groups;
    let len = |k: usize| g[k].1 - g[k].0;
    let gap = |k: usize| text[g[k - 1].1..g[k].0].trim();
    let v = |k: usize| value(text, g[k]);
    let n = g.len();
    // A date anywhere: 01.01.2024, 2023/11/05.
    for k in 0..n.saturating_sub(2) {
        let (a, b) = (gap(k + 1), gap(k + 2));
        if a != b || !matches!(a, "/" | "." | "-") {
            continue;
        }
        let dm = |d: u32, m: u32| (1..=31).contains(&d) && (1..=12).contains(&m);
        let (l0, l1, l2) = (len(k), len(k + 1), len(k + 2));
        if (l0 == 4 && l1 <= 2 && l2 <= 2 && dm(v(k + 2), v(k + 1)))
            || (l0 <= 2
                && l1 <= 2
                && (l2 == 4 || l2 == 2)
                && (dm(v(k), v(k + 1)) || dm(v(k + 1), v(k))))
        {
            return true;
        }
    }
    // Dates with spaces (27 03 1984) and times with dots (10.30-11.45).
    if n == 3 && (1..n).all(|k| gap(k).is_empty()) {
        let dm = |d: u32, m: u32| (1..=31).contains(&d) && (1..=12).contains(&m);
        if len(0) <= 2 && len(1) <= 2 && len(2) == 4 && (dm(v(0), v(1)) || dm(v(1), v(0))) {
            return true;
        }
    }
    if n == 4 && gap(1) == "." && gap(3) == "." && len(1) == 2 && len(3) == 2 {
        let t = |h: usize, m: usize| v(h) <= 24 && v(m) < 60;
        if t(0, 1) && t(2, 3) {
            return true;
        }
    }
    // IP addresses and versions: 192.168.0.125.
    if n >= 3 && (1..n).all(|k| gap(k) == ".") && (0..n).all(|k| len(k) <= 3) && n != 5 {
        return true;
    }
    if run.plus {
        return false;
    }
    // Versions: 10.0.19045.3803 (a phone's groups after the first are
    // never a single digit).
    if n >= 3 && (1..n).all(|k| gap(k) == ".") && (1..n).any(|k| len(k) == 1) {
        return true;
    }
    // Amounts: 1 200 000, 4.500.000, 1,250,000.
    if n >= 3 && len(0) <= 3 && (1..n).all(|k| len(k) == 3) {
        let seps_ok = (1..n).all(|k| matches!(gap(k), "." | "," | "'"))
            || ((1..n).all(|k| gap(k).is_empty())
                && len(0) <= 2
                && !text[g[0].0..].starts_with('0'));
        if seps_ok {
            return true;
        }
    }
    // Lists: 36 38 40 42, slots 0900 1000 1100.
    let spaced = (1..n).all(|k| gap(k).is_empty());
    if n >= 3 && spaced {
        let increasing = (1..n).all(|k| v(k - 1) < v(k));
        let times = (0..n).all(|k| len(k) == 4 && v(k) <= 2400 && v(k) % 100 < 60);
        if times || (increasing && (0..n).all(|k| len(k) <= 3) && !text[g[0].0..].starts_with('0'))
        {
            return true;
        }
    }
    false
}

pub(super) fn extension_word(text: &str, at: usize) -> bool {
    matches!(
        next_word(text, at).as_str(),
        "x" | "ext" | "extension" | "durchwahl" | "poste"
    )
}

/// Up to eight digit groups from `i`, joined by at most three separator
/// characters (at most two of them not spaces, and one line break).
pub(super) fn read_run(b: &[u8], i: usize) -> Run {
    let mut j = i;
    let mut plus = false;
    if b[j] == b'(' {
        j += 1;
    }
    if b.get(j) == Some(&b'+') {
        plus = true;
        j += 1;
        if b.get(j) == Some(&b' ') {
            j += 1;
        }
    }
    let mut groups = Vec::new();
    let mut digits = 0;
    loop {
        let s = j;
        while j < b.len() && b[j].is_ascii_digit() && j - s < 12 {
            j += 1;
        }
        if j == s {
            break;
        }
        digits += j - s;
        groups.push((s, j));
        if groups.len() >= 12 || digits >= 16 || (j < b.len() && b[j].is_ascii_digit()) {
            break;
        }
        let g = j;
        let mut k = j;
        while k < b.len() && k - g < 3 && sep(b[k]) {
            k += 1;
        }
        let gap = &b[g..k];
        let hard = gap.iter().filter(|c| **c != b' ').count();
        let breaks = gap.iter().filter(|c| **c == b'\n').count();
        let sentence_end = gap.len() >= 2 && gap[0] == b'.' && gap[1].is_ascii_whitespace();
        if k == g
            || hard > 2
            || breaks > 1
            || sentence_end
            || !b.get(k).is_some_and(|c| c.is_ascii_digit())
        {
            break;
        }
        j = k;
    }
    Run { groups, plus }
}

/// `ext. 12`, `x12`, `Durchwahl 3`.
pub(super) fn extension(b: &[u8], end: usize) -> usize {
    let mut k = end;
    while k < b.len() && b[k] == b' ' && k - end < 2 {
        k += 1;
    }
    let rest = &b[k..b.len().min(k + 12)];
    let lower: Vec<u8> = rest.iter().map(|c| c.to_ascii_lowercase()).collect();
    for word in [&b"extension"[..], b"durchwahl", b"poste", b"ext", b"x"] {
        if lower.starts_with(word) {
            let mut m = k + word.len();
            while m < b.len() && matches!(b[m], b'.' | b' ' | b':') && m - k < word.len() + 3 {
                m += 1;
            }
            let s = m;
            while m < b.len() && b[m].is_ascii_digit() && m - s < 6 {
                m += 1;
            }
            if m > s {
                return m;
            }
        }
    }
    end
}
