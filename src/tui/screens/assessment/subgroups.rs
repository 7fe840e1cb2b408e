//! Sub-groups: create 3-4 groups from the working group, put each member in exactly one,
//! choose each leader, and give each group themes and tools. The procedure's checks and
//! each group's women/men composition are shown live.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, List, ListItem, ListState, Paragraph, StatefulWidget, Widget, Wrap,
};

use super::activities::short;
use super::{AssessmentCommand, Data, PendingRemoval, save, step_index};
use crate::domain::subgroup::{self, SubGroup, SubGroupId};
use crate::domain::{Finding, Person};
use crate::i18n::{Lang, t, tf};
use crate::tui::keymap::{Action, Context};
use crate::tui::screens::cycle::unicode_pad;
use crate::tui::screens::{Outcome, ViewCtx};
use crate::tui::widgets::Input;
use crate::tui::widgets::form::{Field, Form, FormEvent};
use unicode_width::UnicodeWidthStr;

/// Which list has the focus.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Pane {
    /// The sub-groups.
    #[default]
    Groups,
    /// The working-group members.
    Members,
    /// Themes and tools to assign.
    Topics,
}

/// The sub-group section's state.
#[derive(Debug, Default)]
pub struct SubGroupsTab {
    group: usize,
    pane: Pane,
    member: usize,
    topic: usize,
    /// The name form, with the sub-group it renames (`None`: a new sub-group).
    form: Option<(Form, Option<SubGroupId>)>,
}

/// One assignable topic: a theme or a tool code.
struct Topic {
    code: String,
    tool: bool,
}

fn topics(data: &Data) -> Vec<Topic> {
    let themes = data.catalogue.themes().iter().map(|th| Topic {
        code: th.code.clone(),
        tool: false,
    });
    // Only the tools selected for the assessment (F3), and any a sub-group still holds
    // (so it can be taken off; the checks flag it).
    let assigned = |code: &String| data.subgroups.iter().any(|g| g.tools.contains(code));
    let tools = data
        .catalogue
        .tools()
        .iter()
        .filter(move |tool| data.selected.contains(&tool.code) || assigned(&tool.code))
        .map(|tool| Topic {
            code: tool.code.clone(),
            tool: true,
        });
    themes.chain(tools).collect()
}

impl SubGroupsTab {
    /// Form context while the name form is open; the list of groups has its own (Enter
    /// goes to the members).
    pub fn context(&self) -> Context {
        if self.form.is_some() {
            Context::Form
        } else if self.on_groups() {
            Context::AssessGroups
        } else {
            Context::Assess
        }
    }

    /// Whether the sub-group list has the focus (not the members or the topics).
    pub fn on_groups(&self) -> bool {
        self.pane == Pane::Groups
    }

    /// Closes the form after a successful save.
    pub fn saved(&mut self) {
        self.form = None;
    }

    /// Handles one input.
    pub fn update(&mut self, input: Input, data: &Data, lang: Lang) -> Outcome {
        if let Some((form, renaming)) = &mut self.form {
            return match form.handle(&input) {
                FormEvent::Editing => Outcome::Stay,
                FormEvent::Cancel => {
                    self.form = None;
                    Outcome::Stay
                }
                FormEvent::Submit => save(match *renaming {
                    Some(id) => AssessmentCommand::RenameSubGroup {
                        id,
                        name: form.text(0),
                    },
                    None => AssessmentCommand::CreateSubGroup {
                        cycle: data.cycle,
                        name: form.text(0),
                    },
                }),
            };
        }
        let Input::Action(action) = input else {
            return Outcome::Stay;
        };
        match action {
            Action::Back => Outcome::Back,
            Action::Help => Outcome::Help,
            Action::Add => {
                let name = tf(
                    lang,
                    "assess.group_default",
                    &[(data.subgroups.len() + 1).to_string()],
                );
                let field = Field::text("assess.group_name", &name);
                self.form = Some((Form::new("assess.group_new", vec![field]), None));
                Outcome::Stay
            }
            Action::Rename if self.pane == Pane::Groups => {
                if let Some(group) = self.current(data) {
                    let field = Field::text("assess.group_name", &group.name);
                    let form = Form::new("assess.group_rename", vec![field]);
                    self.form = Some((form, Some(group.id)));
                }
                Outcome::Stay
            }
            Action::NextField | Action::Open if self.pane == Pane::Groups => {
                self.pane = Pane::Members;
                Outcome::Stay
            }
            Action::NextField => self.cycle_pane(1),
            Action::PrevField => self.cycle_pane(2),
            Action::Toggle => self.toggle(data),
            Action::SetLeader => self.set_leader(data, lang),
            other => {
                self.move_in_pane(data, other);
                Outcome::Stay
            }
        }
    }

