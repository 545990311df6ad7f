//! The words postal addresses are written with, folded (lower case, no
//! diacritics), in the languages Handoff's owners, clients and providers
//! write: street types by where the house number goes, flats and floors,
//! post boxes, and the postcode areas whose shape alone is distinctive.

use std::sync::OnceLock;

use super::super::lex::FxSet;

/// Street types written after the street's name, the house number first:
/// `12 Oak Street`, `5 Elm Grove`, `221B Baker St`. `true`: the word means
/// a street whatever its case (`street`, `road`); `false`: an everyday word
/// too (`way`, `close`, `drive`), a street only written with capitals.
pub(crate) const AFTER_NAME: &[(&str, bool)] = &[
    ("street", true),
    ("st", true),
    ("road", true),
    // As they are mistyped.
    ("stret", true),
    ("steet", true),
    ("sreet", true),
    ("raod", true),
    ("avenu", true),
    ("avnue", true),
    ("rd", true),
    ("avenue", true),
    ("ave", true),
    ("av", true),
    ("boulevard", true),
    ("blvd", true),
    ("lane", true),
    ("ln", true),
    ("highway", true),
    ("hwy", true),
    ("parkway", true),
    ("pkwy", true),
    ("crescent", true),
    ("cres", true),
    ("terrace", true),
    ("terr", true),
    ("mews", true),
    ("gardens", true),
    ("gdns", true),
    ("esplanade", true),
    ("promenade", true),
    ("embankment", true),
    ("causeway", true),
    ("marg", true),
    ("drive", false),
    ("dr", false),
    ("way", false),
    ("place", false),
    ("pl", false),
    ("court", false),
    ("ct", false),
    ("close", false),
    ("walk", false),
    ("row", false),
    ("square", false),
    ("sq", false),
    ("circle", false),
    ("cir", false),
    ("trail", false),
    ("trl", false),
    ("path", false),
    ("hill", false),
    ("grove", false),
    ("parade", false),
    ("pde", false),
    ("quay", false),
    ("wharf", false),
    ("rise", false),
    ("view", false),
    ("heights", false),
    ("alley", false),
    ("loop", false),
    ("plaza", false),
    ("green", false),
    ("park", false),
];

/// Street types written before the name (`Calle Mayor 12`, `Via Roma 10`,
/// `Rua Augusta, 120`, `ul. Długa 5`, `12 rue de la Paix`). The house number
/// comes after the name, or (French) before the type.
#[rustfmt::skip]
const BEFORE_NAME: &[&str] = &[
    "calle", "avenida", "avda", "av", "paseo", "pso", "plaza", "pza", "carrera", "cra",
    "camino", "ronda", "travesia", "glorieta", "carretera", "ctra", "carrer", "avinguda",
    "passeig", "placa", "via", "viale", "corso", "piazza", "piazzale", "largo", "vicolo",
    "lungomare", "strada", "rua", "travessa", "praca", "alameda", "estrada", "rodovia", "rue",
    "avenue", "boulevard", "bd", "bld", "chemin", "allee", "impasse", "place", "quai", "route",
    "rte", "cours", "passage", "sentier", "voie", "ul", "ulica", "aleja", "al", "plac", "os",
    "osiedle", "str", "bulevardul", "bdul", "calea", "soseaua", "splaiul", "ulitsa", "ул",
    "улица", "пр", "проспект", "пер", "переулок", "шоссе", "бульвар", "наб", "набережная",
    "площадь", "вул", "вулиця", "odos", "οδος", "οδ", "شارع", "רחוב", "רח", "c", "r", "pl",
    "pasaje", "psje", "jalan", "jln", "lorong", "soi", "ulicy", "ulici", "alei", "placu",
    "οδός", "οδό", "οδο", "λεωφ", "λεωφόρος", "λεωφόρου", "שדרות", "שד", "طريق", "aleea",
    "bv", "bulevar", "blvr", "localita", "loc", "frazione", "contrada",
    "ruta", "autopista", "autovia", "highway", "interstate", "trasa",
];

/// Types of `BEFORE_NAME` that are everyday words or short enough to be
/// something else: they count written with a capital or a full stop, and
/// the name after them with a capital.
#[rustfmt::skip]
pub(crate) const BEFORE_NAME_AMBIGUOUS: &[&str] = &[
    "via", "place", "route", "passage", "avenue", "boulevard", "plaza", "alameda", "cours",
    "largo", "corso", "camino", "ronda", "voie", "os", "c", "r", "al", "pl", "av", "str",
];

