//! Attendance rules: the women's share and the 30% threshold.

use super::Tally;

/// The procedure's minimum share of women, in percent.
pub const MIN_WOMEN_PERCENT: u32 = 30;

/// Women's share of the participants in percent (0.0 when nobody is present).
pub fn women_share(tally: Tally) -> f64 {
    match tally.total() {
        0 => 0.0,
        total => f64::from(tally.women) * 100.0 / f64::from(total),
    }
}

/// Whether at least 30% of participants are women (exact integer arithmetic; an empty
/// meeting does not meet it).
pub fn meets_women_threshold(tally: Tally) -> bool {
    tally.total() > 0 && tally.women * 100 >= MIN_WOMEN_PERCENT * tally.total()
}

/// How many more women must join (with no one else) to reach 30%.
pub fn women_missing(tally: Tally) -> u32 {
    let mut extra = 0;
    while !meets_women_threshold(Tally {
        men: tally.men,
        women: tally.women + extra,
    }) {
        extra += 1;
    }
    extra
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(men: u32, women: u32) -> Tally {
        Tally { men, women }
    }

    #[test]
    fn exactly_thirty_percent_passes() {
        assert!(meets_women_threshold(t(7, 3)));
        assert!(meets_women_threshold(t(70, 30)));
        assert_eq!(women_missing(t(7, 3)), 0);
    }

    #[test]
    fn just_under_thirty_percent_fails() {
        // 299 of 1000 = 29.9%
        assert!(!meets_women_threshold(t(701, 299)));
        assert_eq!(women_missing(t(701, 299)), 2);
        assert!((women_share(t(701, 299)) - 29.9).abs() < 1e-9);
    }

    #[test]
    fn nobody_present() {
        assert!(!meets_women_threshold(t(0, 0)));
        assert_eq!(women_share(t(0, 0)), 0.0);
        assert_eq!(women_missing(t(0, 0)), 1);
    }

    #[test]
    fn all_women() {
        assert!(meets_women_threshold(t(0, 5)));
        assert_eq!(women_share(t(0, 5)), 100.0);
    }
}
