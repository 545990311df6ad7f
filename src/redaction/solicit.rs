//! Solicitation in text a provider writes for a client: invitations to leave
//! the platform, to pay the provider directly, or the provider's own contact
//! details. These are flags for the owner to look at, not masks: the
//! provider's text is theirs, and the wording is often innocent on its own.
//! Phrases are matched on folded words (case, diacritics, Markdown and
//! disguises gone), in English, German, Spanish and French.

use serde::{Deserialize, Serialize};

use super::lex::{is_common, words, Word};
use super::{find, norm::Norm, values::Matcher};

/// Why a passage was flagged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum SolicitationKind {
    /// Moving the conversation or the work off the platform.
    OffPlatform,
    /// Paying the provider directly.
    DirectPayment,
    /// The provider's own contact detail, or an offer of it.
    ContactOffer,
    /// What only looks like an attempt to pass a contact detail in
    /// disguise: a run of number words, "the app blocks numbers", "write
    /// it without spaces". Not masked (it may be innocent); shown to the
    /// owner with the span highlighted.
    Disguise,
}

impl SolicitationKind {
    pub fn describe(self) -> &'static str {
        match self {
            SolicitationKind::OffPlatform => "invites the client to continue outside the platform",
            SolicitationKind::DirectPayment => "asks to be paid directly, outside the platform",
            SolicitationKind::ContactOffer => "offers the provider's own contact details",
            SolicitationKind::Disguise => "may be passing a contact detail in disguise",
        }
    }
}

/// A flagged passage: byte offsets into the original text, end exclusive.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Solicitation {
    pub start: usize,
    pub end: usize,
    pub kind: SolicitationKind,
}

#[derive(Clone, Copy, PartialEq)]
enum Guard {
    Plain,
    /// Not when the next words keep it on the platform (`DM me here`).
    NotHere,
    /// Only before something that is not an ordinary word (`email me at
    /// jane…`, not `email me at the end of the day`).
    Distinct,
}

use Guard::*;
use SolicitationKind::*;

const MESSENGERS: &str = "whatsapp|whats|wa|telegram|signal|viber|snap|snapchat|insta|instagram|ig|wechat|line|kik|skype|discord|facebook|fb|messenger|imessage|sms|text|texto|gmail|mail|email|cell|mobile|handy|movil|celular|portable|privat|private|personal|perso|zoom|linkedin|teams|tiktok|twitter";

