-- v5: the village annual plan (20-30 May): the year's selection into part 1 and part 2 with
-- its form-4 scores, the review of last year's plan, the year's general review, and the
-- approval by the village meeting (which freezes the selection and scores).
-- One row per activity chosen for a cycle's annual plan. `activity_id` is the medium-term
-- activity (of the cycle starting the period) or a new activity added with `added_reason`
-- (stored under the annual cycle). `override_reason` is set for a part-2 activity beyond
-- the limit of two.
CREATE TABLE annual_items (
    id INTEGER PRIMARY KEY,
    cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
    activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE RESTRICT,
    part TEXT NOT NULL CHECK (part IN ('part1', 'part2')),
    added_reason TEXT,
    override_reason TEXT,
    UNIQUE (cycle_id, activity_id)
);
CREATE INDEX annual_items_by_activity ON annual_items(activity_id);
-- Form 4 scores of the selected activities (same five criteria as the working group).
CREATE TABLE annual_scores (
    item_id INTEGER NOT NULL REFERENCES annual_items(id) ON DELETE CASCADE,
    criterion TEXT NOT NULL CHECK (criterion IN
        ('urgency', 'ease', 'womens_proposal', 'low_outside_dependence', 'fits_village_ways')),
    score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
    PRIMARY KEY (item_id, criterion)
);
-- A cycle's review (step 1) of one item of the previous year's annual plan; amounts by
-- source: đồng, except labour (work days) and land (m²).
CREATE TABLE annual_reviews (
    cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
    item_id INTEGER NOT NULL REFERENCES annual_items(id) ON DELETE RESTRICT,
    progress TEXT NOT NULL CHECK (progress IN ('not_started', 'under_way', 'done')),
    percent INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
    quality TEXT CHECK (quality IS NULL OR quality IN ('good', 'fair', 'poor')),
    state_vnd INTEGER NOT NULL DEFAULT 0 CHECK (state_vnd >= 0),
    donor_vnd INTEGER NOT NULL DEFAULT 0 CHECK (donor_vnd >= 0),
    people_money_vnd INTEGER NOT NULL DEFAULT 0 CHECK (people_money_vnd >= 0),
    people_labour_days INTEGER NOT NULL DEFAULT 0 CHECK (people_labour_days >= 0),
    people_land_m2 INTEGER NOT NULL DEFAULT 0 CHECK (people_land_m2 >= 0),
    people_materials_vnd INTEGER NOT NULL DEFAULT 0 CHECK (people_materials_vnd >= 0),
    management TEXT NOT NULL DEFAULT '',
    impact TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (cycle_id, item_id)
);
CREATE INDEX annual_reviews_by_item ON annual_reviews(item_id);
-- The year's general review: advantages, difficulties, main production results.
CREATE TABLE annual_summaries (
    cycle_id INTEGER PRIMARY KEY REFERENCES cycles(id) ON DELETE CASCADE,
    advantages TEXT NOT NULL DEFAULT '',
    difficulties TEXT NOT NULL DEFAULT '',
    production_results TEXT NOT NULL DEFAULT ''
);
-- The approval meeting's record; `frozen` while the approved plan stands (cleared when
-- reopened with a reason, which the audit log keeps).
CREATE TABLE annual_approvals (
    cycle_id INTEGER PRIMARY KEY REFERENCES cycles(id) ON DELETE CASCADE,
    frozen INTEGER NOT NULL DEFAULT 0,
    date TEXT NOT NULL DEFAULT '',
    votes_for INTEGER NOT NULL DEFAULT 0 CHECK (votes_for >= 0),
    votes_against INTEGER NOT NULL DEFAULT 0 CHECK (votes_against >= 0),
    abstain INTEGER NOT NULL DEFAULT 0 CHECK (abstain >= 0),
    approved_at TEXT NOT NULL DEFAULT '',
    reopen_reason TEXT
);
