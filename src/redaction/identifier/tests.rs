use crate::redaction::{redact, Hidden, Secrets};

fn hidden(text: &str) -> Vec<Hidden> {
    redact(text, &Secrets::new()).hidden
}

#[test]
fn checked_identifiers_stay_whole() {
    for text in [
        "IBAN DE89 3704 0044 0532 0130 00, BIC COBADEFFXXX",
        "Pay to NL91ABNA0417164300 before Friday",
        "ISBN 978-3-16-148410-0, and the old one 0-306-40615-2",
        "Barcode 4006381333931 on the shelf label",
        "UPS 1Z 999 AA1 01 2345 6784 left the depot",
        "USPS 9400 1000 0000 0000 0000 00 is in transit",
        "Correios: objeto RR123456785BR postado",
        "CPF do titular: 529.982.247-25",
        "Entrega no CEP 01310-100, portaria",
        "Morada: 1100-053 Lisboa",
    ] {
        assert_eq!(hidden(text), vec![], "{text}");
    }
}

#[test]
fn a_labelled_reference_is_never_half_masked() {
    for text in [
        "Rechnungsnummer 2024-117 / 5563 bitte angeben",
        "Numéro de facture : FA 2023 0417 8812",
        "NIP 526-104-08-28, REGON 012345678",
        "Fattura n. 2024/00117 del 3 marzo",
        "Sipariş no: 4500 1234 5678",
        "注文番号：4500-1234-5678",
        "NPI 1234567893 for the claim form",
        "Meeting ID 812 3456 7890, passcode 5566",
        "Contrat d'assurance n° 12 345 678 90",
    ] {
        assert_eq!(hidden(text), vec![], "{text}");
    }
}

#[test]
fn a_card_number_is_masked_as_payment_data() {
    let r = redact("card 4111 1111 1111 1111 exp 12/27", &Secrets::new());
    assert_eq!(r.text, "card [card number hidden] exp 12/27");
    // Not Luhn-valid: a reference, left whole.
    assert_eq!(hidden("ref 4111 1111 1111 1112"), vec![]);
}

#[test]
fn code_is_not_a_handle() {
    for text in [
        "Put @Override on toString",
        "import { Component } from '@angular/core'",
        "@media (max-width: 600px) { … }",
        "decorate it with @app.route('/x')",
        "Servisi @Injectable() ile işaretle",
    ] {
        assert_eq!(hidden(text), vec![], "{text}");
    }
    assert_eq!(hidden("follow @maria.bakes"), vec![Hidden::Handle]);
}

#[test]
fn a_phone_beside_an_identifier_is_still_masked() {
    let r = redact(
        "IBAN DE89 3704 0044 0532 0130 00, call 0171 1234567",
        &Secrets::new(),
    );
    assert_eq!(
        r.text,
        "IBAN DE89 3704 0044 0532 0130 00, call [phone hidden]"
    );
    // A handle after a label word is no reference.
    assert_eq!(hidden("LINE ID: jane88"), vec![Hidden::Handle]);
}

#[test]
fn a_number_after_a_word_ending_in_a_currency_byte_is_read() {
    // `å` and `ã` end in the bytes that end `¥` and `£`.
    assert_eq!(hidden("Ring mig på 070-123 45 67"), vec![Hidden::Phone]);
    assert_eq!(hidden("ligação 0800 123 4567"), vec![Hidden::Phone]);
    assert_eq!(hidden("Preis: ¥ 125000, ¥ 4800"), vec![]);
}

#[test]
fn attempts_at_a_disguise_are_flagged_not_masked() {
    use crate::redaction::{solicitations, SolicitationKind};
    for text in [
        "the app blocks numbers so here goes",
        "write it without spaces ok",
        "la app bloquea los números, te lo paso así",
        "nine four one two",
        "die App blockiert Nummern, ich schreibe es anders",
    ] {
        let flags = solicitations(text);
        assert!(
            flags.iter().any(|s| s.kind == SolicitationKind::Disguise),
            "{text}: {flags:?}"
        );
        assert_eq!(redact(text, &Secrets::new()).text, text);
    }
    for text in [
        "We need four or five chairs",
        "Totals: 12 15 18 21",
        "The app blocks nothing yet",
        "We post on Instagram every Friday",
        "The client found us on TikTok last week",
    ] {
        assert!(
            !solicitations(text)
                .iter()
                .any(|s| s.kind == SolicitationKind::Disguise),
            "{text}"
        );
    }
}
