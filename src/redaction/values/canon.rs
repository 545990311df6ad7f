//! Words written several ways, folded to one: titles, street types, months
//! in many languages, ordinals.

use std::borrow::Cow;

/// Titles and suffixes, which are not part of how a name is written
/// elsewhere: `Dr. Jane Doe` is also `Jane Doe`. `t` is folded.
pub(crate) fn is_title(t: &str) -> bool {
    matches!(
        t,
        "mr" | "mrs"
            | "ms"
            | "miss"
            | "dr"
            | "prof"
            | "sr"
            | "sra"
            | "srta"
            | "herr"
            | "frau"
            | "mme"
            | "mlle"
            | "m"
            | "don"
            | "dona"
            | "jr"
            | "ii"
            | "iii"
    )
}

/// Street types, months and ordinals written several ways, folded to one.
pub(crate) fn canon(token: &str) -> Cow<'_, str> {
    let t = token;
    let c = match t {
        "street" | "st" | "str" | "strasse" => "st",
        "avenue" | "ave" | "av" | "avda" | "avenida" => "ave",
        "road" | "rd" => "rd",
        "boulevard" | "blvd" | "bd" | "boul" => "blvd",
        "drive" | "dr" => "dr",
        "lane" | "ln" => "ln",
        "court" | "ct" => "ct",
        "place" | "pl" | "plaza" | "pza" | "platz" => "pl",
        "calle" | "c" | "cl" => "calle",
        "carrer" | "cr" => "carrer",
        "highway" | "hwy" => "hwy",
        "parkway" | "pkwy" => "pkwy",
        "square" | "sq" => "sq",
        "terrace" | "ter" => "ter",
        "apartment" | "apt" | "apto" | "unit" | "suite" | "ste" | "flat" | "wohnung" | "whg"
        | "appartement" | "appt" | "depto" | "departamento" => "apt",
        // Months in the languages owners and clients write (English,
        // German, Spanish, French, Italian, Portuguese, Dutch, the
        // Scandinavian languages, Polish, Turkish, Indonesian, Russian),
        // full and abbreviated. Left out: abbreviations that are everyday
        // words (`out`, `set`, `gen`) and months that are first names
        // (`Maja`, `Kasım`, `Eylül`, `Nisan`), which would read every
        // such name as a month.
        "january" | "jan" | "januar" | "janner" | "enero" | "ene" | "janvier" | "janv"
        | "gennaio" | "janeiro" | "januari" | "stycznia" | "styczen" | "ocak" | "января"
        | "январь" | "янв" => "m1",
        "february" | "feb" | "februar" | "febrero" | "fevrier" | "fevr" | "fev" | "febbraio"
        | "fevereiro" | "februari" | "lutego" | "luty" | "subat" | "февраля" | "февраль"
        | "фев" => "m2",
        "march" | "mar" | "marz" | "marzo" | "mars" | "marco" | "maart" | "mrt" | "marts"
        | "marca" | "marzec" | "mart" | "maret" | "марта" | "март" => "m3",
        "april" | "apr" | "abril" | "abr" | "avril" | "avr" | "aprile" | "kwi" | "kwietnia"
        | "kwiecien" | "апреля" | "апрель" | "апр" => "m4",
        "may" | "mai" | "mayo" | "maggio" | "maio" | "mei" | "maj" | "mayis" | "мая" | "май" => {
            "m5"
        }
        "june" | "jun" | "juni" | "junio" | "juin" | "giugno" | "junho" | "czerwca"
        | "czerwiec" | "haziran" | "июня" | "июнь" | "июн" => "m6",
        "july" | "jul" | "juli" | "julio" | "juillet" | "juil" | "luglio" | "julho" | "lipca"
        | "lipiec" | "temmuz" | "июля" | "июль" | "июл" => "m7",
        "august" | "aug" | "agosto" | "ago" | "aout" | "augustus" | "augusti" | "sierpnia"
        | "sierpien" | "agustos" | "agustus" | "августа" | "авг" => "m8",
        "september" | "sep" | "sept" | "septiembre" | "setiembre" | "septembre" | "settembre"
        | "setembro" | "wrzesnia" | "wrzesien" | "wrz" | "сентября" | "сентябрь" | "сен"
        | "сент" => "m9",
        "october" | "oct" | "oktober" | "okt" | "octubre" | "octobre" | "ottobre" | "ott"
        | "outubro" | "pazdziernika" | "pazdziernik" | "paz" | "ekim" | "октября" | "октябрь"
        | "окт" => "m10",
        "november" | "nov" | "noviembre" | "novembre" | "novembro" | "listopada" | "listopad"
        | "ноября" | "ноябрь" | "ноя" => "m11",
        "december" | "dec" | "dezember" | "dez" | "diciembre" | "dic" | "decembre" | "dicembre"
        | "dezembro" | "desember" | "grudnia" | "grudzien" | "gru" | "aralik" | "декабря"
        | "декабрь" | "дек" => "m12",
        _ => {
            if t.as_bytes().first().is_some_and(u8::is_ascii_digit) {
                // 03 → 3, 27th → 27, 1er → 1; house numbers keep letters (4b).
                let digits = t.trim_start_matches('0');
                let end = digits
                    .find(|c: char| !c.is_ascii_digit())
                    .unwrap_or(digits.len());
                let (num, rest) = digits.split_at(end);
                let num = if num.is_empty() { "0" } else { num };
                return match rest {
                    "st" | "nd" | "rd" | "th" | "er" | "e" | "eme" | "o" | "a" | "te" | "ten"
                    | "ter" | "ste" | "sten" | "º" | "ª" | "" => Cow::Owned(num.to_string()),
                    _ if num.len() + rest.len() == t.len() => Cow::Borrowed(t),
                    _ => Cow::Owned(format!("{num}{rest}")),
                };
            }
            // Hauptstraße, Hauptstr: a German street name glued to its type.
            for suffix in ["strasse", "str"] {
                if let Some(stem) = t.strip_suffix(suffix) {
                    if stem.len() >= 3 {
                        return Cow::Owned(format!("{stem}str"));
                    }
                }
            }
            return Cow::Borrowed(t);
        }
    };
    Cow::Borrowed(c)
}
