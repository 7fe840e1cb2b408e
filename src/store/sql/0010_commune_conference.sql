-- v10: the commune conference (issue 14, item 4). Every change the commune makes to a
-- village's activity of a year is kept in `commune_changes`: the village (its exchange
-- code), the activity (its id in the village's record and its name as it stood), the kind
-- and new value, the chair's reason (required), the village's answer (accepted / defended)
-- with the representative's words, and when. A withdrawn change stays, marked withdrawn.
-- The village's own record is never edited.
-- Each approval of the commune plan is a version in `commune_approvals` with a copy of the
-- changes as approved (JSON); while the latest version is not reopened the plan is frozen:
-- the triggers refuse any change recorded, answered or withdrawn ('kehoach: commune plan
-- approved'). Reopening sets the reason once; the next approval is version N + 1.

CREATE TABLE commune_changes (
    id INTEGER PRIMARY KEY,
    commune_id INTEGER NOT NULL REFERENCES communes(id),
    year INTEGER NOT NULL,
    village_code TEXT NOT NULL,
    activity_id INTEGER NOT NULL,
    activity_name TEXT NOT NULL,
    kind TEXT NOT NULL
        CHECK (kind IN ('drop', 'merge', 'move_year', 'quantity', 'cost', 'part')),
    new_value TEXT CHECK ((kind = 'drop') = (new_value IS NULL)),
    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    answer TEXT CHECK (answer IS NULL OR answer IN ('accepted', 'defended')),
    answer_words TEXT,
    answered_at TEXT,
    recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    withdrawn_at TEXT
);
CREATE INDEX commune_changes_year ON commune_changes(commune_id, year);

CREATE TABLE commune_approvals (
    id INTEGER PRIMARY KEY,
    commune_id INTEGER NOT NULL REFERENCES communes(id),
    year INTEGER NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    approved_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    changes_json TEXT NOT NULL,
    reopened_at TEXT,
    reopen_reason TEXT CHECK (reopen_reason IS NULL OR length(trim(reopen_reason)) > 0),
    UNIQUE (commune_id, year, version)
);

-- A version is kept as approved; only its reopening is written, once.
CREATE TRIGGER commune_approvals_kept BEFORE UPDATE ON commune_approvals
WHEN OLD.reopened_at IS NOT NULL
  OR NEW.id IS NOT OLD.id OR NEW.commune_id IS NOT OLD.commune_id OR NEW.year IS NOT OLD.year
  OR NEW.version IS NOT OLD.version OR NEW.approved_at IS NOT OLD.approved_at
  OR NEW.changes_json IS NOT OLD.changes_json
  OR NEW.reopened_at IS NULL OR NEW.reopen_reason IS NULL
BEGIN SELECT RAISE(ABORT, 'kehoach: commune version kept'); END;
CREATE TRIGGER commune_approvals_no_delete BEFORE DELETE ON commune_approvals
BEGIN SELECT RAISE(ABORT, 'kehoach: commune version kept'); END;
-- A new version only when no version of the year stands approved.
CREATE TRIGGER commune_approvals_once BEFORE INSERT ON commune_approvals
WHEN EXISTS (SELECT 1 FROM commune_approvals WHERE commune_id = NEW.commune_id
             AND year = NEW.year AND reopened_at IS NULL)
BEGIN SELECT RAISE(ABORT, 'kehoach: commune plan approved'); END;

-- While the commune plan of the year is approved, no change is recorded or altered.
CREATE TRIGGER commune_changes_frozen_ins BEFORE INSERT ON commune_changes
WHEN EXISTS (SELECT 1 FROM commune_approvals WHERE commune_id = NEW.commune_id
             AND year = NEW.year AND reopened_at IS NULL)
BEGIN SELECT RAISE(ABORT, 'kehoach: commune plan approved'); END;
CREATE TRIGGER commune_changes_frozen_upd BEFORE UPDATE ON commune_changes
WHEN EXISTS (SELECT 1 FROM commune_approvals WHERE commune_id = OLD.commune_id
             AND year = OLD.year AND reopened_at IS NULL)
BEGIN SELECT RAISE(ABORT, 'kehoach: commune plan approved'); END;
CREATE TRIGGER commune_changes_no_delete BEFORE DELETE ON commune_changes
BEGIN SELECT RAISE(ABORT, 'kehoach: commune change kept'); END;
-- What was recorded stays: only the answer and the withdrawal are written later.
CREATE TRIGGER commune_changes_kept BEFORE UPDATE ON commune_changes
WHEN NEW.id IS NOT OLD.id OR NEW.commune_id IS NOT OLD.commune_id OR NEW.year IS NOT OLD.year
  OR NEW.village_code IS NOT OLD.village_code OR NEW.activity_id IS NOT OLD.activity_id
  OR NEW.activity_name IS NOT OLD.activity_name OR NEW.kind IS NOT OLD.kind
  OR NEW.new_value IS NOT OLD.new_value OR NEW.reason IS NOT OLD.reason
  OR NEW.recorded_at IS NOT OLD.recorded_at OR OLD.withdrawn_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'kehoach: commune change kept'); END;
