//! Sub-groups of the working group during the situation assessment (medium-term step 2).
//!
//! The procedure splits the working group into 3-4 sub-groups, each with a leader who
//! records and sums up, each given themes and PRA tools; the topics concerning women are
//! assessed by the women's group. [`check`] returns [`Finding`]s for these rules: one
//! passing finding per rule when met, otherwise one failing finding per problem.
//!
//! Arguments are language-neutral: people's and sub-groups' names as typed, counts, and
//! (for unknown topics) the stored codes.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::pra::Catalogue;
use super::{Finding, Gender, Person, PersonId, Tally};

/// Database identifier of a sub-group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SubGroupId(pub i64);

/// Database identifier of what a sub-group recorded with one PRA tool (a finding).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FindingId(pub i64);

/// Fewest sub-groups the procedure allows.
pub const MIN_SUBGROUPS: usize = 3;
/// Most sub-groups the procedure allows.
pub const MAX_SUBGROUPS: usize = 4;

/// Rule: there are 3-4 sub-groups.
pub const RULE_COUNT: &str = "subgroup.rule.count";
/// Rule: every working-group member is in a sub-group.
pub const RULE_EVERYONE_ASSIGNED: &str = "subgroup.rule.everyone_assigned";
/// Rule: no working-group member is in more than one sub-group.
pub const RULE_ASSIGNED_ONCE: &str = "subgroup.rule.assigned_once";
/// Rule: sub-group members belong to the working group.
pub const RULE_MEMBERS_IN_WG: &str = "subgroup.rule.members_in_working_group";
/// Rule: each sub-group has a leader who is one of its members.
pub const RULE_LEADER: &str = "subgroup.rule.leader";
/// Rule: women's topics are assigned only to women's sub-groups.
pub const RULE_WOMEN_TOPICS: &str = "subgroup.rule.women_topics";
/// Rule: assigned themes exist in the catalogue, assigned tools are selected for the cycle.
pub const RULE_TOPICS_KNOWN: &str = "subgroup.rule.topics_known";

/// Every rule in the order [`check`] returns them.
pub const RULES: [&str; 7] = [
    RULE_COUNT,
    RULE_EVERYONE_ASSIGNED,
    RULE_ASSIGNED_ONCE,
    RULE_MEMBERS_IN_WG,
    RULE_LEADER,
    RULE_WOMEN_TOPICS,
    RULE_TOPICS_KNOWN,
];

/// Detail: 3-4 sub-groups are needed; `{0}` = current count.
pub const NEED_3_4: &str = "subgroup.need_3_4";
/// Detail: `{0}` = names of members in no sub-group.
pub const UNASSIGNED: &str = "subgroup.unassigned";
/// Detail: `{0}` = "name (group, group); ..." for members in several sub-groups.
pub const IN_SEVERAL: &str = "subgroup.in_several";
/// Detail: `{0}` = sub-groups with members outside the working group, `{1}` = how many.
pub const NOT_IN_WG: &str = "subgroup.not_in_working_group";
/// Detail: `{0}` = sub-groups without a leader.
pub const NO_LEADER: &str = "subgroup.no_leader";
/// Detail: `{0}` = sub-groups whose leader is not a member.
pub const LEADER_NOT_MEMBER: &str = "subgroup.leader_not_member";
/// Detail: sub-group `{0}` has women's topics but `{1}` women and `{2}` men.
pub const WOMEN_TOPIC_MIXED: &str = "subgroup.women_topic_mixed";
/// Detail: `{0}` = "group: code, code; ..." for codes missing from the catalogue.
pub const UNKNOWN_TOPICS: &str = "subgroup.unknown_topics";
/// Detail: `{0}` = "group: number, number; ..." for tools not selected for the cycle.
pub const UNSELECTED_TOOLS: &str = "subgroup.unselected_tools";

/// Nothing to check: the working group has no members yet.
pub const NO_WORKING_GROUP: &str = "subgroup.nothing.no_working_group";
/// Nothing to check: there is no sub-group yet.
pub const NO_SUBGROUPS: &str = "subgroup.nothing.no_subgroups";

