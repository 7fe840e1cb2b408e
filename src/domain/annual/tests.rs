//! Unit tests of the annual rules.

use super::*;
use crate::i18n;

#[test]
fn form_4_ranks_each_part_on_its_own() {
    let row = |a: ActivityKey, s: u8| MatrixRow {
        activity: a,
        scores: [Some(s); 5],
    };
    // Part 2 holds the two best totals; part 1 still starts at rank 1.
    let rows = [row(1, 2), row(2, 5), row(3, 3), row(4, 4), row(5, 3)];
    let part = |a: ActivityKey| {
        Some(if a == 2 || a == 4 {
            Part::Two
        } else {
            Part::One
        })
    };
    let ranked = rank_by_part(&rows, part);
    let got: Vec<(ActivityKey, Option<u32>)> =
        ranked.iter().map(|r| (r.activity, r.rank)).collect();
    assert_eq!(
        got,
        vec![
            (3, Some(1)),
            (5, Some(1)),
            (1, Some(3)),
            (2, Some(1)),
            (4, Some(2)),
        ]
    );
    assert!(ranked[0].tied && ranked[1].tied && !ranked[2].tied);
    // An unknown part counts as part 1; an unscored row comes last in its part.
    let mut partial = row(6, 1);
    partial.scores[0] = None;
    let ranked = rank_by_part(&[row(6, 1), partial, row(7, 1)], |a| {
        (a != 6).then_some(Part::Two)
    });
    assert_eq!(ranked.len(), 3);
    assert_eq!(ranked[0].activity, 6);
    assert_eq!(ranked[1].rank, None);
    assert_eq!(ranked[2].activity, 7);
    assert_eq!(ranked[2].rank, Some(1));
}

#[test]
fn part_two_limit_findings() {
    assert!(check_part_two(0).passed);
    assert!(check_part_two(2).passed);
    let three = check_part_two(3);
    assert_eq!(
        three,
        Finding::fail(
            RULE_PART_TWO,
            PART_TWO_TOO_MANY,
            vec!["3".into(), "2".into(), "1".into()]
        )
    );
}

#[test]
fn a_third_part_two_activity_is_refused() {
    assert_eq!(can_add_to_part_two(0), Ok(()));
    assert_eq!(can_add_to_part_two(1), Ok(()));
    assert_eq!(
        can_add_to_part_two(2),
        Err(AnnualError::PartTwoFull { max: 2 })
    );
    assert_eq!(
        can_add_to_part_two(3),
        Err(AnnualError::PartTwoFull { max: 2 })
    );
}

#[test]
fn override_needs_a_written_reason() {
    assert!(!override_allowed(""));
    assert!(!override_allowed("  \t\n"));
    assert!(override_allowed(" Đường liên thôn bị sạt lở "));
    assert!(can_add_with_override(2, "").is_err());
    assert_eq!(can_add_with_override(2, "lý do"), Ok(()));
    assert_eq!(can_add_with_override(1, ""), Ok(()));
}

#[test]
fn percent_parsing() {
    assert_eq!(parse_percent("0"), Ok(0));
    assert_eq!(parse_percent("50"), Ok(50));
    assert_eq!(parse_percent("50%"), Ok(50));
    assert_eq!(parse_percent(" 50 % "), Ok(50));
    assert_eq!(parse_percent("100"), Ok(100));
    assert_eq!(parse_percent("101"), Err(AnnualError::PercentAbove100));
    assert_eq!(
        parse_percent("99999999999999999999999"),
        Err(AnnualError::PercentAbove100)
    );
    assert_eq!(parse_percent("-1"), Err(AnnualError::Negative));
    assert_eq!(parse_percent("abc"), Err(AnnualError::NotANumber));
    assert_eq!(parse_percent("50.5"), Err(AnnualError::NotWhole));
    assert_eq!(parse_percent("50,5"), Err(AnnualError::NotWhole));
    assert_eq!(parse_percent(""), Err(AnnualError::Required));
    assert_eq!(parse_percent("%"), Err(AnnualError::Required));
}

#[test]
fn amount_parsing_accepts_grouping() {
    assert_eq!(parse_amount("15.000.000"), Ok(15_000_000));
    assert_eq!(parse_amount("15 000 000"), Ok(15_000_000));
    assert_eq!(parse_amount("15\u{a0}000\u{a0}000"), Ok(15_000_000));
    assert_eq!(parse_amount("15000000"), Ok(15_000_000));
    assert_eq!(parse_amount("15.000.000 đ"), Ok(15_000_000));
    assert_eq!(parse_amount("15.000.000đ"), Ok(15_000_000));
    assert_eq!(parse_amount("2.500.000 VNĐ"), Ok(2_500_000));
    assert_eq!(parse_amount("0"), Ok(0));
}

