//! Each writer on hand-made forms: the CSV guards formulas and closes tables with totals,
//! the XLSX read back with calamine keeps numbers as numbers, totals as SUM formulas with
//! cached values, and prints at 73 % or more with the check code in the footer; the HTML
//! splits wide tables into column sets, writes numbers the Vietnamese way and never
//! styles text below 8 pt. On the demo: one check code across JSON, HTML and XLSX, and
//! the privacy option keeps every count in every format.

#![allow(clippy::unwrap_used)]

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use kehoach::export::forms::{Column, Form, Kind, RowGroup, Table, Value};
use kehoach::export::html::{self, MAX_COLUMNS};
use kehoach::export::xlsx::{self, Margins};
use kehoach::export::{Format, Source, Stamp, csv, render};
use kehoach::i18n::Lang;
use kehoach::store::Store;

fn column(label: &str, kind: Kind, unit: Option<&str>, total: bool) -> Column {
    Column {
        label: label.into(),
        unit: unit.map(String::from),
        kind,
        total,
    }
}

fn text(s: &str) -> Value {
    Value::Text(s.into())
}

/// A form with groups, totals, a formula-looking text, a wide table, an empty table.
fn sample() -> Form {
    let narrow = Table {
        subtitle: Some("Phần 1".into()),
        columns: vec![
            column("STT", Kind::Number, None, false),
            column("Hoạt động", Kind::Text, None, false),
            column("Kinh phí", Kind::Number, Some("đồng"), true),
            column("Ngày công", Kind::Number, None, true),
        ],
        key_columns: 2,
        groups: vec![
            RowGroup {
                title: Some("Nhóm A".into()),
                rows: vec![
                    vec![
                        Value::Number(1.0),
                        text("Đường bê tông"),
                        Value::Number(1_500_000.0),
                        Value::Number(2.5),
                    ],
                    vec![
                        Value::Number(2.0),
                        text("=HYPERLINK(\"x\")"),
                        Value::Number(500_000.0),
                        Value::Empty,
                    ],
                ],
            },
            RowGroup {
                title: None,
                rows: vec![vec![
                    Value::Number(3.0),
                    text("-5 hộ"),
                    Value::Empty,
                    Value::Number(1.0),
                ]],
            },
        ],
        empty: None,
    };
    let wide_columns: Vec<Column> = (0..20)
        .map(|i| {
            column(
                &format!("C{i}"),
                if i == 1 { Kind::Text } else { Kind::Number },
                None,
                i == 19,
            )
        })
        .collect();
    let wide_row: Vec<Value> = (0..20)
        .map(|i| {
            if i == 1 {
                text("Tên")
            } else {
                Value::Number(f64::from(i))
            }
        })
        .collect();
    let wide = Table {
        subtitle: None,
        columns: wide_columns,
        key_columns: 2,
        groups: vec![RowGroup {
            title: None,
            rows: vec![wide_row.clone(), wide_row],
        }],
        empty: None,
    };
    let empty = Table {
        subtitle: Some("Trống".into()),
        columns: vec![column("A", Kind::Text, None, false)],
        key_columns: 1,
        groups: vec![RowGroup {
            title: None,
            rows: Vec::new(),
        }],
        empty: Some("Chưa có gì.".into()),
    };
    Form {
        sheet: "Mẫu".into(),
        file: "mau".into(),
        title: "Biểu mẫu <thử>".into(),
        header_lines: vec![
            ("Xã".into(), text("Ea Tiêu")),
            ("Năm".into(), Value::Plain(2026.0)),
        ],
        tables: vec![narrow, wide, empty],
        notes: vec!["Ghi chú cuối".into()],
        signatures: vec!["Chủ trì".into(), "Tổ trưởng".into(), "Người ghi".into()],
    }
}

