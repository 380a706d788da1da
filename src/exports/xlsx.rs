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
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};
use sea_orm::DatabaseConnection;
use tokio::sync::mpsc;

use super::attendees::{AttendeePages, AttendeeRow, Cell, Columns, ExportOptions};
use super::cells::is_dangerous;

/// Writes the workbook from pages received on `pages` (`Err` aborts) to `out`.
///
/// The people preset has date cells, columns as wide as their content (measured on the first
/// page, as constant-memory writing must set widths before rows), a frozen header and
/// filters, and text exactly as entered: typed text cells never run as formulas, so it needs
/// no visible guard. The script form keeps Excel's quote-prefix style on formula-like text.
fn write_workbook(
    columns: &Columns,
    mut next_page: impl FnMut() -> Option<Result<Vec<AttendeeRow>, String>>,
    out: impl Write + Send,
) -> anyhow::Result<()> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let quoted = Format::new().set_quote_prefix();
    let date = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    let sheet = workbook.add_worksheet_with_constant_memory()?;
    sheet.set_name("Attendees")?;
    let header = columns.header();
    let mut first = next_page().transpose().map_err(anyhow::Error::msg)?;
    if columns.for_people() {
        for (c, width) in widths(columns, &header, first.as_deref().unwrap_or_default()).into_iter().enumerate() {
            sheet.set_column_width(col(c)?, width)?;
        }
    }
    for (c, title) in header.iter().enumerate() {
        sheet.write_string_with_format(0, col(c)?, title, &bold)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let mut r: u32 = 1;
    loop {
        let page = match first.take() {
            Some(page) => page,
            None => match next_page() {
                Some(page) => page.map_err(anyhow::Error::msg)?,
                None => break,
            },
        };
        for row in page {
            for (c, cell) in columns.typed(&row).into_iter().enumerate() {
                match cell {
                    Cell::Text(text) if text.is_empty() => {}
                    Cell::Text(text) if !columns.for_people() && is_dangerous(&text) => {
                        sheet.write_string_with_format(r, col(c)?, &text, &quoted)?;
                    }
                    Cell::Text(text) => {
                        sheet.write_string(r, col(c)?, &text)?;
                    }
                    Cell::Time(at) => {
                        sheet.write_datetime_with_format(r, col(c)?, excel_time(at)?, &date)?;
                    }
                }
            }
            r = r.checked_add(1).ok_or_else(|| anyhow::anyhow!("too many rows for a worksheet"))?;
        }
    }
    if columns.for_people() && !header.is_empty() {
        sheet.autofilter(0, 0, r.saturating_sub(1).max(1), col(header.len() - 1)?)?;
    }
    workbook.save_to_writer(out)?;
    Ok(())
}

/// Column widths in characters: the header or the widest cell of `sample`, 8 to 50.
fn widths(columns: &Columns, header: &[String], sample: &[AttendeeRow]) -> Vec<f64> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count() + 2).collect();
    for row in sample {
        for (c, cell) in columns.typed(row).iter().enumerate() {
            let len = match cell {
                Cell::Text(text) => text.chars().count(),
                Cell::Time(_) => 16,
            };
            if let Some(width) = widths.get_mut(c) {
                *width = (*width).max(len + 1);
            }
        }
    }
    widths.into_iter().map(|w| w.clamp(8, 50) as f64).collect()
}

fn excel_time(at: chrono::NaiveDateTime) -> Result<ExcelDateTime, XlsxError> {
    use chrono::{Datelike, Timelike};
    let year = u16::try_from(at.year()).map_err(|_| XlsxError::DateTimeRangeError(at.to_string()))?;
    ExcelDateTime::from_ymd(year, at.month() as u8, at.day() as u8)?.and_hms(at.hour() as u16, at.minute() as u8, 0)
}

fn col(c: usize) -> Result<u16, XlsxError> {
    u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)
}

/// Reads the event's pages and writes the workbook to `out`; `on_page` is told how many rows
/// each page held (the command line's progress bar).
pub async fn write<W: Write + Send + 'static>(
    db: &DatabaseConnection,
    event: &event::Model,
    options: ExportOptions,
    out: W,
    mut on_page: impl FnMut(usize),
) -> anyhow::Result<()> {
    let columns = Columns::new(event, options.people);
    let filter = options.filter;
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
pub fn body(db: DatabaseConnection, event: event::Model, options: ExportOptions) -> Body {
    let (tx, rx) = mpsc::channel::<std::io::Result<Bytes>>(4);
    let errors = tx.clone();
    tokio::spawn(async move {
        let out = ChannelWriter { tx, buffer: Vec::with_capacity(CHUNK) };
        if let Err(err) = write(&db, &event, options, out, |_| {}).await {
            tracing::warn!(error = %format!("{err:#}"), "XLSX export stopped (client gone or database error)");
            errors.send(Err(std::io::Error::other(err.to_string()))).await.ok();
        }
    });
    let chunks = futures_util::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|item| (item, rx)) });
    // Fused: a layer that polls again after the end (compression does) gets `None`, not a panic.
    Body::from_stream(futures_util::StreamExt::fuse(chunks))
}
