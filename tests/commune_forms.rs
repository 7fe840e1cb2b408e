//! The commune's forms from three villages made by commands in one store (one with a
//! third part-2 ask approved with the village's reason, one whose annual plan is not
//! approved), every expected value of forms 5 and 6 worked out by hand below; the demo
//! commune; and the forms written through the XLSX writer and read back with calamine.

#![allow(clippy::unwrap_used)]

mod commands_support;
mod commune_support;

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use commands_support::village;
use commune_support::{REASON, commune_of, figure, new_village, three_villages, village_years};
use kehoach::domain::activity::{Category, Sector};
use kehoach::export::forms::commune::commune_forms;
use kehoach::export::forms::{Form, Table, Value};
use kehoach::export::xlsx::{self, Margins};
use kehoach::i18n::{Lang, t};
use kehoach::store::Store;

fn vi(key: &str) -> String {
    t(Lang::Vi, key)
}

fn form<'a>(forms: &'a [Form], file: &str) -> &'a Form {
    forms.iter().find(|f| f.file == file).unwrap()
}

/// A row as text, the chosen cells joined by " | ": a number as Rust prints it (15,
/// 12.5), text as is, an empty cell as "_".
fn line(row: &[Value], columns: &[usize]) -> String {
    let cell = |v: &Value| match v {
        Value::Text(t) => t.clone(),
        Value::Number(n) => n.to_string(),
        Value::Decimal(n) => format!("decimal {n}"),
        Value::Plain(n) => format!("plain {n}"),
        Value::Empty => "_".into(),
    };
    let cells: Vec<String> = columns.iter().map(|&c| cell(&row[c])).collect();
    cells.join(" | ")
}

/// Every row of a group as [`line`]s.
fn lines(table: &Table, group: usize, columns: &[usize]) -> Vec<String> {
    let rows = table.groups[group].rows.iter();
    rows.map(|r| line(r, columns)).collect()
}

fn titles(table: &Table) -> Vec<Option<String>> {
    table.groups.iter().map(|g| g.title.clone()).collect()
}

fn sector(s: Sector) -> Option<String> {
    Some(vi(s.label_key()))
}

/// Whether every cell of the columns, in every row, is a number.
fn numbers_only(table: &Table, columns: &[usize]) -> bool {
    let mut cells = table.rows().flat_map(|r| columns.iter().map(|&c| &r[c]));
    cells.all(|v| matches!(v, Value::Number(_)))
}

const TOTAL: &str = "Tổng cộng (thôn, buôn đã thông qua)";
const NOT_APPROVED: &str = "Chưa thông qua: không tính vào tổng";
const CONSTRUCTION_FIRST: &str =
    "Xây dựng xếp trên dịch vụ, hỗ trợ kỹ thuật ở phần 2 (quy trình ưu tiên dịch vụ)";

/// Biểu 5's columns checked: no, name, village, part, village rank, men's, women's and
/// combined ranks, cost, source, asked, flags.
const FORM5_CHECKED: [usize; 12] = [0, 1, 2, 3, 4, 5, 6, 7, 18, 19, 20, 21];
/// Its summed columns: land, money, labour, cost, asked (after the name).
const FORM5_SUMS: [usize; 6] = [1, 14, 15, 16, 18, 20];

