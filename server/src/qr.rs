//! The QR code of an authenticator key, as inline SVG drawn here on the
//! server: the browser build never carries a QR encoder, and the picture
//! needs no script, image request or CSP exception.

use crate::error::Context;
use crate::error::{Error, Result};
use qrcode::render::svg;
use qrcode::QrCode;

/// An `<svg>` element (no XML prologue) that an authenticator app's camera
/// reads as `uri`. Sized by CSS; described for screen readers, who are
/// pointed at the key written out beside it.
pub fn svg_of(uri: &str) -> Result<String> {
    let code = QrCode::new(uri.as_bytes()).context("drawing a QR code")?;
    let svg = code
        .render::<svg::Color>()
        .quiet_zone(true)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    let body = svg
        .find("<svg")
        .map(|at| &svg[at..])
        .ok_or_else(|| Error::internal("qr: no svg element"))?;
    Ok(body.replacen(
        "<svg ",
        "<svg class=\"qr\" role=\"img\" aria-label=\"QR code of your two-factor key; the same key is written out below\" ",
        1,
    ))
}

#[cfg(test)]
mod tests {
    use super::svg_of;

    #[test]
    fn an_otpauth_uri_becomes_one_inline_svg_element() {
        let svg = svg_of(
            "otpauth://totp/Handoff:olga%40acme.example?secret=JBSWY3DPEHPK3PXP&issuer=Handoff",
        )
        .unwrap();
        assert!(svg.starts_with("<svg class=\"qr\" role=\"img\""), "{svg}");
        assert!(svg.ends_with("</svg>"));
        assert!(!svg.contains("<?xml"));
        assert!(svg.contains("<path fill=\"#000000\" d=\"M"));
    }
}