fn parse_csv(bytes: &[u8]) -> Vec<Vec<String>> {
    assert!(bytes.starts_with(csv::BOM));
    ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(&bytes[csv::BOM.len()..])
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

#[test]
fn csv_lays_out_titles_groups_totals_notes_and_guards_formulas() {
    let files = csv::to_csv(&[sample()], "buon-kram-2026", Lang::Vi);
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].0, "buon-kram-2026-mau.csv");
    let rows = parse_csv(&files[0].1);
    assert_eq!(rows[0], ["Biểu mẫu <thử>"]);
    assert_eq!(rows[1], ["Xã", "Ea Tiêu"]);
    assert_eq!(rows[2], ["Năm", "2026"]);
    let header = rows
        .iter()
        .position(|r| r.first().is_some_and(|c| c == "STT"))
        .unwrap();
    assert_eq!(
        rows[header],
        ["STT", "Hoạt động", "Kinh phí (đồng)", "Ngày công"]
    );
    assert_eq!(rows[header + 1], ["Nhóm A"]);
    assert_eq!(rows[header + 2][2], "1500000");
    assert_eq!(rows[header + 3][1], "'=HYPERLINK(\"x\")");
    assert_eq!(rows[header + 4][1], "'-5 hộ");
    assert_eq!(rows[header + 5], ["", "Tổng cộng", "2000000", "3.5"]);
    assert!(rows.iter().any(|r| r == &["Chưa có gì."]));
    assert!(rows.iter().any(|r| r == &["Ghi chú cuối"]));
    assert_eq!(rows.last().unwrap(), &["Chủ trì", "Tổ trưởng", "Người ghi"]);
}

fn margins() -> Margins {
    Margins {
        place: "Buôn Kram, Xã Ea Tiêu & Cư Kuin".into(),
        check_code: "Mã kiểm tra: 1A2B-3C4D".into(),
    }
}

/// The XML of one part of an XLSX file.
fn xlsx_part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut part = zip.by_name(name).unwrap();
    let mut xml = String::new();
    part.read_to_string(&mut xml).unwrap();
    xml
}

#[test]
fn xlsx_keeps_numbers_totals_as_formulas_and_prints_at_eight_points_or_more() {
    let bytes = xlsx::to_xlsx(&[sample()], &margins(), Lang::Vi).unwrap();
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.clone())).unwrap();
    assert_eq!(wb.sheet_names(), ["Mẫu"]);
    let range = wb.worksheet_range("Mẫu").unwrap();
    let cells: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    assert_eq!(cells[0][0], Data::String("Biểu mẫu <thử>".into()));
    let year = cells
        .iter()
        .find(|r| r[0] == Data::String("Năm".into()))
        .unwrap();
    assert_eq!(year[1], Data::Float(2026.0));
    let road = cells
        .iter()
        .find(|r| r[1] == Data::String("Đường bê tông".into()))
        .unwrap();
    assert_eq!(road[2], Data::Float(1_500_000.0));
    assert_eq!(road[3], Data::Float(2.5));
    let total = cells
        .iter()
        .find(|r| r[1] == Data::String("Tổng cộng".into()))
        .unwrap();
    assert_eq!(
        total[2],
        Data::Float(2_000_000.0),
        "the cached value of the SUM"
    );
    let formulas = wb.worksheet_formula("Mẫu").unwrap();
    assert!(
        formulas.rows().flatten().any(|f| f.starts_with("SUM(C")),
        "totals are formulas"
    );
    assert!(
        cells
            .iter()
            .any(|r| r.contains(&Data::String("Chủ trì".into()))),
        "signatures"
    );

    let sheet = xlsx_part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains("Mã kiểm tra: 1A2B-3C4D"),
        "check code in the footer"
    );
    assert!(
        sheet.contains("Xã Ea Tiêu &amp;&amp; Cư Kuin"),
        "an ampersand is escaped in the header"
    );
    assert!(!sheet.contains("fitToPage"), "never shrunk to fit");
    let scale: u32 = sheet
        .split("scale=\"")
        .nth(1)
        .map(|rest| rest.split('"').next().unwrap().parse().unwrap())
        .unwrap_or(100);
    assert!(scale >= 73, "scale {scale}% prints 11 pt text below 8 pt");
}

fn page() -> html::Page {
    html::Page {
        title: "Buôn Kram – 2026".into(),
        place: "Buôn Kram, Xã Ea Tiêu".into(),
        check_code: "Mã kiểm tra: 1A2B-3C4D".into(),
        note: None,
    }
}

#[test]
fn html_splits_wide_tables_writes_vietnamese_numbers_and_signs() {
    let out = String::from_utf8(html::to_html(&[sample()], &page(), Lang::Vi)).unwrap();
    assert!(out.contains("Biểu mẫu &lt;thử&gt;"));
    assert!(out.contains(">1.500.000<") && out.contains(">2,5<") && out.contains(">3,5<"));
    assert!(out.contains(">2026<"), "a year is not grouped");
    assert!(out.contains("<tr class=\"group\"><th colspan=\"4\">Nhóm A</th></tr>"));
    assert!(out.contains("<tr class=\"total\">"));
    assert!(out.contains("Chưa có gì.") && out.contains("Ghi chú cuối"));
    for role in ["Chủ trì", "Tổ trưởng", "Người ghi"] {
        assert!(out.contains(&format!("<div>{role}<small>")), "{role}");
    }
    // The 20-column table prints as two column sets, each with the key columns.
    let wide_tables = out.matches("<th>C0</th><th>C1</th>").count();
    assert_eq!(wide_tables, 2);
    const { assert!(20 > MAX_COLUMNS) };
    assert!(out.contains("@bottom-right{content:\"Mã kiểm tra: 1A2B-3C4D\""));
    assert!(out.contains("section class=\"wide\"") || out.contains("class=\"wide\""));
}

