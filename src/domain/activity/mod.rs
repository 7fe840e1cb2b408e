//! Proposed activities: what sub-groups propose during the assessment and plans carry.
//!
//! The procedure asks that each activity have a quantity, a time, a place and the
//! responsibility of each party, and that villagers contribute a share (land, money,
//! labour, materials). [`validate`] turns an [`ActivityDraft`] (fields as typed) into a
//! [`ValidActivity`] or per-field errors; [`missing_plan_fields`] lists what a plan still
//! needs. Time, place and responsibility may be left blank while proposing.
//!
//! # Numbers as typed
//! The one convention of [`super::number`]: a dot groups thousands, a comma marks
//! decimals; what reads two ways (`1.250` as a quantity, `15,000,000` as money) is
//! refused with an example.
//! - **Decimal numbers** (quantity, labour days): `1,5`, `1500`, `1.250,5`.
//! - **Whole numbers** (money in VND, land in m²): `15.000.000`, `15 000 000`, `15000000`.
//!   A trailing `đ`, `₫`, `đồng` or `VND` is allowed on money, `m2` or `m²` on land.
//! - Empty means "not given": quantity and estimated cost become `None`, contributions 0.
//! - Negative numbers are refused; quantity must be above 0; quantity and other decimals
//!   at most [`MAX_QUANTITY`], land at most [`MAX_LAND_M2`], money at most [`MAX_VND`].

use serde::{Deserialize, Serialize};

pub mod funding;

pub use funding::{Funding, FundingSource};

use super::CycleId;
use super::subgroup::SubGroupId;
use super::text::{NameError, clean_name};

/// Largest quantity (and labour days) accepted.
pub const MAX_QUANTITY: f64 = 1e9;
/// Largest land contribution accepted, in m².
pub const MAX_LAND_M2: u64 = 1_000_000_000;
/// Largest amount of money accepted, in VND.
pub const MAX_VND: u64 = 1_000_000_000_000;

/// Error: the name is blank.
pub const ERR_NAME_REQUIRED: &str = "activity.error.name_required";
/// Error: the text is longer than the limit.
pub const ERR_TEXT_TOO_LONG: &str = "activity.error.text_too_long";
/// Error: the text contains control or invisible characters.
pub const ERR_TEXT_CONTROL: &str = "activity.error.text_control";
/// Error: no sector chosen.
pub const ERR_SECTOR_REQUIRED: &str = "activity.error.sector_required";
/// Error: no category chosen.
pub const ERR_CATEGORY_REQUIRED: &str = "activity.error.category_required";
/// Error: a quantity was given without its unit.
pub const ERR_UNIT_REQUIRED: &str = "activity.error.unit_required";
/// Error: the quantity is 0.
pub const ERR_QUANTITY_ZERO: &str = "activity.error.quantity_zero";
/// Error: the quantity is above [`MAX_QUANTITY`].
pub const ERR_QUANTITY_TOO_LARGE: &str = "activity.error.quantity_too_large";
/// Error: an amount of money is above [`MAX_VND`].
pub const ERR_MONEY_TOO_LARGE: &str = "activity.error.money_too_large";
/// Error: land or labour days above their limit.
pub const ERR_TOO_LARGE: &str = "activity.error.too_large";

/// Every field error key [`validate`] may use (number keys come from [`NumberError::key`]).
pub const ERROR_KEYS: [&str; 18] = [
    ERR_NAME_REQUIRED,
    ERR_TEXT_TOO_LONG,
    ERR_TEXT_CONTROL,
    ERR_SECTOR_REQUIRED,
    ERR_CATEGORY_REQUIRED,
    ERR_UNIT_REQUIRED,
    ERR_QUANTITY_ZERO,
    ERR_QUANTITY_TOO_LARGE,
    ERR_MONEY_TOO_LARGE,
    ERR_TOO_LARGE,
    "number.err.not_a_number",
    "number.err.not_a_decimal",
    "number.err.negative",
    "number.err.not_whole",
    "number.err.comma_groups",
    "number.err.grouping",
    "number.err.ambiguous",
    "number.err.dot_decimal",
];

/// Database identifier of an activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ActivityId(pub i64);

/// Sector an activity belongs to (used to sort and sum activities).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sector {
    /// Trồng trọt.
    Agriculture,
    /// Chăn nuôi.
    Livestock,
    /// Lâm nghiệp.
    Forestry,
    /// Giao thông, cơ sở hạ tầng.
    Infrastructure,
    /// Thủy lợi.
    Irrigation,
    /// Nước sạch, vệ sinh môi trường.
    WaterSanitation,
    /// Giáo dục.
    Education,
    /// Y tế.
    Health,
    /// Tín dụng, kinh tế hộ.
    Economy,
    /// Văn hóa, xã hội.
    CultureSociety,
    /// Khác.
    Other,
}

