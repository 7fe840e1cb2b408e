-- v2: preparation (basic information, facilitation team) and village meeting 1
-- (meeting record details, working group).
CREATE TABLE village_figures (
    village_id INTEGER NOT NULL REFERENCES villages(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    as_of TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (village_id, key)
);
CREATE TABLE facilitators (
    id INTEGER PRIMARY KEY,
    commune_id INTEGER NOT NULL REFERENCES communes(id) ON DELETE RESTRICT,
    name TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT ''
);
ALTER TABLE meetings ADD COLUMN start_time TEXT NOT NULL DEFAULT '';
ALTER TABLE meetings ADD COLUMN end_time TEXT NOT NULL DEFAULT '';
-- Comma-separated codes of what the chair announced: purpose, content, requirements, timeline.
ALTER TABLE meetings ADD COLUMN announced TEXT NOT NULL DEFAULT '';
CREATE TABLE meeting_facilitators (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    facilitator_id INTEGER NOT NULL REFERENCES facilitators(id) ON DELETE RESTRICT,
    PRIMARY KEY (meeting_id, facilitator_id)
);
CREATE TABLE working_groups (
    cycle_id INTEGER PRIMARY KEY REFERENCES cycles(id) ON DELETE CASCADE,
    size_min INTEGER NOT NULL DEFAULT 15,
    size_max INTEGER NOT NULL DEFAULT 25,
    leader_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
    override_reason TEXT,
    -- Composition frozen when the election is finalised; NULL while open.
    closed_members INTEGER,
    closed_women INTEGER,
    closed_trained INTEGER
);
CREATE TABLE working_group_members (
    cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE RESTRICT,
    PRIMARY KEY (cycle_id, person_id)
);
