//! The `linear` plugin: Linear's GraphQL API for every `pm.*` operation.
