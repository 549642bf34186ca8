//! The `gitea` plugin against a stateful fake of Gitea's API served below `/api/v1`, so that a
//! base URL with a path prefix is what every test uses (behaviour and the provider
//! conformance suite), and against Gitea's own API description under Prism (contract).

mod behaviour;
mod conformance;
mod contract;
mod outcomes;
mod writes;
