//! Mail: typed messages written to the outbox in the caller's transaction.

pub mod messages;
pub mod outbox;

pub use messages::Message;