    /// The selected sub-group's deletion, to confirm (only from the groups pane).
    pub fn removal(&self, data: &Data) -> Option<PendingRemoval> {
        if self.pane != Pane::Groups {
            return None;
        }
        let group = self.current(data)?;
        Some(PendingRemoval {
            key: "assess.confirm.delete_group",
            args: vec![group.name.clone()],
            change: AssessmentCommand::DeleteSubGroup(group.id),
        })
    }

    fn cycle_pane(&mut self, by: usize) -> Outcome {
        let panes = [Pane::Groups, Pane::Members, Pane::Topics];
        let i = panes.iter().position(|p| *p == self.pane).unwrap_or(0);
        self.pane = panes[(i + by) % panes.len()];
        Outcome::Stay
    }

    fn move_in_pane(&mut self, data: &Data, action: Action) {
        match self.pane {
            Pane::Groups => self.group = step_index(self.group, data.subgroups.len(), action),
            Pane::Members => self.member = step_index(self.member, data.members.len(), action),
            Pane::Topics => self.topic = step_index(self.topic, topics(data).len(), action),
        }
    }

    fn current<'a>(&self, data: &'a Data) -> Option<&'a SubGroup> {
        data.subgroups.get(self.group)
    }

    fn toggle(&self, data: &Data) -> Outcome {
        let Some(group) = self.current(data) else {
            return Outcome::Stay;
        };
        match self.pane {
            Pane::Members => match data.members.get(self.member) {
                Some(p) if group.has_member(p.id) => save(AssessmentCommand::RemoveMember {
                    subgroup: group.id,
                    person: p.id,
                }),
                Some(p) => save(AssessmentCommand::MoveMember {
                    to: group.id,
                    from: data.group_of(p.id).map(|g| g.id),
                    person: p.id,
                }),
                None => Outcome::Stay,
            },
            Pane::Topics => match topics(data).into_iter().nth(self.topic) {
                Some(topic) => {
                    let list = if topic.tool {
                        &group.tools
                    } else {
                        &group.themes
                    };
                    let on = !list.contains(&topic.code);
                    save(AssessmentCommand::Topic {
                        subgroup: group.id,
                        code: topic.code,
                        tool: topic.tool,
                        on,
                    })
                }
                None => Outcome::Stay,
            },
            Pane::Groups => Outcome::Stay,
        }
    }

    fn set_leader(&self, data: &Data, lang: Lang) -> Outcome {
        let (Some(group), Some(p)) = (self.current(data), data.members.get(self.member)) else {
            return Outcome::Stay;
        };
        if self.pane != Pane::Members {
            return Outcome::Stay;
        }
        if !group.has_member(p.id) {
            return Outcome::Refuse(t(lang, "assess.err.leader_not_member"));
        }
        save(AssessmentCommand::SetLeader {
            subgroup: group.id,
            leader: Some(p.id),
        })
    }

    /// Draws groups, the focused pane, the checks and the name form.
    pub fn render(&self, data: &Data, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let [top, checks] =
            Layout::vertical([Constraint::Min(6), Constraint::Length(9)]).areas(area);
        let [left, right] =
            Layout::horizontal([Constraint::Length(34), Constraint::Min(0)]).areas(top);
        self.render_groups(data, left, buf, ctx);
        match self.pane {
            Pane::Topics => self.render_topics(data, right, buf, ctx),
            _ => self.render_members(data, right, buf, ctx),
        }
        render_checks(data, checks, buf, ctx);
        if let Some((form, _)) = &self.form {
            form.render(ctx.lang, &ctx.theme, area, buf);
        }
    }

    fn pane_block<'a>(&self, pane: Pane, title: String, ctx: ViewCtx) -> Block<'a> {
        let style = if self.pane == pane {
            ctx.theme.focus
        } else {
            ctx.theme.title
        };
        Block::bordered().title(Line::styled(title, style))
    }

    fn render_groups(&self, data: &Data, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let rows = data.subgroups.len().max(1) as u16 + 2;
        let [list, detail] =
            Layout::vertical([Constraint::Length(rows), Constraint::Min(0)]).areas(area);
        let items: Vec<ListItem> = data
            .subgroups
            .iter()
            .map(|g| ListItem::new(group_line(g, data, usize::from(area.width) - 3, ctx)))
            .collect();
        let block = self.pane_block(Pane::Groups, t(ctx.lang, "assess.groups"), ctx);
        if items.is_empty() {
            Paragraph::new(Line::styled(
                t(ctx.lang, "assess.no_groups"),
                ctx.theme.muted,
            ))
            .block(block)
            .render(list, buf);
            return;
        }
        let widget = List::new(items)
            .block(block)
            .highlight_style(ctx.theme.selected)
            .highlight_symbol("▶");
        let mut state = ListState::default().with_selected(Some(self.group));
        StatefulWidget::render(widget, list, buf, &mut state);
        if let Some(group) = self.current(data) {
            Paragraph::new(group_detail(group, data, ctx))
                .wrap(Wrap { trim: true })
                .render(detail, buf);
        }
    }

    fn render_members(&self, data: &Data, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let group = self.current(data);
        let items: Vec<ListItem> = data
            .members
            .iter()
            .map(|p| ListItem::new(member_line(p, group, data, ctx.lang)))
            .collect();
        let name = group.map(|g| g.name.clone()).unwrap_or_default();
        let title = tf(ctx.lang, "assess.members_of", &[name]);
        let widget = List::new(items)
            .block(self.pane_block(Pane::Members, title, ctx))
            .highlight_style(if self.pane == Pane::Members {
                ctx.theme.selected
            } else {
                Style::new()
            })
            .highlight_symbol("▶");
        let mut state = ListState::default().with_selected(Some(self.member));
        StatefulWidget::render(widget, area, buf, &mut state);
    }

    fn render_topics(&self, data: &Data, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let group = self.current(data);
        let items: Vec<ListItem> = topics(data)
            .iter()
            .map(|topic| ListItem::new(topic_line(topic, group, data, ctx.lang)))
            .collect();
        let name = group.map(|g| g.name.clone()).unwrap_or_default();
        let title = tf(ctx.lang, "assess.topics_of", &[name]);
        let widget = List::new(items)
            .block(self.pane_block(Pane::Topics, title, ctx))
            .highlight_style(ctx.theme.selected)
            .highlight_symbol("▶");
        let mut state = ListState::default().with_selected(Some(self.topic));
        StatefulWidget::render(widget, area, buf, &mut state);
    }
}

