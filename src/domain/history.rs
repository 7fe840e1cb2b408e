//! Past cycles of a village: what each year planned, how its activities were evaluated the
//! year after, and how two years' priorities compare (rose, fell, appeared, dropped, done).
//!
//! Owns: the year summary types the history screen shows and [`compare`], a pure function
//! over two ranked lists. Must not: read the store or know how a rank was computed.

use super::Cycle;
use super::annual::{Part, Progress, Review};
use super::text::fold;

/// Where a year's priority order comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RankSource {
    /// The annual plan's form-4 ranking.
    AnnualPlan,
    /// The official medium-term plan's combined ranking (approved version).
    MediumTermPlan {
        /// The approved version used.
        version: u32,
    },
    /// Neither exists yet: nothing to compare.
    Nothing,
}

/// One activity in a year's priority order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranked {
    /// Activity id, when known (matching prefers it to the name).
    pub key: Option<i64>,
    /// Activity name as written that year.
    pub name: String,
    /// Competition rank (1 = top).
    pub rank: u32,
}

/// A year's priorities and where they come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearRanking {
    /// The source of the order.
    pub source: RankSource,
    /// Activities by rank.
    pub entries: Vec<Ranked>,
}

/// State of a cycle's medium-term plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediumTerm {
    /// The cycle made the plan and approved it (latest version).
    Approved(u32),
    /// The cycle makes the plan but has not approved it.
    NotApproved,
    /// The cycle carries over the plan made in this year.
    CarriedOver(i32),
}

/// One activity of a year's annual plan with the commune's evaluation of it that year and
/// the next year's review of it.
#[derive(Debug, Clone, PartialEq)]
pub struct PastItem {
    /// Activity id.
    pub key: i64,
    /// Activity name.
    pub name: String,
    /// Part 1 or part 2.
    pub part: Part,
    /// Form-4 rank that year (`None` while unscored).
    pub rank: Option<u32>,
    /// The progress the commune's latest evaluation of that year gave (year-end, else the
    /// 6-month one), if it evaluated the activity.
    pub evaluated: Option<Progress>,
    /// The review written in the following year's cycle, if any.
    pub review: Option<Review>,
}

impl PastItem {
    /// How the activity was evaluated: by the commune's evaluation of that year, else (a
    /// year without after-plan records) by the next year's review.
    pub fn evaluation(&self) -> Evaluation {
        match self.evaluated {
            Some(progress) => of_progress(Some(progress)),
            None => evaluation(self.review.as_ref()),
        }
    }
}

/// One year of a village's history, as the history screen lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct PastYear {
    /// The cycle.
    pub cycle: Cycle,
    /// The medium-term plan's state.
    pub medium_term: MediumTerm,
    /// Whether the annual plan is approved.
    pub annual_approved: bool,
    /// The annual plan's activities with their evaluation.
    pub items: Vec<PastItem>,
    /// Year of the cycle that evaluates this year's activities (year + 1), if it exists.
    pub reviewed_in: Option<i32>,
    /// The year's priority order for comparisons.
    pub ranking: YearRanking,
    /// Why the cycle was last reopened, if ever.
    pub reopen_reason: Option<String>,
}

impl PastYear {
    /// Activities in `part`.
    pub fn count(&self, part: Part) -> usize {
        self.items.iter().filter(|i| i.part == part).count()
    }

    /// How the annual plan's activities were evaluated.
    pub fn tally(&self) -> Tally {
        tally(self.items.iter().map(PastItem::evaluation))
    }

    /// For each entry of the year's ranking, whether the next year reviewed it as done.
    pub fn done_flags(&self) -> Vec<bool> {
        self.ranking
            .entries
            .iter()
            .map(|r| {
                self.items
                    .iter()
                    .any(|i| Some(i.key) == r.key && i.evaluation() == Evaluation::Done)
            })
            .collect()
    }
}

/// Compares two years of a village (earlier first) by their rankings and the earlier
/// year's evaluation; see [`compare`].
pub fn compare_years(earlier: &PastYear, later: &PastYear) -> Vec<Compared> {
    compare(
        &earlier.ranking.entries,
        &later.ranking.entries,
        &earlier.done_flags(),
    )
}

