//! Unit tests of the scoring rules and methods.

use super::*;

fn draft(n: i64) -> Vec<(ActivityKey, u32)> {
    (1..=n)
        .map(|a| (a, to_u32(usize::try_from(a).unwrap_or(0))))
        .collect()
}

fn ranks(c: &Combined) -> Vec<(ActivityKey, u32)> {
    c.rows.iter().map(|r| (r.activity, r.rank)).collect()
}

fn row(c: &Combined, a: ActivityKey) -> &CombinedRow {
    c.rows
        .iter()
        .find(|r| r.activity == a)
        .expect("activity present")
}

fn full_row(a: ActivityKey, s: [u8; 5]) -> MatrixRow {
    MatrixRow {
        activity: a,
        scores: s.map(Some),
    }
}

// --- codes -------------------------------------------------------------------

#[test]
fn codes_round_trip() {
    for c in Criterion::ALL {
        assert_eq!(Criterion::from_code(c.code()), Some(c));
        assert_eq!(Criterion::ALL[c.index()], c);
    }
    for m in Method::ALL {
        assert_eq!(Method::from_code(m.code()), Some(m));
    }
    for g in Group::ALL {
        assert_eq!(Group::from_code(g.code()), Some(g));
    }
    for m in InputMode::ALL {
        assert_eq!(InputMode::from_code(m.code()), Some(m));
    }
    assert_eq!(Criterion::from_code("nope"), None);
    assert_eq!(Method::default(), Method::EqualWeight);
    assert!(!Method::Borda.higher_is_better());
}

// --- scale and scores ----------------------------------------------------------

#[test]
fn scale_rules() {
    assert_eq!(Scale::default(), Scale { min: 1, max: 5 });
    assert_eq!(Scale::new(0, 3), Ok(Scale { min: 0, max: 3 }));
    assert_eq!(Scale::new(1, 10), Ok(Scale { min: 1, max: 10 }));
    assert_eq!(
        Scale::new(3, 3),
        Err(ScaleError::NotIncreasing { min: 3, max: 3 })
    );
    assert_eq!(
        Scale::new(5, 1),
        Err(ScaleError::NotIncreasing { min: 5, max: 1 })
    );
    assert_eq!(Scale::new(1, 11), Err(ScaleError::TooHigh { max: 11 }));
    assert_eq!(
        ScaleError::TooHigh { max: 11 }.args(),
        vec!["10".to_string()]
    );
}

#[test]
fn scores_in_scale_are_accepted() {
    let s = Scale::default();
    assert_eq!(parse_score("3", s), Ok(3));
    assert_eq!(parse_score(" 5 ", s), Ok(5));
    assert_eq!(parse_score("1", s), Ok(1));
    assert_eq!(parse_score("0", Scale { min: 0, max: 3 }), Ok(0));
}

#[test]
fn bad_scores_are_refused_clearly() {
    let s = Scale::default();
    let out = ScoreError::OutOfScale { min: 1, max: 5 };
    assert_eq!(parse_score("", s), Err(ScoreError::Empty));
    assert_eq!(parse_score("   ", s), Err(ScoreError::Empty));
    assert_eq!(parse_score("abc", s), Err(ScoreError::NotANumber));
    assert_eq!(parse_score("1 5", s), Err(ScoreError::NotANumber));
    assert_eq!(parse_score("--1", s), Err(ScoreError::NotANumber));
    assert_eq!(parse_score("1,2,3", s), Err(ScoreError::NotANumber));
    assert_eq!(parse_score("-1", s), Err(ScoreError::Negative));
    assert_eq!(parse_score("\u{2212}2", s), Err(ScoreError::Negative));
    assert_eq!(parse_score("-1,5", s), Err(ScoreError::Negative));
    assert_eq!(parse_score("1,5", s), Err(ScoreError::Decimal));
    assert_eq!(parse_score("1.5", s), Err(ScoreError::Decimal));
    assert_eq!(parse_score("6", s), Err(out));
    assert_eq!(parse_score("0", s), Err(out));
    assert_eq!(parse_score("300", s), Err(out));
    assert_eq!(parse_score("99999999999999999999999", s), Err(out));
    assert_eq!(out.message_key(), "scoring.err.out_of_scale");
    assert_eq!(out.args(), vec!["1".to_string(), "5".to_string()]);
}

// --- matrix ----------------------------------------------------------------------

