//! The edge's server over real sockets: slow and silent clients are cut off, the connection
//! cap holds, hyper's own refusals come in the envelope, and the drain at shutdown answers
//! what is in progress and no more.

mod drain;
mod limits;
mod support;