/// Types of `BEFORE_NAME` that are English words: the name after them must
/// be written with a capital and not be an everyday word.
#[rustfmt::skip]
pub(crate) const ENGLISH_TYPES: &[&str] = &[
    "via", "place", "route", "passage", "avenue", "boulevard", "plaza", "square",
];

/// Short forms of `BEFORE_NAME` that count only followed by a `.` or `/`
/// (`C/ Mayor`, `R. Augusta`, `ul. Długa`).
#[rustfmt::skip]
pub(crate) const BEFORE_NAME_DOTTED: &[&str] = &[
    "c", "r", "al", "ul", "pl", "os", "av", "bd", "str", "pso", "pza", "cra", "rte", "ctra",
    "avda", "bdul", "ул", "пр", "пер", "наб", "вул", "οδ", "bld", "psje", "jln", "λεωφ", "רח",
    "שד",
    "bv", "loc",
];

/// Types written after the name that count only with their full stop:
/// `Piac u. 22`, `Невский пр., 88`.
pub(crate) const NUMBER_AFTER_DOTTED: &[&str] = &["u", "krt", "пр", "пер", "ул", "наб"];

/// Street types glued to the name or written after it, the number after
/// (`Hauptstraße 5`, `Berliner Str. 12`, `Keizersgracht 123`,
/// `Drottninggatan 5`, `Atatürk Cad. No: 12`).
#[rustfmt::skip]
const NUMBER_AFTER: &[&str] = &[
    "strasse", "str", "weg", "gasse", "allee", "platz", "damm", "ufer", "chaussee", "steig",
    "pfad", "straat", "laan", "plein", "gracht", "kade", "singel", "dijk", "dreef", "steeg",
    "gatan", "gata", "gate", "vagen", "vag", "gade", "vej", "vei", "veien", "torget", "torg",
    "katu", "tie", "utca", "ut", "u", "krt", "ter", "пр", "проспект", "пер", "переулок", "ул",
    "улица", "шоссе", "бульвар", "наб", "площадь", "ulice", "caddesi", "cad", "cd", "sokak",
    "sok", "sokagi", "bulvari",
];

/// Of `NUMBER_AFTER`, the suffixes that make a street of the word they end
/// (`Hauptstraße`, `Storgata`), with the least stem they need: `Brigade`
/// or `Watergate` are not streets.
pub(crate) const GLUED: &[(&str, usize)] = &[
    ("strasse", 3),
    ("str", 3),
    ("weg", 4),
    ("gasse", 3),
    ("allee", 3),
    ("platz", 3),
    ("damm", 3),
    ("ufer", 3),
    ("chaussee", 3),
    ("straat", 3),
    ("laan", 3),
    ("plein", 4),
    ("gracht", 3),
    ("kade", 4),
    ("singel", 4),
    ("dijk", 3),
    ("gatan", 3),
    ("gata", 4),
    ("vagen", 3),
    ("gade", 4),
    ("vej", 3),
    ("veien", 3),
    ("torget", 3),
    ("katu", 3),
    ("tie", 5),
    ("avenyn", 3),
    ("kuja", 3),
    ("polku", 3),
];

/// Flats, units and floors (`Flat 4`, `Apt. 4B`, `2. OG`, `3º izq`,
/// `kv. 5`): part of an address next to one, nothing alone (`Room 101`
/// and `Platform 4` are never addresses).
#[rustfmt::skip]
const UNITS: &[&str] = &[
    "apt", "apartment", "flat", "unit", "suite", "ste", "wohnung", "whg", "app", "appt",
    "appartement", "apto", "apartamento", "piso", "puerta", "pta", "dpto", "depto",
    "departamento", "interno", "int", "scala", "sc", "andar", "bloco", "bloque", "bl", "block",
    "escalera", "esc", "portal", "lgh", "kv", "кв", "квартира", "daire", "kat", "floor", "fl",
    "etage", "stock", "og", "eg", "dg", "bus", "bte", "lot", "lote", "casa", "building", "bldg",
    "edificio", "torre", "tower", "entrada", "door", "porta", "lok", "lokal", "m", "no", "nr",
    "n", "nº", "num", "numero", "hausnummer", "d", "дом", "этаж", "corpo", "plot", "shop",
    "house", "sector", "byt", "ap", "etaj", "офис", "oficina", "office", "ofis", "דירה", "شقة",
    "مبنى", "عمارة", "διαμέρισμα",
];

