//! The REST front end: /v1 routes and the OpenAPI document generated from the catalog, health and metrics.
