//! Live updates: what kind of thing changed, as the event stream names it.
//! A hint carries only a kind and an object's id, never text: the page that
//! hears it re-fetches what it shows through its usual server function, so
//! every rule that guards that read still applies (R1, R7).

/// What changed. The stream sends it as the event's name (`event: task`);
/// the browser keeps one counter per kind that pages' resources track.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LiveKind {
    /// A task's state, assignee or terms: the navigation's counts, the
    /// dashboards, the board and the task's page.
    Task,
    /// A message in a task's team thread or a client thread.
    Thread,
    /// The owners' relay queue (a provider's message for a client).
    Relay,
}

impl LiveKind {
    pub const ALL: [LiveKind; 3] = [LiveKind::Task, LiveKind::Thread, LiveKind::Relay];

    /// The event name on the wire and the stored value.
    pub fn as_str(self) -> &'static str {
        match self {
            LiveKind::Task => "task",
            LiveKind::Thread => "thread",
            LiveKind::Relay => "relay",
        }
    }

    pub fn parse(raw: &str) -> Option<LiveKind> {
        LiveKind::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    /// Its place in `ALL`, for the browser's counters.
    pub fn index(self) -> usize {
        self as usize
    }
}

/// The event that tells a page to re-fetch everything it shows: sent when
/// the server may have missed hints (its database listener reconnected, a
/// slow stream fell behind) or when a `Last-Event-ID` is older than what is
/// kept. Never a silent gap.
pub const RESYNC: &str = "resync";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_and_index_their_place() {
        for (i, kind) in LiveKind::ALL.into_iter().enumerate() {
            assert_eq!(LiveKind::parse(kind.as_str()), Some(kind));
            assert_eq!(kind.index(), i);
            assert_ne!(kind.as_str(), RESYNC);
        }
        assert_eq!(LiveKind::parse("Task"), None);
        assert_eq!(LiveKind::parse(""), None);
    }
}
