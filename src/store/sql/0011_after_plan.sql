-- v11: after the plan (issue 15, phases 3-5) for the items of a cycle's approved annual
-- plan: the commune's assignment ("Giao kế hoạch": accepted / changed / not funded with
-- the commune's reason, the quantity and budget by source, who owns the work); the
-- management and monitoring groups, or the Community Investment Supervision Board for a
-- work the commune owns (members from the village register, or named outsiders); the
-- ledger of contributions and outside funds received; the dated progress log; the
-- acceptance; every public posting of the finances, with the amounts as posted; and the
-- commune's evaluations (6 months, whole year). Amounts are đồng, except labour (work
-- days) and land (m²). Dates are ISO (YYYY-MM-DD). Every table carries the item's
-- cycle_id, so a closed cycle refuses these writes like the rest of its record.

CREATE TABLE assignments (
    item_id INTEGER PRIMARY KEY REFERENCES annual_items(id) ON DELETE RESTRICT,
    cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
    decision TEXT NOT NULL CHECK (decision IN ('accepted', 'changed', 'not_funded')),
    reason TEXT NOT NULL DEFAULT '' CHECK (decision = 'accepted' OR length(trim(reason)) > 0),
    target_quantity REAL CHECK (target_quantity IS NULL OR target_quantity > 0),
    owner TEXT NOT NULL DEFAULT 'village' CHECK (owner IN ('village', 'commune')),
    people_vnd INTEGER NOT NULL DEFAULT 0 CHECK (people_vnd >= 0),
    commune_vnd INTEGER NOT NULL DEFAULT 0 CHECK (commune_vnd >= 0),
    district_vnd INTEGER NOT NULL DEFAULT 0 CHECK (district_vnd >= 0),
    programme_vnd INTEGER NOT NULL DEFAULT 0 CHECK (programme_vnd >= 0),
    other_vnd INTEGER NOT NULL DEFAULT 0 CHECK (other_vnd >= 0),
    date TEXT NOT NULL CHECK (length(date) = 10)
);
CREATE INDEX assignments_by_cycle ON assignments(cycle_id);

CREATE TABLE work_group_members (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES annual_items(id) ON DELETE RESTRICT,
    cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('management', 'monitoring', 'board')),
    person_id INTEGER REFERENCES people(id) ON DELETE RESTRICT,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    gender TEXT NOT NULL CHECK (gender IN ('m', 'f')),
    role TEXT NOT NULL DEFAULT ''
);
CREATE INDEX work_group_members_by_cycle ON work_group_members(cycle_id);
CREATE UNIQUE INDEX work_group_members_once
    ON work_group_members(item_id, kind, person_id) WHERE person_id IS NOT NULL;
-- Nobody is in both the management and the monitoring group of the same work.
CREATE TRIGGER work_group_members_both BEFORE INSERT ON work_group_members
WHEN NEW.person_id IS NOT NULL AND NEW.kind IN ('management', 'monitoring')
  AND EXISTS (SELECT 1 FROM work_group_members WHERE item_id = NEW.item_id
              AND person_id = NEW.person_id AND kind IN ('management', 'monitoring')
              AND kind <> NEW.kind)
BEGIN SELECT RAISE(ABORT, 'kehoach: member of both groups'); END;

