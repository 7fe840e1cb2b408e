-- v9: the commune imports the villages' bundles (issue 14).
-- A village is either edited here (it has local cycles) or imported (its plans arrive as
-- bundles): `villages.imported` says which, and triggers keep the two apart. Every
-- imported bundle is kept whole in `imported_plans`: its original bytes, id, checksum,
-- schema, year, plan versions (JSON of the bundle's `plans`, with what each replaces),
-- file name, import time, whether it is the current plan of its (village, year), and the
-- written reason when a person took a conflicting bundle. A newer bundle makes the older
-- one not current; the older row stays readable. Nothing but `current` ever changes.

ALTER TABLE villages ADD COLUMN imported INTEGER NOT NULL DEFAULT 0 CHECK (imported IN (0, 1));

CREATE TABLE imported_plans (
    id INTEGER PRIMARY KEY,
    village_id INTEGER NOT NULL REFERENCES villages(id),
    year INTEGER NOT NULL,
    bundle_id TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    bytes BLOB NOT NULL,
    plans TEXT NOT NULL,
    file_name TEXT NOT NULL,
    imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    current INTEGER NOT NULL DEFAULT 1 CHECK (current IN (0, 1)),
    conflict_reason TEXT CHECK (conflict_reason IS NULL OR length(trim(conflict_reason)) > 0)
);
CREATE UNIQUE INDEX imported_plans_current ON imported_plans(village_id, year) WHERE current = 1;
CREATE INDEX imported_plans_village ON imported_plans(village_id, year);

CREATE TRIGGER imported_plans_kept BEFORE UPDATE ON imported_plans
WHEN NEW.id IS NOT OLD.id OR NEW.village_id IS NOT OLD.village_id OR NEW.year IS NOT OLD.year
  OR NEW.bundle_id IS NOT OLD.bundle_id OR NEW.sha256 IS NOT OLD.sha256
  OR NEW.schema_version IS NOT OLD.schema_version OR NEW.bytes IS NOT OLD.bytes
  OR NEW.plans IS NOT OLD.plans OR NEW.file_name IS NOT OLD.file_name
  OR NEW.imported_at IS NOT OLD.imported_at OR NEW.conflict_reason IS NOT OLD.conflict_reason
BEGIN SELECT RAISE(ABORT, 'kehoach: imported plan kept'); END;

-- An imported village is never edited here; a village edited here is never imported into.
CREATE TRIGGER imported_plans_local_ins BEFORE INSERT ON imported_plans
WHEN (SELECT imported FROM villages WHERE id = NEW.village_id) IS NOT 1
  OR EXISTS (SELECT 1 FROM cycles WHERE village_id = NEW.village_id)
BEGIN SELECT RAISE(ABORT, 'kehoach: village edited locally'); END;
CREATE TRIGGER villages_imported_upd BEFORE UPDATE OF imported ON villages
WHEN NEW.imported = 1 AND EXISTS (SELECT 1 FROM cycles WHERE village_id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'kehoach: village edited locally'); END;
CREATE TRIGGER cycles_imported_ins BEFORE INSERT ON cycles
WHEN (SELECT imported FROM villages WHERE id = NEW.village_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: village imported'); END;
