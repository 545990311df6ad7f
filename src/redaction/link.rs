//! Links: `https://…`, `www.…`, `mailto:` and `tel:` targets, bare domains
//! on any country or common generic top-level domain, link-in-bio pages,
//! and domains written with spaces around their dots.

use std::sync::OnceLock;

use super::lex::{is_common, FxSet, Word};
use super::{Hidden, Span};

const CCTLDS: &str = "ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo br bs bt bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg er es et eu fi fj fk fm fo fr ga gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mg mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sk sl sm sn so sr ss st sv sx sy sz tc td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw";

const GTLDS: &str = "com net org info biz edu gov mil int name pro mobi app dev xyz online site shop store tech space website blog club live life world art studio design photo photography photos pics gallery agency email link click page fun lol one today expert services solutions consulting company business media news digital social network cloud host bio tel travel yoga fitness coach beauty salon hair spa health care clinic dental law legal realty house homes properties estate events wedding love family kitchen restaurant cafe bar pizza menu moda fashion boutique style shoes jewelry gifts toys games video movie music band audio radio press academy school education training courses institute guru ninja rocks zone center city london berlin paris nyc tokyo amsterdam wien koeln hamburg bayern madrid barcelona cat quebec eus gal scot wales asia africa lat vip top win ltd llc inc gmbh work works jobs careers team ventures capital finance money cash pay bank tax plus red blue pink green black gold dog pet garden farm energy solar eco auto car cars bike taxi tours hotel holiday rentals camp surf golf fit run doctor vet dentist new now zip mov icu cyou cfd sbs buzz wiki ink fyi rip cool wtf chat community forum support help tips guide reviews market shopping sale deals promo cards gift studio ooo lgbt gle";

/// Top-level domains that are also file extensions: `notes.md`, `main.rs`.
const FILE_EXTS: &[&str] = &[
    "md", "rs", "sh", "py", "pl", "ps", "cc", "ai", "mk", "ml", "ms", "sc", "zip", "mov", "tf",
    "so", "am", "as", "cat", "ink",
];

/// Top-level domains safe to take even with spaces around the dot.
const SPACED: &[&str] = &[
    "com", "net", "org", "io", "info", "biz", "xyz", "dev", "online", "site", "shop", "store",
    "co", "uk", "au", "nz", "nl", "ch", "ee", "ly", "gg", "tv", "de", "es", "fr", "it", "be", "pt",
    "pl", "se", "dk", "fi", "eu", "mx", "ar", "cl",
];

pub(crate) fn is_tld(label: &str) -> bool {
    static SET: OnceLock<FxSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| CCTLDS.split(' ').chain(GTLDS.split(' ')).collect())
        .contains(label)
}