/// Every detail key [`check`] may use.
pub const DETAIL_KEYS: [&str; 11] = [
    NO_WORKING_GROUP,
    NO_SUBGROUPS,
    NEED_3_4,
    UNASSIGNED,
    IN_SEVERAL,
    NOT_IN_WG,
    NO_LEADER,
    LEADER_NOT_MEMBER,
    WOMEN_TOPIC_MIXED,
    UNKNOWN_TOPICS,
    UNSELECTED_TOOLS,
];

/// A sub-group of the working group with its assigned themes and tools.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubGroup {
    /// Database identifier.
    pub id: SubGroupId,
    /// Name as typed ("Nhóm 1", "Nhóm phụ nữ").
    pub name: String,
    /// The leader, who records and sums up.
    pub leader: Option<PersonId>,
    /// Members (working-group members).
    pub members: Vec<PersonId>,
    /// Assigned theme codes from the catalogue.
    pub themes: Vec<String>,
    /// Assigned tool codes from the catalogue.
    pub tools: Vec<String>,
}

impl SubGroup {
    /// Whether `person` is a member.
    pub fn has_member(&self, person: PersonId) -> bool {
        self.members.contains(&person)
    }
}

/// Women and men among the sub-group's members found in `people` (each counted once).
pub fn composition(subgroup: &SubGroup, people: &[Person]) -> Tally {
    let mut tally = Tally::default();
    for person in members_found(subgroup, people) {
        match person.gender {
            Gender::Female => tally.women += 1,
            Gender::Male => tally.men += 1,
        }
    }
    tally
}

/// Whether every member is a woman known in `people` (and there is at least one).
pub fn is_womens_group(subgroup: &SubGroup, people: &[Person]) -> bool {
    let found = members_found(subgroup, people);
    let distinct: HashSet<PersonId> = subgroup.members.iter().copied().collect();
    !found.is_empty()
        && found.len() == distinct.len()
        && found.iter().all(|p| p.gender == Gender::Female)
}

/// Whether the sub-group was given a women's theme or a women's-group tool.
pub fn has_womens_topic(subgroup: &SubGroup, catalogue: &Catalogue) -> bool {
    subgroup.themes.iter().any(|t| catalogue.is_women_theme(t))
        || subgroup.tools.iter().any(|t| catalogue.is_women_tool(t))
}

/// Checks the sub-group rules against the working group's members and the tools
/// selected for the cycle (`selected_tools`, codes).
pub fn check(
    subgroups: &[SubGroup],
    working_group_members: &[Person],
    catalogue: &Catalogue,
    selected_tools: &[String],
) -> Vec<Finding> {
    let mut findings = vec![check_count(subgroups)];
    if subgroups.is_empty() {
        return nothing_yet(findings, working_group_members);
    }
    findings.extend(check_membership(subgroups, working_group_members));
    findings.extend(check_leaders(subgroups));
    findings.extend(check_women_topics(
        subgroups,
        working_group_members,
        catalogue,
    ));
    findings.push(check_topics_known(subgroups, catalogue, selected_tools));
    findings
}

/// With no sub-group yet: members not in one are named; the rest is "—".
fn nothing_yet(mut findings: Vec<Finding>, members: &[Person]) -> Vec<Finding> {
    let names: Vec<&str> = members.iter().map(|p| p.name.as_str()).collect();
    findings.push(match names.is_empty() {
        true => Finding::nothing(RULE_EVERYONE_ASSIGNED, NO_WORKING_GROUP),
        false => fail_if_any(RULE_EVERYONE_ASSIGNED, UNASSIGNED, &names, ", "),
    });
    findings.extend(
        [
            RULE_ASSIGNED_ONCE,
            RULE_MEMBERS_IN_WG,
            RULE_LEADER,
            RULE_WOMEN_TOPICS,
            RULE_TOPICS_KNOWN,
        ]
        .map(|rule| Finding::nothing(rule, NO_SUBGROUPS)),
    );
    findings
}

