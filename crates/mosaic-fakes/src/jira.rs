//! A fake of Jira Cloud's REST API v3 over one [`crate::tracker::Tracker`].