fn rules() -> Vec<(SolicitationKind, Vec<String>, Guard)> {
    let m = MESSENGERS;
    let r: &[(SolicitationKind, &str, Guard)] = &[
        // English
        (OffPlatform, "whatsapp|telegram|signal|viber|snap|snapchat|wechat|kik|skype|discord|facetime|imessage me", NotHere),
        (OffPlatform, &format!("text|message|msg|call|ring|ping|hit|reach|contact|dm|pm|write|email|mail|find|add|follow|chat me ?up on|via|through|over|at ?my {m}"), NotHere),
        (OffPlatform, "add|find|follow me on|at", NotHere),
        (OffPlatform, "dm|pm|inbox me", NotHere),
        (OffPlatform, "slide into my dms", Plain),
        (OffPlatform, "outside|off ?of the|this ?booking app|platform|portal|site|agency|system|marketplace|website", Plain),
        (OffPlatform, "off platform|app|site", Plain),
        (OffPlatform, "skip|bypass|avoid|cut|ditch|drop|lose|leave ?out the|this agency|platform|portal|app|middleman|middle|fees|fee|commission|site|cut", Plain),
        (OffPlatform, "go|get around the agency|platform|portal|app|fees", Plain),
        (OffPlatform, "without the agency|platform|portal|app|middleman", Plain),
        (OffPlatform, "deal|book|arrange|hire|buy directly|privately", NotHere),
        (OffPlatform, "work|talk|speak|chat|sort|continue|deal|book directly|privately with", NotHere),
        (OffPlatform, "privately|privat|privado|prive|perso", NotHere),
        (OffPlatform, "directly|privately from now|here|then on", Plain),
        (OffPlatform, "on|via|over|through|per|uber|por|sur|auf|al whatsapp|telegram|signal|viber|snapchat|wechat|kik|skype|discord|imessage|facetime|insta|instagram|messenger|sms", NotHere),
        (OffPlatform, "directly with me|each", NotHere),
        (OffPlatform, "book|order|buy through|via|on|from my own|personal|private website|site|page|shop|business", Plain),
        (OffPlatform, "between us|ourselves", Plain),
        (OffPlatform, "continue|carry|talk|chat|speak ?on outside|elsewhere", Plain),
        (OffPlatform, "book|hire|work|deal with me direct|directly|privately", NotHere),
        (OffPlatform, "book|hire me direct|directly|privately", NotHere),
        (OffPlatform, &format!("a ?quick ring|call|text|shout|buzz|line|message|msg on|at|to my {m}"), NotHere),
        (OffPlatform, "hop|jump on|onto a ?quick zoom|skype|facetime|whatsapp|teams|meet", NotHere),
        (OffPlatform, "move|take|switch|shift this|it|things|us|the ?conversation|chat ?over to|onto email|whatsapp|text|sms|telegram|signal|my|phone|zoom|instagram|insta", Plain),
        (OffPlatform, "don't|dont|do not tell the agency|platform|portal", Plain),
        // German
        (OffPlatform, "ausserhalb der|von ?der plattform|app|agentur|seite|portal", Plain),
        (OffPlatform, "ohne die|den|das agentur|plattform|app|vermittler|portal", Plain),
        (OffPlatform, "an der plattform|agentur|app vorbei", Plain),
        (OffPlatform, &format!("schreib|schreibt|schreiben|ruf|rufen|melde|meld|kontaktier|kontaktiere|adde|add mir|mich|uns ?doch ?gern ?einfach direkt|privat|auf|per|bei|uber|unter {m}"), NotHere),
        (OffPlatform, "ruf|rufen|melde|meld|kontaktier|kontaktiere|schreib|schreiben mir|mich|sie|uns ?doch ?gern ?einfach direkt|privat", NotHere),
        (OffPlatform, "per|uber whatsapp|telegram|signal|sms|handy", NotHere),
        (OffPlatform, "direkt bei|mit mir", NotHere),
        // Spanish
        (OffPlatform, "fuera de la ?esta app|plataforma|agencia|aplicacion|pagina|web", Plain),
        (OffPlatform, "sin ?pasar ?por la|el agencia|plataforma|app|intermediario|aplicacion", Plain),
        (OffPlatform, &format!("escribeme|llamame|mandame|contactame|agregame|hablame|escribime|anademe ?un ?por|al|en|a|mi {m}"), NotHere),
        (OffPlatform, "por whatsapp|telegram|fuera|privado|interno", NotHere),
        (OffPlatform, "directamente conmigo", NotHere),
        (OffPlatform, "saltarnos|saltar|evitar|ahorrarnos ?a la|el agencia|plataforma|app|comision|intermediario", Plain),
        // French
        (OffPlatform, "en|hors dehors ?de la|l|cette plateforme|appli|application|agence|app|site", Plain),
        (OffPlatform, "sans ?passer par la|l|le agence|plateforme|appli|app|site|intermediaire", Plain),
        (OffPlatform, &format!("ecris|ecrivez|appelle|appelez|contacte|contactez|ajoute|ajoutez|envoie|envoyez moi ?un sur|par|au|a|via {m}"), NotHere),
        (OffPlatform, "par|sur whatsapp|telegram|signal|sms|insta", NotHere),
        (OffPlatform, "directement avec moi", NotHere),
        // Payment, all languages
        (DirectPayment, "pay|paying|payment|pays|paid|send|transfer|wire me|you ?the ?money directly|direct|cash|privately|outside|off|personally|straight", NotHere),
        (DirectPayment, "pay|paying|paid me|you in cash", Plain),
        (DirectPayment, "send|transfer|wire ?the money directly|straight to me", Plain),
        (DirectPayment, "pay|paying|payment directly|direct|privately|outside|off", NotHere),
        (DirectPayment, "cash only|in|payment", Plain),
        (DirectPayment, "venmo|zelle|paypal|cashapp|bizum|revolut|lydia|twint|wise me", Plain),
        (DirectPayment, "my bank|account|iban|paypal|venmo|cashapp|zelle|revolut|bizum|lydia details|info|number|account|is", Plain),
        (DirectPayment, "bank transfer directly", Plain),
        (DirectPayment, "bank transfer to me", Plain),
        (DirectPayment, "direkt|bar|privat bezahlen|zahlen|uberweisen|zahlst|bezahlst", Plain),
        (DirectPayment, "zahl|zahlt|zahlen|bezahl|bezahlen|uberweis|uberweise mir|mich ?einfach ?das ?geld direkt|bar|privat", Plain),
        (DirectPayment, "meine iban|bankdaten|kontodaten|kontonummer|paypal", Plain),
        (DirectPayment, "pagar|pagame|pagarme|paga|pague|pagas|pago ?me ?en directamente|efectivo|aparte|fuera", Plain),
        (DirectPayment, "pagame|pagarme|pagas|pagues ?me por|con|via bizum|paypal|transferencia|efectivo", Plain),
        (DirectPayment, "mi cuenta|iban|bizum|paypal", Plain),
        (DirectPayment, "transferencia directa|directamente", Plain),
        (DirectPayment, "payer|paye|payez|paie|payes|paiement|regler|reglez ?moi ?en directement|liquide|especes|cash|direct", NotHere),
        (DirectPayment, "mon iban|rib|paypal|lydia", Plain),
        (DirectPayment, "de la main a la main", Plain),
        // Offers of contact details
        (ContactOffer, "my ?own personal|private|direct|cell|mobile|home|own number|phone|cell|mobile|email|mail|whatsapp|address|line|contact|socials", Plain),
        (ContactOffer, "email|mail|call|ring|text|reach|contact|find me at|on", Distinct),
        (ContactOffer, "here|heres ?s|is my number|email|cell|whatsapp|insta|contact|details|card", Plain),
        (ContactOffer, "reach|contact|call|email me directly|privately", NotHere),
        (ContactOffer, "give|send|pass|text|dm you|u my number|numbr|nmbr|num|digits|cell|mobile|email|whatsapp|contact|details|socials|card", Plain),
        (ContactOffer, "meine private|personliche|eigene|direkte nummer|handynummer|email|mail|adresse|telefonnummer", Plain),
        (ContactOffer, "hier ist meine nummer|handynummer|email|mail", Plain),
        (ContactOffer, "mi numero|correo|email|telefono|celular|movil|whatsapp personal|privado|directo|es", Plain),
        (ContactOffer, "mon numero|mail|email|adresse|portable|tel|whatsapp perso|personnel|prive|direct|est|c", Plain),
        // Talk of getting past the filter, in the languages of the
        // workspace: the words around a disguise.
        (Disguise, "app|platform|portal|site|system|filter|chat blocks|block|hides|hide|censors|removes|deletes|masks|filters numbers|number|phone|digits|emails|email|links|contacts", Plain),
        (Disguise, "without|remove|delete|join ?the spaces|gaps", Plain),
        (Disguise, "swap|replace|change the letters|o|os|l|i for|with|by ?the numbers|digits|zeros|ones", Plain),
        (Disguise, "write|put it together|joined", Plain),
        (Disguise, "la|el app|plataforma|aplicacion|pagina bloquea|borra|oculta|censura|tapa los numeros|telefonos|correos|datos", Plain),
        (Disguise, "sin|quita|quitale|quitar los espacios|puntos", Plain),
        (Disguise, "todo junto|junto|pegado", Plain),
        (Disguise, "appli|app|plateforme|site bloque|cache|masque|censure|supprime les numeros|mails|coordonnees", Plain),
        (Disguise, "sans ?les espaces|points", Plain),
        (Disguise, "tout attache|colle", Plain),
        (Disguise, "die app|plattform|seite blockiert|versteckt|zensiert|filtert|loscht nummern|nummer|zahlen|emails|kontaktdaten", Plain),
        (Disguise, "ohne leerzeichen|punkte|abstande", Plain),
        (Disguise, "zusammen schreiben|geschrieben", Plain),
        (Disguise, "app|aplicativo|plataforma bloqueia|esconde|apaga|censura ?os numeros|numero|telefone|email|contatos", Plain),
        (Disguise, "sem ?os espacos|pontos", Plain),
        (Disguise, "tudo junto|junto", Plain),
        (Disguise, "app|piattaforma blocca|nasconde|censura|cancella ?i numeri|email|contatti", Plain),
        (Disguise, "senza spazi|punti", Plain),
        (Disguise, "tutto attaccato|unito", Plain),
        (Disguise, "app|platform blokkeert|verbergt|censureert ?de nummers|nummer|telefoonnummers|email", Plain),
        (Disguise, "zonder spaties|punten", Plain),
        (Disguise, "aan elkaar", Plain),
        (Disguise, "aplikacja|platforma blokuje|ukrywa|usuwa numery|numer|telefony|maile", Plain),
        (Disguise, "bez spacji|kropek", Plain),
        (Disguise, "uygulama|platform numaralari|numarayi|numara engelliyor|gizliyor|siliyor", Plain),
        (Disguise, "bosluksuz", Plain),
        (Disguise, "appen|plattformen blockerar|doljer|censurerar nummer|nummret|mejl", Plain),
        (Disguise, "utan mellanslag|punkter", Plain),
        (Disguise, "aplikasi|platform|app memblokir|menyembunyikan|menyensor nomor|angka|email", Plain),
        (Disguise, "tanpa spasi|titik", Plain),
    ];
    r.iter()
        .map(|(k, p, g)| (*k, p.split(' ').map(str::to_string).collect(), *g))
        .collect()
}