fn members_found<'a>(subgroup: &SubGroup, people: &'a [Person]) -> Vec<&'a Person> {
    let members: HashSet<PersonId> = subgroup.members.iter().copied().collect();
    people.iter().filter(|p| members.contains(&p.id)).collect()
}

fn check_count(subgroups: &[SubGroup]) -> Finding {
    if (MIN_SUBGROUPS..=MAX_SUBGROUPS).contains(&subgroups.len()) {
        Finding::pass(RULE_COUNT)
    } else {
        Finding::fail(RULE_COUNT, NEED_3_4, vec![subgroups.len().to_string()])
    }
}

/// Names of the sub-groups each person belongs to (each sub-group once).
fn groups_by_person(subgroups: &[SubGroup]) -> HashMap<PersonId, Vec<&str>> {
    let mut map: HashMap<PersonId, Vec<&str>> = HashMap::new();
    for group in subgroups {
        let distinct: HashSet<PersonId> = group.members.iter().copied().collect();
        for person in distinct {
            map.entry(person).or_default().push(group.name.as_str());
        }
    }
    map
}

fn check_membership(subgroups: &[SubGroup], members: &[Person]) -> [Finding; 3] {
    let groups = groups_by_person(subgroups);
    let count = |p: &Person| groups.get(&p.id).map_or(0, Vec::len);
    let none: Vec<&str> = members
        .iter()
        .filter(|p| count(p) == 0)
        .map(|p| p.name.as_str())
        .collect();
    let several: Vec<String> = members
        .iter()
        .filter(|p| count(p) > 1)
        .map(|p| format!("{} ({})", p.name, groups[&p.id].join(", ")))
        .collect();
    if members.is_empty() {
        return [
            Finding::nothing(RULE_EVERYONE_ASSIGNED, NO_WORKING_GROUP),
            Finding::nothing(RULE_ASSIGNED_ONCE, NO_WORKING_GROUP),
            check_outsiders(subgroups, members),
        ];
    }
    [
        fail_if_any(RULE_EVERYONE_ASSIGNED, UNASSIGNED, &none, ", "),
        fail_if_any(RULE_ASSIGNED_ONCE, IN_SEVERAL, &several, "; "),
        check_outsiders(subgroups, members),
    ]
}

fn check_outsiders(subgroups: &[SubGroup], members: &[Person]) -> Finding {
    let known: HashSet<PersonId> = members.iter().map(|p| p.id).collect();
    let mut outsiders: HashSet<PersonId> = HashSet::new();
    let mut groups = Vec::new();
    for group in subgroups {
        let before = outsiders.len();
        outsiders.extend(
            group
                .members
                .iter()
                .copied()
                .filter(|id| !known.contains(id)),
        );
        if outsiders.len() > before {
            groups.push(group.name.as_str());
        }
    }
    if groups.is_empty() {
        Finding::pass(RULE_MEMBERS_IN_WG)
    } else {
        Finding::fail(
            RULE_MEMBERS_IN_WG,
            NOT_IN_WG,
            vec![groups.join(", "), outsiders.len().to_string()],
        )
    }
}

fn check_leaders(subgroups: &[SubGroup]) -> Vec<Finding> {
    let without = names_where(subgroups, |g| g.leader.is_none());
    let outside = names_where(subgroups, |g| g.leader.is_some_and(|l| !g.has_member(l)));
    let mut findings = Vec::new();
    if !without.is_empty() {
        findings.push(Finding::fail(
            RULE_LEADER,
            NO_LEADER,
            vec![without.join(", ")],
        ));
    }
    if !outside.is_empty() {
        findings.push(Finding::fail(
            RULE_LEADER,
            LEADER_NOT_MEMBER,
            vec![outside.join(", ")],
        ));
    }
    if findings.is_empty() {
        findings.push(Finding::pass(RULE_LEADER));
    }
    findings
}

