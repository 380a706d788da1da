//! Mail: typed messages written to the outbox in the caller's transaction, and the worker
//! that renders and sends them with retries.

pub mod batch;
pub mod calendar;
pub mod compose;
pub mod composer;
pub mod invitation;
pub mod limits;
pub mod listing;
pub mod mailing;
pub mod mailing_outbox;
pub mod messages;
pub mod outbox;
pub mod placeholders;
pub mod qr;
pub mod retry;
pub mod routes;
pub mod sender;
pub mod smtp;
pub mod transfer;
pub mod transport;
pub mod worker;

pub use messages::Message;