#[test]
fn matrix_uses_competition_ranking_and_lists_incomplete_last() {
    let mut partial = MatrixRow::new(5);
    partial.set(Criterion::Urgency, Some(5));
    let rows = [
        full_row(1, [2, 2, 2, 2, 2]), // 10
        partial,                      // 5 so far, incomplete
        full_row(2, [3, 3, 3, 3, 3]), // 15
        full_row(3, [4, 4, 4, 4, 4]), // 20
        full_row(4, [5, 5, 1, 2, 2]), // 15
    ];
    let ranked = rank_matrix(&rows);
    let got: Vec<(ActivityKey, Option<u32>, u32, bool)> = ranked
        .iter()
        .map(|r| (r.activity, r.rank, r.total, r.tied))
        .collect();
    assert_eq!(
        got,
        vec![
            (3, Some(1), 20, false),
            (2, Some(2), 15, true),
            (4, Some(2), 15, true),
            (1, Some(4), 10, false),
            (5, None, 5, false),
        ]
    );
    assert_eq!(ranked[4].missing.len(), 4);
    assert_eq!(
        ranked[4].note(),
        Some((MATRIX_INCOMPLETE_KEY, vec!["4".to_string()]))
    );
    assert_eq!(ranked[0].note(), None);
    assert_eq!(
        draft_ranks(&ranked),
        vec![(3, 1), (2, 2), (4, 2), (1, 4), (5, 5)]
    );
}

#[test]
fn womens_proposal_is_prefilled() {
    let s = Scale::new(1, 3).expect("valid scale");
    let yes = MatrixRow::prefilled(1, true, s);
    let no = MatrixRow::prefilled(2, false, s);
    assert_eq!(yes.score(Criterion::WomensProposal), Some(3));
    assert_eq!(no.score(Criterion::WomensProposal), Some(1));
    assert_eq!(yes.missing().len(), 4);
    assert_eq!(rank_matrix(&[yes])[0].rank, None);
}

#[test]
fn empty_matrix_ranks_nothing() {
    assert!(rank_matrix(&[]).is_empty());
}

// --- votes and rankings: validation --------------------------------------------------

#[test]
fn vote_parsing() {
    assert_eq!(parse_votes("12"), Ok(12));
    assert_eq!(parse_votes(" 0 "), Ok(0));
    assert_eq!(parse_votes(""), Err(VoteError::Empty));
    assert_eq!(parse_votes("x"), Err(VoteError::NotANumber));
    assert_eq!(parse_votes("-3"), Err(VoteError::Negative));
    assert_eq!(parse_votes("2,5"), Err(VoteError::Decimal));
    assert_eq!(parse_votes("5000000000"), Err(VoteError::TooLarge));
}

#[test]
fn position_parsing() {
    assert_eq!(parse_position("3", 10), Ok(3));
    assert_eq!(
        parse_position("0", 10),
        Err(VoteError::PositionOutOfRange { position: 0, n: 10 })
    );
    assert_eq!(
        parse_position("11", 10),
        Err(VoteError::PositionOutOfRange {
            position: 11,
            n: 10
        })
    );
    assert_eq!(parse_position("-1", 10), Err(VoteError::Negative));
}

#[test]
fn vote_capacity() {
    assert_eq!(check_votes(&[10, 10, 4], 8, 3), Ok(()));
    assert_eq!(
        check_votes(&[10, 10, 5], 8, 3),
        Err(VoteError::OverCapacity {
            total: 25,
            capacity: 24,
            members: 8,
            votes_each: 3
        })
    );
    assert_eq!(check_votes(&[], 0, 3), Err(VoteError::EmptyGroup));
    assert_eq!(check_votes(&[1], 5, 0), Err(VoteError::NoVotesEach));
    let e = VoteError::OverCapacity {
        total: 25,
        capacity: 24,
        members: 8,
        votes_each: 3,
    };
    assert_eq!(e.args(), vec!["25", "24", "8", "3"]);
}