#[test]
fn amount_parsing_refuses_bad_input() {
    assert_eq!(parse_amount("-5"), Err(AnnualError::Negative));
    assert_eq!(parse_amount("-15.000"), Err(AnnualError::Negative));
    assert_eq!(parse_amount("1,5"), Err(AnnualError::NotWhole));
    assert_eq!(parse_amount("1.5"), Err(AnnualError::NotWhole));
    assert_eq!(
        parse_amount("15,000,000"),
        Err(AnnualError::Number(NumberError::CommaGroups))
    );
    assert_eq!(parse_amount("15.000,50"), Err(AnnualError::NotWhole));
    assert_eq!(parse_amount("abc"), Err(AnnualError::NotANumber));
    assert_eq!(
        parse_amount("12 34"),
        Err(AnnualError::Number(NumberError::Grouping))
    );
    assert_eq!(
        parse_amount("1.000 000"),
        Err(AnnualError::Number(NumberError::Grouping))
    );
    assert_eq!(parse_amount("15."), Err(AnnualError::NotANumber));
    assert_eq!(parse_amount(""), Err(AnnualError::Required));
    assert_eq!(parse_amount_or_zero("  "), Ok(0));
}

#[test]
fn amount_limit_is_ten_to_the_thirteenth() {
    assert_eq!(parse_amount("10.000.000.000.000"), Ok(MAX_AMOUNT));
    assert_eq!(parse_amount("10000000000001"), Err(AnnualError::TooLarge));
    assert_eq!(
        parse_amount("99999999999999999999999999"),
        Err(AnnualError::TooLarge)
    );
}

fn spending(state: i64, donor: i64, money: i64, days: i64, land: i64, materials: i64) -> Spending {
    Spending {
        state,
        donor,
        people_money: money,
        people_labour_days: days,
        people_land_m2: land,
        people_materials_vnd: materials,
    }
}

#[test]
fn totals_by_funding_source() {
    let road = spending(50_000_000, 0, 5_000_000, 120, 300, 2_000_000);
    let well = spending(0, 20_000_000, 1_000_000, 30, 0, 0);
    let training = spending(3_000_000, 0, 0, 0, 0, 0);
    let total = totals_by_source(&[road, well, training]);
    assert_eq!(
        total,
        spending(53_000_000, 20_000_000, 6_000_000, 150, 300, 2_000_000)
    );
    assert_eq!(total.total_vnd(), 81_000_000);
    assert_eq!(total.people_vnd(), 8_000_000);
    assert_eq!(totals_by_source(&[]), Spending::default());
}

#[test]
fn totals_saturate_instead_of_overflowing() {
    let huge = spending(i64::MAX, 0, 0, 0, 0, 0);
    assert_eq!(totals_by_source(&[huge, huge]).state, i64::MAX);
}

#[test]
fn people_share() {
    assert_eq!(
        people_contribution_share(100_000_000, 25_000_000),
        Some(25.0)
    );
    assert_eq!(people_contribution_share(100, 0), Some(0.0));
    assert_eq!(people_contribution_share(100, 100), Some(100.0));
    assert_eq!(people_contribution_share(0, 0), None);
    assert_eq!(people_contribution_share(100, 101), None);
    assert_eq!(people_contribution_share(100, -1), None);
    let s = spending(30_000_000, 0, 5_000_000, 100, 0, 5_000_000);
    assert_eq!(s.people_share(), Some(25.0));
    assert_eq!(Spending::default().people_share(), None);
}

#[test]
fn codes_round_trip() {
    for p in Part::ALL {
        assert_eq!(Part::from_code(p.code()), Some(p));
    }
    for p in Progress::ALL {
        assert_eq!(Progress::from_code(p.code()), Some(p));
    }
    for q in Quality::ALL {
        assert_eq!(Quality::from_code(q.code()), Some(q));
    }
    for s in Source::ALL {
        assert_eq!(Source::from_code(s.code()), Some(s));
        assert_eq!(
            ReviewField::from_code(s.code()),
            Some(ReviewField::Amount(s))
        );
    }
    for f in [
        ReviewField::Progress,
        ReviewField::Percent,
        ReviewField::Quality,
    ] {
        assert_eq!(ReviewField::from_code(f.code()), Some(f));
    }
    assert_eq!(Part::from_code("part3"), None);
    assert_eq!(Quality::from_code(""), None);
}

