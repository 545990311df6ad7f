//! Who is asking, as capabilities. A use case names in its signature the
//! capability it needs (`&Owner`, `&Provider`, `&Member`), so calling an
//! owner's use case with a provider does not compile. Only `door` (through
//! the session) and the sign-in use cases make them: every field is private
//! and there is no public constructor.
//!
//! The compiler's side of this is tested here (`cargo test` runs these):
//! with the right capability each call compiles,
//!
//! ```no_run
//! # async fn calls(db: &handoff_server::Database, owner: &handoff_server::Owner,
//! #     provider: &handoff_server::Provider, input: &handoff::TaskInput) {
//! let _ = handoff_server::task::create(db, owner, input, 0).await;
//! let _ = handoff_server::task::provider_task(db, provider, 1, 0).await;
//! # }
//! ```
//!
//! an owner's use case called with a provider does not,
//!
//! ```compile_fail,E0308
//! # async fn calls(db: &handoff_server::Database, provider: &handoff_server::Provider,
//! #     input: &handoff::TaskInput) {
//! let _ = handoff_server::task::create(db, provider, input, 0).await;
//! # }
//! ```
//!
//! a provider's view asked for by an owner does not,
//!
//! ```compile_fail,E0308
//! # async fn calls(db: &handoff_server::Database, owner: &handoff_server::Owner) {
//! let _ = handoff_server::task::provider_task(db, owner, 1, 0).await;
//! # }
//! ```
//!
//! a client in the portal cannot call a member's use case,
//!
//! ```compile_fail,E0308
//! # async fn calls(db: &handoff_server::Database, client: &handoff_server::PortalClient) {
//! let _ = handoff_server::thread::provider_thread(db, client, 1, 0).await;
//! # }
//! ```
//!
//! ```compile_fail,E0308
//! # async fn calls(db: &handoff_server::Database, client: &handoff_server::PortalClient) {
//! let _ = handoff_server::relay::queue(db, client).await;
//! # }
//! ```
//!
//! while the portal's own use cases take it,
//!
//! ```no_run
//! # async fn calls(db: &handoff_server::Database, client: &handoff_server::PortalClient) {
//! let _ = handoff_server::portal::home(db, client, 0).await;
//! # }
//! ```
//!
//! and no code outside this crate can make a capability.
//!
//! ```compile_fail,E0423
//! fn forge(actor: handoff_server::Actor) -> handoff_server::Owner {
//!     handoff_server::Owner(actor)
//! }
//! ```
//!
//! ```compile_fail,E0451
//! fn forge() -> handoff_server::PortalClient {
//!     handoff_server::PortalClient { client_id: 1, workspace_id: 1, token_hash: String::new() }
//! }
//! ```

use crate::Actor;

/// An owner of a workspace, signed in (and with two-factor sign-in set up
/// where the workspace requires it).
#[derive(Clone, Debug)]
pub struct Owner(pub(crate) Actor);

/// A provider of a workspace, signed in.
#[derive(Clone, Debug)]
pub struct Provider(pub(crate) Actor);

/// Either: for use cases both roles may call, each under its own rules.
#[derive(Clone, Debug)]
pub enum Member {
    Owner(Owner),
    Provider(Provider),
}

/// A client in the portal, signed in through their private link (its own
/// session, apart from members'). Only `door::portal_client` makes it; no
/// member use case takes it.
#[derive(Clone, Debug)]
pub struct PortalClient {
    pub(crate) client_id: i64,
    pub(crate) workspace_id: i64,
    pub(crate) token_hash: String,
}

impl PortalClient {
    pub fn client_id(&self) -> i64 {
        self.client_id
    }

    pub fn workspace_id(&self) -> i64 {
        self.workspace_id
    }
}

/// An owner whose workspace requires two-factor sign-in and who has not set
/// it up yet: they may only set it up, change their password or sign out.
/// Account use cases take `&Actor`, which any signed-in member holds.
#[derive(Clone, Debug)]
pub struct OwnerInSetup(pub(crate) Actor);

macro_rules! member_ids {
    ($($t:ty),*) => {$(
        impl $t {
            pub fn member_id(&self) -> i64 {
                self.0.member_id
            }
            pub fn workspace_id(&self) -> i64 {
                self.0.workspace_id
            }
            /// The same member, for the account use cases every member may
            /// call (password, two-factor, sign-out).
            pub fn account(&self) -> &Actor {
                &self.0
            }
        }
    )*};
}
member_ids!(Owner, Provider, OwnerInSetup);

impl Member {
    pub fn member_id(&self) -> i64 {
        self.account().member_id
    }

    pub fn workspace_id(&self) -> i64 {
        self.account().workspace_id
    }

    pub fn account(&self) -> &Actor {
        match self {
            Member::Owner(o) => &o.0,
            Member::Provider(p) => &p.0,
        }
    }

    pub fn role(&self) -> handoff::Role {
        self.account().role
    }

    pub(crate) fn from_actor(actor: Actor) -> Member {
        match actor.role {
            handoff::Role::Owner => Member::Owner(Owner(actor)),
            handoff::Role::Provider => Member::Provider(Provider(actor)),
        }
    }
}
