//! Proposed activities: the list by sector, and a form with every attribute the procedure
//! asks for (quantity and unit, time, place, responsibility, villagers' contribution, the
//! sub-group and tool it came from). `activity::validate` errors show under their fields.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, StatefulWidget, Widget};
use unicode_width::UnicodeWidthStr;

use super::{AssessmentCommand, Data, PendingRemoval, save, step_index};
use crate::domain::activity::{
    self, Activity, ActivityDraft, ActivityId, Category, Field as AField, Sector, format_decimal,
};
use crate::i18n::{Label, Lang, t, tf};
use crate::tui::keymap::{Action, Context};
use crate::tui::screens::cycle::unicode_pad;
use crate::tui::screens::{Outcome, ViewCtx};
use crate::tui::widgets::Input;
use crate::tui::widgets::form::{Field, Form, FormEvent};

/// Form field order; the index of each is its position here.
const TEXT_FIELDS: [(usize, AField); 11] = [
    (0, AField::Name),
    (3, AField::Quantity),
    (4, AField::Unit),
    (5, AField::Time),
    (6, AField::Location),
    (7, AField::Responsible),
    (8, AField::LandM2),
    (9, AField::MoneyVnd),
    (10, AField::LabourDays),
    (11, AField::Materials),
    (12, AField::EstimatedCost),
];
const SECTOR: usize = 1;
const CATEGORY: usize = 2;
const WOMEN: usize = 13;
const SUBGROUP: usize = 14;
const TOOL: usize = 15;

/// The activities section's state.
#[derive(Debug, Default)]
pub struct ActivitiesTab {
    selected: usize,
    form: Option<(Form, Option<ActivityId>)>,
}

/// The cycle's activities in sector order (then as proposed).
pub fn by_sector(data: &Data) -> Vec<&Activity> {
    let rank = |s: Sector| Sector::ALL.iter().position(|x| *x == s).unwrap_or(0);
    let mut list: Vec<&Activity> = data.activities.iter().collect();
    list.sort_by_key(|a| (rank(a.fields.sector), a.id));
    list
}

impl ActivitiesTab {
    /// Form context while the form is open.
    pub fn context(&self) -> Context {
        if self.form.is_some() {
            Context::Form
        } else {
            Context::Assess
        }
    }

    /// Closes the form after a successful save.
    pub fn saved(&mut self) {
        self.form = None;
    }

    /// The selected activity's deletion, to confirm.
    pub fn removal(&self, data: &Data) -> Option<PendingRemoval> {
        let a = by_sector(data).get(self.selected).copied()?;
        Some(PendingRemoval {
            key: "assess.confirm.delete_activity",
            args: vec![a.fields.name.clone()],
            change: AssessmentCommand::DeleteActivity(a.id),
        })
    }

    /// Handles one input.
    pub fn update(&mut self, input: Input, data: &Data) -> Outcome {
        if let Some((form, id)) = &mut self.form {
            return match form.handle(&input) {
                FormEvent::Editing => Outcome::Stay,
                FormEvent::Cancel => {
                    self.form = None;
                    Outcome::Stay
                }
                FormEvent::Submit => submit(form, *id, data),
            };
        }
        let Input::Action(action) = input else {
            return Outcome::Stay;
        };
        let list = by_sector(data);
        match action {
            Action::Back => Outcome::Back,
            Action::Help => Outcome::Help,
            Action::Add => {
                self.form = Some((new_form(&ActivityDraft::default(), data), None));
                Outcome::Stay
            }
            Action::Open => {
                if let Some(a) = list.get(self.selected) {
                    let draft = ActivityDraft::from_valid(&a.fields);
                    self.form = Some((new_form(&draft, data), Some(a.id)));
                }
                Outcome::Stay
            }
            other => {
                self.selected = step_index(self.selected, list.len(), other);
                Outcome::Stay
            }
        }
    }

    /// Draws the list in `body` and the form over `full`.
    pub fn render(&self, data: &Data, full: Rect, body: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let list = by_sector(data);
        let title = format!("{} ({})", t(ctx.lang, "assess.activities"), list.len());
        let block = Block::bordered().title(Line::styled(title, ctx.theme.title));
        if list.is_empty() {
            Paragraph::new(Line::styled(
                t(ctx.lang, "assess.no_activities"),
                ctx.theme.muted,
            ))
            .block(block)
            .render(body, buf);
        } else {
            let width = usize::from(body.width).saturating_sub(3);
            let items: Vec<ListItem> = list
                .iter()
                .map(|a| activity_item(a, data, width, ctx))
                .collect();
            let widget = List::new(items)
                .block(block)
                .highlight_style(ctx.theme.selected)
                .highlight_symbol("▶");
            let mut state = ListState::default().with_selected(Some(self.selected));
            StatefulWidget::render(widget, body, buf, &mut state);
        }
        if let Some((form, _)) = &self.form {
            form.render(ctx.lang, &ctx.theme, full, buf);
        }
    }
}

