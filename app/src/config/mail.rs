//! Mail settings: `HANDOFF_SMTP_URL`, `HANDOFF_MAIL_FROM`, `HANDOFF_MAIL_DIR`.

use super::{key_file_beside, ConfigError};
use std::path::PathBuf;

/// How mail leaves: an SMTP server, or `.eml` files in a folder (the
/// embedded default: nothing is lost, nobody receives it).
#[derive(Clone, Debug)]
pub struct MailSetting {
    pub smtp_url: Option<String>,
    pub from: String,
    pub folder: PathBuf,
    /// `HANDOFF_MAIL_BATCH_SECONDS`: how long a notification waits for
    /// others about the same thing, so a burst is one message.
    pub batch_seconds: u32,
}

impl MailSetting {
    /// The transport; creates the folder when mail goes there.
    pub fn transport(&self) -> Result<handoff_server::mail::Transport, ConfigError> {
        use handoff_server::mail::Transport;
        match &self.smtp_url {
            Some(url) => Transport::smtp(url, &self.from).map_err(|problem| ConfigError {
                setting: "HANDOFF_SMTP_URL",
                value: redact_password(url),
                problem,
            }),
            None => Transport::folder(&self.folder, &self.from).map_err(|problem| ConfigError {
                setting: "HANDOFF_MAIL_DIR",
                value: self.folder.display().to_string(),
                problem,
            }),
        }
    }
}

/// `smtp://user:…@host`: a URL as it may be shown in a message or a log.
pub(super) fn redact_password(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            let user = userinfo.split(':').next().unwrap_or("");
            format!("{}{user}:…{}", &url[..scheme + 3], &url[at..])
        }
        _ => url.to_string(),
    }
}

/// `data/mail` for `sqlite://data/handoff.db`; `mail` otherwise.
pub(super) fn mail_folder_beside(database_url: &str) -> PathBuf {
    key_file_beside(database_url)
        .and_then(|key| key.parent().map(|dir| dir.join("mail")))
        .unwrap_or_else(|| PathBuf::from("mail"))
}
