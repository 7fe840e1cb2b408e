//! The demo's situation assessment of Buôn Kram: eight PRA tools, four sub-groups of the
//! twenty working-group members (one of women only, with the women's issues tool),
//! findings for every sub-group and tool, and proposed activities across the sectors.

use super::{Result, created, run};
use crate::commands::{AssessmentCommand as A, Command};
use crate::domain::activity::{Category, Contribution, Sector, ValidActivity};
use crate::domain::subgroup::SubGroupId;
use crate::domain::{CycleId, Gender, PersonId};
use crate::store::Store;

/// The tools the working group chose.
const TOOLS: [&str; 8] = [
    "transect_walk",
    "resource_map",
    "seasonal_calendar",
    "cultivation",
    "livestock",
    "market",
    "services_infrastructure",
    "womens_issues",
];

/// Sub-groups: name, themes, tools.
const GROUPS: [(&str, &[&str], &[&str]); 4] = [
    (
        "Nhóm 1 - Trồng trọt",
        &["general", "land_use", "agriculture"],
        &["transect_walk", "resource_map", "cultivation"],
    ),
    (
        "Nhóm 2 - Chăn nuôi",
        &["economy"],
        &["seasonal_calendar", "livestock", "market"],
    ),
    (
        "Nhóm 3 - Hạ tầng",
        &["services", "infrastructure"],
        &["services_infrastructure"],
    ),
    (
        "Nhóm phụ nữ",
        &["gender", "womens_union"],
        &["womens_issues"],
    ),
];

/// Findings: group index, tool, minutes, day, text.
const FINDINGS: [(usize, &str, u32, &str, &str); 8] = [
    (
        0,
        "transect_walk",
        150,
        "1",
        "Thuận lợi: đất đỏ bazan màu mỡ, gần suối Ea Tiêu.\nKhó khăn: vườn cà phê già cỗi (trên 20 năm), năng suất thấp; đường lô lầy lội mùa mưa.\nNguyên nhân: thiếu vốn tái canh, thiếu kỹ thuật.\nTiềm năng: trồng xen sầu riêng, bơ trong vườn cà phê.",
    ),
    (
        0,
        "resource_map",
        120,
        "1",
        "Thôn có 214,5 ha đất nông nghiệp, 18 ha lúa nước dọc suối.\n41 hộ nghèo tập trung ở cuối buôn, xa đường bê tông.\nMương thủy lợi đầu buôn bị sạt lở khoảng 800 m.",
    ),
    (
        0,
        "cultivation",
        180,
        "1",
        "Cà phê: năng suất 2,2 tấn/ha, thấp hơn bình quân xã.\nHồ tiêu: bệnh chết nhanh, chết chậm nhiều.\nLúa nước: chỉ làm được một vụ vì thiếu nước mùa khô.\nNhu cầu: tập huấn kỹ thuật tái canh cà phê, phòng bệnh hồ tiêu.",
    ),
    (
        1,
        "seasonal_calendar",
        90,
        "1",
        "Mùa khô từ tháng 12 đến tháng 4: thiếu nước tưới, thiếu nước sinh hoạt.\nTháng 8-9 giáp hạt, nhiều hộ vay mua gạo.\nTháng 10-12 thu hoạch cà phê, cần nhiều lao động.",
    ),
    (
        1,
        "livestock",
        120,
        "1",
        "Bò thả rông, giống địa phương nhỏ con.\nDịch lở mồm long móng năm 2024, chưa tiêm phòng đầy đủ.\nNhu cầu: giống bò lai Sind, tập huấn trồng cỏ và làm chuồng.",
    ),
    (
        1,
        "market",
        90,
        "2",
        "Bán cà phê cho thương lái tại buôn, bị ép giá, bán non trước thu hoạch.\nMua phân bón chịu lãi cao ở đại lý.\nTiềm năng: thành lập tổ hợp tác bán chung cà phê.",
    ),
    (
        2,
        "services_infrastructure",
        150,
        "2",
        "Đường liên buôn 1,2 km còn đường đất, mùa mưa xe không vào được.\nNhiều hộ dùng giếng đào bị cạn mùa khô, nước nhiễm phèn.\nĐiểm mẫu giáo học nhờ nhà sinh hoạt cộng đồng, thiếu phòng học.\nTrạm y tế xã xa 5 km.",
    ),
    (
        3,
        "womens_issues",
        150,
        "2",
        "Phụ nữ làm nhiều việc: rẫy, chăn nuôi, nội trợ, chăm con.\nÍt được tập huấn kỹ thuật; khó vay vốn vì không đứng tên sổ đỏ.\nMong muốn: tổ tiết kiệm - vay vốn của phụ nữ, tập huấn chăn nuôi heo, gà; lớp học xóa mù chữ.",
    ),
];

