//! Working-group composition rules (village meeting 1 and the annual plan's step).
//!
//! The procedure asks for a working group of about 20 members with at least 30% women,
//! at least 3 people trained in planning, and representatives of the mass organisations,
//! of rich / medium / poor households, of each ethnic group present and of core farmers.
//! [`check`] returns one [`Finding`] per rule, each saying what is missing.
//!
//! Arguments of the list rules ([`RULE_ORGANISATIONS`], [`RULE_WEALTH`]) are i18n keys of
//! the missing items; [`RULE_ETHNICITIES`] lists names as typed. Use [`display_args`] to
//! turn a finding's arguments into the text its detail key expects.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::attendance::{meets_women_threshold, women_missing};
use super::text::fold;
use super::{Finding, Gender, Organisation, Person, PersonId, Tally, WealthGroup};

/// Rule: the number of members is within the configured range.
pub const RULE_SIZE: &str = "wg.size";
/// Rule: at least 30% of members are women.
pub const RULE_WOMEN: &str = "wg.women";
/// Rule: at least [`MIN_TRAINED`] members are trained in planning.
pub const RULE_TRAINED: &str = "wg.trained";
/// Rule: each organisation of [`REQUIRED_ORGANISATIONS`] is represented.
pub const RULE_ORGANISATIONS: &str = "wg.organisations";
/// Rule: rich, medium and poor households are each represented.
pub const RULE_WEALTH: &str = "wg.wealth";
/// Rule: each ethnic group present among the attendees is represented.
pub const RULE_ETHNICITIES: &str = "wg.ethnicities";
/// Rule: at least one core farmer is a member.
pub const RULE_CORE_FARMER: &str = "wg.core_farmer";
/// Rule: a leader is chosen and is a member.
pub const RULE_LEADER: &str = "wg.leader";

/// Every rule in the order [`check`] returns them.
pub const RULES: [&str; 8] = [
    RULE_SIZE,
    RULE_WOMEN,
    RULE_TRAINED,
    RULE_ORGANISATIONS,
    RULE_WEALTH,
    RULE_ETHNICITIES,
    RULE_CORE_FARMER,
    RULE_LEADER,
];

/// Detail: `{0}` more members are needed.
pub const NEED_MEMBERS: &str = "wg.need_members";
/// Detail: `{0}` members too many.
pub const TOO_MANY_MEMBERS: &str = "wg.too_many_members";
/// Detail: `{0}` more women are needed.
pub const NEED_WOMEN: &str = "wg.need_women";
/// Detail: `{0}` more trained members are needed.
pub const NEED_TRAINED: &str = "wg.need_trained";
/// Detail: organisations `{0}` are not represented.
pub const MISSING_ORGANISATIONS: &str = "wg.missing_organisations";
/// Detail: wealth groups `{0}` are not represented.
pub const MISSING_WEALTH: &str = "wg.missing_wealth";
/// Detail: ethnic groups `{0}` are not represented.
pub const MISSING_ETHNICITIES: &str = "wg.missing_ethnicities";
/// Detail: no core farmer among the members.
pub const NEED_CORE_FARMER: &str = "wg.need_core_farmer";
/// Detail: no leader chosen.
pub const NO_LEADER: &str = "wg.no_leader";
/// Detail: the chosen leader is not a member.
pub const LEADER_NOT_MEMBER: &str = "wg.leader_not_member";

/// Every detail key [`check`] may use.
pub const DETAIL_KEYS: [&str; 10] = [
    NEED_MEMBERS,
    TOO_MANY_MEMBERS,
    NEED_WOMEN,
    NEED_TRAINED,
    MISSING_ORGANISATIONS,
    MISSING_WEALTH,
    MISSING_ETHNICITIES,
    NEED_CORE_FARMER,
    NO_LEADER,
    LEADER_NOT_MEMBER,
];

/// The procedure's minimum number of members trained in planning.
pub const MIN_TRAINED: usize = 3;

/// Mass organisations that must each have a representative.
pub const REQUIRED_ORGANISATIONS: [Organisation; 4] = [
    Organisation::WomensUnion,
    Organisation::FarmersUnion,
    Organisation::YouthUnion,
    Organisation::FatherlandFront,
];

