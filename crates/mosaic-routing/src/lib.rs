//! The router: ordered rules to an explainable plan of candidate instances.