/// Up to `n` bytes of `text` before `at`, from a character boundary.
pub(crate) fn before(text: &str, at: usize, n: usize) -> &str {
    let mut from = at.saturating_sub(n);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    &text[from..at]
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

fn stop(c: u8) -> bool {
    c.is_ascii_whitespace() || b"<>\"'`".contains(&c)
}

/// The end of a link from `start`, without trailing punctuation and
/// without a Markdown link's closing parenthesis.
fn link_end(b: &[u8], start: usize) -> usize {
    let mut end = start;
    while end < b.len() && !stop(b[end]) {
        end += 1;
    }
    while end > start && b".,;:!?)]}*".contains(&b[end - 1]) {
        end -= 1;
    }
    end
}

const SCHEMES: &[(&str, Hidden)] = &[
    ("http://", Hidden::Link),
    ("https://", Hidden::Link),
    ("hxxp://", Hidden::Link),
    ("hxxps://", Hidden::Link),
    ("ftp://", Hidden::Link),
    ("www.", Hidden::Link),
    ("mailto:", Hidden::Email),
    ("tel:", Hidden::Phone),
    ("sms:", Hidden::Phone),
    ("callto:", Hidden::Phone),
    ("facetime:", Hidden::Phone),
    ("whatsapp:", Hidden::Handle),
    ("skype:", Hidden::Handle),
    ("tg:", Hidden::Handle),
];

/// Words near a bare domain that say it is a file, not a site.
fn file_context(before: &str) -> bool {
    const FILE: &[&str] = &[
        "file",
        "files",
        "attached",
        "attach",
        "attachment",
        "upload",
        "uploaded",
        "download",
        "downloaded",
        "folder",
        "saved",
        "save",
        "rename",
        "renamed",
        "open",
        "opened",
        "export",
        "exported",
        "document",
        "datei",
        "anhang",
        "archivo",
        "adjunto",
        "fichier",
        "dossier",
        "script",
        "readme",
        "edit",
        "edited",
        "commit",
        "repo",
        "see",
        "the",
        "in",
        "named",
        "called",
    ];
    let tail: Vec<String> = before
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .take(3)
        .map(str::to_ascii_lowercase)
        .collect();
    tail.iter()
        .any(|w| FILE.contains(&w.as_str()) && w != "the" && w != "in" && w != "see")
}

/// Words near a domain that say it is a site.
fn site_context(before: &str) -> bool {
    const SITE: &[&str] = &[
        "site",
        "website",
        "page",
        "visit",
        "link",
        "url",
        "web",
        "webseite",
        "seite",
        "sitio",
        "pagina",
        "lien",
        "portfolio",
        "bio",
        "shop",
        "domain",
    ];
    before
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .take(3)
        .any(|w| SITE.contains(&w.to_ascii_lowercase().as_str()))
}

pub(crate) fn urls(text: &str, spans: &mut Vec<Span>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if !c.is_ascii_alphanumeric() || (i > 0 && (is_word(b[i - 1]) || b[i - 1] == b'.')) {
            i += 1;
            continue;
        }
        let may_scheme = matches!(
            c.to_ascii_lowercase(),
            b'h' | b'f' | b'w' | b'm' | b't' | b's' | b'c'
        );
        if let Some((scheme, kind)) = SCHEMES.iter().filter(|_| may_scheme).find(|(s, _)| {
            b.len() >= i + s.len() && b[i..i + s.len()].eq_ignore_ascii_case(s.as_bytes())
        }) {
            let end = link_end(b, i + scheme.len());
            if end > i + scheme.len() {
                spans.push(Span {
                    start: i,
                    end,
                    kind: *kind,
                });
                i = end;
                continue;
            }
        }
        // A bare domain: label(.label)+ with a known top-level domain.
        let mut end = i;
        while end < b.len() && (b[end].is_ascii_alphanumeric() || b[end] == b'-' || b[end] == b'.')
        {
            end += 1;
        }
        let mut token = &text[i..end];
        token = token.trim_end_matches(['.', '-']);
        let stop_at = i + token.len();
        if b.get(stop_at) == Some(&b'@') || b.get(stop_at).is_some_and(|c| *c >= 0x80) {
            i = end.max(i + 1);
            continue;
        }
        if let Some((head, tld)) = token.rsplit_once('.') {
            if domain_like(text, i, head, tld, b.get(stop_at) == Some(&b'/')) {
                let mut stop = stop_at;
                if b.get(stop) == Some(&b'/') {
                    stop = link_end(b, stop);
                }
                spans.push(Span {
                    start: i,
                    end: stop,
                    kind: Hidden::Link,
                });
                i = stop;
                continue;
            }
        }
        i = end.max(i + 1);
    }
}

fn domain_like(text: &str, at: usize, head: &str, tld: &str, path: bool) -> bool {
    let lower = tld.to_ascii_lowercase();
    let case_ok = tld.bytes().all(|c| c.is_ascii_lowercase())
        || (tld.bytes().all(|c| c.is_ascii_uppercase())
            && !head.bytes().any(|c| c.is_ascii_lowercase()));
    if !case_ok || !is_tld(&lower) || head.is_empty() || head.contains("..") {
        return false;
    }
    let last = head.rsplit('.').next().unwrap_or(head).to_ascii_lowercase();
    if last.is_empty() || !last.bytes().any(|c| c.is_ascii_alphabetic()) || last.starts_with('-') {
        return false;
    }
    if path {
        return true;
    }
    // `ASP.NET`, `ADO.NET`: frameworks, not sites.
    if lower == "net" && head.len() <= 3 && head.bytes().all(|c| c.is_ascii_uppercase()) {
        return false;
    }
    // `m.in.`, `o.a.`, `z.B.`: an abbreviation of one-letter words, its
    // last dot still there.
    let abbreviation = head.len() == 1
        && lower.len() <= 2
        && text.as_bytes().get(at + head.len() + 1 + tld.len()) == Some(&b'.');
    // `Org.nr 556677-8899`, `Tel.no 555…`: a label before its number.
    let after = at + head.len() + 1 + tld.len();
    let numbered = matches!(lower.as_str(), "nr" | "no") && {
        let next = text[after..].trim_start().as_bytes();
        next.iter()
            .take(24)
            .take_while(|c| **c != b' ')
            .any(u8::is_ascii_digit)
    };
    if abbreviation || numbered {
        return false;
    }
    let before = before(text, at, 40);
    if FILE_EXTS.contains(&lower.as_str()) {
        return site_context(before) && !file_context(before);
    }
    if file_context(before) {
        return false;
    }
    // `finished.so we`, `done.in time`: a common word glued to a word.
    let single = !head.contains('.');
    !(single && is_common(&last) && (is_common(&lower) || lower.len() == 2))
}

