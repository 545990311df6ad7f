//! Solicitation flags (R3): in text a provider writes, meant for a client
//! (a relay request) or for the owners (a team message), the passages that
//! offer the provider's own contact details, invite the client off the
//! platform or ask to be paid directly. They are flagged to the owner, not
//! masked: the owner decides, and approving flagged text needs an explicit
//! acknowledgement.
//!
//! The detectors are the redaction engine's (`redaction::solicitations`,
//! which reuses its e-mail, phone, link and handle scanners, spelled-out
//! digits and disguises included); this module is the product's view of
//! them: what is stored with a message, and how a page highlights it. Its
//! own corpus (`solicitation.tsv`, realistic relay messages, positives and
//! negatives) holds the thresholds.

use serde::{Deserialize, Serialize};

pub use crate::redaction::{Solicitation, SolicitationKind};

/// The flagged spans of a provider's text, in order of appearance.
pub fn flags(text: &str) -> Vec<Solicitation> {
    crate::redaction::solicitations(text)
}

/// The passages of any text (an owner's instructions, a client's message
/// about to be forwarded) that only look like a contact detail in disguise:
/// not masked, shown to the owner who decides, in order and once each.
pub fn disguises(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for f in flags(text) {
        if f.kind != SolicitationKind::Disguise {
            continue;
        }
        if let Some(passage) = text.get(f.start..f.end) {
            if !out.iter().any(|p| p == passage) {
                out.push(passage.to_string());
            }
        }
    }
    out
}

/// The flags' kinds, named for the audit log (kinds only, never the text).
pub fn kinds_named(flags: &[Solicitation]) -> String {
    let mut kinds: Vec<&str> = flags.iter().map(|f| kind_name(f.kind)).collect();
    kinds.sort_unstable();
    kinds.dedup();
    kinds.join(", ")
}

fn kind_name(kind: SolicitationKind) -> &'static str {
    match kind {
        SolicitationKind::OffPlatform => "off-platform invitation",
        SolicitationKind::DirectPayment => "direct payment",
        SolicitationKind::ContactOffer => "contact detail",
        SolicitationKind::Disguise => "possible disguise",
    }
}

/// Whether stored flags still point into `text` (after an erasure rewrote
/// the text, they are computed again).
pub fn fit(text: &str, flags: &[Solicitation]) -> bool {
    flags.iter().all(|f| {
        f.start < f.end
            && f.end <= text.len()
            && text.is_char_boundary(f.start)
            && text.is_char_boundary(f.end)
    })
}

/// One piece of a highlighted text: plain, or flagged with why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Piece {
    pub text: String,
    pub flag: Option<SolicitationKind>,
}

