-- v7: an approved plan is frozen by the database itself, as a closed cycle is (0006).
-- While a cycle's official medium-term plan is approved (scoring_settings.plan_frozen),
-- the activities it ranks, their matrix scores, meeting 2's groups and results and
-- meeting 2's register are read-only; while its annual plan is approved
-- (annual_approvals.frozen), its items, their form-4 scores, the activities they hold and
-- the approval meeting's register are. Every refusal raises 'kehoach: plan approved',
-- which the store turns into StoreError::PlanApproved. Reopening (frozen 1 -> 0) stays
-- possible; delete triggers end in _no_delete so deleting a whole village still works.
-- Each trigger first asks that the cycle be open, so a closed cycle's refusal (0006)
-- is the one reported.
-- Each approval of the annual plan is kept as a version with copies of its rows, never
-- changed, like plan_versions for the medium-term plan.
CREATE TABLE annual_versions (
    id INTEGER PRIMARY KEY,
    cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE RESTRICT,
    version INTEGER NOT NULL CHECK (version >= 1),
    approved_at TEXT NOT NULL,
    date TEXT NOT NULL,
    votes_for INTEGER NOT NULL,
    votes_against INTEGER NOT NULL,
    abstain INTEGER NOT NULL,
    change_reason TEXT,
    UNIQUE (cycle_id, version)
);
-- The items as approved: part, reasons, the activity's fields (JSON) and form-4 scores
-- (JSON, the matrix row keyed by the item id).
CREATE TABLE annual_version_items (
    version_id INTEGER NOT NULL REFERENCES annual_versions(id) ON DELETE RESTRICT,
    seq INTEGER NOT NULL,
    item_id INTEGER NOT NULL,
    activity_id INTEGER NOT NULL,
    activity_cycle_id INTEGER NOT NULL,
    part TEXT NOT NULL CHECK (part IN ('part1', 'part2')),
    added_reason TEXT,
    override_reason TEXT,
    activity_json TEXT NOT NULL,
    scores_json TEXT NOT NULL,
    PRIMARY KEY (version_id, seq)
);
CREATE TRIGGER annual_versions_no_update BEFORE UPDATE ON annual_versions
BEGIN SELECT RAISE(ABORT, 'plan versions are kept as approved'); END;
CREATE TRIGGER annual_versions_no_delete BEFORE DELETE ON annual_versions
BEGIN SELECT RAISE(ABORT, 'plan versions are kept as approved'); END;
CREATE TRIGGER annual_version_items_no_update BEFORE UPDATE ON annual_version_items
BEGIN SELECT RAISE(ABORT, 'plan versions are kept as approved'); END;
CREATE TRIGGER annual_version_items_no_delete BEFORE DELETE ON annual_version_items
BEGIN SELECT RAISE(ABORT, 'plan versions are kept as approved'); END;
-- annual_versions: closed cycles (as 0006)
CREATE TRIGGER annual_versions_closed_ins BEFORE INSERT ON annual_versions
WHEN (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER annual_versions_closed_upd BEFORE UPDATE ON annual_versions
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
  OR (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER annual_versions_closed_del BEFORE DELETE ON annual_versions
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
-- annual_version_items: closed cycles (as 0006)
CREATE TRIGGER annual_version_items_closed_ins BEFORE INSERT ON annual_version_items
WHEN (SELECT closed FROM cycles WHERE id = (SELECT cycle_id FROM annual_versions WHERE id = NEW.version_id)) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER annual_version_items_closed_upd BEFORE UPDATE ON annual_version_items
WHEN (SELECT closed FROM cycles WHERE id = (SELECT cycle_id FROM annual_versions WHERE id = OLD.version_id)) = 1
  OR (SELECT closed FROM cycles WHERE id = (SELECT cycle_id FROM annual_versions WHERE id = NEW.version_id)) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER annual_version_items_closed_del BEFORE DELETE ON annual_version_items
WHEN (SELECT closed FROM cycles WHERE id = (SELECT cycle_id FROM annual_versions WHERE id = OLD.version_id)) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
-- activities: the fields of an activity an approved plan holds
CREATE TRIGGER activities_frozen_upd BEFORE UPDATE ON activities
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 0 AND (
  ((SELECT plan_frozen FROM scoring_settings WHERE cycle_id = OLD.cycle_id) = 1 AND OLD.id IN (SELECT r.activity_id FROM plan_rows r
    JOIN plan_versions v ON v.id = r.version_id WHERE v.cycle_id = OLD.cycle_id))
  OR EXISTS (SELECT 1 FROM annual_items i JOIN annual_approvals p ON p.cycle_id = i.cycle_id
    WHERE i.activity_id = OLD.id AND p.frozen = 1))
BEGIN SELECT RAISE(ABORT, 'kehoach: plan approved'); END;
CREATE TRIGGER activities_frozen_no_delete BEFORE DELETE ON activities
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 0 AND (
  ((SELECT plan_frozen FROM scoring_settings WHERE cycle_id = OLD.cycle_id) = 1 AND OLD.id IN (SELECT r.activity_id FROM plan_rows r
    JOIN plan_versions v ON v.id = r.version_id WHERE v.cycle_id = OLD.cycle_id))
  OR EXISTS (SELECT 1 FROM annual_items i JOIN annual_approvals p ON p.cycle_id = i.cycle_id
    WHERE i.activity_id = OLD.id AND p.frozen = 1))
BEGIN SELECT RAISE(ABORT, 'kehoach: plan approved'); END;
-- matrix_scores: the working group's scores behind an approved medium-term plan
CREATE TRIGGER matrix_scores_frozen_ins BEFORE INSERT ON matrix_scores
WHEN (SELECT closed FROM cycles WHERE id = (SELECT cycle_id FROM activities WHERE id = NEW.activity_id)) = 0 AND (
  (SELECT plan_frozen FROM scoring_settings WHERE cycle_id = (SELECT cycle_id FROM activities WHERE id = NEW.activity_id)) = 1)
BEGIN SELECT RAISE(ABORT, 'kehoach: plan approved'); END;
CREATE TRIGGER matrix_scores_frozen_upd BEFORE UPDATE ON matrix_scores
WHEN (SELECT closed FROM cycles WHERE id = (SELECT cycle_id FROM activities WHERE id = OLD.activity_id)) = 0 AND (
  (SELECT plan_frozen FROM scoring_settings WHERE cycle_id = (SELECT cycle_id FROM activities WHERE id = OLD.activity_id)) = 1
  OR (SELECT plan_frozen FROM scoring_settings WHERE cycle_id = (SELECT cycle_id FROM activities WHERE id = NEW.activity_id)) = 1)
BEGIN SELECT RAISE(ABORT, 'kehoach: plan approved'); END;
CREATE TRIGGER matrix_scores_frozen_no_delete BEFORE DELETE ON matrix_scores
WHEN (SELECT closed FROM cycles WHERE id = (SELECT cycle_id FROM activities WHERE id = OLD.activity_id)) = 0 AND (
  (SELECT plan_frozen FROM scoring_settings WHERE cycle_id = (SELECT cycle_id FROM activities WHERE id = OLD.activity_id)) = 1)
BEGIN SELECT RAISE(ABORT, 'kehoach: plan approved'); END;
-- meeting2_groups: meeting 2's groups
CREATE TRIGGER meeting2_groups_frozen_ins BEFORE INSERT ON meeting2_groups
WHEN (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 0 AND (
  (SELECT plan_frozen FROM scoring_settings WHERE cycle_id = NEW.cycle_id) = 1)
BEGIN SELECT RAISE(ABORT, 'kehoach: plan approved'); END;
CREATE TRIGGER meeting2_groups_frozen_upd BEFORE UPDATE ON meeting2_groups
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 0 AND (
  (SELECT plan_frozen FROM scoring_settings WHERE cycle_id = OLD.cycle_id) = 1
  OR (SELECT plan_frozen FROM scoring_settings WHERE cycle_id = NEW.cycle_id) = 1)
BEGIN SELECT RAISE(ABORT, 'kehoach: plan approved'); END;
CREATE TRIGGER meeting2_groups_frozen_no_delete BEFORE DELETE ON meeting2_groups
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 0 AND (
  (SELECT plan_frozen FROM scoring_settings WHERE cycle_id = OLD.cycle_id) = 1)
BEGIN SELECT RAISE(ABORT, 'kehoach: plan approved'); END;
-- meeting2_entries: meeting 2's votes and positions
CREATE TRIGGER meeting2_entries_frozen_ins BEFORE INSERT ON meeting2_entries
WHEN (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 0 AND (
  (SELECT plan_frozen FROM scoring_settings WHERE cycle_id = NEW.cycle_id) = 1)
BEGIN SELECT RAISE(ABORT, 'kehoach: plan approved'); END;
CREATE TRIGGER meeting2_entries_frozen_upd BEFORE UPDATE ON meeting2_entries
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 0 AND (
  (SELECT plan_frozen FROM scoring_settings WHERE cycle_id = OLD.cycle_id) = 1
  OR (SELECT plan_frozen FROM scoring_settings WHERE cycle_id = NEW.cycle_id) = 1)
BEGIN SELECT RAISE(ABORT, 'kehoach: plan approved'); END;
CREATE TRIGGER meeting2_entries_frozen_no_delete BEFORE DELETE ON meeting2_entries
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 0 AND (
  (SELECT plan_frozen FROM scoring_settings WHERE cycle_id = OLD.cycle_id) = 1)
BEGIN SELECT RAISE(ABORT, 'kehoach: plan approved'); END;
-- scoring_settings: only approving (0 -> 1) and reopening (1 -> 0) change an approved plan's settings
CREATE TRIGGER scoring_settings_frozen_upd BEFORE UPDATE ON scoring_settings
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 0 AND (
  OLD.plan_frozen = 1 AND NEW.plan_frozen = 1)
BEGIN SELECT RAISE(ABORT, 'kehoach: plan approved'); END;
CREATE TRIGGER scoring_settings_frozen_no_delete BEFORE DELETE ON scoring_settings
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 0 AND (
  OLD.plan_frozen = 1)
BEGIN SELECT RAISE(ABORT, 'kehoach: plan approved'); END;
-- annual_items: the selection and parts of an approved annual plan
CREATE TRIGGER annual_items_frozen_ins BEFORE INSERT ON annual_items
WHEN (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 0 AND (
  (SELECT frozen FROM annual_approvals WHERE cycle_id = NEW.cycle_id) = 1)
BEGIN SELECT RAISE(ABORT, 'kehoach: plan approved'); END;
CREATE TRIGGER annual_items_frozen_upd BEFORE UPDATE ON annual_items
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 0 AND (
  (SELECT frozen FROM annual_approvals WHERE cycle_id = OLD.cycle_id) = 1
  OR (SELECT frozen FROM annual_approvals WHERE cycle_id = NEW.cycle_id) = 1)
BEGIN SELECT RAISE(ABORT, 'kehoach: plan approved'); END;
CREATE TRIGGER annual_items_frozen_no_delete BEFORE DELETE ON annual_items
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 0 AND (
  (SELECT frozen FROM annual_approvals WHERE cycle_id = OLD.cycle_id) = 1)
BEGIN SELECT RAISE(ABORT, 'kehoach: plan approved'); END;
-- annual_scores: form 4's scores
CREATE TRIGGER annual_scores_frozen_ins BEFORE INSERT ON annual_scores
WHEN (SELECT closed FROM cycles WHERE id = (SELECT cycle_id FROM annual_items WHERE id = NEW.item_id)) = 0 AND (
  (SELECT frozen FROM annual_approvals WHERE cycle_id = (SELECT cycle_id FROM annual_items WHERE id = NEW.item_id)) = 1)
BEGIN SELECT RAISE(ABORT, 'kehoach: plan approved'); END;
CREATE TRIGGER annual_scores_frozen_upd BEFORE UPDATE ON annual_scores
WHEN (SELECT closed FROM cycles WHERE id = (SELECT cycle_id FROM annual_items WHERE id = OLD.item_id)) = 0 AND (
  (SELECT frozen FROM annual_approvals WHERE cycle_id = (SELECT cycle_id FROM annual_items WHERE id = OLD.item_id)) = 1
  OR (SELECT frozen FROM annual_approvals WHERE cycle_id = (SELECT cycle_id FROM annual_items WHERE id = NEW.item_id)) = 1)
BEGIN SELECT RAISE(ABORT, 'kehoach: plan approved'); END;
CREATE TRIGGER annual_scores_frozen_no_delete BEFORE DELETE ON annual_scores
WHEN (SELECT closed FROM cycles WHERE id = (SELECT cycle_id FROM annual_items WHERE id = OLD.item_id)) = 0 AND (
  (SELECT frozen FROM annual_approvals WHERE cycle_id = (SELECT cycle_id FROM annual_items WHERE id = OLD.item_id)) = 1)
BEGIN SELECT RAISE(ABORT, 'kehoach: plan approved'); END;
-- annual_approvals: only reopening (1 -> 0) changes an approved annual plan's record
CREATE TRIGGER annual_approvals_frozen_upd BEFORE UPDATE ON annual_approvals
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 0 AND (
  OLD.frozen = 1 AND NEW.frozen = 1)
BEGIN SELECT RAISE(ABORT, 'kehoach: plan approved'); END;
CREATE TRIGGER annual_approvals_frozen_no_delete BEFORE DELETE ON annual_approvals
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 0 AND (
  OLD.frozen = 1)
BEGIN SELECT RAISE(ABORT, 'kehoach: plan approved'); END;
-- meetings: the approval meetings' records
CREATE TRIGGER meetings_frozen_upd BEFORE UPDATE ON meetings
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 0 AND (
  EXISTS (SELECT 1 FROM meetings m WHERE m.id = OLD.id AND (
    (m.kind = 'village2' AND (SELECT plan_frozen FROM scoring_settings WHERE cycle_id = m.cycle_id) = 1)
    OR (m.kind = 'annual_approval' AND (SELECT frozen FROM annual_approvals WHERE cycle_id = m.cycle_id) = 1))))
BEGIN SELECT RAISE(ABORT, 'kehoach: plan approved'); END;
CREATE TRIGGER meetings_frozen_no_delete BEFORE DELETE ON meetings
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 0 AND (
  EXISTS (SELECT 1 FROM meetings m WHERE m.id = OLD.id AND (
    (m.kind = 'village2' AND (SELECT plan_frozen FROM scoring_settings WHERE cycle_id = m.cycle_id) = 1)
    OR (m.kind = 'annual_approval' AND (SELECT frozen FROM annual_approvals WHERE cycle_id = m.cycle_id) = 1))))
BEGIN SELECT RAISE(ABORT, 'kehoach: plan approved'); END;
-- attendance: the approval meetings' registers
CREATE TRIGGER attendance_frozen_ins BEFORE INSERT ON attendance
WHEN (SELECT closed FROM cycles WHERE id = (SELECT cycle_id FROM meetings WHERE id = NEW.meeting_id)) = 0 AND (
  EXISTS (SELECT 1 FROM meetings m WHERE m.id = NEW.meeting_id AND (
    (m.kind = 'village2' AND (SELECT plan_frozen FROM scoring_settings WHERE cycle_id = m.cycle_id) = 1)
    OR (m.kind = 'annual_approval' AND (SELECT frozen FROM annual_approvals WHERE cycle_id = m.cycle_id) = 1))))
BEGIN SELECT RAISE(ABORT, 'kehoach: plan approved'); END;
CREATE TRIGGER attendance_frozen_upd BEFORE UPDATE ON attendance
WHEN (SELECT closed FROM cycles WHERE id = (SELECT cycle_id FROM meetings WHERE id = OLD.meeting_id)) = 0 AND (
  EXISTS (SELECT 1 FROM meetings m WHERE m.id = OLD.meeting_id AND (
    (m.kind = 'village2' AND (SELECT plan_frozen FROM scoring_settings WHERE cycle_id = m.cycle_id) = 1)
    OR (m.kind = 'annual_approval' AND (SELECT frozen FROM annual_approvals WHERE cycle_id = m.cycle_id) = 1)))
  OR EXISTS (SELECT 1 FROM meetings m WHERE m.id = NEW.meeting_id AND (
    (m.kind = 'village2' AND (SELECT plan_frozen FROM scoring_settings WHERE cycle_id = m.cycle_id) = 1)
    OR (m.kind = 'annual_approval' AND (SELECT frozen FROM annual_approvals WHERE cycle_id = m.cycle_id) = 1))))
BEGIN SELECT RAISE(ABORT, 'kehoach: plan approved'); END;
CREATE TRIGGER attendance_frozen_no_delete BEFORE DELETE ON attendance
WHEN (SELECT closed FROM cycles WHERE id = (SELECT cycle_id FROM meetings WHERE id = OLD.meeting_id)) = 0 AND (
  EXISTS (SELECT 1 FROM meetings m WHERE m.id = OLD.meeting_id AND (
    (m.kind = 'village2' AND (SELECT plan_frozen FROM scoring_settings WHERE cycle_id = m.cycle_id) = 1)
    OR (m.kind = 'annual_approval' AND (SELECT frozen FROM annual_approvals WHERE cycle_id = m.cycle_id) = 1))))
BEGIN SELECT RAISE(ABORT, 'kehoach: plan approved'); END;
-- meeting_facilitators: the facilitators at the approval meetings
CREATE TRIGGER meeting_facilitators_frozen_ins BEFORE INSERT ON meeting_facilitators
WHEN (SELECT closed FROM cycles WHERE id = (SELECT cycle_id FROM meetings WHERE id = NEW.meeting_id)) = 0 AND (
  EXISTS (SELECT 1 FROM meetings m WHERE m.id = NEW.meeting_id AND (
    (m.kind = 'village2' AND (SELECT plan_frozen FROM scoring_settings WHERE cycle_id = m.cycle_id) = 1)
    OR (m.kind = 'annual_approval' AND (SELECT frozen FROM annual_approvals WHERE cycle_id = m.cycle_id) = 1))))
BEGIN SELECT RAISE(ABORT, 'kehoach: plan approved'); END;
CREATE TRIGGER meeting_facilitators_frozen_upd BEFORE UPDATE ON meeting_facilitators
WHEN (SELECT closed FROM cycles WHERE id = (SELECT cycle_id FROM meetings WHERE id = OLD.meeting_id)) = 0 AND (
  EXISTS (SELECT 1 FROM meetings m WHERE m.id = OLD.meeting_id AND (
    (m.kind = 'village2' AND (SELECT plan_frozen FROM scoring_settings WHERE cycle_id = m.cycle_id) = 1)
    OR (m.kind = 'annual_approval' AND (SELECT frozen FROM annual_approvals WHERE cycle_id = m.cycle_id) = 1)))
  OR EXISTS (SELECT 1 FROM meetings m WHERE m.id = NEW.meeting_id AND (
    (m.kind = 'village2' AND (SELECT plan_frozen FROM scoring_settings WHERE cycle_id = m.cycle_id) = 1)
    OR (m.kind = 'annual_approval' AND (SELECT frozen FROM annual_approvals WHERE cycle_id = m.cycle_id) = 1))))
BEGIN SELECT RAISE(ABORT, 'kehoach: plan approved'); END;
CREATE TRIGGER meeting_facilitators_frozen_no_delete BEFORE DELETE ON meeting_facilitators
WHEN (SELECT closed FROM cycles WHERE id = (SELECT cycle_id FROM meetings WHERE id = OLD.meeting_id)) = 0 AND (
  EXISTS (SELECT 1 FROM meetings m WHERE m.id = OLD.meeting_id AND (
    (m.kind = 'village2' AND (SELECT plan_frozen FROM scoring_settings WHERE cycle_id = m.cycle_id) = 1)
    OR (m.kind = 'annual_approval' AND (SELECT frozen FROM annual_approvals WHERE cycle_id = m.cycle_id) = 1))))
BEGIN SELECT RAISE(ABORT, 'kehoach: plan approved'); END;
-- Each cycle gets its meetings when it is created (opening a screen no longer writes):
-- add the ones an open cycle is still missing.
INSERT INTO meetings (cycle_id, kind)
SELECT c.id, k.kind FROM cycles c
JOIN (SELECT 'village1' AS kind UNION ALL SELECT 'village2' UNION ALL SELECT 'annual_approval') k
WHERE c.closed = 0
  AND (k.kind = 'annual_approval' OR c.year = c.medium_term_start)
  AND NOT EXISTS (SELECT 1 FROM meetings m WHERE m.cycle_id = c.id AND m.kind = k.kind);
-- The working group's women's-proposal score was prefilled when its screen was opened;
-- now the commands prefill it when an activity is added or changed: fill the cells an
-- open, unapproved medium-term cycle is still missing.
INSERT INTO matrix_scores (activity_id, criterion, score)
SELECT a.id, 'womens_proposal',
       CASE WHEN a.proposed_by_women THEN coalesce(s.scale_max, 5) ELSE coalesce(s.scale_min, 1) END
FROM activities a
JOIN cycles c ON c.id = a.cycle_id
LEFT JOIN scoring_settings s ON s.cycle_id = a.cycle_id
WHERE c.closed = 0 AND c.year = c.medium_term_start AND coalesce(s.plan_frozen, 0) = 0
  AND a.merged_into IS NULL
  AND NOT EXISTS (SELECT 1 FROM matrix_scores m
                  WHERE m.activity_id = a.id AND m.criterion = 'womens_proposal');
