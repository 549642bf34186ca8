//! The `github` plugin against a stateful fake of GitHub's API (behaviour, writes and the
//! provider conformance suite) and against GitHub's own API description under Prism
//! (contract).

mod behaviour;
mod conformance;
mod contract;
mod outcomes;
mod writes;
