//! Copying text to the clipboard, where the browser allows it. Only the
//! browser build can; the server build answers `false`.

/// Starts copying `text`; `false` when this browser has no clipboard API
/// (the button then says so instead of pretending).
#[cfg(feature = "hydrate")]
pub fn copy(text: &str) -> bool {
    use js_sys::{Function, Reflect};
    use wasm_bindgen::{JsCast, JsValue};
    let call = || -> Result<(), JsValue> {
        let navigator = Reflect::get(&js_sys::global(), &"navigator".into())?;
        let clipboard = Reflect::get(&navigator, &"clipboard".into())?;
        let write = Reflect::get(&clipboard, &"writeText".into())?.dyn_into::<Function>()?;
        write.call1(&clipboard, &JsValue::from_str(text))?;
        Ok(())
    };
    call().is_ok()
}

#[cfg(not(feature = "hydrate"))]
pub fn copy(_text: &str) -> bool {
    false
}
