//! The words that say a reference follows, in the languages Handoff's users
//! write (folded: lower case, no diacritics), and the code words an `@`
//! introduces.

use std::sync::OnceLock;

use crate::redaction::lex::FxSet;

/// Labels of references that are not contact details. Grouped by language
/// for whoever adds the next one; the set is one.
const LABELS: &[&str] = &[
    // English
    "invoice invoices inv bill order orders po purchase tracking track shipment waybill awb \
     consignment parcel return returns rma serial sn device imei meter mpan mprn account \
     acct customer member membership policy claim case ticket ref reference booking \
     reservation confirmation transaction txn receipt vat gst hst abn acn ein tin tax \
     company registration reg crn utr npi dea nhs patient mrn medicare license licence \
     permit vin isbn issn ean upc gtin sku asin model part batch lot sort routing aba bsb \
     swift bic iban item article quote estimate contract voucher coupon job project acc \
     meeting webinar passcode insurance subscriber subscription abone abonnement abonado \
     assinante abbonato abonent",
    // German
    "rechnung rechnungen bestellung auftrag ust ustid mwst steuer steuernr hrb hra \
     handelsregister sendung retoure serien zahler zahlpunkt versicherungsschein vertrag \
     kunde kunden konto aktenzeichen az vorgang buchung beleg lieferschein artikel angebot \
     blz kto besprechung versicherung",
    // Spanish
    "factura facturas pedido albaran nif cif nie rfc curp cuit cuil rut seguimiento envio \
     devolucion serie contador poliza expediente cliente cuenta referencia reserva cups \
     presupuesto contrato siniestro reunion seguro guia",
    // Portuguese
    "fatura nota nf nfe encomenda cnpj cpf nipc rastreio rastreamento objeto devolucao \
     medidor instalacao apolice sinistro protocolo conta cep orcamento \
     boleto reuniao",
    // French
    "facture commande tva siren siret rcs ape naf suivi colis retour compteur pdl prm \
     police contrat sinistre dossier compte reservation avoir devis \
     assurance",
    // Italian
    "fattura ordine partita iva piva codice fiscale cf spedizione tracciamento reso \
     matricola contatore polizza pratica conto protocollo rif riferimento pdr \
     prenotazione preventivo bolletta contratto riunione assicurazione",
    // Dutch
    "factuur bestelling btw kvk rsin trace polis klant rekening referentie kenmerk boeking \
     offerte vergadering verzekering",
    // Polish
    "faktura faktury fakturze zamowienia zamowienie nip regon krs przesylki paczki konta \
     rachunku polisy licznika seryjny klienta umowy zwrotu \
     spotkania spotkanie",
    // Turkish
    "fatura siparis vergi vkn kargo takip iade seri sayac musteri hesap mersis toplanti",
    // Swedish, Danish, Norwegian
    "faktura orgnr moms momsreg ocr bankgiro plusgiro bg pg sparning retur matare \
     forsakring kund referens bokning cvr",
    // Indonesian
    "faktur pesanan npwp nib resi pengiriman meteran pelanggan referensi tagihan rek \
     rapat",
];

/// Words that may stand between a label and its value.
const FILLERS: &str = "no nr n nº num number nummer numero numer nro # : . - de di do da du \
    van der des del of is ist es est e the your our votre vostro tu su seu sua uw je ihre \
    id nb numara nomor numeri numeros si pago pagamento paiement zahlung payment d \
    perusahaan";

/// Annotations and at-rules of code, CSS and documentation comments.
const ANNOTATIONS: &str = "override deprecated suppresswarnings functionalinterface \
    safevarargs test before after beforeeach aftereach beforeall afterall autowired \
    component service repository controller restcontroller bean configuration entity table \
    column id generatedvalue transactional value inject injectable ngmodule input output \
    hostlistener viewchild getmapping postmapping requestmapping pathvariable requestbody \
    mock nullable nonnull notnull data getter setter builder slf4j jsonproperty valid \
    media import keyframes font-face supports layer container charset namespace tailwind \
    apply mixin include extend use forward each if else return function param returns \
    type typedef throws see since example todo staticmethod classmethod property \
    dataclass abstractmethod cached_property lru_cache pytest.fixture pytest.mark \
    login_required csrf_exempt permission_required api_view receiver wraps \
    contextmanager patch fixture";

fn set(
    cell: &'static OnceLock<FxSet<&'static str>>,
    lists: &[&'static str],
) -> &'static FxSet<&'static str> {
    cell.get_or_init(|| lists.iter().flat_map(|l| l.split_whitespace()).collect())
}

/// True for a folded word that labels a reference: a word of the list, a
/// compound of a number word (`rechnungsnummer`, `kundennr`, `factuurnummer`)
/// other than a phone's, or a CJK word for a number that is not a phone's
/// (`注文番号`, `订单号码`, `주문번호`).
pub(crate) fn is_label_word(w: &str) -> bool {
    static SET: OnceLock<FxSet<&'static str>> = OnceLock::new();
    if set(&SET, LABELS).contains(w) {
        return true;
    }
    const PHONE: &[&str] = &[
        "telefon", "telefoon", "handy", "mobil", "mobiel", "fax", "tel", "ruf", "haus", "gsm",
        "whatsapp", "kontakt", "contact", "numer", "电话", "電話", "携帯", "手机", "手機", "전화",
        "휴대",
    ];
    let phone = PHONE
        .iter()
        .any(|p| w.starts_with(p) || w.contains(p) && !p.is_ascii());
    // The compound is longer than its number word: `nummer` alone is
    // anybody's number.
    let compound = ["nummer", "nr", "numero", "nro"]
        .iter()
        .any(|n| w.len() >= n.len() + 3 && w.ends_with(n));
    let cjk = [
        "番号",
        "号码",
        "號碼",
        "编号",
        "編號",
        "번호",
        "単号",
        "单号",
        "コード",
    ]
    .iter()
    // `注文番号`, not `番号は` (the number is…): something before it.
    .any(|s| w.find(s).is_some_and(|at| at > 0));
    let meeting = ["会議", "会议", "パスコード", "회의"]
        .iter()
        .any(|s| w.contains(s));
    (compound || cjk || meeting) && !phone
}

pub(super) fn is_filler(w: &str) -> bool {
    static SET: OnceLock<FxSet<&'static str>> = OnceLock::new();
    set(&SET, &[FILLERS]).contains(w)
}

pub(super) fn is_annotation(name: &str) -> bool {
    static SET: OnceLock<FxSet<&'static str>> = OnceLock::new();
    let lower = name.to_ascii_lowercase();
    set(&SET, &[ANNOTATIONS]).contains(lower.as_str())
}