fn slot_matches(slot: &str, word: &str) -> bool {
    slot.trim_start_matches('?').split('|').any(|a| a == word)
}

/// The index after the last word matched by `slots` from word `i`.
fn match_rule(w: &[&Word], i: usize, slots: &[String]) -> Option<usize> {
    let Some((slot, rest)) = slots.split_first() else {
        return Some(i);
    };
    if i < w.len() && slot_matches(slot, &w[i].text) {
        if let Some(end) = match_rule(w, i + 1, rest) {
            return Some(end);
        }
    }
    if slot.starts_with('?') {
        return match_rule(w, i, rest);
    }
    None
}

const STAYS: &[&str] = &[
    "here",
    "hier",
    "aqui",
    "ici",
    "portal",
    "platform",
    "plattform",
    "plataforma",
    "plateforme",
    "app",
    "chat",
    "thread",
    "inbox",
    "dashboard",
    "task",
    "agency",
    "agentur",
    "agencia",
    "agence",
    "appli",
    "aca",
];

/// Flags invitations to leave the platform, to pay directly, and contact
/// details, in order of appearance.
pub fn solicitations(text: &str) -> Vec<Solicitation> {
    let mut out = Vec::new();
    // Markup read away and as written: an invitation hidden either way is
    // found.
    for norm in super::norm::views(text) {
        phrases(&norm, &mut out);
    }
    number_words(text, &mut out);
    for span in find(text, &Matcher::default(), &[]) {
        out.push(Solicitation {
            start: span.start,
            end: span.end,
            kind: ContactOffer,
        });
    }
    out.sort_by_key(|s| (s.start, s.end));
    out.dedup_by(|b, a| {
        a.kind == b.kind && b.start < a.end && {
            a.end = a.end.max(b.end);
            true
        }
    });
    out
}