/// The evaluation of a past activity, as one mark: ✓ done, ◐ under way, ○ not started,
/// ? not reviewed (yet).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Evaluation {
    /// Reviewed as completed.
    Done,
    /// Reviewed as under way.
    UnderWay,
    /// Reviewed as not started.
    NotStarted,
    /// Not reviewed.
    Unreviewed,
}

impl Evaluation {
    /// All, in display order.
    pub const ALL: [Evaluation; 4] = [
        Evaluation::Done,
        Evaluation::UnderWay,
        Evaluation::NotStarted,
        Evaluation::Unreviewed,
    ];

    /// The one-column mark the annual selection screen also uses.
    pub fn mark(self) -> &'static str {
        match self {
            Evaluation::Done => "✓",
            Evaluation::UnderWay => "◐",
            Evaluation::NotStarted => "○",
            Evaluation::Unreviewed => "?",
        }
    }

    /// Stable code (i18n keys end with it).
    pub fn code(self) -> &'static str {
        match self {
            Evaluation::Done => "done",
            Evaluation::UnderWay => "under_way",
            Evaluation::NotStarted => "not_started",
            Evaluation::Unreviewed => "unreviewed",
        }
    }
}

/// The evaluation a review gives.
pub fn evaluation(review: Option<&Review>) -> Evaluation {
    of_progress(review.map(|r| r.progress))
}

fn of_progress(progress: Option<Progress>) -> Evaluation {
    match progress {
        Some(Progress::Done) => Evaluation::Done,
        Some(Progress::UnderWay) => Evaluation::UnderWay,
        Some(Progress::NotStarted) => Evaluation::NotStarted,
        None => Evaluation::Unreviewed,
    }
}

/// How many activities have each evaluation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// ✓ completed.
    pub done: usize,
    /// ◐ under way.
    pub under_way: usize,
    /// ○ not started.
    pub not_started: usize,
    /// ? not reviewed.
    pub unreviewed: usize,
}

impl Tally {
    /// The count of one evaluation.
    pub fn of(&self, e: Evaluation) -> usize {
        match e {
            Evaluation::Done => self.done,
            Evaluation::UnderWay => self.under_way,
            Evaluation::NotStarted => self.not_started,
            Evaluation::Unreviewed => self.unreviewed,
        }
    }
}

/// Counts evaluations.
pub fn tally(evaluations: impl IntoIterator<Item = Evaluation>) -> Tally {
    evaluations.into_iter().fold(Tally::default(), |mut t, e| {
        match e {
            Evaluation::Done => t.done += 1,
            Evaluation::UnderWay => t.under_way += 1,
            Evaluation::NotStarted => t.not_started += 1,
            Evaluation::Unreviewed => t.unreviewed += 1,
        }
        t
    })
}

/// How an activity's priority moved from the earlier year to the later one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Movement {
    /// Higher priority in the later year, by this many places.
    Rose(u32),
    /// Lower priority in the later year, by this many places.
    Fell(u32),
    /// Same rank in both years.
    Unchanged,
    /// Only in the later year.
    Appeared,
    /// Only in the earlier year, and not reviewed as completed.
    Dropped,
    /// In the earlier year and reviewed as completed.
    Done,
}

impl Movement {
    /// Stable code (i18n keys end with it).
    pub fn code(self) -> &'static str {
        match self {
            Movement::Rose(_) => "rose",
            Movement::Fell(_) => "fell",
            Movement::Unchanged => "unchanged",
            Movement::Appeared => "appeared",
            Movement::Dropped => "dropped",
            Movement::Done => "done",
        }
    }
}

/// One line of a comparison: an activity of either year (or the same one in both).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compared {
    /// Name (the later year's when in both).
    pub name: String,
    /// Index in the earlier list, if there.
    pub earlier: Option<usize>,
    /// Index in the later list, if there.
    pub later: Option<usize>,
    /// Rank in the earlier year.
    pub earlier_rank: Option<u32>,
    /// Rank in the later year.
    pub later_rank: Option<u32>,
    /// The classification.
    pub movement: Movement,
}