/// Accepted number of working-group members (the procedure says "about 20").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SizeRange {
    /// Fewest members accepted.
    pub min: usize,
    /// Most members accepted.
    pub max: usize,
}

impl Default for SizeRange {
    fn default() -> Self {
        Self { min: 15, max: 25 }
    }
}

impl SizeRange {
    /// A range, or `None` when `min` is above `max`.
    pub fn new(min: usize, max: usize) -> Option<Self> {
        (min <= max).then_some(Self { min, max })
    }

    /// Whether `count` members is within the range.
    pub fn contains(self, count: usize) -> bool {
        (self.min..=self.max).contains(&count)
    }
}

/// Checks a working group against every composition rule, one finding per rule in
/// [`RULES`] order. A person listed twice counts once.
pub fn check(
    members: &[Person],
    leader: Option<PersonId>,
    attendees_ethnicities: &[String],
    range: SizeRange,
) -> Vec<Finding> {
    let members = unique(members);
    vec![
        check_size(members.len(), range),
        check_women(&members),
        check_trained(&members),
        check_organisations(&members),
        check_wealth(&members),
        check_ethnicities(&members, attendees_ethnicities),
        check_core_farmer(&members),
        check_leader(&members, leader),
    ]
}

/// Whether any finding failed.
pub fn failed(findings: &[Finding]) -> bool {
    findings.iter().any(|f| !f.passed)
}

/// The failed findings, in order.
pub fn failures(findings: &[Finding]) -> Vec<&Finding> {
    findings.iter().filter(|f| !f.passed).collect()
}

/// The arguments for a finding's detail key, with list items translated by `translate`
/// (an i18n lookup) and joined by ", ".
pub fn display_args(finding: &Finding, translate: impl Fn(&str) -> String) -> Vec<String> {
    match finding.rule {
        RULE_ORGANISATIONS | RULE_WEALTH => {
            let items: Vec<String> = finding.args.iter().map(|k| translate(k)).collect();
            vec![items.join(", ")]
        }
        RULE_ETHNICITIES => vec![finding.args.join(", ")],
        _ => finding.args.clone(),
    }
}

/// The i18n key naming an organisation in a list of missing ones.
pub fn organisation_key(org: Organisation) -> &'static str {
    match org {
        Organisation::WomensUnion => "wg.org.womens_union",
        Organisation::FarmersUnion => "wg.org.farmers_union",
        Organisation::YouthUnion => "wg.org.youth_union",
        Organisation::FatherlandFront => "wg.org.fatherland_front",
        Organisation::VeteransAssociation => "wg.org.veterans",
    }
}

/// The i18n key naming a wealth group in a list of missing ones.
pub fn wealth_key(group: WealthGroup) -> &'static str {
    match group {
        WealthGroup::Rich => "wg.wealth.rich",
        WealthGroup::Medium => "wg.wealth.medium",
        WealthGroup::Poor => "wg.wealth.poor",
    }
}

/// Folds an ethnic group's name for comparison: case, diacritics, spaces and
/// apostrophes ignored ("M'nông" = "mnong", "Ê Đê" = "Êđê" = "ede").
pub fn ethnicity_key(name: &str) -> String {
    fold(name).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// One thing a failed check asks for, that electing someone could supply: the election
/// list filters its candidates by it ("Thiếu đại diện: Hội Nông dân" → who is in it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gap {
    /// More members are needed: anyone not yet elected.
    Members,
    /// More women are needed.
    Women,
    /// More members trained in planning are needed.
    Trained,
    /// This organisation has no representative.
    Organisation(Organisation),
    /// This wealth group has no representative.
    Wealth(WealthGroup),
    /// This ethnic group (as typed) has no representative.
    Ethnicity(String),
    /// No core farmer yet.
    CoreFarmer,
}

impl Gap {
    /// Whether electing `person` would supply what this gap asks for.
    pub fn filled_by(&self, person: &Person) -> bool {
        match self {
            Gap::Members => true,
            Gap::Women => person.gender == Gender::Female,
            Gap::Trained => person.trained,
            Gap::Organisation(org) => person.organisations.contains(org),
            Gap::Wealth(group) => person.wealth == Some(*group),
            Gap::Ethnicity(name) => person
                .ethnicity
                .as_deref()
                .is_some_and(|e| ethnicity_key(e) == ethnicity_key(name)),
            Gap::CoreFarmer => person.core_farmer,
        }
    }
}