/// The text cut into plain and flagged pieces, for a page to mark the
/// flagged ones (overlapping flags join; the first kind names the piece).
pub fn highlight(text: &str, flags: &[Solicitation]) -> Vec<Piece> {
    if !fit(text, flags) {
        return vec![Piece {
            text: text.to_string(),
            flag: None,
        }];
    }
    let mut spans: Vec<(usize, usize, SolicitationKind)> =
        flags.iter().map(|f| (f.start, f.end, f.kind)).collect();
    spans.sort_by_key(|s| (s.0, std::cmp::Reverse(s.1)));
    let mut joined: Vec<(usize, usize, SolicitationKind)> = Vec::new();
    for s in spans {
        match joined.last_mut() {
            Some(last) if s.0 < last.1 => last.1 = last.1.max(s.1),
            _ => joined.push(s),
        }
    }
    let mut out = Vec::new();
    let mut at = 0;
    for (start, end, kind) in joined {
        if start > at {
            out.push(Piece {
                text: text[at..start].to_string(),
                flag: None,
            });
        }
        out.push(Piece {
            text: text[start..end].to_string(),
            flag: Some(kind),
        });
        at = end;
    }
    if at < text.len() {
        out.push(Piece {
            text: text[at..].to_string(),
            flag: None,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn disguises_are_the_passages_an_owner_is_shown() {
        let text = "Call the office. Old number ended nine four one two; the app blocks numbers.";
        assert_eq!(
            super::disguises(text),
            vec![
                "nine four one two".to_string(),
                "app blocks numbers".to_string()
            ]
        );
        assert!(super::disguises("Four or five chairs, two tables.").is_empty());
    }

    use super::*;

    /// Realistic relay messages: a positive counts when every expected kind
    /// is flagged; a negative when nothing is. Run with `--nocapture` for
    /// the figures and the misses.
    #[test]
    fn relay_corpus_recall_and_false_positives() {
        let (mut expected, mut found, mut clean, mut flagged) = (0, 0, 0, 0);
        let mut problems = Vec::new();
        for line in include_str!("solicitation.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let (want, text) = line.split_once('\t').expect("kinds<TAB>message");
            let got = flags(text);
            assert!(fit(text, &got), "{text}");
            let kinds: Vec<SolicitationKind> = got.iter().map(|f| f.kind).collect();
            if want == "-" {
                clean += 1;
                if !kinds.is_empty() {
                    flagged += 1;
                    problems.push(format!("FP {kinds:?}: {text}"));
                }
                continue;
            }
            for kind in want.split(',') {
                expected += 1;
                let kind = match kind {
                    "OffPlatform" => SolicitationKind::OffPlatform,
                    "DirectPayment" => SolicitationKind::DirectPayment,
                    "ContactOffer" => SolicitationKind::ContactOffer,
                    "Disguise" => SolicitationKind::Disguise,
                    other => panic!("unknown kind {other}"),
                };
                if kinds.contains(&kind) {
                    found += 1;
                } else {
                    problems.push(format!("MISS {kind:?}: {text} (got {kinds:?})"));
                }
            }
        }
        let recall = found as f64 * 100.0 / expected as f64;
        let fp = flagged as f64 * 100.0 / clean as f64;
        println!("relay corpus: recall {found}/{expected} = {recall:.1}%; false positives {flagged}/{clean} = {fp:.1}%");
        for p in &problems {
            println!("  {p}");
        }
        assert!(expected >= 50 && clean >= 45, "the corpus shrank");
        assert!(recall >= 95.0, "recall {recall:.1}%");
        assert!(fp <= 4.0, "false positives {fp:.1}%");
    }

    #[test]
    fn disguised_contact_details_are_flagged_where_they_stand() {
        let text = "sure! my email is j dot smith at gmail, or wa.me/447700900461";
        let got = flags(text);
        let spans: Vec<&str> = got.iter().map(|f| &text[f.start..f.end]).collect();
        assert!(spans.contains(&"j dot smith at gmail"), "{spans:?}");
        assert!(spans.contains(&"wa.me/447700900461"), "{spans:?}");
        assert_eq!(kinds_named(&got), "contact detail");
    }

    #[test]
    fn highlight_cuts_the_text_into_pieces_that_join_back() {
        let text = "Thanks! WhatsApp me, or call 555 201 9988.";
        let got = flags(text);
        let pieces = highlight(text, &got);
        let joined: String = pieces.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(joined, text);
        assert!(pieces
            .iter()
            .any(|p| p.flag == Some(SolicitationKind::OffPlatform) && p.text == "WhatsApp me"));
        assert!(pieces
            .iter()
            .any(|p| p.text == "555 201 9988" && p.flag.is_some()));
        assert_eq!(highlight("plain", &[]).len(), 1);
    }

    #[test]
    fn flags_that_no_longer_fit_are_not_used() {
        let stale = vec![Solicitation {
            start: 3,
            end: 40,
            kind: SolicitationKind::ContactOffer,
        }];
        assert!(!fit("short", &stale));
        assert_eq!(highlight("short", &stale)[0].flag, None);
    }
}