fn names_where(subgroups: &[SubGroup], keep: impl Fn(&SubGroup) -> bool) -> Vec<&str> {
    subgroups
        .iter()
        .filter(|g| keep(g))
        .map(|g| g.name.as_str())
        .collect()
}

fn check_women_topics(
    subgroups: &[SubGroup],
    people: &[Person],
    catalogue: &Catalogue,
) -> Vec<Finding> {
    let findings: Vec<Finding> = subgroups
        .iter()
        .filter(|g| has_womens_topic(g, catalogue) && !is_womens_group(g, people))
        .map(|g| {
            let tally = composition(g, people);
            let args = vec![
                g.name.clone(),
                tally.women.to_string(),
                tally.men.to_string(),
            ];
            Finding::fail(RULE_WOMEN_TOPICS, WOMEN_TOPIC_MIXED, args)
        })
        .collect();
    if findings.is_empty() {
        vec![Finding::pass(RULE_WOMEN_TOPICS)]
    } else {
        findings
    }
}

/// Unknown codes first; else the tools assigned but not selected for the cycle, by
/// their number in the toolkit.
fn check_topics_known(
    subgroups: &[SubGroup],
    catalogue: &Catalogue,
    selected: &[String],
) -> Finding {
    let unknown = unknown_topics(subgroups, catalogue);
    if !unknown.is_empty() {
        return fail_if_any(RULE_TOPICS_KNOWN, UNKNOWN_TOPICS, &unknown, "; ");
    }
    let unselected: Vec<String> = subgroups
        .iter()
        .filter_map(|g| {
            let numbers: Vec<String> = g
                .tools
                .iter()
                .filter(|code| !selected.contains(code))
                .filter_map(|code| catalogue.tool(code))
                .map(|tool| tool.number.to_string())
                .collect();
            (!numbers.is_empty()).then(|| format!("{}: {}", g.name, numbers.join(", ")))
        })
        .collect();
    fail_if_any(RULE_TOPICS_KNOWN, UNSELECTED_TOOLS, &unselected, "; ")
}

/// "group: code, code" for each sub-group given codes the catalogue does not know.
fn unknown_topics(subgroups: &[SubGroup], catalogue: &Catalogue) -> Vec<String> {
    subgroups
        .iter()
        .filter_map(|g| {
            let themes = g.themes.iter().filter(|t| catalogue.theme(t).is_none());
            let tools = g.tools.iter().filter(|t| catalogue.tool(t).is_none());
            let unknown: Vec<&str> = themes.chain(tools).map(String::as_str).collect();
            (!unknown.is_empty()).then(|| format!("{}: {}", g.name, unknown.join(", ")))
        })
        .collect()
}

fn fail_if_any<S: AsRef<str>>(
    rule: &'static str,
    detail: &'static str,
    items: &[S],
    separator: &str,
) -> Finding {
    if items.is_empty() {
        Finding::pass(rule)
    } else {
        let list: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
        Finding::fail(rule, detail, vec![list.join(separator)])
    }
}

/// The procedure's limit for the situation assessment: 2 days of 8 working hours, in minutes.
pub const ASSESSMENT_LIMIT_MINUTES: u32 = 2 * 8 * 60;

