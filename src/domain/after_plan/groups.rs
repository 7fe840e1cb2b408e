//! The groups that carry out and watch a work: for a work the village carries out, a
//! management group ("Tổ quản lý") and a monitoring group ("Tổ giám sát"), members from
//! the village register, nobody in both, women included; for a work the commune owns,
//! the Community Investment Supervision Board ("Ban giám sát đầu tư của cộng đồng", Law
//! on Implementation of Grassroots Democracy 2022, arts. 41-42; Decree 59/2023): at least
//! five members, residents included. These are kehoach's default checks.

use serde::{Deserialize, Serialize};

use super::AfterPlanError;
use super::codes::coded;
use crate::domain::annual::AnnualItemId;
use crate::domain::{Gender, PersonId};

/// The least members of a Community Investment Supervision Board.
pub const MIN_BOARD: usize = 5;

/// Which group a member belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum GroupKind {
    /// Tổ quản lý: manages a work the village carries out.
    Management,
    /// Tổ giám sát: watches a work the village carries out.
    Monitoring,
    /// Ban giám sát đầu tư của cộng đồng: watches a work the commune owns.
    Board,
}

coded!(GroupKind, "after.group.", [
    Management => "management",
    Monitoring => "monitoring",
    Board => "board",
]);

impl GroupKind {
    /// The group a person may not also be in, for the same work.
    pub fn other(self) -> Option<GroupKind> {
        match self {
            GroupKind::Management => Some(GroupKind::Monitoring),
            GroupKind::Monitoring => Some(GroupKind::Management),
            GroupKind::Board => None,
        }
    }
}

/// One member of a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupMember {
    /// Identifier.
    pub id: i64,
    /// The annual-plan item.
    pub item: AnnualItemId,
    /// Which group.
    pub kind: GroupKind,
    /// The person in the village register (`None`: someone from outside the village,
    /// such as a commune officer on the board).
    pub person: Option<PersonId>,
    /// The name as shown.
    pub name: String,
    /// Gender.
    pub gender: Gender,
    /// Role in the group (tổ trưởng, thành viên ...).
    pub role: String,
}

impl GroupMember {
    /// Whether the member lives in the village (picked from its register).
    pub fn is_resident(&self) -> bool {
        self.person.is_some()
    }
}

/// Refuses a new member: a name is required, the same person is not added twice, and
/// nobody is in both the management and the monitoring group of the same work.
pub fn check_new_member(
    existing: &[GroupMember],
    item: AnnualItemId,
    kind: GroupKind,
    person: Option<PersonId>,
    name: &str,
) -> Result<(), AfterPlanError> {
    if name.trim().is_empty() {
        return Err(AfterPlanError::NameRequired);
    }
    let Some(person) = person else {
        return Ok(());
    };
    let of_item = existing
        .iter()
        .filter(|m| m.item == item && m.person == Some(person));
    for member in of_item {
        if member.kind == kind {
            return Err(AfterPlanError::AlreadyMember);
        }
        if kind.other() == Some(member.kind) {
            return Err(AfterPlanError::InBothGroups(person));
        }
    }
    Ok(())
}

/// How a group stands against its checks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GroupStanding {
    /// Members.
    pub members: usize,
    /// Women among them.
    pub women: usize,
    /// Residents among them.
    pub residents: usize,
    /// Members still missing (a board below five).
    pub short: usize,
    /// Whether the group has no woman (every group should include women).
    pub no_women: bool,
    /// Whether a board has no resident.
    pub no_resident: bool,
}

impl GroupStanding {
    /// The women's share in percent (`None` for an empty group).
    pub fn women_share(&self) -> Option<f64> {
        (self.members > 0).then(|| self.women as f64 * 100.0 / self.members as f64)
    }

    /// Whether every check passes.
    pub fn is_complete(&self) -> bool {
        self.members > 0 && self.short == 0 && !self.no_women && !self.no_resident
    }
}

/// The standing of one group of members.
pub fn group_standing(kind: GroupKind, members: &[&GroupMember]) -> GroupStanding {
    let count = members.len();
    let women = members
        .iter()
        .filter(|m| m.gender == Gender::Female)
        .count();
    let residents = members.iter().filter(|m| m.is_resident()).count();
    let board = kind == GroupKind::Board;
    GroupStanding {
        members: count,
        women,
        residents,
        short: if board {
            MIN_BOARD.saturating_sub(count)
        } else {
            0
        },
        no_women: count > 0 && women == 0,
        no_resident: board && count > 0 && residents == 0,
    }
}