#[test]
fn ranking_checks() {
    let acts = [1, 2, 3];
    assert_eq!(check_ranking(&[(1, 2), (2, 1), (3, 3)], &acts), Ok(()));
    assert_eq!(
        check_ranking(&[(1, 1), (2, 1), (3, 3)], &acts),
        Err(VoteError::DuplicatePosition {
            position: 1,
            activity: 2
        })
    );
    assert_eq!(
        check_ranking(&[(1, 0)], &acts),
        Err(VoteError::PositionOutOfRange { position: 0, n: 3 })
    );
    assert_eq!(
        check_ranking(&[(1, 4)], &acts),
        Err(VoteError::PositionOutOfRange { position: 4, n: 3 })
    );
    assert_eq!(
        check_ranking(&[(1, 1)], &acts),
        Err(VoteError::Unranked { missing: 2 })
    );
    assert_eq!(
        check_ranking(&[(9, 1)], &acts),
        Err(VoteError::UnknownActivity { activity: 9 })
    );
    assert_eq!(
        check_ranking(&[(1, 1), (1, 2)], &acts),
        Err(VoteError::DuplicateActivity { activity: 1 })
    );
}

#[test]
fn group_validation() {
    let acts = [1, 2];
    assert_eq!(
        GroupResult::votes(4, 2, vec![(1, 5), (2, 3)]).validate(&acts),
        Ok(())
    );
    assert_eq!(
        GroupResult::votes(4, 2, vec![(1, 5), (2, 4)]).validate(&acts),
        Err(VoteError::OverCapacity {
            total: 9,
            capacity: 8,
            members: 4,
            votes_each: 2
        })
    );
    assert_eq!(
        GroupResult::votes(4, 2, vec![(7, 1)]).validate(&acts),
        Err(VoteError::UnknownActivity { activity: 7 })
    );
    assert_eq!(
        GroupResult::ranking(0, vec![(1, 1), (2, 2)]).validate(&acts),
        Err(VoteError::EmptyGroup)
    );
    assert_eq!(
        GroupResult::ranking(3, vec![(1, 2), (2, 1)]).validate(&acts),
        Ok(())
    );
    assert_eq!(GroupResult::ranking(3, vec![]).mode(), InputMode::Ranking);
}

// --- combination -------------------------------------------------------------------

/// 60 men with 3 votes each, 8 women with 3 votes each.
fn very_different_sizes() -> (GroupResult, GroupResult) {
    let men = GroupResult::votes(60, 3, vec![(1, 100), (2, 50), (3, 30), (4, 0)]);
    let women = GroupResult::votes(8, 3, vec![(1, 0), (2, 4), (3, 20)]);
    (men, women)
}

#[test]
fn equal_weight_keeps_a_small_womens_group_from_being_swamped() {
    let (men, women) = very_different_sizes();
    assert_eq!(men.validate(&[1, 2, 3, 4]), Ok(()));
    assert_eq!(women.validate(&[1, 2, 3, 4]), Ok(()));
    let c = combine(&men, &women, &draft(4), Method::EqualWeight);
    // shares: 1 = 100/180 + 0 = .556; 2 = 50/180 + 4/24 = .444;
    //         3 = 30/180 + 20/24 = 1.0; 4 = 0 (no one voted for it)
    assert_eq!(ranks(&c), vec![(3, 1), (1, 2), (2, 3), (4, 4)]);
    let top = row(&c, 3);
    assert!((top.score - 1.0).abs() < 1e-12);
    assert_eq!((top.men_rank, top.women_rank, top.rank_gap), (3, 1, 2));
    assert!(row(&c, 1).men_top_only && !row(&c, 1).women_top_only);
    assert_eq!(row(&c, 1).women_rank, 3);
    assert_eq!(row(&c, 4).women_rank, 3);
    assert!(!row(&c, 4).men_top_only && !row(&c, 4).women_top_only);
    assert_eq!(row(&c, 4).score, 0.0);
    assert!(c.rows.iter().all(|r| !r.tied && r.tie_break.is_none()));
    assert_eq!(
        row(&c, 1).flag_notes(),
        vec![("scoring.flag.men_top_only", vec!["5".to_string()])]
    );
}

#[test]
fn vote_sum_lets_the_larger_group_decide() {
    let (men, women) = very_different_sizes();
    let c = combine(&men, &women, &draft(4), Method::VoteSum);
    // 1 = 100, 2 = 54, 3 = 50, 4 = 0
    assert_eq!(ranks(&c), vec![(1, 1), (2, 2), (3, 3), (4, 4)]);
    assert_eq!(row(&c, 2).score, 54.0);
}

