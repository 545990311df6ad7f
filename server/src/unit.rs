//! The write unit: every use case that writes runs inside one. It holds the
//! transaction (`BEGIN IMMEDIATE` on SQLite), who acts and the instant, and
//! collects what the write causes — audit entries (R8), live hints, mail,
//! the answer to an idempotency key — writing them at `commit`, with the change
//! or, when the unit is dropped or fails, not at all.
//!
//! ```text
//! let mut unit = db.write(&owner, now).await?;
//! if let Some(first) = unit.once(key).await? { return Ok(first); }
//! …the change, through `&mut *unit`…
//! unit.audit(AuditAction::ClientErased, Some(client_id), None, "…");
//! unit.tell(Hint::to_owners(ws, LiveKind::Task, task_id));
//! unit.commit_with(answer).await
//! ```
//!
//! No use case calls `audit::record`, `live::publish` or the idempotency
//! store itself (`server/tests/source.rs` checks the source tree).

use crate::audit::store as audit;
pub(crate) use crate::audit::store::Entry;
use crate::caller::{Member, Owner, OwnerInSetup, PortalClient, Provider};
use crate::error::Result;
use crate::live::{self, Hint};
use crate::{idempotency, Actor, Database};
use handoff::AuditAction;
use serde::{de::DeserializeOwned, Serialize};
use sqlx::{Any, AnyConnection, Transaction};

/// Who a write acts for, as its audit entries name them.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Acting {
    workspace_id: Option<i64>,
    member_id: Option<i64>,
}

/// A capability a write may act for.
pub(crate) trait Acts {
    fn acting(&self) -> Acting;
}

/// No one signed in yet: sign-up, sign-in, the throttle, upkeep. Its audit
/// entries name their workspace and member themselves (`audit_as`).
pub(crate) struct Nobody;

impl Acts for Nobody {
    fn acting(&self) -> Acting {
        Acting::default()
    }
}

impl Acts for Actor {
    fn acting(&self) -> Acting {
        Acting {
            workspace_id: Some(self.workspace_id),
            member_id: Some(self.member_id),
        }
    }
}

macro_rules! acts_as_member {
    ($($t:ty),*) => {$(
        impl Acts for $t {
            fn acting(&self) -> Acting {
                self.account().acting()
            }
        }
    )*};
}
acts_as_member!(Owner, Provider, OwnerInSetup, Member);

impl Acts for PortalClient {
    fn acting(&self) -> Acting {
        Acting {
            workspace_id: Some(self.workspace_id),
            member_id: None,
        }
    }
}

struct Event {
    at: i64,
    workspace_id: i64,
    member_id: Option<i64>,
    action: AuditAction,
    client_id: Option<i64>,
    task_id: Option<i64>,
    detail: String,
}

/// One write: see the module's comment.
pub(crate) struct Unit<'db> {
    db: &'db Database,
    tx: Transaction<'static, Any>,
    now: i64,
    acting: Acting,
    events: Vec<Event>,
    hints: Vec<Hint>,
    /// The member and idempotency key this unit claimed, if any.
    key: Option<(i64, String)>,
    /// The workspace whose client values this write changed, if any.
    values_changed: Option<i64>,
    /// Mail this write causes, and what happened that someone may be told
    /// of by mail: written with the change, in its transaction.
    mail: Vec<Box<dyn Mailed>>,
    /// Whether this server's mail sender should look at the outbox after
    /// the commit.
    wake_mail: bool,
}

impl Database {
    /// Opens a write unit acting for `who` at `now`.
    pub(crate) async fn write(&self, who: &impl Acts, now: i64) -> Result<Unit<'_>> {
        Ok(Unit {
            db: self,
            tx: self.begin_write().await?,
            now,
            acting: who.acting(),
            events: Vec::new(),
            hints: Vec::new(),
            key: None,
            values_changed: None,
            mail: Vec::new(),
            wake_mail: false,
        })
    }
}

impl std::ops::Deref for Unit<'_> {
    type Target = AnyConnection;
    fn deref(&self) -> &AnyConnection {
        &self.tx
    }
}

impl std::ops::DerefMut for Unit<'_> {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }
}

