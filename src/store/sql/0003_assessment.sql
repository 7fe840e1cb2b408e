-- v3: situation assessment (medium-term step 2): PRA tools chosen, sub-groups with their
-- members, themes and tools, findings, and the proposed activities.
-- Tool and theme codes refer to assets/pra_tools.toml (data, so no foreign key).
CREATE TABLE cycle_tools (
    cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
    tool_code TEXT NOT NULL,
    PRIMARY KEY (cycle_id, tool_code)
);
CREATE TABLE subgroups (
    id INTEGER PRIMARY KEY,
    cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    leader_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
    -- Target of the members' composite key, so a member row's cycle is its group's.
    UNIQUE (id, cycle_id)
);
CREATE INDEX subgroups_by_cycle ON subgroups(cycle_id);
-- A person is in at most one sub-group of a cycle: UNIQUE (cycle_id, person_id).
CREATE TABLE subgroup_members (
    subgroup_id INTEGER NOT NULL,
    cycle_id INTEGER NOT NULL,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE RESTRICT,
    PRIMARY KEY (subgroup_id, person_id),
    UNIQUE (cycle_id, person_id),
    FOREIGN KEY (subgroup_id, cycle_id) REFERENCES subgroups(id, cycle_id) ON DELETE CASCADE
);
CREATE TABLE subgroup_themes (
    subgroup_id INTEGER NOT NULL REFERENCES subgroups(id) ON DELETE CASCADE,
    theme_code TEXT NOT NULL,
    PRIMARY KEY (subgroup_id, theme_code)
);
CREATE TABLE subgroup_tools (
    subgroup_id INTEGER NOT NULL REFERENCES subgroups(id) ON DELETE CASCADE,
    tool_code TEXT NOT NULL,
    PRIMARY KEY (subgroup_id, tool_code)
);
-- One finding text per sub-group and tool; `day` is the day recorded, as typed.
CREATE TABLE findings (
    id INTEGER PRIMARY KEY,
    subgroup_id INTEGER NOT NULL REFERENCES subgroups(id) ON DELETE RESTRICT,
    tool_code TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    minutes INTEGER NOT NULL DEFAULT 0 CHECK (minutes >= 0),
    day TEXT NOT NULL DEFAULT '',
    UNIQUE (subgroup_id, tool_code)
);
-- Proposed activities; a duplicate merged into another keeps its row (and so its
-- origin) with `merged_into` set.
CREATE TABLE activities (
    id INTEGER PRIMARY KEY,
    cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    sector TEXT NOT NULL,
    category TEXT NOT NULL CHECK (category IN ('technical_support', 'construction')),
    quantity REAL CHECK (quantity IS NULL OR quantity > 0),
    unit TEXT NOT NULL DEFAULT '',
    time TEXT NOT NULL DEFAULT '',
    location TEXT NOT NULL DEFAULT '',
    responsible TEXT NOT NULL DEFAULT '',
    land_m2 INTEGER NOT NULL DEFAULT 0 CHECK (land_m2 >= 0),
    money_vnd INTEGER NOT NULL DEFAULT 0 CHECK (money_vnd >= 0),
    labour_days REAL NOT NULL DEFAULT 0 CHECK (labour_days >= 0),
    materials TEXT NOT NULL DEFAULT '',
    estimated_cost_vnd INTEGER CHECK (estimated_cost_vnd IS NULL OR estimated_cost_vnd >= 0),
    proposed_by_women INTEGER NOT NULL DEFAULT 0,
    subgroup_id INTEGER REFERENCES subgroups(id) ON DELETE RESTRICT,
    tool_code TEXT,
    merged_into INTEGER REFERENCES activities(id) ON DELETE RESTRICT,
    CHECK (merged_into IS NULL OR merged_into <> id)
);
CREATE INDEX activities_by_cycle ON activities(cycle_id);
CREATE INDEX activities_by_subgroup ON activities(subgroup_id);
CREATE INDEX activities_by_merge ON activities(merged_into);
