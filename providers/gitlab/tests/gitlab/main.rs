//! The `gitlab` plugin against a stateful fake of GitLab's REST API v4 served below `/api/v4`,
//! so that a base URL with a path prefix is what every test uses (behaviour, writes and the
//! provider conformance suite, on a top-level and a nested-group project), and against
//! GitLab's own API description under Prism (contract).

mod behaviour;
mod conformance;
mod contract;
mod outcomes;
mod writes;