impl Unit<'_> {
    /// Claims an idempotency key for the acting member (none: nothing to
    /// claim). `Some(answer)`: a replay, the first request's answer, and
    /// the caller returns it without writing. `None`: go on; `commit_with`
    /// stores the answer with the change. A request that fails stores
    /// nothing (it rolls back), so its replay is judged afresh.
    pub(crate) async fn once<T: DeserializeOwned>(
        &mut self,
        key: Option<&str>,
    ) -> Result<Option<T>> {
        let (Some(key), Some(member_id)) = (key, self.acting.member_id) else {
            return Ok(None);
        };
        let first = idempotency::claim(&mut self.tx, member_id, key, self.now).await?;
        if first.is_none() {
            self.key = Some((member_id, key.to_string()));
        }
        Ok(first)
    }

    /// An audit entry for the acting member's workspace.
    pub(crate) fn audit(
        &mut self,
        action: AuditAction,
        client_id: Option<i64>,
        task_id: Option<i64>,
        detail: &str,
    ) {
        let workspace_id = self
            .acting
            .workspace_id
            .expect("an audit entry of a unit that acts for no workspace names it (audit_as)");
        self.events.push(Event {
            at: self.now,
            workspace_id,
            member_id: self.acting.member_id,
            action,
            client_id,
            task_id,
            detail: detail.to_string(),
        });
    }

    /// An audit entry that names its workspace and member itself (a sign-in,
    /// a workspace made in this unit).
    pub(crate) fn audit_as(&mut self, entry: Entry<'_>) {
        let at = self.now;
        self.audit_at(entry, at);
    }

    /// An entry for something that happened at `at` (a look noted earlier).
    pub(crate) fn audit_at(&mut self, entry: Entry<'_>, at: i64) {
        self.events.push(Event {
            at,
            workspace_id: entry.workspace_id,
            member_id: entry.member_id,
            action: entry.action,
            client_id: entry.client_id,
            task_id: entry.task_id,
            detail: entry.detail.to_string(),
        });
    }

    /// This write changes the values of a client of the acting workspace
    /// (a record, a custom field, a former value, an erasure): provider
    /// pages compile the workspace's values again (`lens::workspace`).
    pub(crate) fn client_values_changed(&mut self) {
        self.values_changed = self.acting.workspace_id;
    }

    /// A live hint, published with the change (R7: ids only, never text).
    /// Sends `mail` once this write commits (never if it does not).
    pub(crate) fn mail(&mut self, mail: impl Mailed + 'static) {
        self.mail.push(Box::new(mail));
    }

    /// Tells whoever `notice` concerns, by mail, once this write commits
    /// (resolved then: who, what each may read, who turned it off).
    pub(crate) fn notify(&mut self, notice: impl Mailed + 'static) {
        self.mail.push(Box::new(notice));
    }

    /// Has the sender look at the outbox after the commit (mail made due
    /// again by this write).
    pub(crate) fn wake_mail(&mut self) {
        self.wake_mail = true;
    }

    pub(crate) fn tell(&mut self, hint: Hint) {
        if !self.hints.contains(&hint) {
            self.hints.push(hint);
        }
    }

    /// Writes what the unit collected and commits, returning `answer` (stored
    /// for the claimed idempotency key, if any).
    pub(crate) async fn commit_with<T: Serialize>(mut self, answer: T) -> Result<T> {
        for e in std::mem::take(&mut self.events) {
            let entry = Entry {
                workspace_id: e.workspace_id,
                member_id: e.member_id,
                action: e.action,
                client_id: e.client_id,
                task_id: e.task_id,
                detail: &e.detail,
            };
            audit::record(&mut self.tx, entry, e.at).await?;
        }
        if let Some(workspace_id) = self.values_changed {
            crate::workspace::values_changed(&mut self.tx, workspace_id).await?;
        }
        let mut wake_mail = self.wake_mail;
        for mail in std::mem::take(&mut self.mail) {
            wake_mail |= mail.write(&mut self.tx, self.now).await?;
        }
        if let Some((member_id, key)) = self.key.take() {
            idempotency::answer(&mut self.tx, member_id, &key, &answer).await?;
        }
        // Hints last: on PostgreSQL publishing holds a lock to the commit.
        for hint in std::mem::take(&mut self.hints) {
            live::publish(self.db, &mut self.tx, hint, self.now).await?;
        }
        let db = self.db;
        self.tx.commit().await?;
        if wake_mail {
            db.mail_wake().notify_one();
        }
        Ok(answer)
    }

    pub(crate) async fn commit(self) -> Result<()> {
        self.commit_with(()).await
    }

    /// Ends the unit without writing anything (also what dropping it does).
    pub(crate) async fn rollback(self) -> Result<()> {
        self.tx.rollback().await?;
        Ok(())
    }
}

/// What a write causes by mail (a message, or a notice resolved at commit
/// into messages and digest lines), written in the write's transaction.
/// The mail feature implements it, so the unit, which every feature uses,
/// depends on none of them.
pub(crate) trait Mailed: Send {
    /// Writes it; `true` when a message now waits for the sender.
    fn write<'a>(
        self: Box<Self>,
        conn: &'a mut AnyConnection,
        now: i64,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<bool>> + Send + 'a>>;
}