#[test]
fn borda_from_votes_with_tie_broken_by_womens_rank() {
    let (men, women) = very_different_sizes();
    let c = combine(&men, &women, &draft(4), Method::Borda);
    // men ranks 1,2,3,4; women ranks 3,2,1,3 (1 and 4 share 0 votes)
    // sums: 1 = 4, 2 = 4, 3 = 4, 4 = 7; women's rank orders the three 4s: 3, 2, 1
    assert_eq!(ranks(&c), vec![(3, 1), (2, 2), (1, 3), (4, 4)]);
    for a in [1, 2, 3] {
        assert_eq!(row(&c, a).score, 4.0);
        assert_eq!(row(&c, a).tie_break, Some(TieBreak::WomensRank));
        assert_eq!(row(&c, a).note_key(), Some("scoring.tiebreak.womens_rank"));
    }
    assert_eq!(row(&c, 4).tie_break, None);
    assert_eq!(row(&c, 4).score, 7.0);
}

#[test]
fn borda_gives_tied_votes_the_same_position() {
    let men = GroupResult::votes(10, 1, vec![(1, 5), (2, 5), (3, 2)]);
    let women = GroupResult::votes(9, 1, vec![(1, 1), (2, 4), (3, 4)]);
    let c = combine(&men, &women, &draft(3), Method::Borda);
    // men ranks 1,1,3; women ranks 3,1,1; sums 4,2,4
    assert_eq!(
        (
            row(&c, 1).men_rank,
            row(&c, 2).men_rank,
            row(&c, 3).men_rank
        ),
        (1, 1, 3)
    );
    assert_eq!(ranks(&c), vec![(2, 1), (3, 2), (1, 3)]);
    assert_eq!(row(&c, 2).score, 2.0);
}

#[test]
fn combined_ranking_can_differ_from_both_groups() {
    let men = GroupResult::votes(10, 2, vec![(1, 11), (2, 0), (3, 9)]);
    let women = GroupResult::votes(20, 2, vec![(1, 0), (2, 22), (3, 18)]);
    let c = combine(&men, &women, &draft(3), Method::EqualWeight);
    // men: 1,3,2; women: 2,3,1; shares: 1 = .55, 2 = .55, 3 = .45 + .45 = .9
    assert_eq!(c.order(), vec![3, 2, 1]);
    assert_eq!(ranks(&c), vec![(3, 1), (2, 2), (1, 3)]);
    let by_men: Vec<ActivityKey> = {
        let mut v = c.rows.clone();
        v.sort_by_key(|r| r.men_rank);
        v.iter().map(|r| r.activity).collect()
    };
    let by_women: Vec<ActivityKey> = {
        let mut v = c.rows.clone();
        v.sort_by_key(|r| r.women_rank);
        v.iter().map(|r| r.activity).collect()
    };
    assert_eq!(by_men, vec![1, 3, 2]);
    assert_eq!(by_women, vec![2, 3, 1]);
    assert_ne!(c.order(), by_men);
    assert_ne!(c.order(), by_women);
    assert_eq!(row(&c, 2).tie_break, Some(TieBreak::WomensRank));
    assert_eq!((row(&c, 1).rank_gap, row(&c, 2).rank_gap), (-2, 2));
    assert!((row(&c, 3).score - 0.9).abs() < 1e-12);
}

#[test]
fn a_tie_left_after_all_tie_breaks_is_shown() {
    let men = GroupResult::votes(5, 2, vec![(1, 5), (2, 5), (3, 0)]);
    let women = GroupResult::votes(4, 2, vec![(1, 3), (2, 3), (3, 1)]);
    // 1 and 2 equal on everything, including the draft rank
    let c = combine(&men, &women, &[(1, 2), (2, 2), (3, 1)], Method::EqualWeight);
    assert_eq!(ranks(&c), vec![(1, 1), (2, 1), (3, 3)]);
    assert!(row(&c, 1).tied && row(&c, 2).tied && !row(&c, 3).tied);
    assert_eq!(row(&c, 1).note_key(), Some("scoring.tiebreak.tied"));
    assert_eq!(row(&c, 1).tie_break, None);
    assert!(c.has_ties());
}

#[test]
fn draft_rank_breaks_what_the_womens_rank_cannot() {
    let men = GroupResult::votes(5, 2, vec![(1, 5), (2, 5), (3, 0)]);
    let women = GroupResult::votes(4, 2, vec![(1, 3), (2, 3), (3, 1)]);
    let c = combine(&men, &women, &[(1, 3), (2, 2), (3, 1)], Method::EqualWeight);
    assert_eq!(ranks(&c), vec![(2, 1), (1, 2), (3, 3)]);
    assert_eq!(row(&c, 1).tie_break, Some(TieBreak::DraftRank));
    assert_eq!(row(&c, 2).tie_break, Some(TieBreak::DraftRank));
    assert!(!c.has_ties());
}

