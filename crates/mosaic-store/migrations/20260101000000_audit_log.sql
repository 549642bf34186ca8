-- The audit log: append-only, every record chained to the previous one by its hash.
-- Portable SQL: the same migration runs on SQLite and PostgreSQL. Ids are assigned by the
-- appender inside its serialized transaction (the chain needs that order anyway), so no
-- database-specific sequence type is needed.
CREATE TABLE audit_log (
    id          BIGINT  PRIMARY KEY,
    at_ms       BIGINT  NOT NULL,
    tenant      TEXT    NOT NULL,
    principal   TEXT    NOT NULL,
    operation   TEXT    NOT NULL,
    resource    TEXT    NOT NULL,
    rule        TEXT,
    reasons     TEXT    NOT NULL,
    instance    TEXT,
    cache       TEXT    NOT NULL,
    outcome     TEXT    NOT NULL,
    fault       TEXT,
    latency_us  BIGINT  NOT NULL,
    trace_id    TEXT    NOT NULL,
    prev_hash   TEXT    NOT NULL,
    hash        TEXT    NOT NULL
);

CREATE INDEX audit_log_tenant_id ON audit_log (tenant, id);
