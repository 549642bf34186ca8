//! Shared test fakes and the provider conformance suite.
