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
    // Most words are none of the shapes below: two cheap tests first.
    let ends_in_number = ["nummer", "nr", "numero", "nro"]
        .iter()
        .any(|n| w.len() >= n.len() + 3 && w.ends_with(n));
    if w.is_ascii() && !ends_in_number {
        return false;
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
    let compound = ends_in_number;
    // Chinese, Japanese and Korean references by name, right before the
    // word for number: `伝票番号` (slip number), `注文番号` (order number),
    // but not `事務所の番号` (the office's number).
    const KINDS: &[&str] = &[
        "注文",
        "請求",
        "請求書",
        "追跡",
        "伝票",
        "会員",
        "登録",
        "法人",
        "口座",
        "管理",
        "製造",
        "受付",
        "予約",
        "証券",
        "契約",
        "顧客",
        "商品",
        "品",
        "订单",
        "运单",
        "快递",
        "发票",
        "单",
        "單",
        "会员",
        "客户",
        "合同",
        "주문",
        "송장",
        "운송장",
        "회원",
        "등록",
        "계좌",
        "예약",
        "접수",
        "계약",
    ];
    let cjk = ["番号", "号码", "號碼", "번호", "ID"].iter().any(|m| {
        w.match_indices(m)
            .any(|(at, _)| KINDS.iter().any(|k| w[..at].ends_with(k)))
    });
    // Arabic: `رقم الفاتورة`, `رقم الشحنة` (the label follows `رقم`).
    let arabic = matches!(
        w,
        "الفاتورة"
            | "الطلب"
            | "الشحنة"
            | "التتبع"
            | "السجل"
            | "الضريبي"
            | "الحساب"
            | "العميل"
            | "البوليصة"
    );
    let meeting = ["会議", "会议", "パスコード", "회의"]
        .iter()
        .any(|s| w.contains(s));
    (compound || cjk || meeting || arabic) && !phone
}

pub(super) fn is_filler(w: &str) -> bool {
    static SET: OnceLock<FxSet<&'static str>> = OnceLock::new();
    set(&SET, &[FILLERS]).contains(w)
}

pub(super) fn is_annotation(name: &str) -> bool {
    static SET: OnceLock<FxSet<&'static str>> = OnceLock::new();
    // Lower-cased on the stack: no allocation for every `@` of a text.
    let mut buf = [0u8; 32];
    if name.len() > buf.len() {
        return false;
    }
    for (d, c) in buf.iter_mut().zip(name.bytes()) {
        *d = c.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..name.len()]).is_ok_and(|l| set(&SET, &[ANNOTATIONS]).contains(l))
}