/// Time the assessment took: sub-groups work side by side, so it is the longest
/// sub-group's total of `(sub-group, minutes)` records.
pub fn assessment_elapsed(records: impl IntoIterator<Item = (SubGroupId, u32)>) -> u32 {
    let mut per_group: HashMap<SubGroupId, u32> = HashMap::new();
    for (group, minutes) in records {
        let total = per_group.entry(group).or_default();
        *total = total.saturating_add(minutes);
    }
    per_group.into_values().max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: i64, name: &str, gender: Gender) -> Person {
        Person {
            id: PersonId(id),
            name: name.to_string(),
            gender,
            ethnicity: None,
            wealth: None,
            organisations: Vec::new(),
            trained: false,
            core_farmer: false,
        }
    }

    /// Twelve members: ids 1-6 women, 7-12 men.
    fn working_group() -> Vec<Person> {
        (1..=12)
            .map(|i| {
                let gender = if i <= 6 { Gender::Female } else { Gender::Male };
                person(i, &format!("P{i}"), gender)
            })
            .collect()
    }

    fn group(id: i64, members: &[i64], themes: &[&str], tools: &[&str]) -> SubGroup {
        SubGroup {
            id: SubGroupId(id),
            name: format!("Nhóm {id}"),
            leader: members.first().map(|m| PersonId(*m)),
            members: members.iter().map(|m| PersonId(*m)).collect(),
            themes: themes.iter().map(|s| s.to_string()).collect(),
            tools: tools.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// A configuration meeting every rule: group 3 is the women's group.
    fn good() -> Vec<SubGroup> {
        vec![
            group(
                1,
                &[7, 8, 9, 1],
                &["agriculture"],
                &["cultivation", "livestock"],
            ),
            group(
                2,
                &[10, 11, 12, 2],
                &["infrastructure"],
                &["services_infrastructure"],
            ),
            group(
                3,
                &[3, 4, 5, 6],
                &["gender", "womens_union"],
                &["womens_issues"],
            ),
        ]
    }

    fn catalogue() -> Catalogue {
        Catalogue::builtin().expect("builtin catalogue")
    }

    fn failures(groups: &[SubGroup]) -> Vec<Finding> {
        let all: Vec<String> = catalogue().tools().iter().map(|t| t.code.clone()).collect();
        check(groups, &working_group(), &catalogue(), &all)
            .into_iter()
            .filter(|f| !f.passed)
            .collect()
    }

    #[test]
    fn a_good_configuration_passes_every_rule() {
        let selected: Vec<String> = good().iter().flat_map(|g| g.tools.clone()).collect();
        let findings = check(&good(), &working_group(), &catalogue(), &selected);
        assert!(findings.iter().all(|f| f.passed), "{findings:?}");
        let rules: Vec<&str> = findings.iter().map(|f| f.rule).collect();
        assert_eq!(rules, RULES);
    }

    #[test]
    fn two_groups_are_too_few() {
        let mut groups = good();
        let third = groups.remove(2);
        groups[0].members.extend(third.members);
        groups[0].themes.push("forestry".into());
        assert_eq!(
            failures(&groups),
            [Finding::fail(RULE_COUNT, NEED_3_4, vec!["2".into()])]
        );
    }

    #[test]
    fn five_groups_are_too_many() {
        let mut groups = good();
        groups[0].members = vec![PersonId(7), PersonId(8)];
        groups[1].members = vec![PersonId(10), PersonId(11)];
        groups.push(group(4, &[9, 1], &[], &[]));
        groups.push(group(5, &[12, 2], &[], &[]));
        assert_eq!(
            failures(&groups),
            [Finding::fail(RULE_COUNT, NEED_3_4, vec!["5".into()])]
        );
    }

    #[test]
    fn a_member_in_two_groups_is_named_with_the_groups() {
        let mut groups = good();
        groups[1].members.push(PersonId(9));
        let expected = Finding::fail(
            RULE_ASSIGNED_ONCE,
            IN_SEVERAL,
            vec!["P9 (Nhóm 1, Nhóm 2)".into()],
        );
        assert_eq!(failures(&groups), [expected]);
    }

    #[test]
    fn listing_a_member_twice_in_one_group_is_not_two_groups() {
        let mut groups = good();
        groups[0].members.push(PersonId(9));
        assert!(failures(&groups).is_empty());
    }

    #[test]
    fn members_in_no_group_are_named() {
        let mut groups = good();
        groups[0].members.retain(|m| *m != PersonId(8));
        groups[1].members.retain(|m| *m != PersonId(11));
        let expected = Finding::fail(RULE_EVERYONE_ASSIGNED, UNASSIGNED, vec!["P8, P11".into()]);
        assert_eq!(failures(&groups), [expected]);
    }

    #[test]
    fn outsiders_are_reported() {
        let mut groups = good();
        groups[1].members.push(PersonId(99));
        let expected = Finding::fail(
            RULE_MEMBERS_IN_WG,
            NOT_IN_WG,
            vec!["Nhóm 2".into(), "1".into()],
        );
        assert_eq!(failures(&groups), [expected]);
    }

    #[test]
    fn leaders_must_exist_and_be_members() {
        let mut groups = good();
        groups[0].leader = None;
        groups[1].leader = Some(PersonId(3));
        let expected = [
            Finding::fail(RULE_LEADER, NO_LEADER, vec!["Nhóm 1".into()]),
            Finding::fail(RULE_LEADER, LEADER_NOT_MEMBER, vec!["Nhóm 2".into()]),
        ];
        assert_eq!(failures(&groups), expected);
    }

    #[test]
    fn womens_topic_with_a_mixed_group_names_the_group() {
        let mut groups = good();
        groups[0].themes.push("gender".into());
        let expected = Finding::fail(
            RULE_WOMEN_TOPICS,
            WOMEN_TOPIC_MIXED,
            vec!["Nhóm 1".into(), "1".into(), "3".into()],
        );
        assert_eq!(failures(&groups), [expected]);
    }

    #[test]
    fn womens_tool_or_union_theme_alone_also_counts() {
        let mut groups = good();
        groups[1].tools.push("womens_issues".into());
        groups[0].themes.push("womens_union".into());
        let rules: Vec<&str> = failures(&groups).iter().map(|f| f.rule).collect();
        assert_eq!(rules, [RULE_WOMEN_TOPICS, RULE_WOMEN_TOPICS]);
    }

    #[test]
    fn a_tool_not_selected_for_the_cycle_is_reported_by_its_number() {
        let mut groups = good();
        groups[0].tools.push("transect_walk".into());
        let selected: Vec<String> = good().iter().flat_map(|g| g.tools.clone()).collect();
        let number = catalogue()
            .tool("transect_walk")
            .map(|t| t.number.to_string());
        let findings = check(&groups, &working_group(), &catalogue(), &selected);
        let expected = Finding::fail(
            RULE_TOPICS_KNOWN,
            UNSELECTED_TOOLS,
            vec![format!("Nhóm 1: {}", number.unwrap_or_default())],
        );
        assert!(findings.contains(&expected), "{findings:#?}");
    }

    #[test]
    fn unknown_codes_are_reported() {
        let mut groups = good();
        groups[0].tools.push("old_tool".into());
        let expected = Finding::fail(
            RULE_TOPICS_KNOWN,
            UNKNOWN_TOPICS,
            vec!["Nhóm 1: old_tool".into()],
        );
        assert_eq!(failures(&groups), [expected]);
    }

    #[test]
    fn composition_counts_women_and_men_once() {
        let people = working_group();
        let mut g = group(1, &[1, 2, 7, 7], &[], &[]);
        assert_eq!(composition(&g, &people), Tally { women: 2, men: 1 });
        assert!(!is_womens_group(&g, &people));
        g.members = vec![PersonId(1), PersonId(2)];
        assert!(is_womens_group(&g, &people));
        g.members.push(PersonId(99));
        assert!(
            !is_womens_group(&g, &people),
            "an unknown member is not known to be a woman"
        );
        g.members.clear();
        assert!(!is_womens_group(&g, &people));
    }

    #[test]
    fn no_groups_at_all() {
        let rules: Vec<&str> = failures(&[]).iter().map(|f| f.rule).collect();
        assert_eq!(rules, [RULE_COUNT, RULE_EVERYONE_ASSIGNED]);
    }

    #[test]
    fn every_key_has_strings() {
        let keys = crate::domain::pra::assessment_i18n_keys();
        for key in RULES.iter().chain(DETAIL_KEYS.iter()) {
            assert!(keys.contains(*key), "assessment.toml lacks {key}");
        }
    }
}
