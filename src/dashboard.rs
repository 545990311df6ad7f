//! Home for a signed-in member: what needs them today, and the counts the
//! navigation shows beside "Tasks". An owner's lines may name clients; a
//! provider's are `ProviderTaskLine`s, made only by the provider lens.

use crate::provider::ProviderTaskLine;
use crate::task::TaskLine;
use serde::{Deserialize, Serialize};

/// How many lines each list of the home page shows; its count says how
/// many there are in all.
/// A navigation badge counts up to this and then says "99+": counting
/// further would cost a page a scan of every unread message of a busy
/// workspace, and nobody reads a badge of 10,629.
pub const BADGE_MAX: i64 = 99;

/// How a badge writes its count.
pub fn badge_text(n: i64) -> String {
    if n > BADGE_MAX {
        format!("{BADGE_MAX}+")
    } else {
        n.to_string()
    }
}

pub const DASHBOARD_LINES: usize = 5;

/// How far ahead "due soon" looks: seven days.
pub const DUE_SOON_MS: i64 = 7 * 24 * 60 * 60 * 1000;

/// The first lines of one list, and how many it holds in all.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shortlist<T> {
    pub lines: Vec<T>,
    pub total: i64,
}

/// What an owner's workspace has at all, so an empty home page can say
/// what to do first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Beginnings {
    pub clients: bool,
    pub tasks: bool,
    pub providers: bool,
}

/// An owner's home page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnerDashboard {
    /// Submitted work waiting for the owner's review.
    pub to_review: Shortlist<TaskLine>,
    /// Open tasks past their due time (those waiting for review excepted).
    pub overdue: Shortlist<TaskLine>,
    /// Open tasks due within seven days (those waiting for review excepted).
    pub due_soon: Shortlist<TaskLine>,
    /// Drafts: tasks nobody has been given yet.
    pub unassigned: Shortlist<TaskLine>,
    pub beginnings: Beginnings,
}

/// A provider's home page: nothing in it names a client.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderDashboard {
    /// Work the owner sent back: first, since it is already late in spirit.
    pub changes_requested: Shortlist<ProviderTaskLine>,
    /// Assigned or started, soonest due first, in the provider's zone.
    pub next: Shortlist<ProviderTaskLine>,
    /// Handed in, waiting for the owner.
    pub waiting_for_review: i64,
}

/// The home page, as the viewer's role has it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Dashboard {
    Owner(OwnerDashboard),
    Provider(ProviderDashboard),
}

/// What waits for a member, shown beside the navigation's links.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Waiting {
    Owner {
        to_review: i64,
        overdue: i64,
        /// Relay requests waiting for a decision.
        relay_pending: i64,
        /// Client messages this owner has not read.
        unread_client: i64,
    },
    Provider {
        to_do: i64,
        changes_requested: i64,
        /// Team messages from owners this provider has not read.
        unread_team: i64,
        /// Relay requests returned and not seen yet.
        returned_relays: i64,
    },
}

impl Waiting {
    /// Everything waiting, for the compact menu's single badge.
    pub fn total(self) -> i64 {
        match self {
            Waiting::Owner {
                to_review,
                overdue,
                relay_pending,
                unread_client,
            } => to_review + overdue + relay_pending + unread_client,
            Waiting::Provider {
                to_do,
                changes_requested,
                unread_team,
                returned_relays,
            } => to_do + changes_requested + unread_team + returned_relays,
        }
    }
}
