//! An SMTP server on loopback (`mailin-embedded`) that keeps what it
//! accepts, for the mail suites: real SMTP from `lettre`, end to end.
#![allow(dead_code)] // Each suite uses its own part.

use handoff_server::mail::{self, send_due, Transport};
use handoff_server::Database;
use mailin_embedded::{response, Handler, Response, Server, SslConfig};
use std::net::{IpAddr, TcpListener};
use std::sync::{Arc, Mutex};

/// A message the sink accepted.
#[derive(Clone, Debug)]
pub struct Received {
    pub to: Vec<String>,
    pub data: String,
}

impl Received {
    /// The message as a reader sees it: quoted-printable undone (soft
    /// breaks and `=XX` bytes), read as UTF-8.
    pub fn text(&self) -> String {
        let raw = self.data.replace("=\r\n", "");
        let bytes = raw.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .filter(|h| {
                    h.bytes()
                        .all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b))
                })
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            match (bytes[i], hex) {
                (b'=', Some(byte)) => {
                    out.push(byte);
                    i += 3;
                }
                (b, _) => {
                    out.push(b);
                    i += 1;
                }
            }
        }
        String::from_utf8_lossy(&out).into_owned()
    }
}

/// An SMTP server that keeps what it accepts. Recipients starting with
/// `soft` get a 451 (try later), with `hard` a 550 (no such mailbox).
#[derive(Clone, Default)]
pub struct Sink {
    received: Arc<Mutex<Vec<Received>>>,
    to: Vec<String>,
    data: Vec<u8>,
}

impl Handler for Sink {
    fn rcpt(&mut self, to: &str) -> Response {
        if to.starts_with("soft") {
            Response::custom(451, "Try again later".into())
        } else if to.starts_with("hard") {
            response::NO_MAILBOX
        } else {
            response::OK
        }
    }

    fn data_start(&mut self, _: &str, _: &str, _: bool, to: &[String]) -> Response {
        self.to = to.to_vec();
        self.data.clear();
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        self.received.lock().unwrap().push(Received {
            to: std::mem::take(&mut self.to),
            data: String::from_utf8_lossy(&std::mem::take(&mut self.data)).into_owned(),
        });
        response::OK
    }

    fn helo(&mut self, _: IpAddr, _: &str) -> Response {
        response::OK
    }
}

/// Starts a sink on `listener`'s port; it serves until the test ends.
pub fn start_sink(listener: TcpListener) -> Arc<Mutex<Vec<Received>>> {
    let sink = Sink::default();
    let received = sink.received.clone();
    let mut server = Server::new(sink);
    server
        .with_name("sink.test")
        .with_ssl(SslConfig::None)
        .unwrap()
        // More sessions than the sender's pool keeps open.
        .with_num_threads(8)
        .with_tcp_listener(listener);
    std::thread::spawn(move || {
        let _ = server.serve();
    });
    received
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub fn smtp(port: u16) -> Transport {
    Transport::smtp(
        &format!("smtp://127.0.0.1:{port}"),
        "Handoff <handoff@handoff.test>",
    )
    .unwrap()
}

/// A sink on a fresh port, and the transport that reaches it.
pub fn sink() -> (Arc<Mutex<Vec<Received>>>, Transport) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    (start_sink(listener), smtp(port))
}

pub async fn send(db: &Database, transport: &Transport, at: i64) -> mail::SendReport {
    send_due(db, transport, move || at).await.unwrap()
}

pub fn to(received: &[Received], address: &str) -> Vec<Received> {
    received
        .iter()
        .filter(|r| r.to.iter().any(|t| t == address))
        .cloned()
        .collect()
}

/// The (recipient, what, tag) of a message's one-click unsubscribe link.
pub fn unsubscribe_of(mail: &Received) -> (String, String, String) {
    let data = mail.text();
    let start = data.find("/unsubscribe/").expect("an unsubscribe link") + "/unsubscribe/".len();
    let path: String = data[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_' || *c == '/')
        .collect();
    let parts: Vec<&str> = path.split('/').collect();
    (parts[0].into(), parts[1].into(), parts[2].into())
}
