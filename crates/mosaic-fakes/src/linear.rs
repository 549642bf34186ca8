//! A fake of Linear's GraphQL API over one [`crate::tracker::Tracker`].