CREATE TABLE receipts (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES annual_items(id) ON DELETE RESTRICT,
    cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
    date TEXT NOT NULL CHECK (length(date) = 10),
    source TEXT NOT NULL CHECK (source IN
        ('people', 'commune_budget', 'district_budget', 'programme', 'other')),
    kind TEXT NOT NULL CHECK (kind IN ('money', 'labour', 'materials', 'land')),
    amount INTEGER NOT NULL CHECK (amount > 0),
    giver TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX receipts_by_cycle ON receipts(cycle_id);

CREATE TABLE progress_entries (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES annual_items(id) ON DELETE RESTRICT,
    cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
    date TEXT NOT NULL CHECK (length(date) = 10),
    percent INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
    note TEXT NOT NULL DEFAULT '',
    problem TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX progress_entries_by_cycle ON progress_entries(cycle_id);

CREATE TABLE acceptances (
    item_id INTEGER PRIMARY KEY REFERENCES annual_items(id) ON DELETE RESTRICT,
    cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
    date TEXT NOT NULL CHECK (length(date) = 10),
    result TEXT NOT NULL CHECK (result IN ('passed', 'with_fixes', 'failed')),
    signed_by TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX acceptances_by_cycle ON acceptances(cycle_id);

-- A posting is kept as posted: the amounts are those of the day, never recomputed.
CREATE TABLE disclosures (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES annual_items(id) ON DELETE RESTRICT,
    cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
    date TEXT NOT NULL CHECK (length(date) = 10),
    place TEXT NOT NULL CHECK (length(trim(place)) > 0),
    people_vnd INTEGER NOT NULL DEFAULT 0 CHECK (people_vnd >= 0),
    commune_vnd INTEGER NOT NULL DEFAULT 0 CHECK (commune_vnd >= 0),
    district_vnd INTEGER NOT NULL DEFAULT 0 CHECK (district_vnd >= 0),
    programme_vnd INTEGER NOT NULL DEFAULT 0 CHECK (programme_vnd >= 0),
    other_vnd INTEGER NOT NULL DEFAULT 0 CHECK (other_vnd >= 0),
    spent_vnd INTEGER NOT NULL DEFAULT 0 CHECK (spent_vnd >= 0),
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX disclosures_by_cycle ON disclosures(cycle_id);
CREATE TRIGGER disclosures_kept BEFORE UPDATE ON disclosures
BEGIN SELECT RAISE(ABORT, 'kehoach: disclosure kept'); END;

CREATE TABLE evaluations (
    item_id INTEGER NOT NULL REFERENCES annual_items(id) ON DELETE RESTRICT,
    cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
    round TEXT NOT NULL CHECK (round IN ('six_months', 'year_end')),
    date TEXT NOT NULL CHECK (length(date) = 10),
    progress TEXT NOT NULL CHECK (progress IN ('not_started', 'under_way', 'done')),
    completion INTEGER NOT NULL CHECK (completion BETWEEN 0 AND 100),
    quality TEXT CHECK (quality IS NULL OR quality IN ('good', 'fair', 'poor')),
    difficulties TEXT NOT NULL DEFAULT '',
    against_plan TEXT NOT NULL DEFAULT '',
    against_last_year TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (item_id, round)
);
CREATE INDEX evaluations_by_cycle ON evaluations(cycle_id);

-- A closed cycle refuses these writes, as every other table of its record (0006).
-- assignments
CREATE TRIGGER assignments_closed_ins BEFORE INSERT ON assignments
WHEN (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER assignments_closed_upd BEFORE UPDATE ON assignments
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
  OR (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER assignments_closed_del BEFORE DELETE ON assignments
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
-- work_group_members
CREATE TRIGGER work_group_members_closed_ins BEFORE INSERT ON work_group_members
WHEN (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER work_group_members_closed_upd BEFORE UPDATE ON work_group_members
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
  OR (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER work_group_members_closed_del BEFORE DELETE ON work_group_members
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
-- receipts
CREATE TRIGGER receipts_closed_ins BEFORE INSERT ON receipts
WHEN (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER receipts_closed_upd BEFORE UPDATE ON receipts
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
  OR (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER receipts_closed_del BEFORE DELETE ON receipts
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
-- progress_entries
CREATE TRIGGER progress_entries_closed_ins BEFORE INSERT ON progress_entries
WHEN (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER progress_entries_closed_upd BEFORE UPDATE ON progress_entries
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
  OR (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER progress_entries_closed_del BEFORE DELETE ON progress_entries
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
-- acceptances
CREATE TRIGGER acceptances_closed_ins BEFORE INSERT ON acceptances
WHEN (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER acceptances_closed_upd BEFORE UPDATE ON acceptances
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
  OR (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER acceptances_closed_del BEFORE DELETE ON acceptances
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
-- disclosures
CREATE TRIGGER disclosures_closed_ins BEFORE INSERT ON disclosures
WHEN (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER disclosures_closed_upd BEFORE UPDATE ON disclosures
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
  OR (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER disclosures_closed_del BEFORE DELETE ON disclosures
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
-- evaluations
CREATE TRIGGER evaluations_closed_ins BEFORE INSERT ON evaluations
WHEN (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER evaluations_closed_upd BEFORE UPDATE ON evaluations
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
  OR (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER evaluations_closed_del BEFORE DELETE ON evaluations
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