/// The invitations of the rules, read in one view of the text.
fn phrases(norm: &Norm, out: &mut Vec<Solicitation>) {
    let all = words(&norm.text);
    // Apostrophes split words: `don't` reads `don t`; rejoin the common ones.
    let w: Vec<&Word> = all.iter().filter(|w| w.is_alnum()).collect();
    for (kind, slots, guard) in rules() {
        for i in 0..w.len() {
            let Some(end) = match_rule(&w, i, &slots) else {
                continue;
            };
            if end == i {
                continue;
            }
            let next: Vec<&str> = w[end..w.len().min(end + 4)]
                .iter()
                .map(|w| w.text.as_ref())
                .collect();
            let ok = match guard {
                Plain => true,
                NotHere => !next.iter().take(3).any(|n| STAYS.contains(n)),
                Distinct => next.first().is_some_and(|n| {
                    !is_common(n) || matches!(*n, "my" | "mi" | "mon" | "mein" | "meine")
                }),
            };
            if ok {
                let (start, stop) = norm.original(w[i].start, w[end - 1].end);
                out.push(Solicitation {
                    start,
                    end: stop,
                    kind,
                });
            }
        }
    }
}

/// A run of four or more number words that the phone scanner did not mask
/// (too few digits to be a number for sure): half a phone number spelled
/// out, or the start of one continued in the next message.
fn number_words(text: &str, out: &mut Vec<Solicitation>) {
    let norm = Norm::new(text);
    let w = words(&norm.text);
    bare_names(&norm, &w, out);
    for (start, end) in super::phone_spelled::runs(&w, 4) {
        let (start, end) = norm.original(start, end);
        out.push(Solicitation {
            start,
            end,
            kind: Disguise,
        });
    }
}

/// A platform's name, then a word that could be a username and nothing
/// else that says so (`find me on insta, mariabakes`): too weak to mask,
/// worth the owner's look.
fn bare_names(norm: &Norm, w: &[Word], out: &mut Vec<Solicitation>) {
    use super::lex::{is_platform, is_wordy_platform};
    for (k, p) in w.iter().enumerate() {
        if !is_platform(&p.text) || is_wordy_platform(&p.text) {
            continue;
        }
        let next = w[k + 1..].iter().take(3).find(|n| {
            n.is_alnum()
                && !matches!(
                    n.text.as_ref(),
                    "is" | "as" | "me" | "at" | "es" | "est" | "ist"
                )
        });
        let Some(n) = next else { continue };
        let raw = &norm.text[n.start..n.end];
        let name_like = raw.len() >= 4
            && raw
                .bytes()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_')
            && !is_common(&n.text)
            && !is_platform(&n.text);
        if name_like {
            let (start, end) = norm.original(p.start, n.end);
            out.push(Solicitation {
                start,
                end,
                kind: Disguise,
            });
        }
    }
}
