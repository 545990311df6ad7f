//! The audit log (R8), as owners read and export it. Events are appended
//! by the write unit (`unit.rs`) inside the transaction of the change they
//! record, so an event exists exactly when its change does. The table
//! refuses UPDATE and DELETE.

pub(crate) mod store;

use crate::caller::Owner;
use crate::error::{Error, Result};
use crate::Database;
use chrono::{NaiveDate, TimeZone};
use chrono_tz::Tz;
use handoff::audit::AUDIT_PER_PAGE;
use handoff::{AuditAction, AuditEvent, AuditFilter, AuditPage, Choice, FieldError};

#[derive(sqlx::FromRow)]
struct EventRow {
    id: i64,
    at: i64,
    member_name: Option<String>,
    action: String,
    client_alias: Option<String>,
    client_name: Option<String>,
    task_id: Option<i64>,
    detail: String,
}

/// The filter, checked: ids, an action, and a half-open range of instants.
struct Query {
    member_id: Option<i64>,
    client_id: Option<i64>,
    action: Option<AuditAction>,
    from: Option<i64>,
    until: Option<i64>,
}

fn day_start(tz: Tz, field: &str, raw: &str, next: bool) -> Result<Option<i64>, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let date = NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| {
        FieldError::new(
            field,
            "Enter the date as year-month-day, such as 2026-11-22.",
        )
    })?;
    let date = if next {
        date.succ_opt().unwrap_or(date)
    } else {
        date
    };
    let midnight = date.and_hms_opt(0, 0, 0).unwrap_or_default();
    Ok(tz
        .from_local_datetime(&midnight)
        .earliest()
        .map(|t| t.timestamp_millis()))
}