#[test]
fn form_5_lists_services_by_sector_in_each_villages_order_with_flags_and_totals() {
    let (_store, commune, years) = three_villages();
    let forms = commune_forms(&commune, 2026, &years, Lang::Vi);
    let files: Vec<&str> = forms.iter().map(|f| f.file.as_str()).collect();
    let expected = [
        "bieu-1-2-tong-hop",
        "bieu-5-dich-vu-cong",
        "bieu-6-dau-tu",
        "b1-chi-tieu",
        "b2-tong-hop-thon",
        "thay-doi",
    ];
    assert_eq!(files, expected);
    let f5 = form(&forms, "bieu-5-dich-vu-cong");
    assert_eq!(f5.title, "Biểu 5 – Tổng hợp nhu cầu dịch vụ công năm 2026");
    let table = &f5.tables[0];
    assert_eq!(table.columns[18].header(), "Kinh phí dự kiến (triệu đồng)");
    use Sector::*;
    let sectors = [
        Agriculture,
        Livestock,
        WaterSanitation,
        Education,
        Health,
        Economy,
    ];
    let mut expected: Vec<Option<String>> = sectors.into_iter().map(sector).collect();
    expected.push(None);
    assert_eq!(titles(table), expected);
    let third_ask = format!(
        "3 | Lớp nước sạch, vệ sinh | Buôn Kram | Phần 2 | 3 | 3 | 3 | 4 | 10 | Ngân sách xã | \
         9 | Hoạt động phần 2 thứ 3 của thôn, buôn (tối đa 2): xã cần ghi lý do; lý do thôn, \
         buôn ghi: {REASON}; Nhóm nữ xếp hạng 3, kế hoạch chung xếp hạng 4"
    );
    let rows = [
        "1 | Tập huấn chăm sóc cà phê | Buôn Kram | Phần 2 | 2 | 2 | 2 | 1 | 15 | Ngân sách xã | 13 | ",
        "2 | Tập huấn chăn nuôi bò | Thôn 1 | Phần 2 | 1 | 1 | 4 | 3 | 12 | Ngân sách xã | 10 | ",
        &third_ask,
        "4 | Lớp xoá mù chữ | Thôn 1 | Phần 1 | 2 | 4 | 2 | 4 | 6 | Nhân dân đóng góp | 0 | \
         Nhóm nữ xếp hạng 2, kế hoạch chung xếp hạng 4",
        "5 | Tập huấn phòng bệnh | Thôn 2 | Phần 1 | 1 | 2 | 1 | 2 | 8 | Nhân dân đóng góp | 0 | \
         Chưa thông qua: không tính vào tổng",
        "6 | Tổ vay vốn phụ nữ | Buôn Kram | Phần 1 | 2 | 5 | 1 | 3 | 5 | Nhân dân đóng góp | 0 | ",
    ];
    for (group, row) in rows.iter().enumerate() {
        let body = lines(table, group, &FORM5_CHECKED);
        assert_eq!(body.len(), 2, "one row and its subtotal");
        assert_eq!(&body[0], row);
    }
    let sums = |g: usize| lines(table, g, &FORM5_SUMS).pop().unwrap();
    assert_eq!(sums(0), "Cộng Trồng trọt | 0 | 2 | 10 | 15 | 13");
    assert_eq!(
        sums(4),
        "Cộng Y tế | 0 | 0 | 0 | 0 | 0",
        "Thôn 2 is not counted"
    );
    assert_eq!(
        lines(table, 6, &FORM5_SUMS),
        [format!("{TOTAL} | 0 | 10 | 50 | 48 | 32")]
    );
    assert!(numbers_only(table, &FORM5_SUMS[1..]));
    let by_source: Vec<String> = f5.tables[1]
        .rows()
        .map(|r| line(r, &[0, 1, 2, 3, 4]))
        .collect();
    let expected = [
        "Nhân dân đóng góp | 2 | 11 | 0 | 5".to_string(),
        "Ngân sách xã | 3 | 37 | 32 | 5".into(),
        format!("{TOTAL} | 5 | 48 | 32 | 10"),
    ];
    assert_eq!(by_source, expected);
    let note = "Chưa thông qua kế hoạch năm (có ghi trong biểu, không tính vào tổng): Thôn 2";
    assert!(f5.notes.iter().any(|n| n == note));
    assert_eq!(f5.signatures, ["Người lập biểu", "Chủ tịch UBND xã"]);
}

/// Biểu 6's columns checked: no, name, village, part, village rank, men's, women's and
/// combined ranks, total investment, state budget (commune, district, programme),
/// villagers' money, flags.
const FORM6_CHECKED: [usize; 14] = [0, 1, 2, 3, 4, 5, 6, 7, 13, 14, 15, 16, 17, 23];
/// Its summed columns: investment, commune, district, programme, money, labour, other
/// (after the name).
const FORM6_SUMS: [usize; 8] = [1, 13, 14, 15, 16, 17, 18, 21];

