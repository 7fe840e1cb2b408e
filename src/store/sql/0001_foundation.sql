-- v1: places, cycles, people, meetings, attendance, audit log.
CREATE TABLE communes (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    district TEXT NOT NULL DEFAULT '',
    province TEXT NOT NULL DEFAULT 'Đắk Lắk'
);
CREATE TABLE villages (
    id INTEGER PRIMARY KEY,
    commune_id INTEGER NOT NULL REFERENCES communes(id) ON DELETE RESTRICT,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('thon', 'buon', 'khoi_pho'))
);
CREATE INDEX villages_by_commune ON villages(commune_id);
CREATE TABLE cycles (
    id INTEGER PRIMARY KEY,
    village_id INTEGER NOT NULL REFERENCES villages(id) ON DELETE RESTRICT,
    year INTEGER NOT NULL,
    medium_term_start INTEGER NOT NULL,
    medium_term_span INTEGER NOT NULL CHECK (medium_term_span BETWEEN 3 AND 5),
    closed INTEGER NOT NULL DEFAULT 0,
    UNIQUE (village_id, year)
);
CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    village_id INTEGER NOT NULL REFERENCES villages(id) ON DELETE RESTRICT,
    name TEXT NOT NULL,
    gender TEXT NOT NULL CHECK (gender IN ('m', 'f')),
    ethnicity TEXT,
    wealth TEXT CHECK (wealth IN ('rich', 'medium', 'poor')),
    organisations TEXT NOT NULL DEFAULT '',
    trained INTEGER NOT NULL DEFAULT 0,
    core_farmer INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX people_by_village ON people(village_id);
CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE RESTRICT,
    kind TEXT NOT NULL,
    date TEXT NOT NULL DEFAULT '',
    place TEXT NOT NULL DEFAULT '',
    chair TEXT NOT NULL DEFAULT '',
    chair_role TEXT,
    closed_men INTEGER,
    closed_women INTEGER,
    override_reason TEXT,
    UNIQUE (cycle_id, kind)
);
-- Gender is copied as stated at the meeting, so later profile edits do not change it.
CREATE TABLE attendance (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE RESTRICT,
    gender TEXT NOT NULL CHECK (gender IN ('m', 'f')),
    seq INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, person_id)
);
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now')),
    entity TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    field TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