/// `janephoto . com`, `janephoto .com`: a domain with spaces around a dot.
pub(crate) fn spaced_domains(text: &str, w: &[Word], spans: &mut Vec<Span>) {
    let b = text.as_bytes();
    // `www . fliesen bauer . de`: after `www`, a name of up to three words.
    for k in 0..w.len() {
        if !(w[k].is("www") && w.get(k + 1).is_some_and(|d| d.is("."))) {
            continue;
        }
        let names = (k + 2..w.len().min(k + 5))
            .take_while(|j| w[*j].is_alnum())
            .count();
        let (dot, tld) = (k + 2 + names, k + 3 + names);
        if names >= 1
            && w.get(dot).is_some_and(|d| d.is("."))
            && w.get(tld).is_some_and(|t| is_tld(&t.text))
        {
            spans.push(Span {
                start: w[k].start,
                end: w[tld].end,
                kind: Hidden::Link,
            });
        }
    }
    for k in 0..w.len().saturating_sub(2) {
        let (name, dot, tld) = (&w[k], &w[k + 1], &w[k + 2]);
        let spaced = dot.start > name.end || tld.start > dot.end;
        if !(spaced && dot.is(".") && dot.start - name.end <= 2 && tld.start - dot.end <= 2) {
            continue;
        }
        let tld_raw = &text[tld.start..tld.end];
        let after = b.get(tld.end).copied().unwrap_or(b' ');
        // A space before the dot (`paul . photo`, `paul .photo`) is never
        // prose, so any top-level domain counts; after it alone (`done. so`)
        // only the unmistakable ones.
        let space_before = dot.start > name.end;
        let tld_ok =
            SPACED.contains(&tld_raw) || (space_before && tld_raw.len() >= 3 && is_tld(tld_raw));
        // `Nro. de cliente`, `Tel. es`: an abbreviation and a word.
        let abbreviation = matches!(
            name.text.as_ref(),
            "nro"
                | "num"
                | "tel"
                | "tlf"
                | "tfno"
                | "bzw"
                | "ggf"
                | "usw"
                | "inkl"
                | "zzgl"
                | "evtl"
                | "ref"
                | "art"
                | "abs"
                | "pag"
                | "etc"
                | "aprox"
                | "approx"
                | "ca"
                | "str"
                | "nr"
        ) && !space_before;
        if tld_ok
            && !abbreviation
            && name.text.len() >= 3
            && name.is_alnum()
            && !is_common(&name.text)
            && !is_word(after)
            && after != b'.'
        {
            let start = if k >= 2 && w[k - 1].is(".") && w[k - 2].is("www") {
                w[k - 2].start
            } else {
                name.start
            };
            // `janedoe . co . uk`: a second spaced label.
            let mut end = tld.end;
            if let (Some(d), Some(cc)) = (w.get(k + 3), w.get(k + 4)) {
                if d.is(".")
                    && d.start - end <= 2
                    && cc.start - d.end <= 2
                    && cc.text.len() == 2
                    && SPACED.contains(&&text[cc.start..cc.end])
                {
                    end = cc.end;
                }
            }
            spans.push(Span {
                start,
                end,
                kind: Hidden::Link,
            });
        }
    }
}
