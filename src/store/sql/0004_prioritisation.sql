-- v4: prioritisation (medium-term steps 3 and 4): scoring settings, the working group's
-- matrix, the men's and women's results of village meeting 2, and the approved plan.
-- Settings of a cycle; a missing row means the defaults. `locked` is set when the first
-- meeting-2 result is entered; `plan_frozen` when the plan is approved.
CREATE TABLE scoring_settings (
    cycle_id INTEGER PRIMARY KEY REFERENCES cycles(id) ON DELETE CASCADE,
    scale_min INTEGER NOT NULL DEFAULT 1,
    scale_max INTEGER NOT NULL DEFAULT 5,
    method TEXT NOT NULL DEFAULT 'equal_weight'
        CHECK (method IN ('equal_weight', 'borda', 'vote_sum')),
    men_mode TEXT NOT NULL DEFAULT 'votes' CHECK (men_mode IN ('votes', 'ranking')),
    women_mode TEXT NOT NULL DEFAULT 'votes' CHECK (women_mode IN ('votes', 'ranking')),
    locked INTEGER NOT NULL DEFAULT 0,
    plan_frozen INTEGER NOT NULL DEFAULT 0,
    -- Why the plan was reopened; becomes the next version's change reason.
    reopen_reason TEXT,
    CHECK (scale_min >= 0 AND scale_min < scale_max AND scale_max <= 10)
);
CREATE TABLE matrix_scores (
    activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    criterion TEXT NOT NULL CHECK (criterion IN
        ('urgency', 'ease', 'womens_proposal', 'low_outside_dependence', 'fits_village_ways')),
    score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
    PRIMARY KEY (activity_id, criterion)
);
CREATE TABLE meeting2_groups (
    cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
    grp TEXT NOT NULL CHECK (grp IN ('men', 'women')),
    members INTEGER NOT NULL DEFAULT 0 CHECK (members >= 0),
    votes_each INTEGER NOT NULL DEFAULT 3 CHECK (votes_each >= 0),
    recorder TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (cycle_id, grp)
);
-- Votes and positions are kept apart so switching a group's mode loses nothing.
CREATE TABLE meeting2_entries (
    cycle_id INTEGER NOT NULL,
    grp TEXT NOT NULL,
    activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    votes INTEGER CHECK (votes IS NULL OR votes >= 0),
    position INTEGER CHECK (position IS NULL OR position >= 1),
    PRIMARY KEY (cycle_id, grp, activity_id),
    FOREIGN KEY (cycle_id, grp) REFERENCES meeting2_groups(cycle_id, grp) ON DELETE CASCADE
);
-- Approved versions of the official medium-term plan (each row is one approval); never
-- changed or removed. Whether the current plan is approved is scoring_settings.plan_frozen.
CREATE TABLE plan_versions (
    id INTEGER PRIMARY KEY,
    cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE RESTRICT,
    version INTEGER NOT NULL CHECK (version >= 1),
    approved_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now')),
    method TEXT NOT NULL,
    change_reason TEXT,
    UNIQUE (cycle_id, version)
);
-- The combined ranking as approved, with each activity's fields as they were (JSON).
CREATE TABLE plan_rows (
    version_id INTEGER NOT NULL REFERENCES plan_versions(id) ON DELETE RESTRICT,
    seq INTEGER NOT NULL,
    activity_id INTEGER NOT NULL,
    activity_name TEXT NOT NULL,
    activity_json TEXT NOT NULL,
    men_points INTEGER NOT NULL,
    women_points INTEGER NOT NULL,
    men_rank INTEGER NOT NULL,
    women_rank INTEGER NOT NULL,
    draft_rank INTEGER NOT NULL,
    score REAL NOT NULL,
    rank INTEGER NOT NULL,
    tied INTEGER NOT NULL,
    tie_break TEXT CHECK (tie_break IS NULL OR tie_break IN ('womens_rank', 'draft_rank')),
    rank_gap INTEGER NOT NULL,
    men_top_only INTEGER NOT NULL,
    women_top_only INTEGER NOT NULL,
    PRIMARY KEY (version_id, seq)
);
CREATE TRIGGER plan_versions_no_update BEFORE UPDATE ON plan_versions
BEGIN SELECT RAISE(ABORT, 'plan versions are kept as approved'); END;
CREATE TRIGGER plan_versions_no_delete BEFORE DELETE ON plan_versions
BEGIN SELECT RAISE(ABORT, 'plan versions are kept as approved'); END;
CREATE TRIGGER plan_rows_no_update BEFORE UPDATE ON plan_rows
BEGIN SELECT RAISE(ABORT, 'plan versions are kept as approved'); END;
CREATE TRIGGER plan_rows_no_delete BEFORE DELETE ON plan_rows
BEGIN SELECT RAISE(ABORT, 'plan versions are kept as approved'); END;
