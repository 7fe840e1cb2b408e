//! Forms at 80 columns (issue 16): a choice field's chosen option stays in view when its
//! options are wider than the line, and a row of flags (the facilitators present) shows
//! every flag, each name shortened when they do not all fit.

#![allow(clippy::unwrap_used)]

use kehoach::i18n::{Label, Lang};
use kehoach::tui::theme::Theme;
use kehoach::tui::widgets::form::{Field, Form};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

fn drawn(form: &Form) -> String {
    let area = Rect::new(0, 0, 80, 24);
    let mut buf = Buffer::empty(area);
    form.render(Lang::Vi, &Theme::mono(), area, &mut buf);
    (0..24)
        .map(|y| {
            (0..80)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn roles() -> Vec<String> {
    [
        "Trưởng ban tự quản",
        "Phó ban tự quản",
        "Trưởng thôn, buôn",
        "Bí thư chi bộ",
        "Chủ tịch Hội Phụ nữ",
        "Người có uy tín",
        "Cán bộ xã",
    ]
    .map(String::from)
    .to_vec()
}

#[test]
fn the_chosen_option_of_a_choice_stays_in_view() {
    for chosen in 0..roles().len() {
        let form = Form::new(
            Label::text("Biên bản"),
            vec![Field::choice(
                Label::text("Chức danh"),
                roles().into_iter().map(Label::text),
                Some(chosen),
            )],
        );
        let shown = drawn(&form);
        let wanted = format!("[{} {}]", chosen + 1, roles()[chosen]);
        assert!(shown.contains(&wanted), "option {chosen}:\n{shown}");
        if chosen == roles().len() - 1 {
            insta::assert_snapshot!("choice_scrolled_to_the_last", shown);
        }
    }
}

#[test]
fn four_facilitators_present_all_show_at_80_columns() {
    let team = [
        "Nguyễn Thị Hường",
        "Trần Văn Đức",
        "H'Nhi Êban",
        "Đinh Thị Ngọc Ánh",
    ]
    .map(String::from)
    .to_vec();
    let form = Form::new(
        Label::text("Biên bản"),
        vec![
            Field::text(Label::text("Địa điểm"), "Nhà văn hoá"),
            Field::flags(
                Label::text("Tổ thúc đẩy có mặt"),
                team.into_iter().map(Label::text),
                vec![true, false, true, true],
            ),
        ],
    );
    let shown = drawn(&form);
    for flag in ["1☑", "2☐", "3☑", "4☑"] {
        assert!(shown.contains(flag), "{flag}:\n{shown}");
    }
    insta::assert_snapshot!("four_facilitators", shown);
}
