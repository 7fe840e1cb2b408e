-- Exchange identities and activity funding (issue 13).
-- Every commune and village gets a stable code (a random UUID v4 as text), made once and
-- kept: bundles sent from a village laptop to the commune name the village by it, so a
-- rename or a second laptop never mixes two villages up. Existing rows get theirs here;
-- new rows get one from a trigger when none is given (an import may give the code it
-- received). Once set, a code never changes.
-- Activities also get their funding source and the amount asked from the commune or
-- district budget (part 2 of form 4); NULL means "not given", and the exports then show
-- the value derived from the activity (domain::activity::funding).

ALTER TABLE communes ADD COLUMN code TEXT;
ALTER TABLE villages ADD COLUMN code TEXT;

UPDATE communes SET code = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2)))
    || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
    || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2)
    || '-' || lower(hex(randomblob(6)));
UPDATE villages SET code = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2)))
    || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
    || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2)
    || '-' || lower(hex(randomblob(6)));

CREATE UNIQUE INDEX communes_code ON communes(code);
CREATE UNIQUE INDEX villages_code ON villages(code);

CREATE TRIGGER communes_code_new AFTER INSERT ON communes WHEN NEW.code IS NULL
BEGIN
    UPDATE communes SET code = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2)))
        || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
        || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2)
        || '-' || lower(hex(randomblob(6)))
    WHERE id = NEW.id;
END;
CREATE TRIGGER villages_code_new AFTER INSERT ON villages WHEN NEW.code IS NULL
BEGIN
    UPDATE villages SET code = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2)))
        || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
        || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2)
        || '-' || lower(hex(randomblob(6)))
    WHERE id = NEW.id;
END;
CREATE TRIGGER communes_code_kept BEFORE UPDATE OF code ON communes
WHEN OLD.code IS NOT NULL AND NEW.code IS NOT OLD.code
BEGIN
    SELECT RAISE(ABORT, 'kehoach: exchange code kept');
END;
CREATE TRIGGER villages_code_kept BEFORE UPDATE OF code ON villages
WHEN OLD.code IS NOT NULL AND NEW.code IS NOT OLD.code
BEGIN
    SELECT RAISE(ABORT, 'kehoach: exchange code kept');
END;

ALTER TABLE activities ADD COLUMN funding_source TEXT
    CHECK (funding_source IS NULL OR funding_source IN
        ('people', 'commune_budget', 'district_budget', 'programme', 'other'));
ALTER TABLE activities ADD COLUMN budget_asked_vnd INTEGER
    CHECK (budget_asked_vnd IS NULL OR budget_asked_vnd >= 0);