/// Compares two years' priorities. `done[i]` says whether `earlier[i]` was reviewed as
/// completed (missing entries count as not). Activities are matched by id when both have
/// one and it is equal, otherwise by name ignoring case, diacritics and spacing. A
/// completed earlier activity is `Done` even if the later year lists it again. Lines come
/// in the later year's order, then the earlier year's activities absent later, in their
/// order; every activity of either list is on exactly one line.
pub fn compare(earlier: &[Ranked], later: &[Ranked], done: &[bool]) -> Vec<Compared> {
    let pair = match_lists(earlier, later);
    let mut out: Vec<Compared> = later
        .iter()
        .enumerate()
        .map(|(j, l)| {
            let i = pair.iter().position(|p| *p == Some(j));
            let movement = match i {
                None => Movement::Appeared,
                Some(i) if done.get(i).copied().unwrap_or(false) => Movement::Done,
                Some(i) => movement(earlier[i].rank, l.rank),
            };
            Compared {
                name: l.name.clone(),
                earlier: i,
                later: Some(j),
                earlier_rank: i.map(|i| earlier[i].rank),
                later_rank: Some(l.rank),
                movement,
            }
        })
        .collect();
    out.extend(
        earlier
            .iter()
            .enumerate()
            .filter(|(i, _)| pair[*i].is_none())
            .map(|(i, e)| Compared {
                name: e.name.clone(),
                earlier: Some(i),
                later: None,
                earlier_rank: Some(e.rank),
                later_rank: None,
                movement: if done.get(i).copied().unwrap_or(false) {
                    Movement::Done
                } else {
                    Movement::Dropped
                },
            }),
    );
    out
}

fn movement(before: u32, after: u32) -> Movement {
    match after.cmp(&before) {
        std::cmp::Ordering::Less => Movement::Rose(before - after),
        std::cmp::Ordering::Greater => Movement::Fell(after - before),
        std::cmp::Ordering::Equal => Movement::Unchanged,
    }
}

/// For each earlier entry, the index of its later match: first by id, then by folded
/// name among those still unmatched (each later entry matched at most once).
fn match_lists(earlier: &[Ranked], later: &[Ranked]) -> Vec<Option<usize>> {
    let mut taken = vec![false; later.len()];
    let mut pair: Vec<Option<usize>> = vec![None; earlier.len()];
    for (i, e) in earlier.iter().enumerate() {
        let Some(key) = e.key else { continue };
        if let Some(j) = (0..later.len()).find(|&j| !taken[j] && later[j].key == Some(key)) {
            taken[j] = true;
            pair[i] = Some(j);
        }
    }
    let folded: Vec<String> = later.iter().map(|l| name_key(&l.name)).collect();
    for (i, e) in earlier.iter().enumerate() {
        if pair[i].is_some() {
            continue;
        }
        let name = name_key(&e.name);
        if let Some(j) = (0..later.len()).find(|&j| !taken[j] && folded[j] == name) {
            taken[j] = true;
            pair[i] = Some(j);
        }
    }
    pair
}

