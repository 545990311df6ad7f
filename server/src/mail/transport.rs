//! How mail leaves: an SMTP server (`HANDOFF_SMTP_URL`), or, when none is
//! configured, `.eml` files in a folder beside the database, so nothing is
//! lost and configuring SMTP later is all it takes.

use super::store::Claimed;
use lettre::message::{header::ContentType, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::AsyncSmtpTransport;
use lettre::{AsyncFileTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::{Path, PathBuf};

/// SMTP connections one app server keeps open to its mail server.
pub(crate) const CONNECTIONS: u32 = 4;

#[derive(Clone)]
enum Via {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Folder(AsyncFileTransport<Tokio1Executor>, PathBuf),
}

/// Where mail goes, and whom it is from.
#[derive(Clone)]
pub struct Transport {
    via: Via,
    from: Mailbox,
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.via {
            Via::Smtp(_) => write!(f, "Transport::Smtp(from {})", self.from),
            Via::Folder(_, path) => write!(f, "Transport::Folder({})", path.display()),
        }
    }
}

/// Why a message was not sent.
#[derive(Debug)]
pub enum Failure {
    /// Worth trying again later: a 4xx answer, a network or TLS problem.
    Transient(String),
    /// Will not work however often it is tried: a 5xx answer, a bad address.
    Permanent {
        reason: String,
        /// The recipient's server refused the address itself (550, 551,
        /// 553): nothing more is sent to it.
        bad_address: bool,
    },
}

impl Transport {
    /// An SMTP server, from a URL: `smtps://user:pass@host:465` (TLS),
    /// `smtp://user:pass@host:587` (STARTTLS required whenever there is a
    /// user), `smtp://host:25` (a local relay: no TLS, no auth). Starts the
    /// connection pool, so it runs inside the tokio runtime.
    pub fn smtp(url: &str, from: &str) -> Result<Transport, String> {
        let from = parse_from(from)?;
        let mailer = smtp_builder(url)?
            .timeout(Some(std::time::Duration::from_secs(20)))
            .pool_config(lettre::transport::smtp::PoolConfig::new().max_size(CONNECTIONS))
            .build();
        Ok(Transport {
            via: Via::Smtp(mailer),
            from,
        })
    }

    /// `.eml` files in `folder` (created if missing): nobody receives them.
    pub fn folder(folder: &Path, from: &str) -> Result<Transport, String> {
        let from = parse_from(from)?;
        std::fs::create_dir_all(folder)
            .map_err(|e| format!("cannot create the mail folder {}: {e}", folder.display()))?;
        Ok(Transport {
            via: Via::Folder(AsyncFileTransport::new(folder), folder.to_path_buf()),
            from,
        })
    }

    /// The folder mail is written to instead of being delivered, if so.
    pub fn folder_path(&self) -> Option<&Path> {
        match &self.via {
            Via::Folder(_, path) => Some(path),
            Via::Smtp(_) => None,
        }
    }

    pub(crate) async fn send(&self, mail: &Claimed) -> Result<(), Failure> {
        let to: Mailbox = mail.recipient.parse().map_err(|e| Failure::Permanent {
            reason: format!("not an e-mail address ({e})"),
            bad_address: false,
        })?;
        let header = |name: &'static str, value: String| {
            lettre::message::header::HeaderValue::new(
                lettre::message::header::HeaderName::new_from_ascii_str(name),
                value,
            )
        };
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(&mail.subject)
            // Nobody answers an automatic message by vacation reply (RFC 3834).
            .raw_header(header("Auto-Submitted", "auto-generated".into()));
        if let Some(url) = &mail.unsubscribe {
            // One click in the mail program turns this kind off (RFC 8058).
            builder = builder
                .raw_header(header("List-Unsubscribe", format!("<{url}>")))
                .raw_header(header(
                    "List-Unsubscribe-Post",
                    "List-Unsubscribe=One-Click".into(),
                ));
        }
        let message = builder
            .multipart(
                MultiPart::alternative()
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_PLAIN)
                            .body(mail.text.clone()),
                    )
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_HTML)
                            .body(mail.html.clone()),
                    ),
            )
            .map_err(|e| Failure::Permanent {
                reason: format!("the message cannot be built: {e}"),
                bad_address: false,
            })?;
        match &self.via {
            Via::Folder(files, _) => files
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| Failure::Transient(format!("cannot write the file: {e}"))),
            Via::Smtp(mailer) => mailer.send(message).await.map(|_| ()).map_err(|e| {
                let reason = e.to_string();
                if e.is_permanent() {
                    let code = e.status().map(|c| c.to_string()).unwrap_or_default();
                    Failure::Permanent {
                        bad_address: ["550", "551", "553"].contains(&code.as_str()),
                        reason,
                    }
                } else {
                    Failure::Transient(reason)
                }
            }),
        }
    }
}

/// Whether `url` is an SMTP URL Handoff can use (nothing is connected).
pub fn check_smtp_url(url: &str) -> Result<(), String> {
    smtp_builder(url).map(|_| ())
}

/// Whether `from` can be the sender of Handoff's mail.
pub fn check_sender(from: &str) -> Result<(), String> {
    parse_from(from).map(|_| ())
}

fn smtp_builder(url: &str) -> Result<lettre::transport::smtp::AsyncSmtpTransportBuilder, String> {
    let url = url.trim();
    if !(url.starts_with("smtp://") || url.starts_with("smtps://")) {
        return Err(
            "must start with smtp:// or smtps://, e.g. smtp://user:password@mail.example.com:587"
                .into(),
        );
    }
    let with_user = url
        .split_once("://")
        .map(|(_, rest)| rest.split('/').next().unwrap_or("").contains('@'))
        .unwrap_or(false);
    let url = if url.starts_with("smtp://") && with_user && !url.contains("tls=") {
        // A password never crosses the network in clear.
        let joiner = if url.contains('?') { '&' } else { '?' };
        format!("{url}{joiner}tls=required")
    } else {
        url.to_string()
    };
    AsyncSmtpTransport::<Tokio1Executor>::from_url(&url).map_err(|e| {
        format!("is not an SMTP URL ({e}): use smtp://user:password@host:587, smtps://user:password@host:465 or smtp://host:25")
    })
}

fn parse_from(from: &str) -> Result<Mailbox, String> {
    from.trim().parse().map_err(|e| {
        format!("is not a sender address ({e}): use an address, or a name and an address, e.g. \"Handoff <handoff@example.com>\"")
    })
}
