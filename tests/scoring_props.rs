//! Property tests of the prioritisation arithmetic (`kehoach::domain::scoring`).

use std::collections::BTreeSet;

use kehoach::domain::scoring::{
    ActivityKey, Combined, Criterion, GroupInput, GroupResult, MatrixRow, Method, Scale,
    check_ranking, combine, draft_ranks, parse_score, rank_matrix,
};
use proptest::prelude::*;

/// Activity keys are database ids: not contiguous, not starting at 1.
fn key(i: usize) -> ActivityKey {
    1000 + 7 * i64::try_from(i).unwrap_or(0)
}

fn keys(n: usize) -> Vec<ActivityKey> {
    (0..n).map(key).collect()
}

/// A matrix of `n` rows with scores 1-5, a few left empty.
fn matrix(n: usize) -> impl Strategy<Value = Vec<MatrixRow>> {
    let score = prop_oneof![9 => (1u8..=5).prop_map(Some), 1 => Just(None)];
    prop::collection::vec(prop::array::uniform5(score), n).prop_map(|rows| {
        rows.into_iter()
            .enumerate()
            .map(|(i, scores)| MatrixRow {
                activity: key(i),
                scores,
            })
            .collect()
    })
}

/// A permutation of positions 1..=n over the `n` activities.
fn ranking(n: usize) -> impl Strategy<Value = Vec<(ActivityKey, u32)>> {
    let positions: Vec<u32> = (1..=u32::try_from(n).unwrap_or(0)).collect();
    Just(positions)
        .prop_shuffle()
        .prop_map(move |p| keys(n).into_iter().zip(p).collect())
}

/// Vote counts for the `n` activities (often zero, sometimes missing entirely).
fn votes(n: usize) -> impl Strategy<Value = GroupResult> {
    let count = prop_oneof![3 => Just(0u32), 7 => 0u32..=30];
    (
        1u32..=80,
        1u32..=5,
        prop::collection::vec(count, n),
        any::<bool>(),
    )
        .prop_map(move |(members, each, counts, drop_last)| {
            let mut counts: Vec<(ActivityKey, u32)> = keys(n).into_iter().zip(counts).collect();
            if drop_last {
                counts.pop();
            }
            GroupResult::votes(members, each, counts)
        })
}

fn group(n: usize) -> impl Strategy<Value = GroupResult> {
    prop_oneof![
        votes(n),
        (1u32..=80, ranking(n)).prop_map(|(m, r)| GroupResult::ranking(m, r))
    ]
}

fn method() -> impl Strategy<Value = Method> {
    prop::sample::select(Method::ALL.to_vec())
}

/// A whole meeting-2 case: draft ranks from a random matrix, two groups, a method.
fn case() -> impl Strategy<Value = (Vec<(ActivityKey, u32)>, GroupResult, GroupResult, Method)> {
    (1usize..=40).prop_flat_map(|n| {
        let draft = matrix(n).prop_map(|rows| draft_ranks(&rank_matrix(&rows)));
        (draft, group(n), group(n), method())
    })
}

/// Checks that `ranks` (in listed order) is a competition ranking: starts at 1, never
/// decreases, and each new rank equals its 1-based position.
fn assert_competition(ranks: &[u32]) -> Result<(), TestCaseError> {
    for (i, &r) in ranks.iter().enumerate() {
        let position = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let same_as_previous = i > 0 && ranks[i - 1] == r;
        prop_assert!(same_as_previous || r == position, "ranks {:?}", ranks);
    }
    Ok(())
}

fn multiplied(result: &GroupResult, factor: u32) -> GroupResult {
    match &result.input {
        GroupInput::Votes { votes_each, counts } => GroupResult::votes(
            result.members,
            votes_each * factor,
            counts.iter().map(|&(a, v)| (a, v * factor)).collect(),
        ),
        GroupInput::Ranking { .. } => result.clone(),
    }
}