/// Words beside a flat's number or letter: sides and floors.
#[rustfmt::skip]
pub(crate) const SIDES: &[&str] = &[
    "izq", "izda", "izquierda", "dcha", "der", "derecha", "dta", "esq", "links", "rechts",
    "gauche", "droite", "floor", "fl", "etage", "stock", "og", "andar", "piso", "planta", "kat",
    "этаж", "tr", "trappor", "patro", "em", "emelet", "fszt", "piano", "όροφος", "οροφος",
    "קומה", "الطابق", "etaj",
];

/// Labels of postcodes: `PLZ 10115`, `CEP 01310-100`, `C.P. 28013`.
#[rustfmt::skip]
pub(crate) const POSTCODE_LABELS: &[&str] = &[
    "cep", "plz", "cp", "zip", "postcode", "code", "postal", "cedex", "pin", "indice",
];

/// Words between a street and its postcode: `hauptstr. 118 in 69117
/// heidelberg`, `bei 80336 münchen`.
pub(crate) const BEFORE_POSTCODE: &[&str] = &["in", "bei", "en", "a", "te", "w", "v", "na", "im"];

/// The postcode areas of the United Kingdom (`SW1A 1AA`, `LS6 2QT`): the
/// shape `A9 9AA` is distinctive only with a real area in front.
#[rustfmt::skip]
pub(crate) const UK_AREAS: &[&str] = &[
    "ab", "al", "b", "ba", "bb", "bd", "bh", "bl", "bn", "br", "bs", "bt", "ca", "cb", "cf",
    "ch", "cm", "co", "cr", "ct", "cv", "cw", "da", "dd", "de", "dg", "dh", "dl", "dn", "dt",
    "dy", "e", "ec", "eh", "en", "ex", "fk", "fy", "g", "gl", "gu", "gy", "ha", "hd", "hg",
    "hp", "hr", "hs", "hu", "hx", "ig", "im", "ip", "iv", "je", "ka", "kt", "kw", "ky", "l",
    "la", "ld", "le", "ll", "ln", "ls", "lu", "m", "me", "mk", "ml", "n", "ne", "ng", "nn",
    "np", "nr", "nw", "ol", "ox", "pa", "pe", "ph", "pl", "po", "pr", "rg", "rh", "rm", "s",
    "sa", "se", "sg", "sk", "sl", "sm", "sn", "so", "sp", "sr", "ss", "st", "sw", "sy", "ta",
    "td", "tf", "tn", "tq", "tr", "ts", "tw", "ub", "w", "wa", "wc", "wd", "wf", "wn", "wr",
    "ws", "wv", "yo", "ze",
    "pk",
];

/// Roads between towns, numbered (`Carretera Federal 57`, `Route 66`,
/// `Ruta 8`): a street type before its name, but their number is the
/// road's, not a house's.
pub(crate) const HIGHWAYS: &[&str] = &[
    "carretera",
    "ctra",
    "ruta",
    "route",
    "rte",
    "rodovia",
    "estrada",
    "autopista",
    "autovia",
    "highway",
    "hwy",
    "interstate",
    "шоссе",
    "trasa",
];

/// States and territories of Australia (`NSW 2474`, `VIC 3065`).
pub(crate) const AU_STATES: &[&str] = &["nsw", "vic", "qld", "sa", "wa", "tas", "nt", "act"];

/// States of the United States and territories, by code (`IL 62704`).
#[rustfmt::skip]
pub(crate) const US_STATES: &[&str] = &[
    "al", "ak", "az", "ar", "ca", "co", "ct", "de", "dc", "fl", "ga", "hi", "id", "il", "in",
    "ia", "ks", "ky", "la", "me", "md", "ma", "mi", "mn", "ms", "mo", "mt", "ne", "nv", "nh",
    "nj", "nm", "ny", "nc", "nd", "oh", "ok", "or", "pa", "ri", "sc", "sd", "tn", "tx", "ut",
    "vt", "va", "wa", "wv", "wi", "wy", "pr",
];

