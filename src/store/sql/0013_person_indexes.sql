-- Every column that refers to a person gets an index, so removing an attendee (who is
-- deleted when no row refers to them any more) and the foreign-key check of that delete
-- look the person up instead of reading whole registers.
CREATE INDEX attendance_by_person ON attendance(person_id);
CREATE INDEX working_group_members_by_person ON working_group_members(person_id);
CREATE INDEX working_groups_by_leader ON working_groups(leader_id);
CREATE INDEX subgroups_by_leader ON subgroups(leader_id);
CREATE INDEX subgroup_members_by_person ON subgroup_members(person_id);
CREATE INDEX work_group_members_by_person ON work_group_members(person_id);