/// "Trồng trọt       Tập huấn kỹ thuật cà phê · 2 lớp ♀", and what a plan still needs of
/// it, on the same line when it fits in `width` columns, else on lines of its own.
fn activity_item<'a>(a: &Activity, data: &Data, width: usize, ctx: ViewCtx) -> ListItem<'a> {
    let f = &a.fields;
    let sector = unicode_pad(&short(&t(ctx.lang, f.sector.label_key()), 16), 17);
    let qty = f
        .quantity
        .map(|q| format!(" · {} {}", format_decimal(q), f.unit))
        .unwrap_or_default();
    let women = if f.proposed_by_women { " ♀" } else { "" };
    let group = f
        .subgroup_id
        .and_then(|id| data.subgroups.iter().find(|g| g.id == id))
        .map(|g| format!(" [{}]", g.name))
        .unwrap_or_default();
    let text = format!("{}{qty}{women}{group}", f.name);
    let mut first = vec![Span::styled(sector.clone(), ctx.theme.muted)];
    let Some(flag) = missing_flag(f, ctx.lang) else {
        first.push(Span::raw(text));
        return ListItem::new(Line::from(first));
    };
    let used = UnicodeWidthStr::width(format!("{sector}{text} {flag}").as_str());
    if used <= width {
        first.push(Span::raw(text));
        first.push(Span::styled(format!(" {flag}"), ctx.theme.warn));
        return ListItem::new(Line::from(first));
    }
    first.push(Span::raw(text));
    let mut lines = vec![Line::from(first)];
    lines.extend(flag_lines(&flag, width, ctx));
    ListItem::new(lines)
}

/// "✗ thiếu khối lượng, thời gian, …": the plan fields `f` still lacks, in the
/// procedure's short words; `None` when it lacks none.
pub fn missing_flag(f: &activity::ValidActivity, lang: Lang) -> Option<String> {
    let missing = f.missing_plan_fields();
    if missing.is_empty() {
        return None;
    }
    let names: Vec<String> = missing
        .iter()
        .map(|k| t(lang, &format!("{k}.short")))
        .collect();
    Some(format!(
        "✗ {}",
        tf(lang, "ann.missing", &[names.join(", ")])
    ))
}

/// `flag` wrapped to `width` columns, each line indented by two.
pub fn flag_lines<'a>(flag: &str, width: usize, ctx: ViewCtx) -> Vec<Line<'a>> {
    crate::tui::widgets::wrap::wrap_words(flag, width.saturating_sub(2))
        .into_iter()
        .map(|l| Line::styled(format!("  {l}"), ctx.theme.warn))
        .collect()
}

/// `text` cut to at most `width` display columns, with "…" when cut.
pub fn short(text: &str, width: usize) -> String {
    crate::tui::widgets::wrap::cut(text, width)
}

fn new_form(d: &ActivityDraft, data: &Data) -> Form {
    let text = |f: AField, v: &str| Field::text(f.label_key(), v);
    let sectors = Sector::ALL.iter().map(|s| s.label_key());
    let categories = Category::ALL.iter().map(|c| c.label_key());
    let groups = data.subgroups.iter().map(|g| Label::text(&g.name));
    let tools = data.selected.iter().map(|c| data.tool_label(c));
    let pos = |s: Option<Sector>| s.and_then(|s| Sector::ALL.iter().position(|x| *x == s));
    let cat = |c: Option<Category>| c.and_then(|c| Category::ALL.iter().position(|x| *x == c));
    let fields = vec![
        text(AField::Name, &d.name),
        Field::choice(AField::Sector.label_key(), sectors, pos(d.sector)),
        Field::choice(AField::Category.label_key(), categories, cat(d.category)),
        text(AField::Quantity, &d.quantity),
        text(AField::Unit, &d.unit),
        text(AField::Time, &d.time),
        text(AField::Location, &d.location),
        text(AField::Responsible, &d.responsible),
        text(AField::LandM2, &d.land_m2),
        text(AField::MoneyVnd, &d.money_vnd),
        text(AField::LabourDays, &d.labour_days),
        text(AField::Materials, &d.materials),
        text(AField::EstimatedCost, &d.estimated_cost_vnd),
        Field::flags("assess.by_women", ["assess.yes"], vec![d.proposed_by_women]),
        Field::choice(
            "assess.from_group",
            groups,
            d.subgroup_id
                .and_then(|id| data.subgroups.iter().position(|g| g.id == id)),
        ),
        Field::choice(
            "assess.from_tool",
            tools,
            d.tool_code
                .as_ref()
                .and_then(|c| data.selected.iter().position(|s| s == c)),
        ),
    ];
    Form::new("assess.activity_form", fields)
}

fn draft(form: &Form, data: &Data) -> ActivityDraft {
    ActivityDraft {
        name: form.text(0),
        sector: form
            .chosen(SECTOR)
            .and_then(|i| Sector::ALL.get(i).copied()),
        category: form
            .chosen(CATEGORY)
            .and_then(|i| Category::ALL.get(i).copied()),
        quantity: form.text(3),
        unit: form.text(4),
        time: form.text(5),
        location: form.text(6),
        responsible: form.text(7),
        land_m2: form.text(8),
        money_vnd: form.text(9),
        labour_days: form.text(10),
        materials: form.text(11),
        estimated_cost_vnd: form.text(12),
        proposed_by_women: form.flags(WOMEN).first().copied().unwrap_or(false),
        subgroup_id: form
            .chosen(SUBGROUP)
            .and_then(|i| data.subgroups.get(i))
            .map(|g| g.id),
        tool_code: form
            .chosen(TOOL)
            .and_then(|i| data.selected.get(i))
            .cloned(),
    }
}

fn field_index(field: AField) -> usize {
    match field {
        AField::Sector => SECTOR,
        AField::Category => CATEGORY,
        other => TEXT_FIELDS
            .iter()
            .find(|(_, f)| *f == other)
            .map_or(0, |(i, _)| *i),
    }
}

fn submit(form: &mut Form, id: Option<ActivityId>, data: &Data) -> Outcome {
    match activity::validate(&draft(form, data)) {
        Ok(valid) => save(match id {
            Some(id) => AssessmentCommand::UpdateActivity {
                id,
                activity: Box::new(valid),
            },
            None => AssessmentCommand::AddActivity {
                cycle: data.cycle,
                activity: Box::new(valid),
            },
        }),
        Err(errors) => {
            form.show_errors(errors.iter().map(|e| (field_index(e.field), e.key)));
            Outcome::Stay
        }
    }
}