#[test]
fn form_6_lists_construction_with_budget_by_level_and_leaves_the_unapproved_out() {
    let (_store, commune, years) = three_villages();
    let forms = commune_forms(&commune, 2026, &years, Lang::Vi);
    let f6 = form(&forms, "bieu-6-dau-tu");
    assert_eq!(f6.title, "Biểu 6 – Danh mục nhu cầu đầu tư năm 2026");
    let table = &f6.tables[0];
    let header = table.columns[15].header();
    assert_eq!(header, "Ngân sách nhà nước: huyện (triệu đồng)");
    use Sector::*;
    let expected = [
        sector(Agriculture),
        sector(Infrastructure),
        sector(Irrigation),
        None,
    ];
    assert_eq!(titles(table), expected);
    let body = |g: usize| {
        let mut rows = lines(table, g, &FORM6_CHECKED);
        rows.pop();
        rows
    };
    assert_eq!(
        body(0),
        ["1 | Mua giống ngô | Thôn 1 | Phần 1 | 1 | 3 | 1 | 1 | 20 | _ | _ | _ | 20 | "]
    );
    let road = format!(
        "2 | Đường bê tông vào buôn | Buôn Kram | Phần 2 | 1 | 1 | 4 | 2 | 300 | _ | 280 | _ | \
         20 | {CONSTRUCTION_FIRST}"
    );
    let drain = "3 | Cống thoát nước | Thôn 1 | Phần 2 | 2 | 2 | 3 | 2 | 80 | _ | _ | 60 | 10 | ";
    assert_eq!(body(1), [road.as_str(), drain]);
    let ditch =
        "4 | Sửa mương thủy lợi | Buôn Kram | Phần 1 | 1 | 4 | 5 | 5 | 40 | _ | _ | _ | 10 | ";
    let canal = format!(
        "5 | Kênh mương nội đồng | Thôn 2 | Phần 2 | 1 | 1 | 2 | 1 | 150 | _ | 135 | _ | 15 | \
         {NOT_APPROVED}"
    );
    assert_eq!(body(2), [ditch, canal.as_str()]);
    let sums = |g: usize| lines(table, g, &FORM6_SUMS).pop().unwrap();
    assert_eq!(
        sums(1),
        "Cộng Giao thông, cơ sở hạ tầng | 380 | 0 | 280 | 60 | 30 | 20 | 0"
    );
    assert_eq!(
        sums(2),
        "Cộng Thuỷ lợi | 40 | 0 | 0 | 0 | 10 | 10 | 0",
        "Thôn 2's canal is listed, not summed"
    );
    assert_eq!(
        sums(3),
        format!("{TOTAL} | 440 | 0 | 280 | 60 | 60 | 40 | 0")
    );
    let by_source: Vec<String> = f6.tables[1]
        .rows()
        .map(|r| line(r, &[0, 1, 2, 3, 4]))
        .collect();
    let expected = [
        "Nhân dân đóng góp | 2 | 60 | 0 | 30".to_string(),
        "Ngân sách huyện | 1 | 300 | 280 | 20".into(),
        "Chương trình, dự án | 1 | 80 | 60 | 10".into(),
        format!("{TOTAL} | 4 | 440 | 340 | 60"),
    ];
    assert_eq!(by_source, expected);
    assert!(f6.notes[0].contains("Thông tư 01/2017 của Bộ Kế hoạch và Đầu tư"));
}

#[test]
fn b2_summarises_each_village_and_b1_lists_approved_villages_by_part() {
    let (_store, commune, years) = three_villages();
    let forms = commune_forms(&commune, 2026, &years, Lang::Vi);
    let b2 = &form(&forms, "b2-tong-hop-thon").tables[0];
    let rows: Vec<String> = b2
        .rows()
        .map(|r| line(r, &[0, 1, 2, 3, 4, 5, 6, 7, 8]))
        .collect();
    let expected = [
        "1 | Buôn Kram |  | Đã thông qua (bản 1) | 60 | 5 | 3 | 3 | 3",
        "2 | Thôn 1 |  | Đã thông qua (bản 1) | 60 | 4 | 2 | 2 | 1",
        "3 | Thôn 2 |  | Chưa thông qua | _ | 2 | 1 | 1 | 0",
    ];
    assert_eq!(rows, expected);
    let b1 = form(&forms, "b1-chi-tieu");
    let names = |table: usize| -> Vec<String> {
        let groups = b1.tables[table].groups.iter();
        let name = |g: &kehoach::export::forms::RowGroup| {
            let rows: Vec<String> = g.rows.iter().map(|r| line(r, &[0, 1])).collect();
            format!(
                "{}: {}",
                g.title.clone().unwrap_or_default(),
                rows.join(", ")
            )
        };
        groups.map(name).collect()
    };
    let part1 = [
        "Buôn Kram: 1 | Sửa mương thủy lợi, 2 | Tổ vay vốn phụ nữ",
        "Thôn 1: 1 | Mua giống ngô, 2 | Lớp xoá mù chữ",
    ];
    assert_eq!(names(0), part1);
    let part2 = [
        "Buôn Kram: 1 | Đường bê tông vào buôn, 2 | Tập huấn chăm sóc cà phê, \
         3 | Lớp nước sạch, vệ sinh",
        "Thôn 1: 1 | Tập huấn chăn nuôi bò, 2 | Cống thoát nước",
    ];
    assert_eq!(names(1), part2);
    let columns = &b1.tables[1].columns;
    let cost = columns
        .iter()
        .position(|c| c.label == vi("form.col.cost"))
        .unwrap();
    let part2_cost = (300 + 15 + 10 + 12 + 80) as f64 * 1e6;
    assert_eq!(
        b1.tables[1].column_sum(cost),
        part2_cost,
        "approved villages, in đồng"
    );
    assert!(b1.notes[0].contains("Biểu 3-4"));
}

