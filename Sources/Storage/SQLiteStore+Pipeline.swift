import GRDB

extension SQLiteStore {
    /// Every column that holds sealed personal data; `screener keys rotate` re-seals them. The
    /// sealing context of each is `"<table>.<column>"`.
    public static let sealedColumns: [SealedColumn] = [
        .init(table: "raw_events", column: "body"), .init(table: "raw_events", column: "mapped"),
        .init(table: "candidates", column: "identity"), .init(table: "applications", column: "answers"),
        .init(table: "documents", column: "bytes"), .init(table: "documents", column: "file_name"),
        .init(table: "parses", column: "parsed"), .init(table: "parses", column: "redacted"),
    ] + auditSealedColumns + assessmentSealedColumns

    /// Migrations for jobs, candidates, scores, shortlists and the outbox (issues 4 and 5).
    ///
    /// Columns holding personal data are sealed blobs (`BlobSealer`): candidate identity, ATS answers,
    /// document bytes, parsed and redacted profiles.
    static func registerPipelineMigrations(_ m: inout DatabaseMigrator) {
        m.registerMigration("0002_pipeline") { db in
            try db.execute(sql: """
                CREATE TABLE jobs (
                    id TEXT PRIMARY KEY NOT NULL,
                    integration TEXT,
                    external_id TEXT,
                    title TEXT,
                    description TEXT,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL,
                    UNIQUE (integration, external_id)
                );
                CREATE TABLE job_criteria (
                    job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
                    version INTEGER NOT NULL CHECK (version >= 1),
                    criteria_json BLOB NOT NULL,
                    content_sha256 TEXT NOT NULL,
                    source TEXT NOT NULL CHECK (source IN ('cli', 'http', 'derived')),
                    needs_review INTEGER NOT NULL,
                    created_at REAL NOT NULL,
                    PRIMARY KEY (job_id, version)
                );
                CREATE TABLE candidates (
                    id TEXT PRIMARY KEY NOT NULL,
                    integration TEXT NOT NULL,
                    external_id TEXT,
                    identity BLOB,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL,
                    erased_at REAL
                );
                CREATE UNIQUE INDEX candidates_external ON candidates(integration, external_id) WHERE external_id IS NOT NULL;
                CREATE TABLE applications (
                    id TEXT PRIMARY KEY NOT NULL,
                    candidate_id TEXT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
                    job_id TEXT NOT NULL REFERENCES jobs(id),
                    integration TEXT NOT NULL,
                    external_id TEXT,
                    stage TEXT,
                    answers BLOB,
                    applied_at REAL,
                    event_id TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('received', 'fetched', 'parsed', 'scored', 'failed')),
                    last_error TEXT,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL,
                    UNIQUE (candidate_id, job_id)
                );
                CREATE INDEX applications_job ON applications(job_id, status);
                CREATE TABLE documents (
                    application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
                    sha256 TEXT NOT NULL,
                    bytes BLOB NOT NULL,
                    file_name BLOB,
                    content_type TEXT,
                    source TEXT NOT NULL,
                    fetched_at REAL NOT NULL,
                    PRIMARY KEY (application_id, sha256)
                );
                CREATE TABLE parses (
                    application_id TEXT PRIMARY KEY NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
                    parsed BLOB NOT NULL,
                    redacted BLOB NOT NULL,
                    parsed_at REAL NOT NULL
                );
                CREATE TABLE scores (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
                    candidate_id TEXT NOT NULL,
                    job_id TEXT NOT NULL,
                    criteria_version INTEGER NOT NULL,
                    adapter TEXT NOT NULL,
                    input_sha256 TEXT NOT NULL,
                    total REAL NOT NULL,
                    knocked_out INTEGER NOT NULL,
                    years_experience REAL,
                    score_json BLOB NOT NULL,
                    created_at REAL NOT NULL,
                    UNIQUE (application_id, criteria_version, adapter, input_sha256)
                );
                CREATE INDEX scores_job ON scores(job_id, criteria_version);
                CREATE TABLE shortlists (
                    job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
                    revision INTEGER NOT NULL,
                    criteria_version INTEGER NOT NULL,
                    shortlist_json BLOB NOT NULL,
                    created_at REAL NOT NULL,
                    PRIMARY KEY (job_id, revision)
                );
                CREATE TABLE outbox (
                    id TEXT PRIMARY KEY NOT NULL,
                    integration TEXT NOT NULL,
                    profile TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    job_id TEXT,
                    candidate_id TEXT,
                    postback_json BLOB NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('pending', 'in_flight', 'delivered', 'dead', 'superseded')),
                    attempts INTEGER NOT NULL DEFAULT 0,
                    uncertain INTEGER NOT NULL DEFAULT 0,
                    available_at REAL NOT NULL,
                    lease_expires_at REAL,
                    last_error TEXT,
                    remote_id TEXT,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL,
                    delivered_at REAL
                );
                CREATE INDEX outbox_due ON outbox(state, available_at);
                CREATE INDEX outbox_candidate ON outbox(candidate_id);
                CREATE TABLE outcomes (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
                    source TEXT NOT NULL CHECK (source IN ('recruiter', 'ats')),
                    decision TEXT NOT NULL,
                    note TEXT,
                    at REAL NOT NULL
                );
                CREATE INDEX outcomes_application ON outcomes(application_id, at);
                CREATE TABLE candidate_events (
                    candidate_id TEXT NOT NULL,
                    event_id TEXT NOT NULL REFERENCES raw_events(id) ON DELETE CASCADE,
                    PRIMARY KEY (candidate_id, event_id)
                );
                """)
        }
    }
}