/// "Nhóm 1          3 nữ, 2 nam", fitted to `width` columns.
fn group_line<'a>(group: &SubGroup, data: &Data, width: usize, ctx: ViewCtx) -> Line<'a> {
    let tally = subgroup::composition(group, &data.members);
    let comp = tf(
        ctx.lang,
        "assess.composition",
        &[tally.women.to_string(), tally.men.to_string()],
    );
    let room = width.saturating_sub(comp.width() + 1);
    let name = unicode_pad(&short(&group.name, room), room + 1);
    Line::from(vec![Span::raw(name), Span::styled(comp, ctx.theme.muted)])
}

fn group_detail<'a>(group: &SubGroup, data: &Data, ctx: ViewCtx) -> Vec<Line<'a>> {
    let lang = ctx.lang;
    let leader = group
        .leader
        .map(|p| data.name(p))
        .unwrap_or_else(|| "—".into());
    let mut lines = vec![Line::raw(tf(lang, "assess.leader", &[leader]))];
    let themes: Vec<String> = group
        .themes
        .iter()
        .map(|c| theme_name(data, c, lang))
        .collect();
    let tools: Vec<String> = group
        .tools
        .iter()
        .map(|c| data.tool_name(c, lang))
        .collect();
    lines.push(Line::raw(tf(
        lang,
        "assess.group_themes",
        &[themes.join(", ")],
    )));
    lines.push(Line::raw(tf(
        lang,
        "assess.group_tools",
        &[tools.join(", ")],
    )));
    let womens = subgroup::is_womens_group(group, &data.members);
    if subgroup::has_womens_topic(group, &data.catalogue) && !womens {
        lines.push(Line::styled(
            t(lang, "assess.women_topic_warn"),
            ctx.theme.warn,
        ));
    } else if womens {
        lines.push(Line::styled(t(lang, "assess.womens_group"), ctx.theme.ok));
    }
    lines
}