impl Sector {
    /// All sectors in display order.
    pub const ALL: [Sector; 11] = [
        Sector::Agriculture,
        Sector::Livestock,
        Sector::Forestry,
        Sector::Infrastructure,
        Sector::Irrigation,
        Sector::WaterSanitation,
        Sector::Education,
        Sector::Health,
        Sector::Economy,
        Sector::CultureSociety,
        Sector::Other,
    ];

    /// Stable code used in storage.
    pub fn code(self) -> &'static str {
        match self {
            Sector::Agriculture => "agriculture",
            Sector::Livestock => "livestock",
            Sector::Forestry => "forestry",
            Sector::Infrastructure => "infrastructure",
            Sector::Irrigation => "irrigation",
            Sector::WaterSanitation => "water_sanitation",
            Sector::Education => "education",
            Sector::Health => "health",
            Sector::Economy => "economy",
            Sector::CultureSociety => "culture_society",
            Sector::Other => "other",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// i18n key of the label (`sector.<code>`).
    pub fn label_key(self) -> &'static str {
        match self {
            Sector::Agriculture => "sector.agriculture",
            Sector::Livestock => "sector.livestock",
            Sector::Forestry => "sector.forestry",
            Sector::Infrastructure => "sector.infrastructure",
            Sector::Irrigation => "sector.irrigation",
            Sector::WaterSanitation => "sector.water_sanitation",
            Sector::Education => "sector.education",
            Sector::Health => "sector.health",
            Sector::Economy => "sector.economy",
            Sector::CultureSociety => "sector.culture_society",
            Sector::Other => "sector.other",
        }
    }
}

/// The procedure's two kinds of activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Category {
    /// Hỗ trợ kỹ thuật / dịch vụ công (extension, training, credit groups ...).
    TechnicalSupport,
    /// Xây dựng / đầu tư (roads, small irrigation, breeds and seedlings ...).
    Construction,
}

impl Category {
    /// Both categories in display order.
    pub const ALL: [Category; 2] = [Category::TechnicalSupport, Category::Construction];

    /// Stable code used in storage.
    pub fn code(self) -> &'static str {
        match self {
            Category::TechnicalSupport => "technical_support",
            Category::Construction => "construction",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }

    /// i18n key of the label (`category.<code>`).
    pub fn label_key(self) -> &'static str {
        match self {
            Category::TechnicalSupport => "category.technical_support",
            Category::Construction => "category.construction",
        }
    }
}

/// The villagers' contribution to an activity.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Contribution {
    /// Land given, in m².
    pub land_m2: u64,
    /// Money, in VND.
    pub money_vnd: u64,
    /// Labour, in days (half days allowed).
    pub labour_days: f64,
    /// Materials as described ("cát, đá, tre").
    pub materials: String,
}

impl Contribution {
    /// Whether nothing is contributed.
    pub fn is_empty(&self) -> bool {
        self.land_m2 == 0
            && self.money_vnd == 0
            && self.labour_days == 0.0
            && self.materials.trim().is_empty()
    }
}

/// A validated activity, not yet stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValidActivity {
    /// Name, cleaned (trimmed, spaces collapsed, NFC).
    pub name: String,
    /// Sector.
    pub sector: Sector,
    /// Category.
    pub category: Category,
    /// Quantity (volume), above 0; `None` when not yet given.
    pub quantity: Option<f64>,
    /// Unit of the quantity ("km", "con", "lớp"); required when a quantity is given.
    pub unit: String,
    /// When, as text ("Quý 2/2027", "tháng 3-5/2027"); empty when not given.
    pub time: String,
    /// Where; empty when not given.
    pub location: String,
    /// Who is responsible; empty when not given.
    pub responsible: String,
    /// What the villagers contribute.
    pub contribution: Contribution,
    /// Estimated cost in VND, if known.
    pub estimated_cost_vnd: Option<u64>,
    /// Proposed by women (a priority principle).
    pub proposed_by_women: bool,
    /// Sub-group that proposed it, if any.
    pub subgroup_id: Option<SubGroupId>,
    /// PRA tool it came from, if any.
    pub tool_code: Option<String>,
}

impl ValidActivity {
    /// Label keys of the fields a plan requires that are still empty.
    pub fn missing_plan_fields(&self) -> Vec<&'static str> {
        let checks = [
            (Field::Quantity, self.quantity.is_none()),
            (Field::Time, self.time.trim().is_empty()),
            (Field::Location, self.location.trim().is_empty()),
            (Field::Responsible, self.responsible.trim().is_empty()),
            (Field::Contribution, self.contribution.is_empty()),
        ];
        checks
            .into_iter()
            .filter(|(_, missing)| *missing)
            .map(|(f, _)| f.label_key())
            .collect()
    }
}

