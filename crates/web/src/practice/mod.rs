//! Practice: the reader's own work on the bank (mock interviews, progress).
pub(crate) mod mock;
pub(crate) mod progress;