/// One proposed activity: group, tool, name, sector, category, quantity, unit, time,
/// location, responsible, labour days, money (VND), materials, estimated cost, by women.
type Row = (
    usize,
    &'static str,
    &'static str,
    Sector,
    Category,
    f64,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    f64,
    u64,
    &'static str,
    u64,
    bool,
);

use Category::{Construction as C, TechnicalSupport as T};
use Sector as S;

const ACTIVITIES: [Row; 20] = [
    (
        0,
        "cultivation",
        "Tập huấn kỹ thuật tái canh cà phê",
        S::Agriculture,
        T,
        2.0,
        "lớp",
        "Tháng 3/2027",
        "Nhà văn hóa buôn",
        "Trạm Khuyến nông Cư Kuin",
        20.0,
        0,
        "",
        20_000_000,
        false,
    ),
    (
        0,
        "cultivation",
        "Hỗ trợ giống cà phê ghép tái canh",
        S::Agriculture,
        C,
        15.0,
        "ha",
        "Mùa mưa 2027",
        "Vườn các hộ",
        "Ban tự quản buôn",
        300.0,
        0,
        "Phân chuồng",
        450_000_000,
        false,
    ),
    (
        0,
        "cultivation",
        "Tập huấn phòng trừ bệnh hại hồ tiêu",
        S::Agriculture,
        T,
        1.0,
        "lớp",
        "Tháng 6/2027",
        "Nhà văn hóa buôn",
        "Trạm Khuyến nông Cư Kuin",
        20.0,
        0,
        "",
        12_000_000,
        false,
    ),
    (
        0,
        "transect_walk",
        "Trồng xen sầu riêng trong vườn cà phê",
        S::Agriculture,
        T,
        5.0,
        "ha",
        "2027-2028",
        "Vườn các hộ",
        "Hội Nông dân buôn",
        1020.0,
        0,
        "",
        150_000_000,
        false,
    ),
    (
        0,
        "resource_map",
        "Sửa chữa mương thủy lợi đầu buôn",
        S::Irrigation,
        C,
        800.0,
        "m",
        "Tháng 1-3/2027",
        "Đầu buôn",
        "UBND xã Ea Tiêu",
        400.0,
        20_000_000,
        "Cát, đá",
        600_000_000,
        false,
    ),
    (
        0,
        "resource_map",
        "Xây đập dâng nhỏ trên suối Ea Tiêu",
        S::Irrigation,
        C,
        1.0,
        "đập",
        "2028",
        "Suối Ea Tiêu",
        "UBND xã Ea Tiêu",
        500.0,
        0,
        "Đá hộc",
        900_000_000,
        false,
    ),
    (
        1,
        "livestock",
        "Hỗ trợ bò giống lai Sind cho hộ nghèo",
        S::Livestock,
        C,
        20.0,
        "con",
        "Quý II/2027",
        "Các hộ nghèo",
        "Ban tự quản buôn",
        0.0,
        60_000_000,
        "Chuồng trại",
        400_000_000,
        false,
    ),
    (
        1,
        "livestock",
        "Tập huấn trồng cỏ và làm chuồng bò",
        S::Livestock,
        T,
        2.0,
        "lớp",
        "Tháng 4/2027",
        "Nhà văn hóa buôn",
        "Trạm Khuyến nông Cư Kuin",
        20.0,
        0,
        "",
        15_000_000,
        false,
    ),
    (
        1,
        "livestock",
        "Tiêm phòng lở mồm long móng cho gia súc",
        S::Livestock,
        T,
        350.0,
        "con",
        "Tháng 3 và 9 hằng năm",
        "Toàn buôn",
        "Thú y viên xã",
        0.0,
        3_500_000,
        "",
        10_000_000,
        false,
    ),
    (
        1,
        "market",
        "Thành lập tổ hợp tác bán chung cà phê",
        S::Economy,
        T,
        1.0,
        "tổ",
        "2027",
        "Buôn Kram",
        "Hội Nông dân xã",
        220.0,
        0,
        "",
        10_000_000,
        false,
    ),
    (
        1,
        "seasonal_calendar",
        "Khoan giếng tưới cho vùng cà phê thiếu nước",
        S::Irrigation,
        C,
        4.0,
        "giếng",
        "Mùa khô 2027",
        "Rẫy phía tây",
        "Tổ hợp tác",
        40.0,
        40_000_000,
        "",
        200_000_000,
        false,
    ),
    (
        2,
        "services_infrastructure",
        "Bê tông hóa đường liên buôn",
        S::Infrastructure,
        C,
        1.2,
        "km",
        "2027",
        "Từ nhà văn hóa đến cuối buôn",
        "UBND xã Ea Tiêu",
        600.0,
        50_000_000,
        "Cát, đá",
        1_200_000_000,
        false,
    ),
    (
        2,
        "services_infrastructure",
        "Làm đường lô ra rẫy cà phê",
        S::Infrastructure,
        C,
        2.5,
        "km",
        "Mùa khô 2028",
        "Rẫy phía đông",
        "Ban tự quản buôn",
        800.0,
        0,
        "Cấp phối",
        300_000_000,
        false,
    ),
    (
        2,
        "services_infrastructure",
        "Khoan giếng nước sạch cụm dân cư cuối buôn",
        S::WaterSanitation,
        C,
        3.0,
        "giếng",
        "Mùa khô 2027",
        "Cuối buôn",
        "UBND xã Ea Tiêu",
        60.0,
        15_000_000,
        "",
        180_000_000,
        false,
    ),
    (
        2,
        "services_infrastructure",
        "Xây phòng học mẫu giáo",
        S::Education,
        C,
        1.0,
        "phòng",
        "2028",
        "Khuôn viên nhà văn hóa",
        "Phòng GD&ĐT Cư Kuin",
        200.0,
        0,
        "Gỗ, cát",
        500_000_000,
        false,
    ),
    (
        2,
        "services_infrastructure",
        "Tập huấn vệ sinh môi trường, nhà tiêu hợp vệ sinh",
        S::WaterSanitation,
        T,
        2.0,
        "lớp",
        "Tháng 5/2027",
        "Nhà văn hóa buôn",
        "Trạm Y tế xã",
        20.0,
        0,
        "",
        8_000_000,
        false,
    ),
    (
        3,
        "womens_issues",
        "Thành lập tổ tiết kiệm - vay vốn của phụ nữ",
        S::Economy,
        T,
        2.0,
        "tổ",
        "Tháng 2/2027",
        "Buôn Kram",
        "Chi hội Phụ nữ buôn",
        0.0,
        10_000_000,
        "",
        5_000_000,
        true,
    ),
    (
        3,
        "womens_issues",
        "Tập huấn chăn nuôi heo, gà cho phụ nữ",
        S::Livestock,
        T,
        2.0,
        "lớp",
        "Tháng 7/2027",
        "Nhà văn hóa buôn",
        "Hội Phụ nữ xã",
        20.0,
        0,
        "",
        12_000_000,
        true,
    ),
    (
        3,
        "womens_issues",
        "Mở lớp xóa mù chữ cho phụ nữ",
        S::Education,
        T,
        1.0,
        "lớp",
        "Tháng 9-12/2027",
        "Điểm trường buôn",
        "Trường Tiểu học xã",
        20.0,
        0,
        "",
        15_000_000,
        true,
    ),
    (
        3,
        "womens_issues",
        "Tuyên truyền chăm sóc sức khỏe bà mẹ, trẻ em",
        S::Health,
        T,
        4.0,
        "buổi",
        "Hằng quý",
        "Nhà văn hóa buôn",
        "Trạm Y tế xã",
        20.0,
        0,
        "",
        6_000_000,
        true,
    ),
];