#[test]
fn equal_weight_detects_ties_exactly() {
    // a = 1/10 + 2/10 and b = 3/10 + 0/10: equal, although 0.1 + 0.2 != 0.3 in f64
    let men = GroupResult::votes(10, 1, vec![(1, 1), (2, 3), (3, 6)]);
    let women = GroupResult::votes(10, 1, vec![(1, 2), (2, 0), (3, 8)]);
    let c = combine(&men, &women, &draft(3), Method::EqualWeight);
    assert_eq!(ranks(&c), vec![(3, 1), (1, 2), (2, 3)]);
    assert_eq!(row(&c, 1).tie_break, Some(TieBreak::WomensRank));
    assert_eq!(row(&c, 2).tie_break, Some(TieBreak::WomensRank));
}

#[test]
fn a_group_with_no_votes_contributes_nothing() {
    let men = GroupResult::votes(10, 1, vec![(1, 2), (2, 5), (3, 3)]);
    let women = GroupResult::votes(6, 2, vec![(1, 0), (2, 0)]);
    let d = [(1, 1), (2, 2), (3, 3), (4, 5), (5, 4)];
    let c = combine(&men, &women, &d, Method::EqualWeight);
    // women all rank 1 (no votes); 4 and 5 got no votes at all: draft rank decides
    assert_eq!(ranks(&c), vec![(2, 1), (3, 2), (1, 3), (5, 4), (4, 5)]);
    assert_eq!(row(&c, 4).tie_break, Some(TieBreak::DraftRank));
    assert!(
        c.rows
            .iter()
            .all(|r| r.women_rank == 1 && !r.women_top_only)
    );
    assert!(row(&c, 2).men_top_only && !row(&c, 4).men_top_only);
    assert!((row(&c, 2).score - 0.5).abs() < 1e-12);
}

#[test]
fn rankings_work_with_every_method() {
    let men = GroupResult::ranking(12, vec![(1, 1), (2, 2), (3, 3), (4, 4)]);
    let women = GroupResult::ranking(9, vec![(4, 1), (3, 2), (1, 3), (2, 4)]);
    // Borda points: men 4,3,2,1; women 2,1,3,4; sums 6,4,5,5 -> 1, then 4/3 by women
    for method in Method::ALL {
        let c = combine(&men, &women, &draft(4), method);
        assert_eq!(
            ranks(&c),
            vec![(1, 1), (4, 2), (3, 3), (2, 4)],
            "{method:?}"
        );
        assert_eq!(
            row(&c, 4).tie_break,
            Some(TieBreak::WomensRank),
            "{method:?}"
        );
        assert_eq!((row(&c, 1).men_points, row(&c, 1).women_points), (4, 2));
    }
    let score = |m| row(&combine(&men, &women, &draft(4), m), 1).score;
    assert_eq!(score(Method::VoteSum), 6.0);
    assert_eq!(score(Method::Borda), 4.0);
    assert!((score(Method::EqualWeight) - 0.6).abs() < 1e-12);
}

#[test]
fn votes_and_ranking_can_be_mixed() {
    let men = GroupResult::votes(30, 2, vec![(1, 10), (2, 30), (3, 20)]);
    let women = GroupResult::ranking(10, vec![(1, 1), (2, 3), (3, 2)]);
    let c = combine(&men, &women, &draft(3), Method::EqualWeight);
    // men shares 10/60, 30/60, 20/60; women points 3,1,2 of 6: all sum to 2/3
    assert_eq!(ranks(&c), vec![(1, 1), (3, 2), (2, 3)]);
    assert!(
        c.rows
            .iter()
            .all(|r| r.tie_break == Some(TieBreak::WomensRank))
    );
}

#[test]
fn equal_weight_ignores_a_group_multiplied_by_a_constant() {
    let (men, women) = very_different_sizes();
    let scaled = GroupResult::votes(60, 21, vec![(1, 700), (2, 350), (3, 210), (4, 0)]);
    let a = combine(&men, &women, &draft(4), Method::EqualWeight);
    let b = combine(&scaled, &women, &draft(4), Method::EqualWeight);
    assert_eq!(ranks(&a), ranks(&b));
}

