-- v12: the district imports the communes' bundles (issue 14, item 6), as the commune
-- imports the villages' (0009). A commune is either held here at village level (it has
-- villages, or the conference's changes and approvals) or imported (its year arrives as a
-- commune bundle): `communes.imported` says which, and triggers keep the two apart. Every
-- imported commune bundle is kept whole in `commune_imports`: its original bytes, id,
-- checksum, schema, year, the commune plan's approved version (NULL: not approved), file
-- name, import time, whether it is the current one of its (commune, year), and the written
-- reason when a person took a conflicting bundle. A newer bundle makes the older one not
-- current; the older row stays readable. Nothing but `current` ever changes.

ALTER TABLE communes ADD COLUMN imported INTEGER NOT NULL DEFAULT 0 CHECK (imported IN (0, 1));

CREATE TABLE commune_imports (
    id INTEGER PRIMARY KEY,
    commune_id INTEGER NOT NULL REFERENCES communes(id),
    year INTEGER NOT NULL,
    bundle_id TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    bytes BLOB NOT NULL,
    version INTEGER CHECK (version IS NULL OR version >= 1),
    file_name TEXT NOT NULL,
    imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    current INTEGER NOT NULL DEFAULT 1 CHECK (current IN (0, 1)),
    conflict_reason TEXT CHECK (conflict_reason IS NULL OR length(trim(conflict_reason)) > 0)
);
CREATE UNIQUE INDEX commune_imports_current ON commune_imports(commune_id, year) WHERE current = 1;
CREATE INDEX commune_imports_year ON commune_imports(year, current);

CREATE TRIGGER commune_imports_kept BEFORE UPDATE ON commune_imports
WHEN NEW.id IS NOT OLD.id OR NEW.commune_id IS NOT OLD.commune_id OR NEW.year IS NOT OLD.year
  OR NEW.bundle_id IS NOT OLD.bundle_id OR NEW.sha256 IS NOT OLD.sha256
  OR NEW.schema_version IS NOT OLD.schema_version OR NEW.bytes IS NOT OLD.bytes
  OR NEW.version IS NOT OLD.version OR NEW.file_name IS NOT OLD.file_name
  OR NEW.imported_at IS NOT OLD.imported_at OR NEW.conflict_reason IS NOT OLD.conflict_reason
BEGIN SELECT RAISE(ABORT, 'kehoach: imported plan kept'); END;
CREATE TRIGGER commune_imports_no_delete BEFORE DELETE ON commune_imports
BEGIN SELECT RAISE(ABORT, 'kehoach: imported plan kept'); END;

-- An imported commune is never edited here; a commune held here is never imported into.
CREATE TRIGGER commune_imports_local_ins BEFORE INSERT ON commune_imports
WHEN (SELECT imported FROM communes WHERE id = NEW.commune_id) IS NOT 1
  OR EXISTS (SELECT 1 FROM villages WHERE commune_id = NEW.commune_id)
  OR EXISTS (SELECT 1 FROM commune_changes WHERE commune_id = NEW.commune_id)
  OR EXISTS (SELECT 1 FROM commune_approvals WHERE commune_id = NEW.commune_id)
BEGIN SELECT RAISE(ABORT, 'kehoach: commune held locally'); END;
CREATE TRIGGER communes_imported_upd BEFORE UPDATE OF imported ON communes
WHEN NEW.imported = 1 AND (EXISTS (SELECT 1 FROM villages WHERE commune_id = NEW.id)
  OR EXISTS (SELECT 1 FROM commune_changes WHERE commune_id = NEW.id)
  OR EXISTS (SELECT 1 FROM commune_approvals WHERE commune_id = NEW.id))
BEGIN SELECT RAISE(ABORT, 'kehoach: commune held locally'); END;
CREATE TRIGGER villages_commune_imported_ins BEFORE INSERT ON villages
WHEN (SELECT imported FROM communes WHERE id = NEW.commune_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: commune imported'); END;
CREATE TRIGGER commune_changes_imported_ins BEFORE INSERT ON commune_changes
WHEN (SELECT imported FROM communes WHERE id = NEW.commune_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: commune imported'); END;
CREATE TRIGGER commune_approvals_imported_ins BEFORE INSERT ON commune_approvals
WHEN (SELECT imported FROM communes WHERE id = NEW.commune_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: commune imported'); END;
