//! Folding of single characters: what a character renders as (full-width,
//! mathematical, circled and keycap forms, other scripts' digits, invisible
//! marks), and the lower-case, diacritic-free form words are compared in.

/// Compatibility folding of one character, or None for a character that
/// renders to nothing. A targeted table rather than full NFKC: full
/// normalisation tables would cost more wasm than the whole engine.
pub(crate) fn fold(c: char) -> Option<char> {
    let u = c as u32;
    Some(match u {
        0x00AD
        | 0x034F
        | 0x061C
        | 0x115F
        | 0x1160
        | 0x17B4
        | 0x17B5
        | 0x180B..=0x180F
        | 0x200B..=0x200F
        | 0x202A..=0x202E
        | 0x2060..=0x206F
        | 0xFE00..=0xFE0F
        | 0xFEFF
        // The keycap that turns `6` into the emoji 6️⃣.
        | 0x20E3
        | 0xFFF9..=0xFFFB
        | 0xE0000..=0xE007F => return None,
        0x00A0 | 0x1680 | 0x2000..=0x200A | 0x202F | 0x205F | 0x3000 => ' ',
        0x2028 | 0x2029 | 0x0085 => '\n',
        0x2010..=0x2015 | 0x2043 | 0x2212 | 0x2E3A | 0x2E3B | 0xFE58 | 0xFE63 => '-',
        0x00B7 | 0x0387 | 0x2022 | 0x2024 | 0x2027 | 0x2219 | 0x22C5 | 0x2E31 | 0x3002 | 0x30FB
        | 0xFE52 | 0xFF61 | 0xFF65 => '.',
        0xFE6B => '@',
        0x2018 | 0x2019 | 0x201B | 0x02BC | 0x2032 => '\'',
        0xFF01..=0xFF5E => char::from_u32(u - 0xFEE0)?,
        // Digits in circles, parentheses, superscript and subscript:
        // `⓪⑥①②`, `❻`, `⁰⁶`.
        0x24EA | 0x24FF | 0x2070 | 0x2080 | 0x1F100 => '0',
        0x00B9 => '1',
        0x00B2 => '2',
        0x00B3 => '3',
        0x2460..=0x2468 => (b'1' + (u - 0x2460) as u8) as char,
        0x2474..=0x247C => (b'1' + (u - 0x2474) as u8) as char,
        0x2488..=0x2490 => (b'1' + (u - 0x2488) as u8) as char,
        0x24F5..=0x24FD => (b'1' + (u - 0x24F5) as u8) as char,
        0x2776..=0x277E => (b'1' + (u - 0x2776) as u8) as char,
        0x2780..=0x2788 => (b'1' + (u - 0x2780) as u8) as char,
        0x278A..=0x2792 => (b'1' + (u - 0x278A) as u8) as char,
        0x2074..=0x2079 => (b'4' + (u - 0x2074) as u8) as char,
        0x2081..=0x2089 => (b'1' + (u - 0x2081) as u8) as char,
        0x1F101..=0x1F10A => (b'0' + (u - 0x1F101) as u8) as char,
        // Letters in circles: `ⓙⓐⓝⓔ`.
        0x24B6..=0x24CF => (b'A' + (u - 0x24B6) as u8) as char,
        0x24D0..=0x24E9 => (b'a' + (u - 0x24D0) as u8) as char,
        // Mathematical bold, italic, script… letters and digits.
        0x1D400..=0x1D6A3 => {
            let k = ((u - 0x1D400) % 52) as u8;
            (if k < 26 { b'A' + k } else { b'a' + k - 26 }) as char
        }
        0x1D7CE..=0x1D7FF => (b'0' + ((u - 0x1D7CE) % 10) as u8) as char,
        _ => match digit(u) {
            Some(d) => (b'0' + d) as char,
            None => c,
        },
    })
}

/// The value of a decimal digit of any script.
fn digit(u: u32) -> Option<u8> {
    const ZEROS: &[u32] = &[
        0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6,
        0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0,
        0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xAA50,
        0xABF0,
    ];
    if u < 0x0660 {
        return None;
    }
    ZEROS
        .iter()
        .find(|z| (**z..*z + 10).contains(&u))
        .map(|z| (u - z) as u8)
}

/// Lower case without diacritics, for comparing words: `MUÑOZ` and `munoz`,
/// `Straße` and `strasse`. Pushes the folded form of `c` onto `out`.
pub(crate) fn fold_word_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    let s = match c {
        'à'..='å' | 'À'..='Å' | 'ā' | 'Ā' | 'ă' | 'Ă' | 'ą' | 'Ą' => "a",
        'æ' | 'Æ' => "ae",
        'ç' | 'Ç' | 'ć' | 'Ć' | 'č' | 'Č' | 'ĉ' | 'ċ' => "c",
        'ď' | 'Ď' | 'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'è'..='ë' | 'È'..='Ë' | 'ē' | 'Ē' | 'ė' | 'Ė' | 'ę' | 'Ę' | 'ě' | 'Ě' => "e",
        'ğ' | 'Ğ' | 'ģ' => "g",
        'ì'..='ï' | 'Ì'..='Ï' | 'ī' | 'Ī' | 'į' | 'İ' | 'ı' => "i",
        'ķ' => "k",
        'ł' | 'Ł' | 'ľ' | 'Ľ' | 'ĺ' | 'ļ' => "l",
        'ñ' | 'Ñ' | 'ń' | 'Ń' | 'ň' | 'Ň' | 'ņ' => "n",
        'ò'..='ö' | 'Ò'..='Ö' | 'ø' | 'Ø' | 'ō' | 'Ō' | 'ő' | 'Ő' => "o",
        'œ' | 'Œ' => "oe",
        'ř' | 'Ř' | 'ŕ' => "r",
        'ś' | 'Ś' | 'š' | 'Š' | 'ş' | 'Ş' | 'ș' | 'Ș' => "s",
        'ß' | 'ẞ' => "ss",
        'ť' | 'Ť' | 'ţ' | 'ț' | 'Ț' => "t",
        'þ' | 'Þ' => "th",
        'ù'..='ü' | 'Ù'..='Ü' | 'ū' | 'Ū' | 'ů' | 'Ů' | 'ű' | 'Ű' | 'ų' => "u",
        'ý' | 'Ý' | 'ÿ' | 'Ÿ' => "y",
        'ź' | 'Ź' | 'ż' | 'Ż' | 'ž' | 'Ž' => "z",
        // Combining marks (a decomposed `é`) fold away.
        '\u{0300}'..='\u{036F}' => "",
        _ => {
            out.extend(c.to_lowercase());
            return;
        }
    };
    out.push_str(s);
}
