//! A fake of Confluence Cloud (being assembled).