/// A stored activity of a cycle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Activity {
    /// Identifier.
    pub id: ActivityId,
    /// Cycle it belongs to.
    pub cycle_id: CycleId,
    /// Its validated content.
    pub fields: ValidActivity,
}

/// Label keys (`activity.field.*`) of the plan fields still missing: quantity, time,
/// location, responsible, and the villagers' contribution.
pub fn missing_plan_fields(activity: &Activity) -> Vec<&'static str> {
    activity.fields.missing_plan_fields()
}

/// An activity as typed in the form, before validation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityDraft {
    /// Name as typed.
    pub name: String,
    /// Sector, if chosen.
    pub sector: Option<Sector>,
    /// Category, if chosen.
    pub category: Option<Category>,
    /// Quantity as typed ("1,5").
    pub quantity: String,
    /// Unit as typed.
    pub unit: String,
    /// Time as typed.
    pub time: String,
    /// Location as typed.
    pub location: String,
    /// Responsible party as typed.
    pub responsible: String,
    /// Land contribution in m² as typed.
    pub land_m2: String,
    /// Money contribution in VND as typed ("15.000.000").
    pub money_vnd: String,
    /// Labour days as typed.
    pub labour_days: String,
    /// Materials as typed.
    pub materials: String,
    /// Estimated cost in VND as typed.
    pub estimated_cost_vnd: String,
    /// Proposed by women.
    pub proposed_by_women: bool,
    /// Originating sub-group.
    pub subgroup_id: Option<SubGroupId>,
    /// Originating PRA tool code.
    pub tool_code: Option<String>,
}

impl ActivityDraft {
    /// A draft showing a validated activity for editing, numbers in Vietnamese style.
    pub fn from_valid(a: &ValidActivity) -> Self {
        let c = &a.contribution;
        Self {
            name: a.name.clone(),
            sector: Some(a.sector),
            category: Some(a.category),
            quantity: a.quantity.map(format_decimal).unwrap_or_default(),
            unit: a.unit.clone(),
            time: a.time.clone(),
            location: a.location.clone(),
            responsible: a.responsible.clone(),
            land_m2: zero_blank(c.land_m2),
            money_vnd: zero_blank(c.money_vnd),
            labour_days: if c.labour_days == 0.0 {
                String::new()
            } else {
                format_decimal(c.labour_days)
            },
            materials: c.materials.clone(),
            estimated_cost_vnd: a.estimated_cost_vnd.map(format_vnd).unwrap_or_default(),
            proposed_by_women: a.proposed_by_women,
            subgroup_id: a.subgroup_id,
            tool_code: a.tool_code.clone(),
        }
    }
}

fn zero_blank(n: u64) -> String {
    if n == 0 { String::new() } else { format_vnd(n) }
}

/// A form field, for placing inline error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Field {
    /// Name.
    Name,
    /// Sector.
    Sector,
    /// Category.
    Category,
    /// Quantity.
    Quantity,
    /// Unit.
    Unit,
    /// Time.
    Time,
    /// Location.
    Location,
    /// Responsible party.
    Responsible,
    /// Land contribution.
    LandM2,
    /// Money contribution.
    MoneyVnd,
    /// Labour days contribution.
    LabourDays,
    /// Materials contribution.
    Materials,
    /// Estimated cost.
    EstimatedCost,
    /// The contribution as a whole (plan completeness only).
    Contribution,
}

impl Field {
    /// Every field.
    pub const ALL: [Field; 14] = [
        Field::Name,
        Field::Sector,
        Field::Category,
        Field::Quantity,
        Field::Unit,
        Field::Time,
        Field::Location,
        Field::Responsible,
        Field::LandM2,
        Field::MoneyVnd,
        Field::LabourDays,
        Field::Materials,
        Field::EstimatedCost,
        Field::Contribution,
    ];

    /// i18n key of the field's label (`activity.field.*`).
    pub fn label_key(self) -> &'static str {
        match self {
            Field::Name => "activity.field.name",
            Field::Sector => "activity.field.sector",
            Field::Category => "activity.field.category",
            Field::Quantity => "activity.field.quantity",
            Field::Unit => "activity.field.unit",
            Field::Time => "activity.field.time",
            Field::Location => "activity.field.location",
            Field::Responsible => "activity.field.responsible",
            Field::LandM2 => "activity.field.land_m2",
            Field::MoneyVnd => "activity.field.money_vnd",
            Field::LabourDays => "activity.field.labour_days",
            Field::Materials => "activity.field.materials",
            Field::EstimatedCost => "activity.field.estimated_cost",
            Field::Contribution => "activity.field.contribution",
        }
    }
}

/// A refused field: which one and the i18n key of the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The field.
    pub field: Field,
    /// i18n key of the message.
    pub key: &'static str,
}