fn theme_name(data: &Data, code: &str, lang: Lang) -> String {
    match (data.catalogue.theme(code), lang) {
        (Some(th), Lang::Vi) => th.name_vi.clone(),
        (Some(th), Lang::En) => th.name_en.clone(),
        (None, _) => code.to_string(),
    }
}

/// "☑★ H'Nhi Niê · nữ · Nhóm 2".
fn member_line<'a>(p: &Person, group: Option<&SubGroup>, data: &Data, lang: Lang) -> Line<'a> {
    let here = group.is_some_and(|g| g.has_member(p.id));
    let mark = if here { "☑" } else { "☐" };
    let star = if group.and_then(|g| g.leader) == Some(p.id) {
        "★"
    } else {
        " "
    };
    let g = t(lang, &format!("gender.{}", p.gender.code()));
    let where_ = match data.group_of(p.id) {
        Some(other) if !here => format!(" · {}", other.name),
        _ => String::new(),
    };
    Line::raw(format!("{mark}{star}{} · {g}{where_}", p.name))
}

fn topic_line<'a>(topic: &Topic, group: Option<&SubGroup>, data: &Data, lang: Lang) -> Line<'a> {
    let on = group.is_some_and(|g| {
        let list = if topic.tool { &g.tools } else { &g.themes };
        list.contains(&topic.code)
    });
    let mark = if on { "☑" } else { "☐" };
    let women = if topic.tool {
        data.catalogue.is_women_tool(&topic.code)
    } else {
        data.catalogue.is_women_theme(&topic.code)
    };
    let women = if women { " ♀" } else { "" };
    let (kind, name) = if topic.tool {
        (
            t(lang, "assess.kind_tool"),
            data.tool_name(&topic.code, lang),
        )
    } else {
        (
            t(lang, "assess.kind_theme"),
            theme_name(data, &topic.code, lang),
        )
    };
    Line::raw(format!("{mark} {kind}: {name}{women}"))
}

/// The checks, failing ones first so they stay visible.
fn render_checks(data: &Data, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
    let mut findings = subgroup::check(
        &data.subgroups,
        &data.members,
        &data.catalogue,
        &data.selected,
    );
    findings.sort_by_key(|f| f.passed);
    let lines: Vec<Line> = findings.iter().map(|f| finding_line(f, ctx)).collect();
    Paragraph::new(lines)
        .block(
            Block::new()
                .borders(Borders::TOP)
                .title(Line::styled(t(ctx.lang, "assess.checks"), ctx.theme.title)),
        )
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

fn finding_line<'a>(f: &Finding, ctx: ViewCtx) -> Line<'a> {
    let lang = ctx.lang;
    let label = t(lang, f.rule);
    if f.checked_nothing() {
        let why = t(lang, f.detail_key);
        return Line::styled(format!("— {label}: {why}"), ctx.theme.muted);
    }
    if f.passed {
        let ok = t(lang, "assess.check_ok");
        return Line::styled(format!("✓ {ok}: {label}"), ctx.theme.ok);
    }
    let no = t(lang, "assess.check_fail");
    let detail = tf(lang, f.detail_key, &f.args);
    Line::styled(format!("✗ {no}: {detail}"), ctx.theme.warn)
}