fn parse_filter(filter: &AuditFilter, tz: Tz) -> Result<Query> {
    let mut errors = Vec::new();
    let id = |field: &str, raw: &str, errors: &mut Vec<FieldError>| {
        let raw = raw.trim();
        if raw.is_empty() {
            return None;
        }
        raw.parse::<i64>()
            .map_err(|_| errors.push(FieldError::new(field, "Choose from the list.")))
            .ok()
    };
    let member_id = id("member_id", &filter.member_id, &mut errors);
    let client_id = id("client_id", &filter.client_id, &mut errors);
    let action = match filter.action.trim() {
        "" => None,
        raw => {
            let a = AuditAction::parse(raw);
            if a.is_none() {
                errors.push(FieldError::new("action", "Choose from the list."));
            }
            a
        }
    };
    let from = day_start(tz, "from", &filter.from, false)
        .map_err(|e| errors.push(e))
        .ok()
        .flatten();
    let until = day_start(tz, "to", &filter.to, true)
        .map_err(|e| errors.push(e))
        .ok()
        .flatten();
    // `until` is the start of the day after "To": a "To" before "From"
    // would silently match nothing.
    if let (Some(from), Some(until)) = (from, until) {
        if until <= from {
            errors.push(FieldError::new(
                "to",
                "“To” is before “From”. Choose a “To” date on or after the “From” date.",
            ));
        }
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    Ok(Query {
        member_id,
        client_id,
        action,
        from,
        until,
    })
}

async fn viewer_zone(db: &Database, owner: &Owner) -> Result<Tz> {
    let mut conn = db.pool().acquire().await?;
    crate::member_row::time_zone(&mut conn, owner.member_id()).await
}

fn local(tz: Tz, at: i64) -> String {
    chrono::DateTime::from_timestamp_millis(at)
        .map(|t| t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

/// One page of events (or, with `limit` None, all of them) matching the
/// query, newest first. Every condition uses an index on `audit_events`.
async fn events(
    db: &Database,
    owner: &Owner,
    q: &Query,
    tz: Tz,
    limit: Option<(u32, u32)>,
) -> Result<Vec<AuditEvent>> {
    // The looks this process still holds go in first: an owner reads every
    // look made before they asked (`lens::looks`).
    crate::lens::looks::flush(db).await?;
    // A filter left empty is bound as NULL and passes every event.
    let mut sql = "SELECT e.id, e.at, m.display_name AS member_name, e.action, \
         c.alias AS client_alias, c.name AS client_name, e.task_id, e.detail FROM audit_events e \
         LEFT JOIN members m ON m.id = e.member_id LEFT JOIN clients c ON c.id = e.client_id \
         WHERE e.workspace_id = $1 AND ($2 IS NULL OR e.member_id = $2) \
         AND ($3 IS NULL OR e.client_id = $3) AND ($4 IS NULL OR e.at >= $4) \
         AND ($5 IS NULL OR e.at < $5) AND ($6 IS NULL OR e.action = $6) \
         ORDER BY e.at DESC, e.id DESC"
        .to_string();
    if let Some((page, per_page)) = limit {
        sql.push_str(&format!(
            " LIMIT {} OFFSET {}",
            per_page + 1,
            u64::from(page.saturating_sub(1)) * u64::from(per_page)
        ));
    }
    let query = sqlx::query_as::<_, EventRow>(&sql)
        .bind(owner.workspace_id())
        .bind(q.member_id)
        .bind(q.client_id)
        .bind(q.from)
        .bind(q.until)
        .bind(q.action.map(AuditAction::as_str));
    let rows = query.fetch_all(db.pool()).await?;
    rows.into_iter()
        .map(|r| {
            Ok(AuditEvent {
                action: AuditAction::parse(&r.action)
                    .ok_or_else(|| Error::corrupt(format!("action of audit event {}", r.id)))?,
                event_id: r.id,
                when: local(tz, r.at),
                member_name: r.member_name,
                client_alias: r
                    .client_alias
                    .and_then(|a| handoff::Alias::parse(&a))
                    .map(|a| a.to_string()),
                client_name: r.client_name.filter(|n| !n.is_empty()),
                task_id: r.task_id,
                detail: r.detail,
            })
        })
        .collect()
}

/// Owners: a page of the workspace's audit log, with what the filters offer.
#[tracing::instrument(skip_all, fields(member = owner.member_id()))]
pub async fn page(
    db: &Database,
    owner: &Owner,
    filter: &AuditFilter,
    page: u32,
) -> Result<AuditPage> {
    let tz = viewer_zone(db, owner).await?;
    let q = parse_filter(filter, tz)?;
    let page = page.max(1);
    let mut events = events(db, owner, &q, tz, Some((page, AUDIT_PER_PAGE))).await?;
    let has_more = events.len() > AUDIT_PER_PAGE as usize;
    events.truncate(AUDIT_PER_PAGE as usize);
    let mut conn = db.pool().acquire().await?;
    let members = crate::member_row::names(&mut conn, owner.workspace_id()).await?;
    let clients = crate::client_refs::aliases(&mut conn, owner.workspace_id()).await?;
    Ok(AuditPage {
        events,
        page,
        has_more,
        time_zone: tz.name().to_string(),
        members: members
            .into_iter()
            .map(|(id, label)| Choice { id, label })
            .collect(),
        clients: clients
            .into_iter()
            .map(|(id, alias)| Choice {
                id,
                label: handoff::Alias::parse(&alias)
                    .map(|a| a.to_string())
                    .unwrap_or_default(),
            })
            .collect(),
    })
}

/// One CSV cell, quoted when it must be, and defused against spreadsheet
/// formula injection: a cell that starts with `=`, `+`, `-`, `@`, a tab or a
/// carriage return, or has one right after a separator a spreadsheet may
/// split on (`,`, `;`, tab, a line break), gets a `'` before it.
pub fn csv_cell(raw: &str) -> String {
    const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];
    const SEPARATORS: [char; 5] = [',', ';', '\t', '\n', '\r'];
    let mut value = String::with_capacity(raw.len() + 2);
    let mut after_separator = true;
    for c in raw.chars() {
        if after_separator && TRIGGERS.contains(&c) {
            value.push('\'');
        }
        after_separator = SEPARATORS.contains(&c);
        value.push(c);
    }
    if value.contains([',', ';', '"', '\n', '\r', '\t']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// Owners: every event the filter matches as CSV. The export itself is
/// recorded first, so it appears in what it exports.
#[tracing::instrument(skip_all, fields(member = owner.member_id()))]
pub async fn export_csv(
    db: &Database,
    owner: &Owner,
    filter: &AuditFilter,
    now: i64,
) -> Result<String> {
    let tz = viewer_zone(db, owner).await?;
    let q = parse_filter(filter, tz)?;
    let mut tx = db.write(owner, now).await?;
    tx.audit(AuditAction::AuditExported, None, None, "CSV");
    tx.commit().await?;
    let events = events(db, owner, &q, tz, None).await?;
    let mut out = format!(
        "when ({}),member,action,client,client name,task,detail\n",
        tz.name()
    );
    for e in events {
        let row = [
            e.when,
            e.member_name.unwrap_or_default(),
            e.action.to_string(),
            e.client_alias.unwrap_or_default(),
            e.client_name.unwrap_or_default(),
            e.task_id.map(|t| t.to_string()).unwrap_or_default(),
            e.detail,
        ];
        let cells: Vec<String> = row.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::csv_cell;

    #[test]
    fn csv_cells_are_defused_at_the_start_and_after_every_separator() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        for lead in ["=", "+", "-", "@", "\t", "\r"] {
            assert!(csv_cell(&format!("{lead}1"))
                .trim_start_matches('"')
                .starts_with('\''));
        }
        assert_eq!(csv_cell("x;=cmd()"), "\"x;'=cmd()\"");
        assert_eq!(csv_cell("x\t+1"), "\"x\t'+1\"");
        assert_eq!(csv_cell("x,@SUM(A1)"), "\"x,'@SUM(A1)\"");
        assert_eq!(csv_cell("a\n-2"), "\"a\n'-2\"");
        assert_eq!(csv_cell("well-known a-b"), "well-known a-b");
    }
}
