-- The onrecord ledger: who said what, when, in which article.
-- Written for SQLite and run as is there; PostgreSQL gets the same file with the few dialect
-- substitutions listed in store/postgres.py. Text search lives in search_sqlite.sql / search_postgres.sql.

CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT
);
-- bumped when a later version changes the schema, so it can migrate an older ledger
INSERT INTO meta (key, value) VALUES ('schema_version', '1') ON CONFLICT (key) DO NOTHING;

CREATE TABLE IF NOT EXISTS articles (
    id            TEXT PRIMARY KEY,
    title         TEXT,
    outlet        TEXT,
    published     TEXT,                          -- ISO date or datetime, as the source gave it
    url           TEXT,
    source        TEXT,                          -- where it was read from
    content_hash  TEXT NOT NULL UNIQUE,          -- sha256 of text: the same text is never ingested twice
    text          TEXT NOT NULL,
    duplicate_of  TEXT REFERENCES articles(id),  -- the same wire story stored earlier; no statements of its own
    shingle_count INTEGER NOT NULL DEFAULT 0,    -- rows in article_shingles, the denominator of the overlap
    ingested_at   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE INDEX IF NOT EXISTS articles_duplicate_of ON articles(duplicate_of);
CREATE INDEX IF NOT EXISTS articles_url ON articles(url);

-- Sampled word 5-gram hashes of each original article, to find the same wire story again.
CREATE TABLE IF NOT EXISTS article_shingles (
    hash       BIGINT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id),
    PRIMARY KEY (hash, article_id)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS people (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,                   -- canonical: titles stripped
    kind        TEXT NOT NULL DEFAULT 'person',  -- person | organization | anonymous | unknown
    anonymous   INTEGER NOT NULL DEFAULT 0,
    affiliation TEXT,
    name_key    TEXT NOT NULL,                   -- normalized name
    surname_key TEXT,                            -- surname skeleton (people.surname_key): candidate lookup
    scope       TEXT REFERENCES articles(id),    -- set for sources known only within one article
    created_at  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS people_surname ON people(surname_key, kind);
CREATE INDEX IF NOT EXISTS people_name_key ON people(name_key);

-- Every name form seen for a person ("JD Vance", "J.D. Vance", "Vance") and aliases from a people file.
CREATE TABLE IF NOT EXISTS person_forms (
    person_id TEXT NOT NULL REFERENCES people(id),
    form      TEXT NOT NULL,
    norm      TEXT NOT NULL,                     -- normalized form, the lookup key
    origin    TEXT NOT NULL DEFAULT 'article',   -- article | alias (from a people file)
    PRIMARY KEY (person_id, form)
);
CREATE INDEX IF NOT EXISTS person_forms_norm ON person_forms(norm);

CREATE TABLE IF NOT EXISTS person_roles (
    person_id  TEXT NOT NULL REFERENCES people(id),
    role       TEXT NOT NULL,
    first_seen TEXT,
    last_seen  TEXT,
    PRIMARY KEY (person_id, role)
);

CREATE TABLE IF NOT EXISTS statements (
    id             TEXT PRIMARY KEY,             -- Statement.id: stable across runs
    article_id     TEXT NOT NULL REFERENCES articles(id),
    person_id      TEXT NOT NULL REFERENCES people(id),
    speaker_name   TEXT NOT NULL,                -- the speaker as this article names them
    speaker_role   TEXT,
    text           TEXT NOT NULL,
    kind           TEXT NOT NULL,                -- direct | indirect | mixed
    start          INTEGER NOT NULL,
    "end"          INTEGER NOT NULL,
    cue            TEXT,
    venue          TEXT,
    date           TEXT,                         -- YYYY-MM-DD | YYYY-MM | YYYY
    date_precision TEXT,
    date_text      TEXT,
    sentence       TEXT,
    sentence_start INTEGER,
    speaker_start  INTEGER,
    speaker_end    INTEGER,
    topic          TEXT,
    stance         TEXT,
    effective_date TEXT                          -- date, else the article's publication date: "newest first"
);
CREATE INDEX IF NOT EXISTS statements_person ON statements(person_id, effective_date);
CREATE INDEX IF NOT EXISTS statements_article ON statements(article_id);
CREATE INDEX IF NOT EXISTS statements_date ON statements(date);
CREATE INDEX IF NOT EXISTS statements_effective_date ON statements(effective_date);
CREATE INDEX IF NOT EXISTS statements_topic ON statements(topic);

CREATE TABLE IF NOT EXISTS findings (
    id          TEXT PRIMARY KEY,
    type        TEXT NOT NULL,                   -- reversal | walkback | contradiction
    topic       TEXT,
    statements  TEXT NOT NULL,                   -- JSON list of statement ids, earlier first
    explanation TEXT,
    grade       TEXT,                            -- full reversal | partial shift | softened | ...
    created     TEXT NOT NULL,
    prop_key    TEXT,                            -- the proposition's grouping key
    bucket      TEXT,                            -- what recomputes it: "person:P|KEY" or "article:A"
    detail      TEXT                             -- JSON: both sides with speaker, dates, stance words
);
CREATE INDEX IF NOT EXISTS findings_topic ON findings(topic);
CREATE INDEX IF NOT EXISTS findings_bucket ON findings(bucket);

-- which statements each finding cites: "findings of this speaker" without reading every finding
CREATE TABLE IF NOT EXISTS finding_statements (
    finding_id   TEXT NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
    statement_id TEXT NOT NULL,
    PRIMARY KEY (finding_id, statement_id)
);
CREATE INDEX IF NOT EXISTS finding_statements_statement ON finding_statements(statement_id);

-- one statement's position as the findings stage compares it, looked up per (person, proposition)
-- and per (side, proposition, date) so one more article never reads the whole ledger
CREATE TABLE IF NOT EXISTS claims (
    statement_id TEXT PRIMARY KEY,
    article_id   TEXT NOT NULL,
    person       TEXT NOT NULL,
    side         TEXT,
    prop_key     TEXT,
    date         TEXT,
    record       TEXT NOT NULL                   -- JSON: the whole claim
);
CREATE INDEX IF NOT EXISTS claims_person ON claims(person, prop_key);
CREATE INDEX IF NOT EXISTS claims_side ON claims(side, prop_key, date);

CREATE TABLE IF NOT EXISTS problems (
    id          INTEGER PRIMARY KEY,
    source      TEXT NOT NULL,
    reason      TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS ingest_runs (
    id          INTEGER PRIMARY KEY,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    counts      TEXT                             -- JSON
);

DROP VIEW IF EXISTS statement_view;
CREATE VIEW statement_view AS
SELECT s.id, s.article_id, s.person_id, p.name AS speaker, s.speaker_name AS speaker_as_named,
       s.speaker_role, p.kind AS speaker_kind, p.anonymous, p.affiliation,
       s.text, s.kind, s.start, s."end", s.cue, s.venue, s.date, s.date_precision, s.date_text,
       s.sentence, s.topic, s.stance, s.effective_date,
       a.title, a.outlet, a.url, a.published
FROM statements s
JOIN people p ON p.id = s.person_id
JOIN articles a ON a.id = s.article_id;

DROP VIEW IF EXISTS people_view;
CREATE VIEW people_view AS
SELECT p.id, p.name, p.kind, p.anonymous, p.affiliation, p.scope,
       COUNT(s.id) AS statements, MIN(s.effective_date) AS first_date, MAX(s.effective_date) AS last_date
FROM people p
LEFT JOIN statements s ON s.person_id = p.id
GROUP BY p.id, p.name, p.kind, p.anonymous, p.affiliation, p.scope;