pub use super::number::{
    NumberError, format_decimal, format_whole as format_vnd, parse_decimal, parse_vnd, parse_whole,
    strip_suffix_any,
};

/// Collects field errors while validating.
struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    fn take<T: Default>(&mut self, field: Field, result: Result<T, &'static str>) -> T {
        result.unwrap_or_else(|key| {
            self.errors.push(FieldError { field, key });
            T::default()
        })
    }
}

/// Validates a draft; on failure returns every refused field with its message key.
pub fn validate(draft: &ActivityDraft) -> Result<ValidActivity, Vec<FieldError>> {
    let mut ck = Checker { errors: Vec::new() };
    let name = ck.take(Field::Name, clean_required(&draft.name));
    let sector = ck.take(
        Field::Sector,
        draft.sector.map(Some).ok_or(ERR_SECTOR_REQUIRED),
    );
    let category = ck.take(
        Field::Category,
        draft.category.map(Some).ok_or(ERR_CATEGORY_REQUIRED),
    );
    let quantity = ck.take(Field::Quantity, quantity(&draft.quantity));
    let unit = ck.take(Field::Unit, unit(&draft.unit, quantity.is_some()));
    let time = ck.take(Field::Time, clean_optional(&draft.time));
    let location = ck.take(Field::Location, clean_optional(&draft.location));
    let responsible = ck.take(Field::Responsible, clean_optional(&draft.responsible));
    let contribution = contribution(&mut ck, draft);
    let estimated_cost_vnd = ck.take(Field::EstimatedCost, money(&draft.estimated_cost_vnd));
    let tool_code = draft
        .tool_code
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    match (sector, category) {
        (Some(sector), Some(category)) if ck.errors.is_empty() => Ok(ValidActivity {
            name,
            sector,
            category,
            quantity,
            unit,
            time,
            location,
            responsible,
            contribution,
            estimated_cost_vnd,
            proposed_by_women: draft.proposed_by_women,
            subgroup_id: draft.subgroup_id,
            tool_code: tool_code.map(str::to_string),
        }),
        _ => Err(ck.errors),
    }
}

fn contribution(ck: &mut Checker, draft: &ActivityDraft) -> Contribution {
    Contribution {
        land_m2: ck.take(Field::LandM2, land(&draft.land_m2)),
        money_vnd: ck
            .take(Field::MoneyVnd, money(&draft.money_vnd))
            .unwrap_or(0),
        labour_days: ck.take(Field::LabourDays, labour(&draft.labour_days)),
        materials: ck.take(Field::Materials, clean_optional(&draft.materials)),
    }
}

fn name_error_key(e: NameError) -> &'static str {
    match e {
        NameError::Empty => ERR_NAME_REQUIRED,
        NameError::TooLong => ERR_TEXT_TOO_LONG,
        NameError::ControlCharacters => ERR_TEXT_CONTROL,
    }
}

fn clean_required(raw: &str) -> Result<String, &'static str> {
    clean_name(raw).map_err(name_error_key)
}

fn clean_optional(raw: &str) -> Result<String, &'static str> {
    match clean_name(raw) {
        Err(NameError::Empty) => Ok(String::new()),
        other => other.map_err(name_error_key),
    }
}

fn unit(raw: &str, has_quantity: bool) -> Result<String, &'static str> {
    let unit = clean_optional(raw)?;
    if has_quantity && unit.is_empty() {
        Err(ERR_UNIT_REQUIRED)
    } else {
        Ok(unit)
    }
}

fn quantity(raw: &str) -> Result<Option<f64>, &'static str> {
    match parse_decimal(raw).map_err(NumberError::key)? {
        Some(q) if q <= 0.0 => Err(ERR_QUANTITY_ZERO),
        Some(q) if q > MAX_QUANTITY => Err(ERR_QUANTITY_TOO_LARGE),
        other => Ok(other),
    }
}

fn labour(raw: &str) -> Result<f64, &'static str> {
    match parse_decimal(raw).map_err(NumberError::key)? {
        Some(d) if d > MAX_QUANTITY => Err(ERR_TOO_LARGE),
        other => Ok(other.unwrap_or(0.0)),
    }
}

fn land(raw: &str) -> Result<u64, &'static str> {
    let text = strip_suffix_any(raw.trim(), &["m²", "m2"]);
    match parse_whole(text).map_err(NumberError::key)? {
        Some(m2) if m2 > MAX_LAND_M2 => Err(ERR_TOO_LARGE),
        other => Ok(other.unwrap_or(0)),
    }
}

fn money(raw: &str) -> Result<Option<u64>, &'static str> {
    match parse_vnd(raw).map_err(NumberError::key)? {
        Some(vnd) if vnd > MAX_VND => Err(ERR_MONEY_TOO_LARGE),
        other => Ok(other),
    }
}

#[cfg(test)]
mod tests;