#[test]
fn html_styles_no_text_below_eight_points() {
    let out = String::from_utf8(html::to_html(&[sample()], &page(), Lang::Vi)).unwrap();
    let sizes: Vec<f64> = out
        .split("font-size:")
        .skip(1)
        .map(|rest| {
            let end = rest.find("pt").unwrap();
            rest[..end].parse().unwrap()
        })
        .collect();
    assert!(!sizes.is_empty());
    assert!(sizes.iter().all(|s| *s >= 8.0), "{sizes:?}");
    assert!(
        !out.contains("zoom") && !out.contains("scale("),
        "nothing shrinks the page"
    );
}

fn demo_source(private: bool) -> Source {
    let mut store = Store::open_in_memory().unwrap();
    let cycle = kehoach::demo::populate(&mut store).unwrap();
    Source::new(store.cycle_record(cycle).unwrap(), private, &Stamp::now())
}

fn file<'a>(files: &'a [(String, Vec<u8>)], suffix: &str) -> &'a [u8] {
    &files.iter().find(|(n, _)| n.ends_with(suffix)).unwrap().1
}

#[test]
fn the_check_code_is_the_same_in_json_html_and_xlsx() {
    let source = demo_source(false);
    let json = render(&source, Format::Json, Lang::Vi).unwrap();
    let bundle = kehoach::export::bundle::read(&json[0].1).unwrap();
    let line = format!("Mã kiểm tra: {}", bundle.check_code());
    let html = render(&source, Format::Html, Lang::Vi).unwrap();
    let html = String::from_utf8(html[0].1.clone()).unwrap();
    let sections = html.matches("<section").count();
    // Once per form, in both page styles' margin boxes, and once for the screen.
    assert_eq!(html.matches(&line).count(), sections + 3);
    let xlsx = render(&source, Format::Xlsx, Lang::Vi).unwrap();
    let sheets = open_workbook_from_rs::<Xlsx<_>, _>(Cursor::new(xlsx[0].1.clone()))
        .unwrap()
        .sheet_names()
        .len();
    for n in 1..=sheets {
        let xml = xlsx_part(&xlsx[0].1, &format!("xl/worksheets/sheet{n}.xml"));
        assert!(xml.contains(&line), "sheet {n} footer");
    }
}

#[test]
fn private_exports_keep_every_count_in_every_format() {
    let open = demo_source(false);
    let private = demo_source(true);
    let name = {
        let r = &open.bundle.record;
        r.people
            .iter()
            .find(|p| !r.holds_office(p.id))
            .unwrap()
            .name
            .clone()
    };
    for format in [Format::Csv, Format::Html, Format::Xlsx] {
        let a = render(&open, format, Lang::Vi).unwrap();
        let b = render(&private, format, Lang::Vi).unwrap();
        assert_eq!(a.len(), b.len());
        if format == Format::Csv {
            let counts = |files: &[(String, Vec<u8>)]| {
                let rows = parse_csv(file(files, "-hop-dan-1.csv"));
                let at = rows
                    .iter()
                    .position(|r| r.first().is_some_and(|c| c == "Đếm theo"))
                    .unwrap();
                rows[at..].to_vec()
            };
            assert_eq!(counts(&a), counts(&b), "the counts are identical");
            let all: String = b
                .iter()
                .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
                .collect();
            assert!(!all.contains(&name), "{name} left out");
            assert!(all.contains("Kinh"), "ethnicity counts kept");
        }
        if format == Format::Html {
            let text = String::from_utf8(b[0].1.clone()).unwrap();
            assert!(!text.contains(&name));
            assert!(text.contains("Đếm theo"));
        }
    }
}

/// An attribute's value in an XML tag (the text after the tag's name).
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let pattern = format!("{name}=\"");
    let at = tag
        .match_indices(&pattern)
        .find(|(i, _)| *i == 0 || tag.as_bytes()[i - 1] == b' ')?
        .0;
    tag[at + pattern.len()..].split('"').next()
}

