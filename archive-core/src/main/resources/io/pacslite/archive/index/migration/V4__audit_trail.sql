-- PACS-lite index, version 4: the audit trail (docs/security.md, "Audit trail"). Rows are
-- only ever appended. Each row's hash is the SHA-256 of the previous row's hash and the
-- row's own canonical content, so that an edited or deleted row breaks the chain. Query
-- keys are names only (their values may be PHI).

CREATE TABLE audit_event (
    seq         BIGINT NOT NULL PRIMARY KEY,
    at          TIMESTAMP NOT NULL,
    who         VARCHAR(128),
    role        VARCHAR(16),
    address     VARCHAR(64),
    action      VARCHAR(16) NOT NULL,
    study_uid   VARCHAR(64),
    series_uid  VARCHAR(64),
    sop_uid     VARCHAR(64),
    query_keys  VARCHAR(1024),
    outcome     VARCHAR(256),
    hash        VARCHAR(64) NOT NULL
);

CREATE INDEX audit_event_at ON audit_event (at);
CREATE INDEX audit_event_study ON audit_event (study_uid);