/// Writes the demo assessment of `cycle` (after meeting 1 elected its working group).
pub fn write(store: &mut Store, cycle: CycleId) -> Result<()> {
    let edit = |command: A| Command::Assessment(command);
    for code in TOOLS {
        let code = code.into();
        run(
            store,
            edit(A::SelectTool {
                cycle,
                code,
                on: true,
            }),
        )?;
    }
    let members = split_members(store, cycle)?;
    let mut ids = Vec::new();
    for ((name, themes, tools), people) in GROUPS.iter().zip(members) {
        let name = name.to_string();
        let group = SubGroupId(created(store, edit(A::CreateSubGroup { cycle, name }))?);
        for &person in &people {
            let to = group;
            run(
                store,
                edit(A::MoveMember {
                    to,
                    from: None,
                    person,
                }),
            )?;
        }
        let leader = people.first().copied();
        run(
            store,
            edit(A::SetLeader {
                subgroup: group,
                leader,
            }),
        )?;
        let topics = themes
            .iter()
            .map(|c| (c, false))
            .chain(tools.iter().map(|c| (c, true)));
        for (code, tool) in topics {
            let topic = A::Topic {
                subgroup: group,
                code: code.to_string(),
                tool,
                on: true,
            };
            run(store, edit(topic))?;
        }
        ids.push(group);
    }
    for (group, tool, minutes, day, text) in FINDINGS {
        let finding = A::SaveFinding {
            existing: None,
            subgroup: ids[group],
            tool: tool.into(),
            text: text.into(),
            minutes,
            day: day.into(),
        };
        run(store, edit(finding))?;
    }
    for row in ACTIVITIES {
        let activity = Box::new(activity(row, &ids));
        run(store, edit(A::AddActivity { cycle, activity }))?;
    }
    Ok(())
}