/// What the failed findings ask for, one [`Gap`] per missing organisation, wealth group
/// or ethnic group, in [`RULES`] order (too many members and the leader are not gaps a
/// candidate fills).
pub fn gaps(findings: &[Finding]) -> Vec<Gap> {
    findings
        .iter()
        .filter(|f| !f.passed)
        .flat_map(finding_gaps)
        .collect()
}

fn finding_gaps(f: &Finding) -> Vec<Gap> {
    match (f.rule, f.detail_key) {
        (RULE_SIZE, NEED_MEMBERS) => vec![Gap::Members],
        (RULE_WOMEN, _) => vec![Gap::Women],
        (RULE_TRAINED, _) => vec![Gap::Trained],
        (RULE_ORGANISATIONS, _) => Organisation::ALL
            .into_iter()
            .filter(|o| f.args.iter().any(|k| k == organisation_key(*o)))
            .map(Gap::Organisation)
            .collect(),
        (RULE_WEALTH, _) => WealthGroup::ALL
            .into_iter()
            .filter(|w| f.args.iter().any(|k| k == wealth_key(*w)))
            .map(Gap::Wealth)
            .collect(),
        (RULE_ETHNICITIES, _) => f.args.iter().cloned().map(Gap::Ethnicity).collect(),
        (RULE_CORE_FARMER, _) => vec![Gap::CoreFarmer],
        _ => Vec::new(),
    }
}

fn unique(members: &[Person]) -> Vec<&Person> {
    let mut seen = HashSet::new();
    members.iter().filter(|p| seen.insert(p.id)).collect()
}

fn check_size(count: usize, range: SizeRange) -> Finding {
    if count < range.min {
        Finding::fail(
            RULE_SIZE,
            NEED_MEMBERS,
            vec![(range.min - count).to_string()],
        )
    } else if count > range.max {
        Finding::fail(
            RULE_SIZE,
            TOO_MANY_MEMBERS,
            vec![(count - range.max).to_string()],
        )
    } else {
        Finding::pass(RULE_SIZE)
    }
}

fn check_women(members: &[&Person]) -> Finding {
    let tally = tally(members);
    if meets_women_threshold(tally) {
        Finding::pass(RULE_WOMEN)
    } else {
        Finding::fail(
            RULE_WOMEN,
            NEED_WOMEN,
            vec![women_missing(tally).to_string()],
        )
    }
}