/// Words whose number is not a house number: `since 2019 Main Street
/// grew`, `page 12 Park Lane chapter`.
#[rustfmt::skip]
pub(crate) const NOT_BEFORE_NUMBER: &[&str] = &[
    "since", "until", "till", "circa", "page", "pages", "chapter", "step", "steps", "figure",
    "fig", "table", "version", "room", "platform", "gate", "level", "line", "track", "seat",
    "raum", "zimmer", "sala", "salle", "aula", "tram", "bus", "linie", "lijn", "gleis",
    "bahnsteig", "terminal", "sku", "lot", "isbn", "ticket", "order", "invoice",
];

/// Units of measure, which a number is followed by more often than by a
/// street: `5 min walk`, `2 km drive`.
#[rustfmt::skip]
pub(crate) const MEASURES: &[&str] = &[
    "min", "mins", "minute", "minutes", "hr", "hrs", "h", "sec", "km", "mi", "miles", "ft",
    "feet", "yd", "m", "kg", "lb", "lbs", "x", "pm", "am",
];

/// Words that are never part of a street's name, however written.
#[rustfmt::skip]
pub(crate) const FUNCTION_WORDS: &[&str] = &[
    "and", "or", "but", "then", "we", "you", "i", "it", "he", "she", "they", "ll", "re", "ve",
    "s", "by", "for", "with", "take", "will", "can", "to", "a", "an",
];

/// Words after which a number starts an address however it is written.
#[rustfmt::skip]
pub(crate) const ADDRESS_CUES: &[&str] = &[
    "at", "to", "address", "addr", "is", "now", "from", "live", "lives", "living", "staying",
];

#[rustfmt::skip]
pub(crate) const PARTICLES: &[&str] = &[
    "de", "la", "del", "di", "da", "do", "dos", "das", "du", "des", "d", "l", "le", "les",
    "della", "von", "der", "den", "van", "am", "an", "im", "the", "of", "san", "santa", "sao",
    "los", "las", "el", "lo", "dei", "degli", "delle", "dello",
];

fn set(words: &'static [&'static str]) -> FxSet<&'static str> {
    words.iter().copied().collect()
}

macro_rules! word_set {
    ($name:ident, $list:expr) => {
        pub(crate) fn $name(word: &str) -> bool {
            static SET: OnceLock<FxSet<&'static str>> = OnceLock::new();
            SET.get_or_init(|| set($list)).contains(word)
        }
    };
}

word_set!(is_before_name, BEFORE_NAME);
word_set!(is_number_after, NUMBER_AFTER);
word_set!(is_unit, UNITS);
word_set!(is_uk_area, UK_AREAS);
word_set!(is_us_state, US_STATES);

/// The street type `word` is, written before the name: itself, or (Hebrew)
/// after a one-letter prefix (`לרחוב`, "to the street").
pub(crate) fn street_type_before(word: &str) -> Option<&str> {
    [word, without_prefix(word)]
        .into_iter()
        .find(|w| is_before_name(w))
}

/// A Hebrew word without the one-letter prefix ("to", "in", "the", "from",
/// "and") written on it; any other word as it is.
pub(crate) fn without_prefix(word: &str) -> &str {
    let mut chars = word.chars();
    match chars.next() {
        Some('ל' | 'ב' | 'ה' | 'מ' | 'ו' | 'ש') if chars.as_str().chars().count() >= 1 => {
            chars.as_str()
        }
        _ => word,
    }
}

/// Whether `word` is a street type written after the name, and whether it
/// means a street whatever its case.
pub(crate) fn after_name(word: &str) -> Option<bool> {
    AFTER_NAME
        .iter()
        .find(|(w, _)| *w == word)
        .map(|(_, strong)| *strong)
}

/// Flats, plots, shops and sectors that may start an address line.
#[rustfmt::skip]
pub(crate) const FLATS: &[&str] = &[
    "flat", "apt", "apartment", "unit", "suite", "plot", "shop", "house", "sector", "block",
    "wohnung", "whg", "piso", "depto", "dpto", "apto", "appartement", "appt", "daire", "kv",
    "кв", "квартира", "lgh", "byt", "דירה", "شقة", "διαμέρισμα", "nave",
];

/// A month's name or short form, in any language the engine reads.
pub(crate) fn is_month(t: &str) -> bool {
    let c = crate::redaction::values::canon(t);
    // Months `canon` leaves alone because they are first names too.
    let named = matches!(t, "maja" | "kasim" | "eylul" | "nisan");
    named || (c.len() >= 2 && c.starts_with('m') && c[1..].bytes().all(|b| b.is_ascii_digit()))
}
