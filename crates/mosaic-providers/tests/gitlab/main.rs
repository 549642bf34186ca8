//! The `gitlab` plugin against a stateful fake of GitLab's API below `/api/v4` (behaviour and
//! the provider conformance suite) and against GitLab's own API description under Prism
//! (contract).

#[path = "../support/mod.rs"]
mod support;

mod conformance;
mod contract;
mod specific;

forge_behaviour_tests!(
    mosaic_providers::gitlab::GitLabPlugin,
    mosaic_fakes::gitlab::start
);
