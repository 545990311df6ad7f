//! Live updates (issue #12): a write use case publishes a small hint inside
//! its own transaction — which workspace, who may hear it, what kind of
//! thing changed and its id, never text — and every app process's `Hub`
//! hands it to the event streams allowed to see it (R7). Pages re-fetch what
//! they show through their usual server functions, so a hint can never leak
//! more than its kind and id.
//!
//! - `publish` (by the write unit, in the writer's transaction): stores the hint in
//!   `live_events` (kept a day, so a stream that reconnects replays by its
//!   `Last-Event-ID`); on PostgreSQL also `pg_notify`, delivered at commit to
//!   every app server; on SQLite it wakes this process's hub.
//! - `Hub`: one per process. Reads new hints by cursor and fans them out;
//!   tells every stream to `resync` when its database listener reconnected
//!   (notifications may have been lost) and a stream that fell behind too.
//!   Prunes old hints on a timer.
//! - `Subscription`: one per stream (per browser tab), made for a
//!   `Subscriber` from the caller's capability; yields only what that
//!   subscriber may see.
//!
//! Adding a producer is one line in the writing use case; its write unit
//! publishes the hint with its commit:
//!
//! ```text
//! unit.tell(Hint::to_owners(ws, LiveKind::Relay, request_id));
//! ```

mod hub;
mod listen;
mod store;

pub use hub::{Hub, HubOptions, Subscription};
pub use store::prune;
pub(crate) use store::publish;

use crate::caller::Member;
use handoff::LiveKind;

/// A stream's event ids, as the browser sees and echoes them
/// (`Last-Event-ID`). A hint's `seq` counts every hint of the installation,
/// so a bare number would let any member watch how busy other workspaces
/// are (the gap between two of their own ids): the id is the position
/// sealed with the installation's key, which every app server shares.
pub mod cursor {
    const CONTEXT: &str = "live-cursor";

    /// The id that stands for position `seq`.
    pub fn id(seq: i64) -> String {
        crate::secrets::seal(&seq.to_string(), CONTEXT)
            .map(|sealed| {
                sealed
                    .trim_start_matches(crate::secrets::SEALED_PREFIX)
                    .to_string()
            })
            // No key: an id that opens to nothing, so a reconnect resyncs.
            .unwrap_or_else(|_| "x".to_string())
    }

    /// The position an id stands for: `0` is the very start (a stream that
    /// asks for everything it may see); an id that does not open (another
    /// installation's, an older format, made up) is `-1`, which answers
    /// with a resync.
    pub fn position(id: &str) -> i64 {
        let id = id.trim();
        if id == "0" {
            return 0;
        }
        let sealed = format!("{}{id}", crate::secrets::SEALED_PREFIX);
        crate::secrets::open(&sealed, CONTEXT)
            .ok()
            .and_then(|plain| plain.parse::<i64>().ok())
            .filter(|seq| *seq >= 0)
            .unwrap_or(-1)
    }
}

/// The PostgreSQL channel every app server listens on.
pub(crate) const CHANNEL: &str = "handoff_live";

/// Who may receive a hint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    /// Every owner of the workspace.
    Owners,
    /// One member (owner or provider), by id.
    Member(i64),
    /// One client, through the client portal, by the client's id.
    Client(i64),
}

/// What changed, for whom. Ids only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hint {
    pub workspace_id: i64,
    pub audience: Audience,
    pub kind: LiveKind,
    pub object_id: i64,
}

impl Hint {
    pub fn to_owners(workspace_id: i64, kind: LiveKind, object_id: i64) -> Hint {
        Hint {
            workspace_id,
            audience: Audience::Owners,
            kind,
            object_id,
        }
    }

    pub fn to_member(workspace_id: i64, member_id: i64, kind: LiveKind, object_id: i64) -> Hint {
        Hint {
            workspace_id,
            audience: Audience::Member(member_id),
            kind,
            object_id,
        }
    }

    pub fn to_client(workspace_id: i64, client_id: i64, kind: LiveKind, object_id: i64) -> Hint {
        Hint {
            workspace_id,
            audience: Audience::Client(client_id),
            kind,
            object_id,
        }
    }
}

/// What the hub hands its subscribers: new events, a resync (they fell
/// behind or the listener lost its connection), or the end.
#[derive(Debug)]
enum Batch {
    Events(Vec<LiveEvent>),
    Resync,
    Closing,
}

/// A stored hint: its `seq` is the stream's event id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LiveEvent {
    pub seq: i64,
    pub hint: Hint,
}

/// Who listens on a stream: made from a capability, so only a signed-in
/// member or a portal session can hold one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Subscriber {
    workspace_id: i64,
    who: Who,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    Owner(i64),
    Provider(i64),
    Client(i64),
}

impl Subscriber {
    /// A member's stream: owners hear the owners' hints and their own, a
    /// provider only their own.
    pub fn member(member: &Member) -> Subscriber {
        let who = match member {
            Member::Owner(o) => Who::Owner(o.member_id()),
            Member::Provider(p) => Who::Provider(p.member_id()),
        };
        Subscriber {
            workspace_id: member.workspace_id(),
            who,
        }
    }

    /// A client portal's stream: only the hints for that client (its
    /// thread, the tasks its portal shows), from the portal's capability.
    pub fn portal(client: &crate::PortalClient) -> Subscriber {
        Subscriber::client(client.workspace_id(), client.client_id())
    }

    pub(crate) fn client(workspace_id: i64, client_id: i64) -> Subscriber {
        Subscriber {
            workspace_id,
            who: Who::Client(client_id),
        }
    }

    pub fn workspace_id(&self) -> i64 {
        self.workspace_id
    }

    /// R7: the hint is for this subscriber's workspace and audience.
    pub fn may_see(&self, hint: &Hint) -> bool {
        hint.workspace_id == self.workspace_id
            && match (hint.audience, self.who) {
                (Audience::Owners, Who::Owner(_)) => true,
                (Audience::Member(id), Who::Owner(me) | Who::Provider(me)) => id == me,
                (Audience::Client(id), Who::Client(me)) => id == me,
                _ => false,
            }
    }
}

/// What a stream sends next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delivery {
    Event(LiveEvent),
    /// Re-fetch everything: hints may have been missed. `seq`, when known,
    /// is the cursor to resume from (the stream's next event id).
    Resync {
        seq: Option<i64>,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_subscriber_sees_only_its_workspace_and_audience() {
        let owner = Subscriber {
            workspace_id: 1,
            who: Who::Owner(10),
        };
        let provider = Subscriber {
            workspace_id: 1,
            who: Who::Provider(11),
        };
        let client = Subscriber::client(1, 7);
        let task = LiveKind::Task;
        assert!(owner.may_see(&Hint::to_owners(1, task, 3)));
        assert!(!owner.may_see(&Hint::to_owners(2, task, 3)));
        assert!(!provider.may_see(&Hint::to_owners(1, task, 3)));
        assert!(!client.may_see(&Hint::to_owners(1, task, 3)));
        assert!(provider.may_see(&Hint::to_member(1, 11, task, 3)));
        assert!(!provider.may_see(&Hint::to_member(2, 11, task, 3)));
        assert!(!owner.may_see(&Hint::to_member(1, 11, task, 3)));
        assert!(owner.may_see(&Hint::to_member(1, 10, task, 3)));
        assert!(client.may_see(&Hint::to_client(1, 7, task, 3)));
        // A member whose id equals a client's id is still not that client.
        assert!(!client.may_see(&Hint::to_member(1, 7, task, 3)));
        assert!(!owner.may_see(&Hint::to_client(1, 10, task, 3)));
    }
}
