//! Unit tests of the activity rules.

use super::*;

fn draft() -> ActivityDraft {
    ActivityDraft {
        name: "  Làm  đường bê tông liên thôn ".into(),
        sector: Some(Sector::Infrastructure),
        category: Some(Category::Construction),
        quantity: "1,5".into(),
        unit: "km".into(),
        time: "Quý 2/2027".into(),
        location: "Buôn Cuôr Đăng A".into(),
        responsible: "Ban tự quản thôn".into(),
        land_m2: "500".into(),
        money_vnd: "15.000.000".into(),
        labour_days: "120".into(),
        materials: "cát, đá".into(),
        estimated_cost_vnd: "450.000.000 đ".into(),
        proposed_by_women: true,
        subgroup_id: Some(SubGroupId(2)),
        tool_code: Some("services_infrastructure".into()),
    }
}

fn errors(d: &ActivityDraft) -> Vec<FieldError> {
    validate(d).err().unwrap_or_default()
}

fn one_error(field: Field, key: &'static str) -> Vec<FieldError> {
    vec![FieldError { field, key }]
}

#[test]
fn a_full_draft_validates() {
    let a = validate(&draft()).expect("valid");
    assert_eq!(a.name, "Làm đường bê tông liên thôn");
    assert_eq!(a.quantity, Some(1.5));
    assert_eq!(a.contribution.money_vnd, 15_000_000);
    assert_eq!(a.contribution.land_m2, 500);
    assert_eq!(a.contribution.labour_days, 120.0);
    assert_eq!(a.estimated_cost_vnd, Some(450_000_000));
    assert_eq!(a.tool_code.as_deref(), Some("services_infrastructure"));
    assert!(a.missing_plan_fields().is_empty());
}

#[test]
fn a_minimal_draft_validates_and_lists_missing_plan_fields() {
    let d = ActivityDraft {
        name: "Tập huấn chăn nuôi heo".into(),
        sector: Some(Sector::Livestock),
        category: Some(Category::TechnicalSupport),
        tool_code: Some("  ".into()),
        ..ActivityDraft::default()
    };
    let a = validate(&d).expect("valid");
    assert_eq!(a.quantity, None);
    assert_eq!(a.estimated_cost_vnd, None);
    assert_eq!(a.tool_code, None);
    let stored = Activity {
        id: ActivityId(1),
        cycle_id: CycleId(1),
        fields: a,
    };
    assert_eq!(
        missing_plan_fields(&stored),
        [
            "activity.field.quantity",
            "activity.field.time",
            "activity.field.location",
            "activity.field.responsible",
            "activity.field.contribution",
        ]
    );
}

#[test]
fn name_sector_and_category_are_required() {
    let d = ActivityDraft {
        name: "   ".into(),
        sector: None,
        category: None,
        ..draft()
    };
    assert_eq!(
        errors(&d),
        [
            FieldError {
                field: Field::Name,
                key: ERR_NAME_REQUIRED
            },
            FieldError {
                field: Field::Sector,
                key: ERR_SECTOR_REQUIRED
            },
            FieldError {
                field: Field::Category,
                key: ERR_CATEGORY_REQUIRED
            },
        ]
    );
}

#[test]
fn bad_text_is_refused() {
    let d = ActivityDraft {
        name: "a".repeat(201),
        location: "Buôn\u{7}".into(),
        ..draft()
    };
    assert_eq!(
        errors(&d),
        [
            FieldError {
                field: Field::Name,
                key: ERR_TEXT_TOO_LONG
            },
            FieldError {
                field: Field::Location,
                key: ERR_TEXT_CONTROL
            },
        ]
    );
}

#[test]
fn quantity_takes_a_decimal_comma_and_thousand_dots() {
    for (typed, value) in [
        ("1,5", 1.5),
        ("1.000.000", 1_000_000.0),
        ("1 500", 1500.0),
        ("1.234,5", 1234.5),
        (" 2 ", 2.0),
        ("0,125", 0.125),
        ("1500", 1500.0),
        (",5", 0.5),
    ] {
        let a = validate(&ActivityDraft {
            quantity: typed.into(),
            ..draft()
        })
        .expect(typed);
        assert_eq!(a.quantity, Some(value), "{typed}");
    }
}

#[test]
fn quantity_must_be_positive_and_not_huge() {
    let cases = [
        ("0", ERR_QUANTITY_ZERO),
        ("0,0", ERR_QUANTITY_ZERO),
        ("-3", "number.err.negative"),
        ("2000000000", ERR_QUANTITY_TOO_LARGE),
        ("1e5", "number.err.not_a_decimal"),
        ("hai", "number.err.not_a_decimal"),
        ("NaN", "number.err.not_a_decimal"),
        (",", "number.err.not_a_decimal"),
    ];
    for (typed, key) in cases {
        let d = ActivityDraft {
            quantity: typed.into(),
            ..draft()
        };
        assert_eq!(errors(&d), one_error(Field::Quantity, key), "{typed}");
    }
}

#[test]
fn ambiguous_or_english_quantities_are_refused() {
    for (typed, key) in [
        ("1.000", "number.err.ambiguous"),
        ("2,500", "number.err.ambiguous"),
        ("1.5", "number.err.dot_decimal"),
        ("1,000,000", "number.err.comma_groups"),
        ("1,5,2", "number.err.not_a_decimal"),
    ] {
        let d = ActivityDraft {
            quantity: typed.into(),
            ..draft()
        };
        assert_eq!(errors(&d), one_error(Field::Quantity, key), "{typed}");
    }
}