/// Pixels at 96 dpi one stored unit of column width (which holds the column's padding)
/// prints in LibreOffice with Carlito (Calibri's stand-in; Excel's Calibri takes 7).
const UNIT_PX: f64 = 7.43;

/// A column without a width: 8.43 characters and the padding.
const DEFAULT_PX: f64 = 9.14 * UNIT_PX;

/// How wide a sheet's columns print at 100 %, in pixels at 96 dpi.
fn sheet_px(xml: &str) -> f64 {
    column_px(xml).iter().sum()
}

#[test]
fn xlsx_sheets_printed_above_the_smallest_scale_fit_their_page_width() {
    // The A4 width between 0.5 in margins, at 96 dpi.
    let (portrait, landscape) = (7.27 * 96.0, 10.69 * 96.0);
    for private in [false, true] {
        let xlsx = render(&demo_source(private), Format::Xlsx, Lang::Vi).unwrap();
        let bytes = &xlsx[0].1;
        let sheets = open_workbook_from_rs::<Xlsx<_>, _>(Cursor::new(bytes.clone()))
            .unwrap()
            .sheet_names();
        for (n, name) in sheets.iter().enumerate() {
            let xml = xlsx_part(bytes, &format!("xl/worksheets/sheet{}.xml", n + 1));
            let setup = xml.split("<pageSetup").nth(1).unwrap();
            let scale: f64 = attr(setup, "scale").map_or(100.0, |s| s.parse().unwrap());
            let room = match attr(setup, "orientation") {
                Some("landscape") => landscape,
                _ => portrait,
            };
            let printed = sheet_px(&xml) * scale / 100.0;
            assert!(
                printed <= room || scale == 73.0 && room == landscape,
                "{name} (private {private}): {printed:.0} px at {scale}% on a {room:.0} px page \
                 spills its last columns onto pages of their own"
            );
        }
    }
}

/// A form holding one sentence and no table row.
fn brief(file: &'static str) -> Form {
    Form {
        sheet: "Ngắn".into(),
        file: file.into(),
        title: "Biểu 3".into(),
        header_lines: Vec::new(),
        tables: vec![Table {
            subtitle: None,
            columns: (0..20)
                .map(|i| column(&format!("C{i}"), Kind::Number, None, false))
                .collect(),
            key_columns: 2,
            groups: vec![RowGroup {
                title: None,
                rows: Vec::new(),
            }],
            empty: None,
        }],
        notes: vec!["Năm này không lập Biểu 3.".into()],
        signatures: Vec::new(),
    }
}

/// The opening tag of a form's section.
fn section_tag<'a>(out: &'a str, file: &str) -> &'a str {
    let start = out.find(&format!("<section id=\"{file}\"")).unwrap();
    &out[start..start + out[start..].find('>').unwrap()]
}

#[test]
fn html_never_prints_a_page_for_one_sentence() {
    let mut narrow = sample();
    narrow.file = "hep".into();
    narrow.tables.truncate(1);
    let forms = [narrow, brief("ngan-1"), sample(), brief("ngan-2")];
    let out = String::from_utf8(html::to_html(&forms, &page(), Lang::Vi)).unwrap();
    // A form of one sentence follows the form before it on its page (and orientation).
    assert!(section_tag(&out, "ngan-1").ends_with("class=\"brief\""));
    assert!(section_tag(&out, "ngan-2").ends_with("class=\"brief wide\""));
    assert!(!section_tag(&out, "hep").contains("class"));
    assert!(out.contains("section.brief{break-before:auto"));
    // ... and moves whole to the next page rather than leave its last sentence alone.
    let brief_style = out.split("section.brief{").nth(1).unwrap();
    assert!(brief_style[..brief_style.find('}').unwrap()].contains("break-inside:avoid"));
    // The signatures and the totals row never start a page alone: they pull the rows
    // before them along (checked printing the demo in Chromium 148).
    assert!(out.contains("tr.total{break-before:avoid"));
    assert!(out.contains("break-inside:avoid;break-before:avoid"));
}

/// Each column's printed width at 100 %, in pixels (see [`sheet_px`]).
fn column_px(xml: &str) -> Vec<f64> {
    let mut out = Vec::new();
    for tag in xml.split("<col ").skip(1) {
        let n = |a| attr(tag, a).unwrap().parse::<f64>().unwrap();
        let (min, max) = (n("min") as usize, n("max") as usize);
        out.resize(max, DEFAULT_PX);
        for c in min..=max {
            out[c - 1] = n("width") * UNIT_PX;
        }
    }
    out
}

