-- v14: the commune's assignment bundle (issue 15, item 1; phase 3, "Giao kế hoạch").
--
-- At the commune: the commune's assignment of each approved annual activity of an
-- imported village plan. The imported plan itself is read-only (it is the village's
-- decision), so the commune's decisions live beside it, keyed by the plan they were made
-- on (village, year, the annual plan's version id "<village code>/<year>/annual/v<n>") and
-- by the item's identity inside the village's bundle (the annual item's id, with its
-- activity's id as a check). A newer plan version starts unassigned; the rows of the older
-- version stay, readable. Same fields and checks as the village's own assignments (0011).
--
-- At the village: every assignment bundle taken in is kept whole (its bytes, id, checksum,
-- the plan version it assigns, the file name, the reason a person gave for taking it over
-- a hand-typed assignment), and each assignment says which bundle it came from
-- (`assignments.import_id`; NULL: typed by hand).

CREATE TABLE commune_assignments (
    id INTEGER PRIMARY KEY,
    village_id INTEGER NOT NULL REFERENCES villages(id),
    year INTEGER NOT NULL,
    plan_version TEXT NOT NULL CHECK (length(plan_version) > 0),
    item_key INTEGER NOT NULL,
    activity_key INTEGER NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('accepted', 'changed', 'not_funded')),
    reason TEXT NOT NULL DEFAULT '' CHECK (decision = 'accepted' OR length(trim(reason)) > 0),
    target_quantity REAL CHECK (target_quantity IS NULL OR target_quantity > 0),
    owner TEXT NOT NULL DEFAULT 'village' CHECK (owner IN ('village', 'commune')),
    people_vnd INTEGER NOT NULL DEFAULT 0 CHECK (people_vnd >= 0),
    commune_vnd INTEGER NOT NULL DEFAULT 0 CHECK (commune_vnd >= 0),
    district_vnd INTEGER NOT NULL DEFAULT 0 CHECK (district_vnd >= 0),
    programme_vnd INTEGER NOT NULL DEFAULT 0 CHECK (programme_vnd >= 0),
    other_vnd INTEGER NOT NULL DEFAULT 0 CHECK (other_vnd >= 0),
    date TEXT NOT NULL CHECK (length(date) = 10),
    UNIQUE (village_id, year, plan_version, item_key)
);
CREATE INDEX commune_assignments_by_village ON commune_assignments(village_id, year);

-- Only an imported village's plan is assigned here; a village edited on this laptop keeps
-- its assignment in its own cycle (`assignments`).
CREATE TRIGGER commune_assignments_imported BEFORE INSERT ON commune_assignments
WHEN (SELECT imported FROM villages WHERE id = NEW.village_id) IS NOT 1
BEGIN SELECT RAISE(ABORT, 'kehoach: assignment of a local village'); END;

CREATE TABLE assignment_imports (
    id INTEGER PRIMARY KEY,
    cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
    bundle_id TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    bytes BLOB NOT NULL,
    plan_version TEXT NOT NULL,
    file_name TEXT NOT NULL,
    imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    conflict_reason TEXT CHECK (conflict_reason IS NULL OR length(trim(conflict_reason)) > 0)
);
CREATE INDEX assignment_imports_by_cycle ON assignment_imports(cycle_id);
CREATE TRIGGER assignment_imports_kept BEFORE UPDATE ON assignment_imports
BEGIN SELECT RAISE(ABORT, 'kehoach: assignment bundle kept'); END;
CREATE TRIGGER assignment_imports_closed_ins BEFORE INSERT ON assignment_imports
WHEN (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER assignment_imports_closed_upd BEFORE UPDATE ON assignment_imports
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
  OR (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER assignment_imports_closed_del BEFORE DELETE ON assignment_imports
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;

ALTER TABLE assignments ADD COLUMN import_id INTEGER REFERENCES assignment_imports(id);
CREATE INDEX assignments_by_import ON assignments(import_id);
