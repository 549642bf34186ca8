//! The `plane` plugin: Plane's REST API v1 for every `pm.*` operation.
