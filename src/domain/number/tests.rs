use proptest::prelude::*;

use super::*;

#[test]
fn whole_numbers_group_thousands_with_dots_or_spaces() {
    assert_eq!(parse_whole("1.250"), Ok(Some(1250)));
    assert_eq!(parse_whole("15.000.000"), Ok(Some(15_000_000)));
    assert_eq!(parse_whole("15 000 000"), Ok(Some(15_000_000)));
    assert_eq!(parse_whole("15\u{a0}000\u{a0}000"), Ok(Some(15_000_000)));
    assert_eq!(parse_whole(" 612 "), Ok(Some(612)));
    assert_eq!(parse_whole("+7"), Ok(Some(7)));
    assert_eq!(parse_whole("007"), Ok(Some(7)));
    assert_eq!(parse_whole(""), Ok(None));
    assert_eq!(parse_whole("   "), Ok(None));
}

#[test]
fn whole_numbers_refuse_what_reads_two_ways() {
    assert_eq!(parse_whole("15,000,000"), Err(NumberError::CommaGroups));
    assert_eq!(parse_whole("1,250"), Err(NumberError::CommaGroups));
    assert_eq!(parse_whole("1,5"), Err(NumberError::NotWhole));
    assert_eq!(parse_whole("15.000,50"), Err(NumberError::NotWhole));
    assert_eq!(parse_whole("1.5"), Err(NumberError::NotWhole));
    assert_eq!(parse_whole("0.250"), Err(NumberError::NotWhole));
    assert_eq!(parse_whole("1.50.000"), Err(NumberError::Grouping));
    assert_eq!(parse_whole("1.000 000"), Err(NumberError::Grouping));
    assert_eq!(parse_whole("1234.567"), Err(NumberError::Grouping));
    assert_eq!(parse_whole("15."), Err(NumberError::NotANumber));
    assert_eq!(parse_whole("abc"), Err(NumberError::NotANumber));
    assert_eq!(parse_whole("12a"), Err(NumberError::NotANumber));
    assert_eq!(parse_whole("-3"), Err(NumberError::Negative));
    assert_eq!(parse_whole("\u{2212}15.000"), Err(NumberError::Negative));
}

#[test]
fn decimals_take_a_comma_and_refuse_an_english_dot() {
    assert_eq!(parse_decimal("1,5"), Ok(Some(1.5)));
    assert_eq!(parse_decimal("12,5"), Ok(Some(12.5)));
    assert_eq!(parse_decimal("0,125"), Ok(Some(0.125)));
    assert_eq!(parse_decimal(",5"), Ok(Some(0.5)));
    assert_eq!(parse_decimal("1.250,75"), Ok(Some(1250.75)));
    assert_eq!(parse_decimal("1 250,5"), Ok(Some(1250.5)));
    assert_eq!(parse_decimal("1.250.000"), Ok(Some(1_250_000.0)));
    assert_eq!(parse_decimal("1500"), Ok(Some(1500.0)));
    assert_eq!(parse_decimal(""), Ok(None));
    assert_eq!(parse_decimal("1.5"), Err(NumberError::DotDecimal));
    assert_eq!(parse_decimal("0.75"), Err(NumberError::DotDecimal));
    assert_eq!(parse_decimal("0.250"), Err(NumberError::DotDecimal));
    assert_eq!(parse_decimal("1.250"), Err(NumberError::Ambiguous));
    assert_eq!(parse_decimal("1,250"), Err(NumberError::Ambiguous));
    assert_eq!(parse_decimal("15,000,000"), Err(NumberError::CommaGroups));
    assert_eq!(parse_decimal("1,5,5"), Err(NumberError::NotADecimal));
    assert_eq!(parse_decimal("12,"), Err(NumberError::NotADecimal));
    assert_eq!(parse_decimal("NaN"), Err(NumberError::NotADecimal));
    assert_eq!(parse_decimal("1e5"), Err(NumberError::NotADecimal));
    assert_eq!(parse_decimal("-1"), Err(NumberError::Negative));
}

#[test]
fn amounts_take_a_currency_after_the_number() {
    assert_eq!(parse_vnd("15.000.000 đ"), Ok(Some(15_000_000)));
    assert_eq!(parse_vnd("2.500.000 VNĐ"), Ok(Some(2_500_000)));
    assert_eq!(parse_vnd("300000₫"), Ok(Some(300_000)));
    assert_eq!(parse_vnd("15,000,000"), Err(NumberError::CommaGroups));
    assert_eq!(parse_vnd("99999999999999999999999999"), Ok(Some(u64::MAX)));
}

#[test]
fn formats_read_back() {
    assert_eq!(format_whole(0), "0");
    assert_eq!(format_whole(999), "999");
    assert_eq!(format_whole(15_000_000), "15.000.000");
    assert_eq!(format_decimal(1.5), "1,5");
    assert_eq!(format_decimal(1.125), "1,1250");
    assert_eq!(format_decimal(0.125), "0,125");
    assert_eq!(format_decimal(2.0), "2");
    assert_eq!(parse_decimal(&format_decimal(1.125)), Ok(Some(1.125)));
}

#[test]
fn every_error_has_its_own_key() {
    for (i, a) in NumberError::ALL.iter().enumerate() {
        assert!(a.key().starts_with("number.err."));
        assert!(NumberError::ALL[i + 1..].iter().all(|b| b.key() != a.key()));
    }
}

proptest! {
    #[test]
    fn a_whole_number_reads_back_grouped_or_not(n in 0u64..10_000_000_000_000_000) {
        prop_assert_eq!(parse_whole(&format_whole(n)), Ok(Some(n)));
        prop_assert_eq!(parse_whole(&n.to_string()), Ok(Some(n)));
        prop_assert_eq!(parse_vnd(&format!("{} đ", format_whole(n))), Ok(Some(n)));
    }

    #[test]
    fn english_thousands_are_refused_never_misread(n in 1_000u64..1_000_000_000_000) {
        let english = format_whole(n).replace('.', ",");
        prop_assert_eq!(parse_whole(&english), Err(NumberError::CommaGroups));
        prop_assert!(parse_decimal(&english).is_err());
    }

    #[test]
    fn a_decimal_reads_back(whole in 0u64..1_000_000, hundredths in 0u64..100) {
        let value = whole as f64 + hundredths as f64 / 100.0;
        prop_assert_eq!(parse_decimal(&format_decimal(value)), Ok(Some(value)));
    }

    #[test]
    fn an_english_decimal_is_refused_never_misread(whole in 0u64..100_000, frac in 1u64..100) {
        let english = format!("{whole}.{frac}");
        prop_assert!(parse_decimal(&english).is_err());
        prop_assert!(parse_whole(&english).is_err());
    }

    #[test]
    fn both_parsers_agree_on_what_they_both_accept(text in "[0-9., ]{0,12}") {
        if let (Ok(Some(w)), Ok(Some(d))) = (parse_whole(&text), parse_decimal(&text)) {
            prop_assert_eq!(w as f64, d);
        }
    }

    #[test]
    fn no_text_panics(text in "\\PC{0,24}") {
        let _ = parse_whole(&text);
        let _ = parse_decimal(&text);
        let _ = parse_vnd(&text);
    }
}
