-- The audit chain is keyed: every record is sealed with an HMAC under a key kept outside the
-- database, and names the key that sealed it. Records from before have no key id; they were
-- linked with a plain SHA-256 and still verify as such.
ALTER TABLE audit_log ADD COLUMN key_id TEXT;
