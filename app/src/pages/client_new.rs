use crate::api::CreateClient;
use crate::components::client_fields::ClientFields;
use crate::components::form::{error_of, FormAlert};
use handoff::ClientInput;
use leptos::prelude::*;
use leptos_meta::Title;

lazy_page!(NewClientRoute, NewClientPage, owners);

#[component]
pub fn NewClientPage() -> impl IntoView {
    let create = ServerAction::<CreateClient>::new();
    let errors = error_of(create.value());
    view! {
        <Title text="New client" />
        <p class="breadcrumb"><a href="/clients">"Clients"</a></p>
        <h1>"New client"</h1>
        <section class="card narrow">
            <p class="muted">"Handoff gives the client an alias such as Client 7QK-4M. Providers only ever see the alias and the fields you disclose for a task."</p>
            <ActionForm action=create>
                <FormAlert errors />
                <ClientFields value=ClientInput::default() errors />
                <button type="submit" class="button" disabled=move || create.pending().get()>
                    {move || if create.pending().get() { "Saving…" } else { "Create client" }}
                </button>
            </ActionForm>
        </section>
    }
}