#[test]
fn only_draft_activities_are_combined() {
    let men = GroupResult::votes(5, 2, vec![(1, 1), (9, 5), (1, 2)]);
    let women = GroupResult::ranking(5, vec![(2, 1), (1, 2), (2, 5)]);
    let c = combine(&men, &women, &[(1, 1), (2, 2), (1, 7)], Method::VoteSum);
    assert_eq!(c.order(), vec![1, 2]);
    assert_eq!(row(&c, 1).men_points, 3);
    assert_eq!(row(&c, 2).women_points, 2);
    assert_eq!(row(&c, 1).draft_rank, 1);
    assert!(combine(&men, &women, &[], Method::Borda).rows.is_empty());
}

// --- i18n ----------------------------------------------------------------------

#[derive(serde::Deserialize)]
struct Entry {
    vi: String,
    en: String,
}

fn all_keys_with_arg_counts() -> Vec<(&'static str, usize)> {
    let mut keys: Vec<(&'static str, usize)> = Vec::new();
    for c in Criterion::ALL {
        keys.extend([(c.label_key(), 0), (c.short_key(), 0)]);
    }
    for m in Method::ALL {
        keys.extend([(m.label_key(), 0), (m.statement_key(), 0)]);
    }
    keys.extend(Group::ALL.map(|g| (g.label_key(), 0)));
    keys.extend(InputMode::ALL.map(|m| (m.label_key(), 0)));
    keys.extend([TieBreak::WomensRank, TieBreak::DraftRank].map(|t| (t.note_key(), 0)));
    keys.extend([
        ("scoring.tiebreak.tied", 0),
        (RANKING_NOTE_KEY, 0),
        (MATRIX_INCOMPLETE_KEY, 1),
    ]);
    keys.extend([
        ("scoring.flag.men_top_only", 1),
        ("scoring.flag.women_top_only", 1),
    ]);
    let scale_errors = [
        ScaleError::NotIncreasing { min: 1, max: 1 },
        ScaleError::TooHigh { max: 11 },
    ];
    keys.extend(
        scale_errors
            .iter()
            .map(|e| (e.message_key(), e.args().len())),
    );
    let score_errors = [
        ScoreError::Empty,
        ScoreError::NotANumber,
        ScoreError::Negative,
        ScoreError::Decimal,
        ScoreError::OutOfScale { min: 1, max: 5 },
    ];
    keys.extend(
        score_errors
            .iter()
            .map(|e| (e.message_key(), e.args().len())),
    );
    let vote_errors = [
        VoteError::Empty,
        VoteError::NotANumber,
        VoteError::Negative,
        VoteError::Decimal,
        VoteError::TooLarge,
        VoteError::EmptyGroup,
        VoteError::NoVotesEach,
        VoteError::OverCapacity {
            total: 1,
            capacity: 1,
            members: 1,
            votes_each: 1,
        },
        VoteError::PositionOutOfRange { position: 0, n: 1 },
        VoteError::DuplicatePosition {
            position: 1,
            activity: 1,
        },
        VoteError::Unranked { missing: 1 },
        VoteError::UnknownActivity { activity: 1 },
        VoteError::DuplicateActivity { activity: 1 },
    ];
    keys.extend(
        vote_errors
            .iter()
            .map(|e| (e.message_key(), e.args().len())),
    );
    keys
}

fn placeholders(text: &str) -> Vec<usize> {
    (0..10)
        .filter(|i| text.contains(&format!("{{{i}}}")))
        .collect()
}

#[test]
fn every_referenced_key_has_both_languages_and_matching_arguments() {
    let table: std::collections::HashMap<String, Entry> =
        toml::from_str(include_str!("../../../assets/i18n/scoring.toml")).expect("parses");
    let keys = all_keys_with_arg_counts();
    for (key, n_args) in &keys {
        let e = table
            .get(*key)
            .unwrap_or_else(|| panic!("missing key {key}"));
        assert!(!e.vi.trim().is_empty() && !e.en.trim().is_empty(), "{key}");
        let expected: Vec<usize> = (0..*n_args).collect();
        assert_eq!(placeholders(&e.vi), expected, "{key} (vi)");
        assert_eq!(placeholders(&e.en), expected, "{key} (en)");
    }
    for key in table.keys() {
        assert!(keys.iter().any(|(k, _)| k == key), "unused key {key}");
    }
}
