//! People who asked to be invited to future editions ("invite me to future editions" on the
//! form), and the stop link every invitation mail carries. A contact has its own consent
//! record and outlives any event's retention; stopping removes it and remembers only a hash
//! of the address, so that no later invitation reaches it.

pub mod pages;
pub mod service;
