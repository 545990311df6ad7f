//! Handoff's domain, shared by the browser and the server.
//!
//! Everything here is plain data and pure rules: no I/O, so it compiles to
//! wasm for the browser and natively for the server, and the rules are tested
//! once for both.

pub mod account;
pub mod alias;
pub mod audience;
pub mod audit;
pub mod client;
pub mod dashboard;
pub mod draft;
pub mod field;
pub mod language;
pub mod live;
pub mod mail;
pub mod next;
pub mod preview;
pub mod provider;
pub mod reach;
pub mod redaction;
pub mod solicitation;
pub mod state;
pub mod status;
pub mod submission;
pub mod task;
pub mod thread;
pub mod work;
pub mod workspace;
pub mod zones;

pub use account::{
    check_password_shape, DisplayName, Email, FieldError, InvitationPreview, InvitationStatus,
    InvitationSummary, Me, MemberSummary, Role, TwoFactorKey, TwoFactorStatus,
};
pub use alias::Alias;
pub use audience::{
    hidden_parts, ClientHtml, ClientSecrets, ClientText, ProviderHtml, ProviderSecrets,
    ProviderText,
};
pub use audit::{AuditAction, AuditEvent, AuditFilter, AuditPage};
pub use client::{
    ClientField, ClientInput, ClientPage, ClientRecord, ClientSummary, CustomField, FieldKind,
};
pub use dashboard::{Dashboard, OwnerDashboard, ProviderDashboard, Shortlist, Waiting};
pub use language::Language;
pub use live::LiveKind;
pub use mail::{
    digest_hour_said, MailKind, MailOverview, MailProblem, MailState, NotifyChoice, NotifyKind,
    NotifySetting, NotifySettings,
};
pub use provider::{ClientView, Disclosed, ProviderTask, ProviderTaskLine};
pub use status::{DatabaseKind, ServiceStatus};
pub use task::{
    Choice, DisclosureOption, Due, OwnerTask, TaskChoices, TaskInput, TaskLine, TaskState,
};
pub use workspace::{CurrencyCode, WorkspaceError, WorkspaceName};
