-- The CI usage ledger: one row per finished run, counted once however often it is seen
-- finished (the primary key is the instance and the run's id). Portable SQL: the same
-- migration runs on SQLite and PostgreSQL.
CREATE TABLE ci_usage (
    instance          TEXT             NOT NULL,
    run_id            TEXT             NOT NULL,
    tenant            TEXT             NOT NULL,
    month             TEXT             NOT NULL,
    repository        TEXT             NOT NULL,
    pipeline          TEXT             NOT NULL,
    runner            TEXT,
    public            BOOLEAN          NOT NULL,
    minutes           DOUBLE PRECISION NOT NULL,
    included_minutes  DOUBLE PRECISION NOT NULL,
    cost              DOUBLE PRECISION NOT NULL,
    finished_ms       BIGINT           NOT NULL,
    PRIMARY KEY (instance, run_id)
);

CREATE INDEX ci_usage_month_tenant ON ci_usage (month, tenant);
CREATE INDEX ci_usage_pipeline ON ci_usage (repository, pipeline, finished_ms);