#[test]
fn forms_1_2_sum_the_villages_figures_with_a_column_each() {
    let mut v = village();
    figure(&mut v, "population", "500");
    figure(&mut v, "ethnic_groups", "Ê Đê");
    figure(&mut v, "forest_ha", "12,5");
    new_village(&mut v, "Thôn 1");
    figure(&mut v, "population", "320");
    figure(&mut v, "forest_ha", "0,3");
    let commune_id = v.store.village(v.village).unwrap().commune_id;
    let years = village_years(&v.store, commune_id);
    let commune = commune_of(&v.store, commune_id);
    let forms = commune_forms(&commune, 2026, &years, Lang::Vi);
    let table = &form(&forms, "bieu-1-2-tong-hop").tables[0];
    assert_eq!(table.header()[2..], ["Buôn Kram", "Thôn 1", "Cộng xã"]);
    let row = |key: &str| -> String {
        let label = Value::Text(vi(&format!("figure.{key}")));
        let r = table.rows().find(|r| r[1] == label).unwrap();
        line(r, &[2, 3, 4])
    };
    assert_eq!(row("population"), "500 | 320 | 820");
    assert_eq!(row("forest_ha"), "12.5 | 0.3 | 12.8");
    assert_eq!(row("ethnic_groups"), "Ê Đê | _ | _");
    assert_eq!(row("households"), "_ | _ | _");
}

#[test]
fn the_demo_commune_counts_buon_kram_and_marks_thon_3() {
    let mut store = Store::open_in_memory().unwrap();
    let cycle = kehoach::demo::populate(&mut store).unwrap();
    let record = store.cycle_record(cycle).unwrap();
    let years = village_years(&store, record.commune.id);
    let forms = commune_forms(&record.commune, 2026, &years, Lang::Vi);
    let b2 = &form(&forms, "b2-tong-hop-thon").tables[0];
    let rows: Vec<String> = b2.rows().map(|r| line(r, &[1, 3])).collect();
    assert_eq!(
        rows,
        [
            "Buôn Kram | Đã thông qua (bản 1)",
            "Thôn 3 | Chưa thông qua"
        ]
    );
    let kram_cost = |category: Category| -> f64 {
        let acts = record
            .annual
            .items
            .iter()
            .filter_map(|i| record.activity(i.activity));
        let of = acts.filter(|a| a.activity.fields.category == category);
        let vnd: u64 = of
            .map(|a| a.activity.fields.estimated_cost_vnd.unwrap_or(0))
            .sum();
        vnd as f64 / 1e6
    };
    for (file, category, cost_column) in [
        ("bieu-5-dich-vu-cong", Category::TechnicalSupport, 18),
        ("bieu-6-dau-tu", Category::Construction, 13),
    ] {
        let table = &form(&forms, file).tables[0];
        let total = &table.groups.last().unwrap().rows[0];
        assert_eq!(total[1], Value::Text(TOTAL.into()));
        let cost = Value::Number(kram_cost(category));
        assert_eq!(total[cost_column], cost, "{file}: Buôn Kram only");
        let thon3 = Value::Text("Thôn 3".into());
        let flags = table.columns.len() - 1;
        let of_thon3: Vec<&Vec<Value>> = table.rows().filter(|r| r[2] == thon3).collect();
        assert!(!of_thon3.is_empty(), "{file}: Thôn 3's rows are listed");
        let marked =
            |r: &&Vec<Value>| matches!(&r[flags], Value::Text(t) if t.ends_with(NOT_APPROVED));
        assert!(of_thon3.iter().all(marked), "{file}");
    }
}

