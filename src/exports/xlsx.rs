//! The attendee list as an XLSX workbook, the same rows and columns as the CSV.
//!
//! rust_xlsxwriter's constant-memory worksheet writes each row to a temporary file as it
//! comes, and `save_to_writer` zips that file straight into any writer, so neither the rows
//! nor the workbook are ever held in memory. Writing happens on a blocking thread; pages are
//! read on the async side and handed over through a channel of two pages at most.
//!
//! Cells are typed text, so nothing runs as a formula; cells a spreadsheet would still treat
//! as formulas once edited carry Excel's own "quote prefix" style (the text is kept whole).

use std::io::Write;

use axum::body::{Body, Bytes};
use entity::event;
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use sea_orm::DatabaseConnection;
use tokio::sync::mpsc;

use super::attendees::{AttendeePages, AttendeeRow, Columns, ExportFilter};
use super::cells::is_dangerous;

/// Writes the workbook from pages received on `pages` (`Err` aborts) to `out`.
fn write_workbook(
    columns: &Columns,
    mut next_page: impl FnMut() -> Option<Result<Vec<AttendeeRow>, String>>,
    out: impl Write + Send,
) -> anyhow::Result<()> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let quoted = Format::new().set_quote_prefix();
    let sheet = workbook.add_worksheet_with_constant_memory()?;
    sheet.set_name("Attendees")?;
    for (c, title) in columns.header().iter().enumerate() {
        sheet.write_string_with_format(0, col(c)?, title, &bold)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let mut r: u32 = 1;
    while let Some(page) = next_page() {
        for row in page.map_err(anyhow::Error::msg)? {
            for (c, cell) in columns.cells(&row).iter().enumerate() {
                if cell.is_empty() {
                    continue;
                }
                if is_dangerous(cell) {
                    sheet.write_string_with_format(r, col(c)?, cell, &quoted)?;
                } else {
                    sheet.write_string(r, col(c)?, cell)?;
                }
            }
            r = r.checked_add(1).ok_or_else(|| anyhow::anyhow!("too many rows for a worksheet"))?;
        }
    }
    workbook.save_to_writer(out)?;
    Ok(())
}

fn col(c: usize) -> Result<u16, XlsxError> {
    u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)
}

/// Reads the event's pages and writes the workbook to `out`; `on_page` is told how many rows
/// each page held (the command line's progress bar).
pub async fn write<W: Write + Send + 'static>(
    db: &DatabaseConnection,
    event: &event::Model,
    filter: ExportFilter,
    out: W,
    mut on_page: impl FnMut(usize),
) -> anyhow::Result<()> {
    let columns = Columns::for_event(event);
    let (tx, mut rx) = mpsc::channel::<Result<Vec<AttendeeRow>, String>>(2);
    let writer = tokio::task::spawn_blocking(move || write_workbook(&columns, || rx.blocking_recv(), out));
    let mut pages = AttendeePages::new(event.id, filter);
    loop {
        match pages.next(db).await {
            Ok(Some(rows)) => {
                let n = rows.len();
                if tx.send(Ok(rows)).await.is_err() {
                    break; // the writer stopped; its error is reported below
                }
                on_page(n);
            }
            Ok(None) => break,
            Err(err) => {
                tx.send(Err(err.to_string())).await.ok();
                break;
            }
        }
    }
    drop(tx);
    writer.await?
}

/// Forwards written bytes to a response body in chunks of about 64 KiB.
struct ChannelWriter {
    tx: mpsc::Sender<std::io::Result<Bytes>>,
    buffer: Vec<u8>,
}

const CHUNK: usize = 64 * 1024;

impl Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(data);
        if self.buffer.len() >= CHUNK {
            self.flush()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::replace(&mut self.buffer, Vec::with_capacity(CHUNK)));
        self.tx
            .blocking_send(Ok(chunk))
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "the client went away"))
    }
}

impl Drop for ChannelWriter {
    fn drop(&mut self) {
        // The zip's last bytes; a failed send means the client left, and nothing is owed.
        self.flush().ok();
    }
}

/// The workbook as a streamed response body: bytes flow as the zip is written, after the
/// rows have gone to the worksheet's temporary file.
pub fn body(db: DatabaseConnection, event: event::Model, filter: ExportFilter) -> Body {
    let (tx, rx) = mpsc::channel::<std::io::Result<Bytes>>(4);
    let errors = tx.clone();
    tokio::spawn(async move {
        let out = ChannelWriter { tx, buffer: Vec::with_capacity(CHUNK) };
        if let Err(err) = write(&db, &event, filter, out, |_| {}).await {
            tracing::warn!(error = %format!("{err:#}"), "XLSX export stopped (client gone or database error)");
            errors.send(Err(std::io::Error::other(err.to_string()))).await.ok();
        }
    });
    Body::from_stream(futures_util::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|item| (item, rx)) }))
}
