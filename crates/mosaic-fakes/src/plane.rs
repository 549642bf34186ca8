//! A fake of Plane's REST API v1 over one [`crate::tracker::Tracker`].