fn outcome(c: &Combined) -> Vec<(ActivityKey, u32, bool)> {
    c.rows
        .iter()
        .map(|r| (r.activity, r.rank, r.tied))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn combined_ranks_every_activity_once_in_a_competition_ranking(
        (draft, men, women, method) in case()
    ) {
        let c = combine(&men, &women, &draft, method);
        prop_assert_eq!(c.rows.len(), draft.len());
        let listed: BTreeSet<ActivityKey> = c.rows.iter().map(|r| r.activity).collect();
        let expected: BTreeSet<ActivityKey> = draft.iter().map(|&(a, _)| a).collect();
        prop_assert_eq!(listed, expected);
        let ranks: Vec<u32> = c.rows.iter().map(|r| r.rank).collect();
        assert_competition(&ranks)?;
        for r in &c.rows {
            let shared = c.rows.iter().filter(|o| o.rank == r.rank).count() > 1;
            prop_assert_eq!(r.tied, shared);
            prop_assert!(!(r.tied && r.tie_break.is_some()));
            prop_assert_eq!(r.rank_gap, i64::from(r.men_rank) - i64::from(r.women_rank));
            prop_assert!(!(r.men_top_only && r.women_top_only));
        }
    }

    #[test]
    fn equal_weight_is_unchanged_when_a_group_is_multiplied(
        (draft, men, women, _m) in case(),
        factor in 1u32..=1000,
    ) {
        let base = combine(&men, &women, &draft, Method::EqualWeight);
        let men_scaled = combine(&multiplied(&men, factor), &women, &draft, Method::EqualWeight);
        let women_scaled = combine(&men, &multiplied(&women, factor), &draft, Method::EqualWeight);
        prop_assert_eq!(outcome(&base), outcome(&men_scaled));
        prop_assert_eq!(outcome(&base), outcome(&women_scaled));
    }

    #[test]
    fn two_identical_rankings_are_kept_by_every_method(
        (n, r) in (1usize..=40).prop_flat_map(|n| (Just(n), ranking(n))),
        members in (1u32..=80, 1u32..=80),
        method in method(),
    ) {
        let draft: Vec<(ActivityKey, u32)> = keys(n).into_iter().map(|a| (a, 1)).collect();
        let men = GroupResult::ranking(members.0, r.clone());
        let women = GroupResult::ranking(members.1, r.clone());
        prop_assert_eq!(check_ranking(&r, &keys(n)), Ok(()));
        let c = combine(&men, &women, &draft, method);
        let mut expected = r.clone();
        expected.sort_by_key(|&(_, p)| p);
        let got: Vec<(ActivityKey, u32)> = c.rows.iter().map(|x| (x.activity, x.rank)).collect();
        prop_assert_eq!(got, expected);
    }

    #[test]
    fn matrix_ranks_complete_rows_first_in_a_competition_ranking(
        rows in (0usize..=40).prop_flat_map(matrix)
    ) {
        let ranked = rank_matrix(&rows);
        prop_assert_eq!(ranked.len(), rows.len());
        let listed: BTreeSet<ActivityKey> = ranked.iter().map(|r| r.activity).collect();
        prop_assert_eq!(listed.len(), rows.len());
        let complete = rows.iter().filter(|r| r.missing().is_empty()).count();
        prop_assert!(ranked[..complete].iter().all(|r| r.rank.is_some() && r.missing.is_empty()));
        prop_assert!(ranked[complete..].iter().all(|r| r.rank.is_none() && !r.missing.is_empty()));
        let ranks: Vec<u32> = ranked[..complete].iter().filter_map(|r| r.rank).collect();
        assert_competition(&ranks)?;
        prop_assert!(ranked[..complete].windows(2).all(|w| w[0].total >= w[1].total));
        for r in &ranked[..complete] {
            let sum: u32 = Criterion::ALL
                .iter()
                .filter_map(|&c| rows.iter().find(|x| x.activity == r.activity)?.score(c))
                .map(u32::from)
                .sum();
            prop_assert_eq!(r.total, sum);
        }
    }

    #[test]
    fn a_score_is_accepted_exactly_when_it_is_in_the_scale(
        (min, max) in (0u8..10).prop_flat_map(|min| (Just(min), (min + 1)..=10)),
        value in 0u16..=300,
    ) {
        let scale = Scale::new(min, max).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let parsed = parse_score(&value.to_string(), scale);
        let inside = (u16::from(min)..=u16::from(max)).contains(&value);
        prop_assert_eq!(parsed.is_ok(), inside);
        if let Ok(v) = parsed {
            prop_assert_eq!(u16::from(v), value);
        }
    }
}
