//! Instructions a provider cannot carry out: "Please call [client detail
//! hidden] at [phone hidden]". A provider never reaches a client directly
//! (R1: they hold no contact detail), so a text toward them that asks them
//! to call, write to or visit the client cannot be done. The owner's
//! preview finds such sentences in what the provider will read and offers
//! the way Handoff works instead: a message through the relay, or the
//! client's portal.

/// Verbs of reaching someone, folded, in the languages of the workspace.
const VERBS: &str = "call phone ring text email mail message whatsapp visit contact reach dm sms \
    anrufen ruf rufe rufen kontaktieren kontaktiere schreib schreibe schreiben besuchen besuche \
    llama llamar llamale contacta contactar escribe escribele escribir visita visitar \
    appelle appelez appeler contacte contactez contacter ecris ecrivez ecrire visitez \
    liga ligue ligar contate contatar escreva escrever visite \
    chiama chiamare chiamate contatta contattare scrivi scrivere visitare \
    bel bellen mailen bezoek bezoeken \
    zadzwon zadzwonic napisz odwiedz skontaktuj \
    ara arayin yaz yazin ziyaret \
    ringa mejla maila besok kontakta skriv";

/// Who the verb reaches when it is the client.
const CLIENT: &str = "client clients customer patient her him them \
    kunde kundin kunden klient klientin patientin ihn \
    cliente clienta paciente \
    lui \
    ele ela \
    paziente \
    klant hem haar \
    klienta pacjent pacjenta \
    musteri musteriyi hasta \
    kund honom henne";

fn listed(list: &str, word: &str) -> bool {
    list.split_whitespace().any(|w| w == word)
}

/// The sentences of `seen` (the text as the provider will read it) that
/// ask the provider to reach the client directly: a verb of reaching, and
/// the client (or a hidden contact detail) among the next few words
/// ("call the client", "Ruf die Kundin an", "visit her at [address
/// hidden]"), not "summarise the call notes".
pub fn unreachable_requests(seen: &str) -> Vec<String> {
    let mut out = Vec::new();
    for sentence in seen.split(['.', '!', '?', '\n', '。', ';']) {
        let words: Vec<String> = sentence
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(fold)
            .collect();
        let asks = words.iter().enumerate().any(|(i, w)| {
            listed(VERBS, w)
                && words[i + 1..]
                    .iter()
                    .take(3)
                    .any(|n| listed(CLIENT, n) || n == "hidden")
        });
        if asks {
            out.push(sentence.trim().to_string());
        }
    }
    out
}

fn fold(w: &str) -> String {
    let mut s = String::with_capacity(w.len());
    for c in w.chars() {
        crate::redaction::fold_word(c, &mut s);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asking_the_provider_to_reach_the_client_is_found() {
        for seen in [
            "Please call [client detail hidden] at [phone hidden] before Friday.",
            "Email the client the invoice.",
            "Ruf die Kundin morgen an.",
            "Llama al cliente para confirmar.",
            "Appelez le client demain.",
            "Bel de klant even.",
            "Visit her at [address hidden] on Monday.",
        ] {
            assert_eq!(unreachable_requests(seen).len(), 1, "{seen}");
        }
        for seen in [
            "Draft the email; I will send it.",
            "The client called yesterday; summarise the call notes.",
            "Prepare the intake form.",
        ] {
            assert!(unreachable_requests(seen).is_empty(), "{seen}");
        }
    }
}
