//! The words around a number that say what it is: a label (a reference),
//! a phone word, a currency or unit.

use std::sync::OnceLock;

use crate::redaction::lex::FxSet;

/// Words after which a number is a reference, not a phone.
const LABELS: &str =
    "po order orders job ticket serial sn build invoice inv sku shift shifts ref reference \
    case receipt tracking account acct iban bic confirmation conf item part model batch lot \
    reservation transaction txn claim policy license licence permit vin isbn ean upc asin \
    pin code zip postcode plz tax vat ust ein id bestellung bestellnummer rechnung \
    rechnungsnummer auftrag auftragsnummer kundennummer ticketnummer sendung sendungsnummer \
    pedido factura referencia commande facture reference suivi room rooms zimmer habitacion \
    habitaciones chambre chambres size sizes talla tallas grosse grossen taille tailles \
    pointure seat seats table tables page pages step steps version v release ip port server \
    qty quantity hours uhr horario horaires between from ordre votre nummern numbers codes \
    tickets invoices items units unit gate flight flug vuelo vol train zug tren bus route \
    linea ligne kw week semana semaine woche year years jahr ano annee isin swift routing \
    aba sort bsb cvv ssn nie nif dni siret siren steuernummer mwst otp verification passcode \
    password meeting slots slot times nummern";

/// Words that make a nearby number a phone.
const PHONE_WORDS: &str =
    "call phone tel telephone mobile cell cellphone text sms whatsapp ring reach contact \
    handy telefon telefonnummer nummer anrufen ruf movil telefono llamar llama llamame \
    numero portable appelle appelez appeler joindre fax landline hotline signal telegram \
    viber wa cel celular mob ph whatsap wapp zelle bizum direct privat private personal \
    perso bel bellen zadzwon dzwon dzwonic ringa chiamami chiama chiamare ligar liga ligue \
    telp hubungi arayin cep";

const CURRENCY: &str =
    "usd eur gbp chf cad aud mxn jpy inr nzd sek nok dkk pln dollars dollar euros euro pesos \
    peso francs pounds bucks k mil million millionen millones millions visitors people views \
    users followers words pcs mb gb kb km kg ms rpm px ft cop ars clp brl pen zar try rub \
    cny hkd sgd krw thb idr myr vnd aed sar huf czk ron bgn impressions clicks subscribers \
    likes steps calories sqft m2 units";

pub(super) fn in_set(
    list: &'static str,
    cell: &'static OnceLock<FxSet<&'static str>>,
    w: &str,
) -> bool {
    cell.get_or_init(|| list.split_whitespace().collect())
        .contains(w)
}

pub(super) fn is_label(w: &str) -> bool {
    static SET: OnceLock<FxSet<&'static str>> = OnceLock::new();
    in_set(LABELS, &SET, w)
}

pub(crate) fn is_phone_word(w: &str) -> bool {
    static SET: OnceLock<FxSet<&'static str>> = OnceLock::new();
    in_set(PHONE_WORDS, &SET, w)
}

pub(super) fn is_currency(w: &str) -> bool {
    static SET: OnceLock<FxSet<&'static str>> = OnceLock::new();
    in_set(CURRENCY, &SET, w)
}