#[test]
fn the_forms_read_back_from_xlsx_with_numbers_and_flags() {
    let (_store, commune, years) = three_villages();
    let forms = commune_forms(&commune, 2026, &years, Lang::Vi);
    let margins = Margins {
        place: "Xã Ea Tiêu, Cư Kuin".into(),
        check_code: String::new(),
    };
    let bytes = xlsx::to_xlsx(&forms, &margins, Lang::Vi).unwrap();
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let sheets: Vec<String> = forms.iter().map(|f| f.sheet.clone()).collect();
    assert_eq!(wb.sheet_names(), sheets);
    let range = wb.worksheet_range("Biểu 6 - Đầu tư").unwrap();
    let cells: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    let text = |s: &str| Data::String(s.into());
    let row = |name: &str| {
        cells
            .iter()
            .find(|r| r.get(1) == Some(&text(name)))
            .unwrap()
    };
    let road = row("Đường bê tông vào buôn");
    assert_eq!(road[13], Data::Float(300.0));
    assert_eq!(road[15], Data::Float(280.0));
    assert_eq!(road[23], text(CONSTRUCTION_FIRST));
    assert_eq!(row("Kênh mương nội đồng")[23], text(NOT_APPROVED));
    assert_eq!(row(TOTAL)[13], Data::Float(440.0));
    let by_source = cells
        .iter()
        .find(|r| r.first() == Some(&text(TOTAL)))
        .unwrap();
    let expected = [Data::Float(4.0), Data::Float(440.0), Data::Float(340.0)];
    assert_eq!(
        by_source[1..4],
        expected,
        "by source: activities, cost, asked"
    );
}

#[test]
fn the_csv_and_html_writers_lay_out_the_commune_forms() {
    let (_store, commune, years) = three_villages();
    let forms = commune_forms(&commune, 2026, &years, Lang::Vi);
    let files = kehoach::export::csv::to_csv(&forms, "ea-tieu-2026", Lang::Vi);
    let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
    let expected = [
        "ea-tieu-2026-bieu-1-2-tong-hop.csv",
        "ea-tieu-2026-bieu-5-dich-vu-cong.csv",
        "ea-tieu-2026-bieu-6-dau-tu.csv",
        "ea-tieu-2026-b1-chi-tieu.csv",
        "ea-tieu-2026-b2-tong-hop-thon.csv",
        "ea-tieu-2026-thay-doi.csv",
    ];
    assert_eq!(names, expected);
    let form6 = String::from_utf8(files[2].1.clone()).unwrap();
    assert!(
        form6.contains(&format!("\"{TOTAL}\",4,440,340,60")),
        "{form6}"
    );
    let page = kehoach::export::html::Page {
        title: "Xã Ea Tiêu 2026".into(),
        place: "Xã Ea Tiêu, huyện Cư Kuin".into(),
        check_code: String::new(),
        note: None,
    };
    let html = String::from_utf8(kehoach::export::html::to_html(&forms, &page, Lang::Vi)).unwrap();
    assert!(html.contains("Biểu 6 – Danh mục nhu cầu đầu tư năm 2026"));
    assert!(html.contains(NOT_APPROVED));
}

#[test]
fn a_commune_without_plans_gets_empty_forms_that_say_why() {
    let v = village();
    let commune_id = v.store.village(v.village).unwrap().commune_id;
    let commune = commune_of(&v.store, commune_id);
    let years = village_years(&v.store, commune_id);
    let forms = commune_forms(&commune, 2026, &years, Lang::En);
    let f5 = form(&forms, "bieu-5-dich-vu-cong");
    assert_eq!(f5.title, "Form 5 – Public-service needs, 2026");
    assert!(f5.tables.iter().all(Table::is_empty));
    assert_eq!(
        f5.notes.last().unwrap(),
        "No annual plan received: Buôn Kram"
    );
    let b2 = &form(&forms, "b2-tong-hop-thon").tables[0];
    let rows: Vec<String> = b2.rows().map(|r| line(r, &[1, 3, 4, 5])).collect();
    assert_eq!(rows, ["Buôn Kram | No plan received | _ | 0"]);
    let none = commune_forms(&commune, 2026, &[], Lang::En);
    assert!(none.iter().flat_map(|f| &f.tables).all(Table::is_empty));
}
