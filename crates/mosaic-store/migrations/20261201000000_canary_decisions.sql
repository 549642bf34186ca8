-- The last decision about each canary (`plugin@version` of one instance name): rolled back or
-- promoted, automatically or by an operator, so that it holds across restarts. Portable SQL:
-- the same migration runs on SQLite and PostgreSQL.
CREATE TABLE canary_decisions (
    canary     TEXT   NOT NULL,
    plugin     TEXT   NOT NULL,
    state      TEXT   NOT NULL,
    decided_by TEXT   NOT NULL,
    tenant     TEXT,
    principal  TEXT,
    reason     TEXT   NOT NULL,
    at_ms      BIGINT NOT NULL,
    PRIMARY KEY (canary, plugin)
);