#[test]
fn a_quantity_needs_a_unit() {
    let d = ActivityDraft {
        unit: " ".into(),
        ..draft()
    };
    assert_eq!(errors(&d), one_error(Field::Unit, ERR_UNIT_REQUIRED));
    let without = ActivityDraft {
        unit: String::new(),
        quantity: String::new(),
        ..draft()
    };
    assert!(validate(&without).is_ok());
}

#[test]
fn money_accepts_dot_and_space_thousands() {
    for (typed, value) in [
        ("15.000.000", 15_000_000),
        ("15 000 000", 15_000_000),
        ("15000000", 15_000_000),
        ("500.000đ", 500_000),
        ("2.000.000 VND", 2_000_000),
        ("0", 0),
        ("1.000.000.000.000", MAX_VND),
    ] {
        let a = validate(&ActivityDraft {
            money_vnd: typed.into(),
            ..draft()
        })
        .expect(typed);
        assert_eq!(a.contribution.money_vnd, value, "{typed}");
    }
}

#[test]
fn bad_money_is_refused_with_its_reason() {
    let cases = [
        ("15,000,000", "number.err.comma_groups"),
        ("1,5", "number.err.not_whole"),
        ("1.5", "number.err.not_whole"),
        ("15.00.000", "number.err.grouping"),
        ("1234.000", "number.err.grouping"),
        ("15..000", "number.err.not_a_number"),
        ("-500.000", "number.err.negative"),
        ("năm triệu", "number.err.not_a_number"),
        ("1.000.000.000.001", ERR_MONEY_TOO_LARGE),
        ("99999999999999999999999", ERR_MONEY_TOO_LARGE),
    ];
    for (typed, key) in cases {
        let d = ActivityDraft {
            money_vnd: typed.into(),
            ..draft()
        };
        assert_eq!(errors(&d), one_error(Field::MoneyVnd, key), "{typed}");
        let d = ActivityDraft {
            estimated_cost_vnd: typed.into(),
            ..draft()
        };
        assert_eq!(errors(&d), one_error(Field::EstimatedCost, key), "{typed}");
    }
}

#[test]
fn land_and_labour_are_checked() {
    let ok = validate(&ActivityDraft {
        land_m2: "5.000 m2".into(),
        labour_days: "0,5".into(),
        ..draft()
    })
    .expect("valid");
    assert_eq!(ok.contribution.land_m2, 5000);
    assert_eq!(ok.contribution.labour_days, 0.5);
    let cases = [
        (
            ActivityDraft {
                land_m2: "-1".into(),
                ..draft()
            },
            Field::LandM2,
            "number.err.negative",
        ),
        (
            ActivityDraft {
                land_m2: "2.000.000.000".into(),
                ..draft()
            },
            Field::LandM2,
            ERR_TOO_LARGE,
        ),
        (
            ActivityDraft {
                labour_days: "-2".into(),
                ..draft()
            },
            Field::LabourDays,
            "number.err.negative",
        ),
        (
            ActivityDraft {
                labour_days: "1.000".into(),
                ..draft()
            },
            Field::LabourDays,
            "number.err.ambiguous",
        ),
        (
            ActivityDraft {
                labour_days: "5000000000".into(),
                ..draft()
            },
            Field::LabourDays,
            ERR_TOO_LARGE,
        ),
    ];
    for (d, field, key) in cases {
        assert_eq!(errors(&d), one_error(field, key), "{d:?}");
    }
}

#[test]
fn all_errors_are_reported_together() {
    let d = ActivityDraft {
        name: String::new(),
        quantity: "0".into(),
        money_vnd: "1,5".into(),
        labour_days: "x".into(),
        ..draft()
    };
    let fields: Vec<Field> = errors(&d).iter().map(|e| e.field).collect();
    assert_eq!(
        fields,
        [
            Field::Name,
            Field::Quantity,
            Field::MoneyVnd,
            Field::LabourDays
        ]
    );
}

#[test]
fn formatting_round_trips() {
    // The formats themselves are tested in `domain::number`.
    let a = validate(&ActivityDraft {
        quantity: "1,1250".into(),
        ..draft()
    })
    .expect("valid");
    assert_eq!(validate(&ActivityDraft::from_valid(&a)), Ok(a));
}

#[test]
fn codes_round_trip() {
    for s in Sector::ALL {
        assert_eq!(Sector::from_code(s.code()), Some(s));
        assert!(s.label_key().ends_with(s.code()));
    }
    for c in Category::ALL {
        assert_eq!(Category::from_code(c.code()), Some(c));
        assert!(c.label_key().ends_with(c.code()));
    }
    assert_eq!(Sector::from_code("nope"), None);
}

#[test]
fn every_key_has_strings() {
    let keys = crate::domain::pra::assessment_i18n_keys();
    let labels = Sector::ALL
        .iter()
        .map(|s| s.label_key())
        .chain(Category::ALL.iter().map(|c| c.label_key()))
        .chain(Field::ALL.iter().map(|f| f.label_key()));
    for key in ERROR_KEYS.into_iter().chain(labels) {
        let number = key.starts_with("number.") && crate::i18n::has(key);
        assert!(keys.contains(key) || number, "assessment.toml lacks {key}");
    }
}
