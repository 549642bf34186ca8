//! The `confluence` plugin (being assembled).
pub mod storage;
