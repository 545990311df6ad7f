use handoff::Role;

/// The acting member: who is asking, in which workspace, with which role.
/// Only `session::authenticate` and the sign-in use cases make one, so a use
/// case that takes an `Actor` knows the request came through the one door.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub(crate) member_id: i64,
    pub(crate) workspace_id: i64,
    pub(crate) role: Role,
    pub(crate) token_hash: String,
    /// An owner whose workspace requires two-factor sign-in and who has not
    /// set it up yet: they may only set it up (or sign out).
    pub(crate) needs_two_factor_setup: bool,
}

impl Actor {
    pub fn member_id(&self) -> i64 {
        self.member_id
    }

    pub fn workspace_id(&self) -> i64 {
        self.workspace_id
    }

    pub fn role(&self) -> Role {
        self.role
    }

    pub fn needs_two_factor_setup(&self) -> bool {
        self.needs_two_factor_setup
    }

    pub fn is_owner(&self) -> bool {
        self.role == Role::Owner
    }
}