/// A name for matching: folded (no case, no diacritics) with spaces collapsed.
fn name_key(name: &str) -> String {
    fold(name).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Counts the lines of each movement kind, in the order rose, fell, unchanged, appeared,
/// done, dropped.
pub fn movement_counts(lines: &[Compared]) -> [usize; 6] {
    let mut counts = [0; 6];
    for l in lines {
        let k = match l.movement {
            Movement::Rose(_) => 0,
            Movement::Fell(_) => 1,
            Movement::Unchanged => 2,
            Movement::Appeared => 3,
            Movement::Done => 4,
            Movement::Dropped => 5,
        };
        counts[k] += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn r(key: Option<i64>, name: &str, rank: u32) -> Ranked {
        Ranked {
            key,
            name: name.into(),
            rank,
        }
    }

    fn by_name<'a>(lines: &'a [Compared], name: &str) -> &'a Compared {
        lines
            .iter()
            .find(|l| l.name == name)
            .unwrap_or_else(|| panic!("{name} missing from {lines:#?}"))
    }

    #[test]
    fn every_classification_by_hand() {
        // 2026: road 1, water 2, training 3, credit 4, seeds 5.
        // 2027: training 1 (rose 2), water 2 (same), credit 6 (fell 2), cattle 3 (new),
        //       road 4 (done in 2026, listed again), market 5 (new, no id).
        // seeds: absent in 2027, not done: dropped.
        let earlier = [
            r(Some(1), "Bê tông đường", 1),
            r(Some(2), "Nước sạch", 2),
            r(Some(3), "Tập huấn cà phê", 3),
            r(Some(4), "Tổ tín dụng", 4),
            r(Some(5), "Giống lúa", 5),
        ];
        let later = [
            r(Some(3), "Tập huấn cà phê", 1),
            r(Some(2), "Nước sạch", 2),
            r(Some(9), "Bò giống", 3),
            r(Some(1), "Bê tông đường", 4),
            r(None, "Chợ phiên", 5),
            r(Some(4), "Tổ tín dụng", 6),
        ];
        let done = [true, false, false, false, false];
        let lines = compare(&earlier, &later, &done);
        assert_eq!(lines.len(), 7);
        assert_eq!(
            by_name(&lines, "Tập huấn cà phê").movement,
            Movement::Rose(2)
        );
        assert_eq!(by_name(&lines, "Nước sạch").movement, Movement::Unchanged);
        assert_eq!(by_name(&lines, "Tổ tín dụng").movement, Movement::Fell(2));
        assert_eq!(by_name(&lines, "Bò giống").movement, Movement::Appeared);
        assert_eq!(by_name(&lines, "Chợ phiên").movement, Movement::Appeared);
        let road = by_name(&lines, "Bê tông đường");
        assert_eq!(road.movement, Movement::Done);
        assert_eq!((road.earlier_rank, road.later_rank), (Some(1), Some(4)));
        let seeds = by_name(&lines, "Giống lúa");
        assert_eq!(seeds.movement, Movement::Dropped);
        assert_eq!((seeds.earlier, seeds.later), (Some(4), None));
        // Order: the later year's six, then the dropped one.
        assert_eq!(lines[6].name, "Giống lúa");
        assert_eq!(movement_counts(&lines), [1, 1, 1, 2, 1, 1]);
    }

    #[test]
    fn done_and_absent_later_is_done_not_dropped() {
        let earlier = [r(Some(1), "Kênh mương", 2), r(Some(2), "Cầu tràn", 1)];
        let lines = compare(&earlier, &[], &[true, false]);
        assert_eq!(lines[0].movement, Movement::Done);
        assert_eq!(lines[1].movement, Movement::Dropped);
    }

    #[test]
    fn names_match_without_ids_ignoring_case_diacritics_and_spaces() {
        // A new activity added in each year has its own id: the name still matches.
        let earlier = [r(Some(10), "Đào  giếng nước", 3), r(None, "Nhà văn hoá", 1)];
        let later = [r(Some(20), "dao gieng nuoc", 1), r(None, "NHÀ VĂN HOÁ", 4)];
        let lines = compare(&earlier, &later, &[]);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].movement, Movement::Rose(2));
        assert_eq!(lines[1].movement, Movement::Fell(3));
        assert_eq!(lines[0].name, "dao gieng nuoc", "the later name is shown");
    }

    #[test]
    fn ids_win_over_names_and_each_later_entry_is_matched_once() {
        // Two activities named alike: ids decide which is which.
        let earlier = [r(Some(1), "Tập huấn", 1), r(Some(2), "Tập huấn", 2)];
        let later = [r(Some(2), "Tập huấn", 1), r(Some(1), "Tập huấn", 3)];
        let lines = compare(&earlier, &later, &[]);
        assert_eq!(lines[0].earlier, Some(1));
        assert_eq!(lines[0].movement, Movement::Rose(1));
        assert_eq!(lines[1].earlier, Some(0));
        assert_eq!(lines[1].movement, Movement::Fell(2));
        // One earlier name, two later ones: only one is matched, the other appears.
        let lines = compare(
            &[r(None, "Giếng", 1)],
            &[r(None, "Giếng", 1), r(None, "giếng", 2)],
            &[],
        );
        assert_eq!(lines[0].movement, Movement::Unchanged);
        assert_eq!(lines[1].movement, Movement::Appeared);
    }

    #[test]
    fn empty_years() {
        assert!(compare(&[], &[], &[]).is_empty());
        let lines = compare(&[], &[r(None, "Đường", 1)], &[]);
        assert_eq!(lines[0].movement, Movement::Appeared);
    }

    #[test]
    fn evaluations_are_tallied_and_marked() {
        let t = tally([
            Evaluation::Done,
            Evaluation::Done,
            Evaluation::NotStarted,
            Evaluation::Unreviewed,
        ]);
        assert_eq!(
            (t.done, t.under_way, t.not_started, t.unreviewed),
            (2, 0, 1, 1)
        );
        assert_eq!(t.of(Evaluation::Done), 2);
        let marks: Vec<&str> = Evaluation::ALL.iter().map(|e| e.mark()).collect();
        assert_eq!(marks, ["✓", "◐", "○", "?"]);
        assert_eq!(evaluation(None), Evaluation::Unreviewed);
    }

    #[test]
    fn the_communes_evaluation_of_the_year_counts_before_next_years_review() {
        let draft = crate::domain::annual::ReviewDraft {
            progress: Some(Progress::Done),
            quality: Some(crate::domain::annual::Quality::Good),
            ..Default::default()
        };
        let mut item = PastItem {
            key: 1,
            name: "Đường".into(),
            part: Part::Two,
            rank: Some(1),
            evaluated: Some(Progress::UnderWay),
            review: draft.validate().ok(),
        };
        assert_eq!(item.evaluation(), Evaluation::UnderWay, "the commune's");
        item.evaluated = None;
        assert_eq!(
            item.evaluation(),
            Evaluation::Done,
            "no evaluation: the review"
        );
        item.review = None;
        assert_eq!(item.evaluation(), Evaluation::Unreviewed);
    }

    fn ranked_list() -> impl Strategy<Value = Vec<Ranked>> {
        let names = prop::sample::select(vec!["Đường", "đường", "Giếng", "Chợ", "Cầu", "Bò"]);
        prop::collection::vec((prop::option::of(0i64..6), names, 1u32..8), 0..8).prop_map(|v| {
            v.into_iter()
                .map(|(key, name, rank)| Ranked {
                    key,
                    name: name.into(),
                    rank,
                })
                .collect()
        })
    }

    proptest! {
        #[test]
        fn every_activity_of_either_list_is_classified_exactly_once(
            earlier in ranked_list(),
            later in ranked_list(),
            done in prop::collection::vec(any::<bool>(), 0..8),
        ) {
            let lines = compare(&earlier, &later, &done);
            for i in 0..earlier.len() {
                prop_assert_eq!(lines.iter().filter(|l| l.earlier == Some(i)).count(), 1);
            }
            for j in 0..later.len() {
                prop_assert_eq!(lines.iter().filter(|l| l.later == Some(j)).count(), 1);
            }
            for l in &lines {
                prop_assert!(l.earlier.is_some() || l.later.is_some());
                let done_i = l.earlier.is_some_and(|i| done.get(i).copied().unwrap_or(false));
                match (l.earlier_rank, l.later_rank, l.movement) {
                    (_, _, Movement::Done) => prop_assert!(done_i),
                    (Some(a), Some(b), Movement::Rose(n)) => prop_assert!(n > 0 && a == b + n),
                    (Some(a), Some(b), Movement::Fell(n)) => prop_assert!(n > 0 && b == a + n),
                    (Some(a), Some(b), Movement::Unchanged) => prop_assert_eq!(a, b),
                    (None, Some(_), Movement::Appeared) => {}
                    (Some(_), None, Movement::Dropped) => prop_assert!(!done_i),
                    other => prop_assert!(false, "inconsistent line {:?}", other),
                }
            }
        }
    }
}