fn draft(progress: Progress, percent: &str) -> ReviewDraft {
    ReviewDraft {
        progress: Some(progress),
        percent: percent.into(),
        quality: Some(Quality::Good),
        ..ReviewDraft::default()
    }
}

#[test]
fn a_complete_review_validates() {
    let mut d = draft(Progress::UnderWay, "60%");
    d.amounts[0] = "50.000.000".into();
    d.amounts[3] = "120".into();
    d.impact = "  Đi lại dễ hơn mùa mưa ".into();
    let review = d.validate().expect("valid review");
    assert_eq!(review.percent, 60);
    assert_eq!(review.spending.state, 50_000_000);
    assert_eq!(review.spending.people_labour_days, 120);
    assert_eq!(review.impact, "Đi lại dễ hơn mùa mưa");
}

#[test]
fn blank_percent_follows_progress() {
    assert_eq!(
        draft(Progress::Done, "").validate().map(|r| r.percent),
        Ok(100)
    );
    let not_started = ReviewDraft {
        progress: Some(Progress::NotStarted),
        ..ReviewDraft::default()
    };
    let review = not_started
        .validate()
        .expect("not started needs no quality");
    assert_eq!((review.percent, review.quality), (0, None));
    let under_way = draft(Progress::UnderWay, "").validate();
    assert_eq!(
        under_way,
        Err(vec![ReviewError {
            field: ReviewField::Percent,
            error: AnnualError::Required
        }])
    );
}

#[test]
fn review_refuses_contradictions_and_bad_numbers() {
    let e = |field, error| ReviewError { field, error };
    assert_eq!(
        draft(Progress::Done, "80").validate(),
        Err(vec![e(ReviewField::Percent, AnnualError::ProgressMismatch)])
    );
    assert_eq!(
        draft(Progress::NotStarted, "10").validate(),
        Err(vec![e(ReviewField::Percent, AnnualError::ProgressMismatch)])
    );
    assert_eq!(
        draft(Progress::UnderWay, "101").validate(),
        Err(vec![e(ReviewField::Percent, AnnualError::PercentAbove100)])
    );
    let mut d = draft(Progress::UnderWay, "50");
    d.quality = None;
    d.amounts[1] = "-1".into();
    d.amounts[5] = "1,5".into();
    let errors = d.validate().expect_err("three errors");
    assert_eq!(
        errors,
        vec![
            e(ReviewField::Amount(Source::Donor), AnnualError::Negative),
            e(
                ReviewField::Amount(Source::PeopleMaterials),
                AnnualError::NotWhole
            ),
            e(ReviewField::Quality, AnnualError::Required),
        ]
    );
}

#[test]
fn review_without_progress_is_refused() {
    let errors = ReviewDraft::default()
        .validate()
        .expect_err("progress required");
    assert_eq!(
        errors,
        vec![ReviewError {
            field: ReviewField::Progress,
            error: AnnualError::Required
        }]
    );
}

#[test]
fn every_key_has_strings_in_both_languages() {
    let mut keys = vec![RULE_PART_TWO, PART_TWO_TOO_MANY];
    keys.extend(Part::ALL.map(Part::label_key));
    keys.extend(Progress::ALL.map(Progress::label_key));
    keys.extend(Quality::ALL.map(Quality::label_key));
    keys.extend(Source::ALL.map(Source::label_key));
    keys.extend(Source::ALL.map(Source::unit_key));
    keys.extend(AnnualError::ALL.map(AnnualError::key));
    for key in keys {
        assert!(i18n::has(key), "missing i18n key {key}");
    }
    let msg = i18n::tf(i18n::Lang::En, PART_TWO_TOO_MANY, &check_part_two(3).args);
    assert!(msg.contains('3') && msg.contains('2'), "{msg}");
}

#[test]
fn amounts_read_as_people_say_them() {
    assert_eq!(parse_spoken_amount("1,5 triệu"), Some(1_500_000));
    assert_eq!(parse_spoken_amount("2 tỷ"), Some(2_000_000_000));
    assert_eq!(parse_spoken_amount("500 nghìn"), Some(500_000));
    assert_eq!(parse_spoken_amount("15.000.000 đ"), Some(15_000_000));
    assert_eq!(parse_spoken_amount(""), Some(0));
    assert_eq!(parse_spoken_amount("nhiều"), None);
}
