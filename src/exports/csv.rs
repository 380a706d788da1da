//! The attendee CSV: an encoder that turns pages of rows into bytes, and the streamed HTTP
//! body built on it (one chunk per page, so the first rows leave before the last are read).

use axum::body::{Body, Bytes};
use entity::event;
use sea_orm::DatabaseConnection;

use super::attendees::{AttendeePages, AttendeeRow, Columns, ExportOptions};
use super::cells::protect;

const BOM: &[u8] = "\u{feff}".as_bytes();

/// Writes the header before the first page, then each page's rows; every cell protected
/// against formula injection.
pub struct CsvEncoder {
    builder: ::csv::WriterBuilder,
    columns: Columns,
    bom: bool,
    started: bool,
}

impl CsvEncoder {
    pub fn new(columns: Columns, options: &ExportOptions) -> CsvEncoder {
        let mut builder = ::csv::WriterBuilder::new();
        builder.delimiter(options.delimiter.byte()).terminator(::csv::Terminator::CRLF);
        CsvEncoder { builder, columns, bom: options.bom, started: false }
    }

    /// The BOM and header if not written yet, then `rows`.
    pub fn page(&mut self, rows: &[AttendeeRow]) -> Result<Vec<u8>, ::csv::Error> {
        let mut buffer = Vec::with_capacity(256 * (rows.len() + 1));
        if !self.started && self.bom {
            buffer.extend_from_slice(BOM);
        }
        let mut writer = self.builder.from_writer(buffer);
        if !self.started {
            writer.write_record(self.columns.header())?;
            self.started = true;
        }
        for row in rows {
            let cells = self.columns.cells(row);
            writer.write_record(cells.iter().map(|c| protect(c)).collect::<Vec<_>>().iter().map(|c| c.as_bytes()))?;
        }
        writer.into_inner().map_err(|e| ::csv::Error::from(e.into_error()))
    }
}

/// The whole export as a streamed body: a chunk per page, while the next pages are read (see
/// [`read_ahead`]), so reading, encoding and sending overlap; memory stays flat.
pub fn body(db: DatabaseConnection, event: &event::Model, options: ExportOptions) -> Body {
    let encoder = CsvEncoder::new(Columns::new(event, options.people), &options);
    let pages = read_ahead(db, AttendeePages::new(event.id, options.filter));
    let stream = futures_util::stream::try_unfold((Some(pages), encoder), |(pages, mut encoder)| async move {
        let Some(mut pages) = pages else { return Ok(None) };
        let first = !encoder.started;
        let (chunk, pages) = match pages.recv().await {
            Some(Ok(Some(rows))) => (encoder.page(&rows), Some(pages)),
            // An empty export is its header alone.
            Some(Ok(None)) if first => (encoder.page(&[]), None),
            Some(Ok(None)) => return Ok(None),
            Some(Err(err)) => {
                // The status line is gone already: cutting the connection is how the client
                // learns the file is incomplete.
                tracing::error!(error = %err, "attendee export failed mid-stream");
                return Err(std::io::Error::other(err));
            }
            None => {
                tracing::error!("attendee export: the reading task stopped before the last page");
                return Err(std::io::Error::other("the export's reading stopped"));
            }
        };
        let chunk = chunk.map_err(|e| {
            tracing::error!(error = %e, "attendee export could not encode a row");
            std::io::Error::other(e)
        })?;
        Ok(Some((Bytes::from(chunk), (pages, encoder))))
    });
    // Fused: a layer that polls again after the end (compression does) gets `None`, not a panic.
    Body::from_stream(futures_util::StreamExt::fuse(stream))
}

/// Pages read ahead of the encoder.
const READ_AHEAD: usize = 2;

/// Reads `pages` in a task of its own, up to [`READ_AHEAD`] pages ahead: each page, then
/// `Ok(None)` after the last. A receiver dropped (the client went away) stops the reading; a
/// channel closed without `Ok(None)` means the reading failed.
fn read_ahead(
    db: DatabaseConnection,
    mut pages: AttendeePages,
) -> tokio::sync::mpsc::Receiver<Result<Option<Vec<AttendeeRow>>, sea_orm::DbErr>> {
    let (read, receiver) = tokio::sync::mpsc::channel(READ_AHEAD);
    tokio::spawn(async move {
        loop {
            let page = pages.next(&db).await;
            let more = matches!(page, Ok(Some(_)));
            if read.send(page).await.is_err() || !more {
                break;
            }
        }
    });
    receiver
}

#[cfg(test)]
mod tests {
    use chrono::Utc;
    use serde_json::json;
    use uuid::Uuid;

    use super::super::attendees::Delimiter;
    use super::*;

    fn row(org: &str) -> AttendeeRow {
        AttendeeRow {
            id: Uuid::nil(),
            first_name: "Amina".into(),
            last_name: "El Idrissi".into(),
            email: "amina@example.org".into(),
            organization: org.into(),
            mode: "online".into(),
            status: "confirmed".into(),
            language: "fr".into(),
            created_at: Utc::now(),
            answers: Some(json!({})),
            checked_in_at: None,
            joined_online_at: None,
        }
    }

    fn event() -> event::Model {
        let now = Utc::now();
        event::Model {
            id: Uuid::nil(),
            access: Default::default(),
            allowed_email_domains: Default::default(),
            per_organization_in_person_cap: None,
            organization_cap_lifts_at: None,
            organization_cap_lifted_at: None,
            slug: "s".into(),
            title: "t".into(),
            description: String::new(),
            translations: Default::default(),
            starts_at: now,
            ends_at: now,
            timezone: "Europe/Brussels".into(),
            venue: None,
            online_url: None,
            offers_in_person: true,
            offers_online: true,
            in_person_capacity: None,
            online_capacity: None,
            in_person_confirmed: 0,
            online_confirmed: 0,
            in_person_held: 0,
            in_person_held_used: 0,
            programme: Default::default(),
            waitlist: true,
            registration_closes_at: None,
            status: entity::EventStatus::Published,
            questions: Default::default(),
            next_queue_seq: 1,
            revision: 0,
            calendar_sequence: 0,
            reminder_minutes_before: 0,
            retention_days: 180,
            retention_from: None,
            personal_data_erased_at: None,
            reminders_queued_at: None,
            waitlist_closed_at: None,
            created_by: None,
            created_at: now,
            updated_at: now,
        }
    }

    #[test]
    fn the_bom_and_header_come_once_before_the_first_rows() {
        let options = ExportOptions { delimiter: Delimiter::Semicolon, bom: true, ..Default::default() };
        let mut encoder = CsvEncoder::new(Columns::for_event(&event()), &options);
        let first = encoder.page(&[row("Caritas; Brussels")]).unwrap_or_default();
        let second = encoder.page(&[row("=cmd")]).unwrap_or_default();
        assert!(first.starts_with(BOM));
        let text = String::from_utf8_lossy(&first[BOM.len()..]).into_owned();
        assert!(text.starts_with("registration_id;first_name;"), "{text}");
        assert!(text.contains("\"Caritas; Brussels\""), "{text}");
        let second = String::from_utf8_lossy(&second).into_owned();
        assert!(!second.contains("registration_id") && second.contains(";'=cmd;"), "{second}");
    }
}