fn tally(members: &[&Person]) -> Tally {
    let women = members
        .iter()
        .filter(|p| p.gender == Gender::Female)
        .count();
    let men = members.len() - women;
    Tally {
        men: saturate(men),
        women: saturate(women),
    }
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn check_trained(members: &[&Person]) -> Finding {
    let trained = members.iter().filter(|p| p.trained).count();
    if trained >= MIN_TRAINED {
        Finding::pass(RULE_TRAINED)
    } else {
        Finding::fail(
            RULE_TRAINED,
            NEED_TRAINED,
            vec![(MIN_TRAINED - trained).to_string()],
        )
    }
}

fn check_organisations(members: &[&Person]) -> Finding {
    let missing: Vec<String> = REQUIRED_ORGANISATIONS
        .into_iter()
        .filter(|org| !members.iter().any(|p| p.organisations.contains(org)))
        .map(|org| organisation_key(org).to_string())
        .collect();
    list_finding(RULE_ORGANISATIONS, MISSING_ORGANISATIONS, missing)
}

fn check_wealth(members: &[&Person]) -> Finding {
    let missing: Vec<String> = WealthGroup::ALL
        .into_iter()
        .filter(|group| !members.iter().any(|p| p.wealth == Some(*group)))
        .map(|group| wealth_key(group).to_string())
        .collect();
    list_finding(RULE_WEALTH, MISSING_WEALTH, missing)
}

fn check_ethnicities(members: &[&Person], attendees: &[String]) -> Finding {
    let present: HashSet<String> = members
        .iter()
        .filter_map(|p| p.ethnicity.as_deref())
        .map(ethnicity_key)
        .collect();
    let mut listed = HashSet::new();
    let missing: Vec<String> = attendees
        .iter()
        .map(|name| name.trim())
        .filter(|name| {
            let key = ethnicity_key(name);
            !key.is_empty() && !present.contains(&key) && listed.insert(key)
        })
        .map(str::to_string)
        .collect();
    list_finding(RULE_ETHNICITIES, MISSING_ETHNICITIES, missing)
}

fn list_finding(rule: &'static str, detail: &'static str, missing: Vec<String>) -> Finding {
    if missing.is_empty() {
        Finding::pass(rule)
    } else {
        Finding::fail(rule, detail, missing)
    }
}

fn check_core_farmer(members: &[&Person]) -> Finding {
    if members.iter().any(|p| p.core_farmer) {
        Finding::pass(RULE_CORE_FARMER)
    } else {
        Finding::fail(RULE_CORE_FARMER, NEED_CORE_FARMER, Vec::new())
    }
}

fn check_leader(members: &[&Person], leader: Option<PersonId>) -> Finding {
    match leader {
        None => Finding::fail(RULE_LEADER, NO_LEADER, Vec::new()),
        Some(id) if members.iter().any(|p| p.id == id) => Finding::pass(RULE_LEADER),
        Some(_) => Finding::fail(RULE_LEADER, LEADER_NOT_MEMBER, Vec::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n;

    fn person(id: i64, gender: Gender) -> Person {
        Person {
            id: PersonId(id),
            name: format!("Người {id}"),
            gender,
            ethnicity: None,
            wealth: None,
            organisations: Vec::new(),
            trained: false,
            core_farmer: false,
        }
    }

    /// `n` members, the first `women` of them women.
    fn group(n: i64, women: i64) -> Vec<Person> {
        (1..=n)
            .map(|i| {
                person(
                    i,
                    if i <= women {
                        Gender::Female
                    } else {
                        Gender::Male
                    },
                )
            })
            .collect()
    }

    /// A group of 20 passing every rule.
    fn good_group() -> Vec<Person> {
        let mut g = group(20, 6);
        for (p, org) in g.iter_mut().zip(REQUIRED_ORGANISATIONS) {
            p.organisations.push(org);
        }
        for (p, w) in g.iter_mut().zip(WealthGroup::ALL) {
            p.wealth = Some(w);
        }
        for p in g.iter_mut().take(3) {
            p.trained = true;
        }
        g[0].core_farmer = true;
        g[0].ethnicity = Some("Ê Đê".into());
        g[1].ethnicity = Some("Kinh".into());
        g
    }

    fn ethnicities(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    fn find(findings: &[Finding], rule: &str) -> Finding {
        findings
            .iter()
            .find(|f| f.rule == rule)
            .cloned()
            .expect("rule present")
    }

    fn run(members: &[Person]) -> Vec<Finding> {
        check(
            members,
            Some(PersonId(1)),
            &ethnicities(&["Kinh", "Ê Đê"]),
            SizeRange::default(),
        )
    }

    #[test]
    fn gaps_name_each_missing_item_and_who_fills_it() {
        let mut members = group(3, 0);
        members[0].organisations.push(Organisation::WomensUnion);
        let found = gaps(&run(&members));
        assert!(found.contains(&Gap::Organisation(Organisation::FarmersUnion)));
        assert!(!found.contains(&Gap::Organisation(Organisation::WomensUnion)));
        assert!(found.contains(&Gap::Wealth(WealthGroup::Poor)));
        assert!(found.contains(&Gap::Ethnicity("Ê Đê".into())));
        assert_eq!(found.first(), Some(&Gap::Members));
        let mut farmer = person(9, Gender::Female);
        farmer.organisations.push(Organisation::FarmersUnion);
        farmer.ethnicity = Some("Êđê".into());
        assert!(Gap::Organisation(Organisation::FarmersUnion).filled_by(&farmer));
        assert!(Gap::Ethnicity("Ê Đê".into()).filled_by(&farmer));
        assert!(Gap::Women.filled_by(&farmer));
        assert!(!Gap::Trained.filled_by(&farmer));
        assert!(gaps(&run(&good_group())).is_empty());
    }

    #[test]
    fn a_complete_group_passes_every_rule() {
        let findings = run(&good_group());
        assert_eq!(findings.len(), RULES.len());
        assert!(!failed(&findings), "{:?}", failures(&findings));
        let rules: Vec<&str> = findings.iter().map(|f| f.rule).collect();
        assert_eq!(rules, RULES);
    }

    #[test]
    fn size_boundaries() {
        let range = SizeRange::default();
        assert_eq!(
            check_size(14, range),
            Finding::fail(RULE_SIZE, NEED_MEMBERS, vec!["1".into()])
        );
        assert!(check_size(15, range).passed);
        assert!(check_size(25, range).passed);
        let over = check_size(26, range);
        assert_eq!(
            over,
            Finding::fail(RULE_SIZE, TOO_MANY_MEMBERS, vec!["1".into()])
        );
        assert_eq!(check_size(12, range).args, vec!["3"]);
        assert_eq!(check_size(28, range).args, vec!["3"]);
    }

    #[test]
    fn size_range_is_configurable_and_validated() {
        let range = SizeRange::new(18, 22).expect("valid range");
        assert!(!range.contains(17) && range.contains(18) && range.contains(22));
        assert!(!check_size(23, range).passed);
        assert_eq!(SizeRange::new(10, 9), None);
        assert!(SizeRange::new(20, 20).is_some());
    }

    #[test]
    fn exactly_thirty_percent_women_passes() {
        let findings = run(&group(20, 6));
        assert!(find(&findings, RULE_WOMEN).passed);
    }

    #[test]
    fn five_women_of_twenty_needs_two_more() {
        // 5 of 20 = 25%; 6 of 21 = 28.6%; 7 of 22 = 31.8%.
        let f = find(&run(&group(20, 5)), RULE_WOMEN);
        assert_eq!(f, Finding::fail(RULE_WOMEN, NEED_WOMEN, vec!["2".into()]));
    }

    #[test]
    fn empty_group_fails_every_rule_with_what_is_missing() {
        let findings = run(&[]);
        assert!(findings.iter().all(|f| !f.passed));
        assert_eq!(find(&findings, RULE_SIZE).args, vec!["15"]);
        assert_eq!(find(&findings, RULE_WOMEN).args, vec!["1"]);
        assert_eq!(find(&findings, RULE_TRAINED).args, vec!["3"]);
        assert_eq!(find(&findings, RULE_ORGANISATIONS).args.len(), 4);
        assert_eq!(find(&findings, RULE_WEALTH).args.len(), 3);
        assert_eq!(find(&findings, RULE_ETHNICITIES).args, vec!["Kinh", "Ê Đê"]);
        assert_eq!(find(&findings, RULE_LEADER).detail_key, LEADER_NOT_MEMBER);
    }

    #[test]
    fn trained_boundaries() {
        let mut g = good_group();
        assert!(find(&run(&g), RULE_TRAINED).passed);
        g[2].trained = false;
        let f = find(&run(&g), RULE_TRAINED);
        assert_eq!(
            f,
            Finding::fail(RULE_TRAINED, NEED_TRAINED, vec!["1".into()])
        );
    }

    #[test]
    fn missing_organisations_are_listed() {
        let mut g = good_group();
        g[1].organisations.clear();
        g[3].organisations = vec![Organisation::VeteransAssociation];
        let f = find(&run(&g), RULE_ORGANISATIONS);
        assert_eq!(f.detail_key, MISSING_ORGANISATIONS);
        assert_eq!(
            f.args,
            vec!["wg.org.farmers_union", "wg.org.fatherland_front"]
        );
    }

    #[test]
    fn one_member_can_represent_several_organisations() {
        let mut g = group(15, 5);
        g[0].organisations = REQUIRED_ORGANISATIONS.to_vec();
        assert!(find(&run(&g), RULE_ORGANISATIONS).passed);
    }

    #[test]
    fn missing_wealth_groups_are_listed() {
        let mut g = good_group();
        g[2].wealth = None;
        let f = find(&run(&g), RULE_WEALTH);
        assert_eq!(
            f,
            Finding::fail(RULE_WEALTH, MISSING_WEALTH, vec!["wg.wealth.poor".into()])
        );
    }

    #[test]
    fn ethnicities_compare_without_case_diacritics_or_apostrophes() {
        let mut g = good_group();
        g[0].ethnicity = Some("ê đê".into());
        g[1].ethnicity = Some("KINH".into());
        g[2].ethnicity = Some("M’nông".into());
        let present = ethnicities(&[
            "Kinh", "Ê Đê", "Êđê", "Mnông", "M'nông", "Gia Rai", "gia rai",
        ]);
        let f = find(
            &check(&g, Some(PersonId(1)), &present, SizeRange::default()),
            RULE_ETHNICITIES,
        );
        assert_eq!(
            f,
            Finding::fail(
                RULE_ETHNICITIES,
                MISSING_ETHNICITIES,
                vec!["Gia Rai".into()]
            )
        );
    }

    #[test]
    fn blank_ethnicities_are_ignored() {
        let present = ethnicities(&["", "   ", "Kinh"]);
        let f = find(
            &check(&good_group(), None, &present, SizeRange::default()),
            RULE_ETHNICITIES,
        );
        assert!(f.passed);
    }

    #[test]
    fn core_farmer_required() {
        let mut g = good_group();
        g[0].core_farmer = false;
        let f = find(&run(&g), RULE_CORE_FARMER);
        assert_eq!(
            f,
            Finding::fail(RULE_CORE_FARMER, NEED_CORE_FARMER, Vec::new())
        );
    }

    #[test]
    fn leader_must_be_chosen_and_a_member() {
        let g = good_group();
        let eth = ethnicities(&[]);
        let none = find(&check(&g, None, &eth, SizeRange::default()), RULE_LEADER);
        assert_eq!(none.detail_key, NO_LEADER);
        let outsider = find(
            &check(&g, Some(PersonId(99)), &eth, SizeRange::default()),
            RULE_LEADER,
        );
        assert_eq!(outsider.detail_key, LEADER_NOT_MEMBER);
        assert!(
            find(
                &check(&g, Some(PersonId(20)), &eth, SizeRange::default()),
                RULE_LEADER
            )
            .passed
        );
    }

    #[test]
    fn a_person_listed_twice_counts_once() {
        let mut g = group(15, 5);
        g.push(g[0].clone());
        let f = find(&run(&g), RULE_SIZE);
        assert!(f.passed);
        let mut small = group(14, 5);
        small.push(small[0].clone());
        assert_eq!(find(&run(&small), RULE_SIZE).args, vec!["1"]);
    }

    #[test]
    fn failed_and_failures() {
        assert!(!failed(&[]));
        let findings = vec![
            Finding::pass(RULE_SIZE),
            Finding::fail(RULE_LEADER, NO_LEADER, vec![]),
        ];
        assert!(failed(&findings));
        assert_eq!(failures(&findings).len(), 1);
        assert_eq!(failures(&findings)[0].rule, RULE_LEADER);
    }

    #[test]
    fn display_args_translate_and_join_lists() {
        let f = Finding::fail(
            RULE_ORGANISATIONS,
            MISSING_ORGANISATIONS,
            vec!["wg.org.youth_union".into(), "wg.org.farmers_union".into()],
        );
        let args = display_args(&f, |k| i18n::t(i18n::Lang::En, k));
        assert_eq!(args, vec!["Youth Union, Farmers' Union"]);
        let text = i18n::tf(
            i18n::Lang::Vi,
            f.detail_key,
            &display_args(&f, |k| i18n::t(i18n::Lang::Vi, k)),
        );
        assert!(text.contains("Đoàn Thanh niên, Hội Nông dân"), "{text}");
        let e = Finding::fail(
            RULE_ETHNICITIES,
            MISSING_ETHNICITIES,
            vec!["Kinh".into(), "Ê Đê".into()],
        );
        assert_eq!(display_args(&e, |k| k.to_string()), vec!["Kinh, Ê Đê"]);
        let w = Finding::fail(RULE_WOMEN, NEED_WOMEN, vec!["2".into()]);
        assert_eq!(
            i18n::tf(
                i18n::Lang::En,
                w.detail_key,
                &display_args(&w, |k| k.into())
            ),
            "Need 2 more women"
        );
    }

    #[test]
    fn every_key_has_strings_in_both_languages() {
        let item_keys = Organisation::ALL.map(organisation_key);
        let wealth_keys = WealthGroup::ALL.map(wealth_key);
        let all = RULES
            .iter()
            .chain(&DETAIL_KEYS)
            .chain(&item_keys)
            .chain(&wealth_keys);
        for key in all {
            assert!(i18n::has(key), "missing i18n key {key}");
        }
    }
}