/// Five women for the women's group; the others dealt round-robin into three groups.
fn split_members(store: &Store, cycle: CycleId) -> Result<[Vec<PersonId>; 4]> {
    let wg = store.working_group(cycle)?;
    let mut groups: [Vec<PersonId>; 4] = Default::default();
    let mut mixed = 0;
    for p in &wg.members {
        if p.gender == Gender::Female && groups[3].len() < 5 {
            groups[3].push(p.id);
        } else {
            groups[mixed % 3].push(p.id);
            mixed += 1;
        }
    }
    Ok(groups)
}

fn activity(row: Row, groups: &[SubGroupId]) -> ValidActivity {
    let (
        g,
        tool,
        name,
        sector,
        category,
        qty,
        unit,
        time,
        place,
        resp,
        labour,
        money,
        mat,
        cost,
        women,
    ) = row;
    ValidActivity {
        name: name.into(),
        sector,
        category,
        quantity: Some(qty),
        unit: unit.into(),
        time: time.into(),
        location: place.into(),
        responsible: resp.into(),
        contribution: Contribution {
            land_m2: 0,
            money_vnd: money,
            labour_days: labour,
            materials: mat.into(),
        },
        estimated_cost_vnd: Some(cost),
        proposed_by_women: women,
        subgroup_id: groups.get(g).copied(),
        tool_code: Some(tool.into()),
    }
}