#[test]
fn xlsx_signature_block_prints_whole_on_the_first_page_of_a_wide_form() {
    let mut form = sample();
    for row in form.tables[1].groups[0].rows.iter_mut() {
        for cell in row.iter_mut().filter(|c| matches!(c, Value::Number(_))) {
            *cell = Value::Number(1_234_567_890.0);
        }
    }
    let bytes = xlsx::to_xlsx(&[form], &margins(), Lang::Vi).unwrap();
    let xml = xlsx_part(&bytes, "xl/worksheets/sheet1.xml");
    let setup = xml.split("<pageSetup").nth(1).unwrap();
    let scale: f64 = attr(setup, "scale").map_or(100.0, |s| s.parse().unwrap());
    assert_eq!(attr(setup, "orientation"), Some("landscape"));
    let page = 10.69 * 96.0 * 100.0 / scale;
    let widths = column_px(&xml);
    assert!(
        widths.iter().sum::<f64>() > page,
        "the sample is wider than a page"
    );
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let range = wb.worksheet_range("Mẫu").unwrap();
    let (row, _) = range
        .cells()
        .find(|(_, _, v)| *v == &Data::String("Chủ trì".into()))
        .map(|(r, c, _)| (r as u32 + range.start().unwrap().0, c))
        .unwrap();
    let merges = wb.merge_cells_by_sheet_name("Mẫu").unwrap();
    let roles: Vec<_> = merges.iter().filter(|d| d.start.0 == row).collect();
    assert_eq!(roles.len(), 3, "three roles, each over its columns");
    for d in roles {
        let right: f64 = widths[..=d.end.1 as usize].iter().sum();
        assert!(
            right <= page,
            "a role ends at {right:.0} px, past the page's {page:.0}"
        );
    }
}

#[test]
fn xlsx_form_whose_tables_are_empty_prints_one_page_wide() {
    let mut form = brief("ngan");
    form.header_lines = vec![("Mã bản kế hoạch".into(), text(&"883c07ea-".repeat(6)))];
    form.signatures = vec!["Chủ trì".into(), "Tổ trưởng".into(), "Người ghi".into()];
    let bytes = xlsx::to_xlsx(&[form], &margins(), Lang::Vi).unwrap();
    let xml = xlsx_part(&bytes, "xl/worksheets/sheet1.xml");
    let dimension = attr(xml.split("<dimension").nth(1).unwrap(), "ref").unwrap();
    let last = dimension.split(':').nth(1).unwrap();
    let columns = last.chars().take_while(char::is_ascii_uppercase).count();
    let letters = &last[..columns];
    let used = letters
        .bytes()
        .fold(0, |n, b| n * 26 + usize::from(b - b'A') + 1);
    let mut widths = column_px(&xml);
    // A column without a width prints at the default width.
    widths.resize(used.max(widths.len()), DEFAULT_PX);
    let setup = xml.split("<pageSetup").nth(1).unwrap();
    let scale: f64 = attr(setup, "scale").map_or(100.0, |s| s.parse().unwrap());
    let room = match attr(setup, "orientation") {
        Some("landscape") => 10.69 * 96.0,
        _ => 7.27 * 96.0,
    };
    let printed = widths[..used].iter().sum::<f64>() * scale / 100.0;
    assert!(
        printed <= room,
        "{used} columns used ({dimension}), {printed:.0} px on a {room:.0} px page"
    );
}

#[test]
fn xlsx_fact_label_wrapping_in_a_narrow_first_column_gets_its_lines() {
    let mut form = sample();
    let label = "Nhãn rất dài của một dòng thông tin đầu biểu mẫu cần xuống dòng";
    form.header_lines = vec![(label.into(), text("Giá trị"))];
    let bytes = xlsx::to_xlsx(&[form], &margins(), Lang::Vi).unwrap();
    let xml = xlsx_part(&bytes, "xl/worksheets/sheet1.xml");
    let first = column_px(&xml)[0] / UNIT_PX;
    assert!(
        (label.chars().count() as f64) > first,
        "the label wraps in column A"
    );
    // The title is row 1, a blank row, then the fact on row 3.
    let row = xml.split("<row r=\"3\"").nth(1).unwrap();
    let row = &row[..row.find('>').unwrap()];
    let height: f64 = attr(row, "ht").map_or(15.0, |h| h.parse().unwrap());
    assert!(
        height >= 30.0,
        "a wrapped label needs two lines or more, got {height} pt"
    );
}
