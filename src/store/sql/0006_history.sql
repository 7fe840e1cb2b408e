-- v6: closing a cycle makes it read-only. Every table holding a cycle's data (through
-- cycle_id, or through its meeting, sub-group, activity, plan version or annual item) gets
-- three triggers, <table>_closed_{ins,upd,del}, refusing the write while the owning cycle
-- is closed; the store turns the message into StoreError::CycleClosed. The audit log and
-- the cycles row itself stay writable, so closing and reopening (closed 0 <-> 1) go
-- through; any other change to a closed cycle's row is refused. A table added later that
-- holds cycle data needs the same three triggers (tests/history_store.rs checks).
ALTER TABLE cycles ADD COLUMN reopen_reason TEXT;
CREATE TRIGGER cycles_closed_upd BEFORE UPDATE ON cycles
WHEN OLD.closed = 1 AND NEW.closed = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER cycles_closed_del BEFORE DELETE ON cycles
WHEN OLD.closed = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
-- meetings
CREATE TRIGGER meetings_closed_ins BEFORE INSERT ON meetings
WHEN (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER meetings_closed_upd BEFORE UPDATE ON meetings
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
  OR (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER meetings_closed_del BEFORE DELETE ON meetings
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
-- working_groups
CREATE TRIGGER working_groups_closed_ins BEFORE INSERT ON working_groups
WHEN (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER working_groups_closed_upd BEFORE UPDATE ON working_groups
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
  OR (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER working_groups_closed_del BEFORE DELETE ON working_groups
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
-- working_group_members
CREATE TRIGGER working_group_members_closed_ins BEFORE INSERT ON working_group_members
WHEN (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER working_group_members_closed_upd BEFORE UPDATE ON working_group_members
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
  OR (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER working_group_members_closed_del BEFORE DELETE ON working_group_members
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
-- cycle_tools
CREATE TRIGGER cycle_tools_closed_ins BEFORE INSERT ON cycle_tools
WHEN (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER cycle_tools_closed_upd BEFORE UPDATE ON cycle_tools
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
  OR (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER cycle_tools_closed_del BEFORE DELETE ON cycle_tools
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
-- subgroups
CREATE TRIGGER subgroups_closed_ins BEFORE INSERT ON subgroups
WHEN (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER subgroups_closed_upd BEFORE UPDATE ON subgroups
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
  OR (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER subgroups_closed_del BEFORE DELETE ON subgroups
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
-- subgroup_members
CREATE TRIGGER subgroup_members_closed_ins BEFORE INSERT ON subgroup_members
WHEN (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER subgroup_members_closed_upd BEFORE UPDATE ON subgroup_members
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
  OR (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER subgroup_members_closed_del BEFORE DELETE ON subgroup_members
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
-- activities
CREATE TRIGGER activities_closed_ins BEFORE INSERT ON activities
WHEN (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER activities_closed_upd BEFORE UPDATE ON activities
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
  OR (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER activities_closed_del BEFORE DELETE ON activities
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
-- scoring_settings
CREATE TRIGGER scoring_settings_closed_ins BEFORE INSERT ON scoring_settings
WHEN (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER scoring_settings_closed_upd BEFORE UPDATE ON scoring_settings
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
  OR (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER scoring_settings_closed_del BEFORE DELETE ON scoring_settings
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
-- meeting2_groups
CREATE TRIGGER meeting2_groups_closed_ins BEFORE INSERT ON meeting2_groups
WHEN (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER meeting2_groups_closed_upd BEFORE UPDATE ON meeting2_groups
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
  OR (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER meeting2_groups_closed_del BEFORE DELETE ON meeting2_groups
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
-- meeting2_entries
CREATE TRIGGER meeting2_entries_closed_ins BEFORE INSERT ON meeting2_entries
WHEN (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER meeting2_entries_closed_upd BEFORE UPDATE ON meeting2_entries
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
  OR (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER meeting2_entries_closed_del BEFORE DELETE ON meeting2_entries
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
-- plan_versions
CREATE TRIGGER plan_versions_closed_ins BEFORE INSERT ON plan_versions
WHEN (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER plan_versions_closed_upd BEFORE UPDATE ON plan_versions
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
  OR (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER plan_versions_closed_del BEFORE DELETE ON plan_versions
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
-- annual_items
CREATE TRIGGER annual_items_closed_ins BEFORE INSERT ON annual_items
WHEN (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER annual_items_closed_upd BEFORE UPDATE ON annual_items
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
  OR (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER annual_items_closed_del BEFORE DELETE ON annual_items
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
-- annual_reviews
CREATE TRIGGER annual_reviews_closed_ins BEFORE INSERT ON annual_reviews
WHEN (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER annual_reviews_closed_upd BEFORE UPDATE ON annual_reviews
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
  OR (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER annual_reviews_closed_del BEFORE DELETE ON annual_reviews
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
-- annual_summaries
CREATE TRIGGER annual_summaries_closed_ins BEFORE INSERT ON annual_summaries
WHEN (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER annual_summaries_closed_upd BEFORE UPDATE ON annual_summaries
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
  OR (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER annual_summaries_closed_del BEFORE DELETE ON annual_summaries
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
-- annual_approvals
CREATE TRIGGER annual_approvals_closed_ins BEFORE INSERT ON annual_approvals
WHEN (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER annual_approvals_closed_upd BEFORE UPDATE ON annual_approvals
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
  OR (SELECT closed FROM cycles WHERE id = NEW.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER annual_approvals_closed_del BEFORE DELETE ON annual_approvals
WHEN (SELECT closed FROM cycles WHERE id = OLD.cycle_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
-- attendance
CREATE TRIGGER attendance_closed_ins BEFORE INSERT ON attendance
WHEN (SELECT c.closed FROM meetings p JOIN cycles c ON c.id = p.cycle_id WHERE p.id = NEW.meeting_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER attendance_closed_upd BEFORE UPDATE ON attendance
WHEN (SELECT c.closed FROM meetings p JOIN cycles c ON c.id = p.cycle_id WHERE p.id = OLD.meeting_id) = 1
  OR (SELECT c.closed FROM meetings p JOIN cycles c ON c.id = p.cycle_id WHERE p.id = NEW.meeting_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER attendance_closed_del BEFORE DELETE ON attendance
WHEN (SELECT c.closed FROM meetings p JOIN cycles c ON c.id = p.cycle_id WHERE p.id = OLD.meeting_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
-- meeting_facilitators
CREATE TRIGGER meeting_facilitators_closed_ins BEFORE INSERT ON meeting_facilitators
WHEN (SELECT c.closed FROM meetings p JOIN cycles c ON c.id = p.cycle_id WHERE p.id = NEW.meeting_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER meeting_facilitators_closed_upd BEFORE UPDATE ON meeting_facilitators
WHEN (SELECT c.closed FROM meetings p JOIN cycles c ON c.id = p.cycle_id WHERE p.id = OLD.meeting_id) = 1
  OR (SELECT c.closed FROM meetings p JOIN cycles c ON c.id = p.cycle_id WHERE p.id = NEW.meeting_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER meeting_facilitators_closed_del BEFORE DELETE ON meeting_facilitators
WHEN (SELECT c.closed FROM meetings p JOIN cycles c ON c.id = p.cycle_id WHERE p.id = OLD.meeting_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
-- subgroup_themes
CREATE TRIGGER subgroup_themes_closed_ins BEFORE INSERT ON subgroup_themes
WHEN (SELECT c.closed FROM subgroups p JOIN cycles c ON c.id = p.cycle_id WHERE p.id = NEW.subgroup_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER subgroup_themes_closed_upd BEFORE UPDATE ON subgroup_themes
WHEN (SELECT c.closed FROM subgroups p JOIN cycles c ON c.id = p.cycle_id WHERE p.id = OLD.subgroup_id) = 1
  OR (SELECT c.closed FROM subgroups p JOIN cycles c ON c.id = p.cycle_id WHERE p.id = NEW.subgroup_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER subgroup_themes_closed_del BEFORE DELETE ON subgroup_themes
WHEN (SELECT c.closed FROM subgroups p JOIN cycles c ON c.id = p.cycle_id WHERE p.id = OLD.subgroup_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
-- subgroup_tools
CREATE TRIGGER subgroup_tools_closed_ins BEFORE INSERT ON subgroup_tools
WHEN (SELECT c.closed FROM subgroups p JOIN cycles c ON c.id = p.cycle_id WHERE p.id = NEW.subgroup_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER subgroup_tools_closed_upd BEFORE UPDATE ON subgroup_tools
WHEN (SELECT c.closed FROM subgroups p JOIN cycles c ON c.id = p.cycle_id WHERE p.id = OLD.subgroup_id) = 1
  OR (SELECT c.closed FROM subgroups p JOIN cycles c ON c.id = p.cycle_id WHERE p.id = NEW.subgroup_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER subgroup_tools_closed_del BEFORE DELETE ON subgroup_tools
WHEN (SELECT c.closed FROM subgroups p JOIN cycles c ON c.id = p.cycle_id WHERE p.id = OLD.subgroup_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
-- findings
CREATE TRIGGER findings_closed_ins BEFORE INSERT ON findings
WHEN (SELECT c.closed FROM subgroups p JOIN cycles c ON c.id = p.cycle_id WHERE p.id = NEW.subgroup_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER findings_closed_upd BEFORE UPDATE ON findings
WHEN (SELECT c.closed FROM subgroups p JOIN cycles c ON c.id = p.cycle_id WHERE p.id = OLD.subgroup_id) = 1
  OR (SELECT c.closed FROM subgroups p JOIN cycles c ON c.id = p.cycle_id WHERE p.id = NEW.subgroup_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER findings_closed_del BEFORE DELETE ON findings
WHEN (SELECT c.closed FROM subgroups p JOIN cycles c ON c.id = p.cycle_id WHERE p.id = OLD.subgroup_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
-- matrix_scores
CREATE TRIGGER matrix_scores_closed_ins BEFORE INSERT ON matrix_scores
WHEN (SELECT c.closed FROM activities p JOIN cycles c ON c.id = p.cycle_id WHERE p.id = NEW.activity_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER matrix_scores_closed_upd BEFORE UPDATE ON matrix_scores
WHEN (SELECT c.closed FROM activities p JOIN cycles c ON c.id = p.cycle_id WHERE p.id = OLD.activity_id) = 1
  OR (SELECT c.closed FROM activities p JOIN cycles c ON c.id = p.cycle_id WHERE p.id = NEW.activity_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER matrix_scores_closed_del BEFORE DELETE ON matrix_scores
WHEN (SELECT c.closed FROM activities p JOIN cycles c ON c.id = p.cycle_id WHERE p.id = OLD.activity_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
-- plan_rows
CREATE TRIGGER plan_rows_closed_ins BEFORE INSERT ON plan_rows
WHEN (SELECT c.closed FROM plan_versions p JOIN cycles c ON c.id = p.cycle_id WHERE p.id = NEW.version_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER plan_rows_closed_upd BEFORE UPDATE ON plan_rows
WHEN (SELECT c.closed FROM plan_versions p JOIN cycles c ON c.id = p.cycle_id WHERE p.id = OLD.version_id) = 1
  OR (SELECT c.closed FROM plan_versions p JOIN cycles c ON c.id = p.cycle_id WHERE p.id = NEW.version_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER plan_rows_closed_del BEFORE DELETE ON plan_rows
WHEN (SELECT c.closed FROM plan_versions p JOIN cycles c ON c.id = p.cycle_id WHERE p.id = OLD.version_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
-- annual_scores
CREATE TRIGGER annual_scores_closed_ins BEFORE INSERT ON annual_scores
WHEN (SELECT c.closed FROM annual_items p JOIN cycles c ON c.id = p.cycle_id WHERE p.id = NEW.item_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER annual_scores_closed_upd BEFORE UPDATE ON annual_scores
WHEN (SELECT c.closed FROM annual_items p JOIN cycles c ON c.id = p.cycle_id WHERE p.id = OLD.item_id) = 1
  OR (SELECT c.closed FROM annual_items p JOIN cycles c ON c.id = p.cycle_id WHERE p.id = NEW.item_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
CREATE TRIGGER annual_scores_closed_del BEFORE DELETE ON annual_scores
WHEN (SELECT c.closed FROM annual_items p JOIN cycles c ON c.id = p.cycle_id WHERE p.id = OLD.item_id) = 1
BEGIN SELECT RAISE(ABORT, 'kehoach: cycle closed'); END;
