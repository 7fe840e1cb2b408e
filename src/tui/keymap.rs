//! The one table of key bindings. Dispatch, the key-hint bar, the help screen and the tests
//! all read it, so a hint never names a key that does something else.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where the keyboard focus is; each context has its own bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Anywhere (checked after the context's own bindings).
    Global,
    /// The home screen's list of communes, villages and cycles.
    Home,
    /// The home screen with a cycle selected: its own hints, Home's keys otherwise.
    HomeCycle,
    /// The history screen's list of a village's years.
    History,
    /// The history screen's year detail or comparison (read-only lists).
    HistoryView,
    /// The cycle screen's list of steps.
    Cycle,
    /// A form with text fields: printable keys type text.
    Form,
    /// A yes/no confirmation.
    Confirm,
    /// A typed name is a known person's: the same person, another one, or back to edit.
    SamePerson,
    /// The help overlay.
    Help,
    /// The attendance quick-add form: typing goes to the fields, ↑↓ pick a suggestion.
    QuickAdd,
    /// The attendance register list.
    Register,
    /// Marking people present from the village's register: typing searches.
    Pick,
    /// The working-group election list.
    WorkGroup,
    /// Finding a candidate of the election by name: typing searches.
    WgFind,
    /// A meeting screen's record form and other section forms.
    Record,
    /// The export form: Enter writes the files.
    Export,
    /// The preparation screen's lists.
    Prep,
    /// Sub-group reports at the working-group meeting.
    WgReports,
    /// The commune's planning year: its villages and where their plans stand.
    Commune,
    /// The commune conference on one village's activities.
    Conference,
    /// The commune's assignment of one village's approved plan.
    CommuneAssign,
    /// The district's planning year: its communes and where their plans stand.
    District,
    /// The import's dry run: villages' files and what importing each would do.
    Import,
    /// The scoring matrix: digits score the cell under the cursor.
    WgMatrix,
    /// The ranked draft plan.
    WgDraft,
    /// The annual plan's selection lists (F5): `1` and `2` choose the part.
    AnnualList,
    /// The annual plan's review of last year (F4): Enter reviews, `a` the year's summary.
    AnnualReview,
    /// The assessment screen's lists (tools, sub-groups, findings, activities).
    Assess,
    /// The assessment's list of sub-groups: Enter goes to the group's members, the other
    /// keys are the assessment's.
    AssessGroups,
    /// A multi-line text area: Enter is a new line, F9 saves.
    TextArea,
    /// Meeting 2's group rows: digits type a vote count or position, Enter saves.
    Scores,
    /// Meeting 2's combined results.
    Results,
    /// After the plan: the annual plan's items and what was recorded after it.
    AfterPlan,
    /// After the plan: one item's rows or its life (read, `x` removes a row).
    AfterPlanRows,
}

/// Something the user asked for, independent of the key that asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Move the selection up.
    Up,
    /// Move the selection down.
    Down,
    /// Move up one page.
    PageUp,
    /// Move down one page.
    PageDown,
    /// Open the selected item.
    Open,
    /// Go back one screen / cancel.
    Back,
    /// Leave kehoach.
    Quit,
    /// Show the help for the current step.
    Help,
    /// Switch Vietnamese / English.
    ToggleLang,
    /// Create a commune.
    NewCommune,
    /// Create a village in the selected commune.
    NewVillage,
    /// Create a cycle for the selected village.
    NewCycle,
    /// Rename the selected commune or village.
    Rename,
    /// Load the demo village.
    LoadDemo,
    /// Next form field.
    NextField,
    /// Previous form field.
    PrevField,
    /// Submit the form.
    Submit,
    /// Answer yes.
    Yes,
    /// Answer no.
    No,
    /// Show the first section of a screen.
    Section1,
    /// Show the second section.
    Section2,
    /// Show the third section.
    Section3,
    /// Show the fourth section.
    Section4,
    /// Show the fifth section.
    Section5,
    /// Add a new item.
    Add,
    /// Remove the selected item (asks first).
    Remove,
    /// Toggle the selected item (working-group membership).
    Toggle,
    /// Make the selected member the leader.
    SetLeader,
    /// Finalise (working-group election).
    Finalise,
    /// Close the meeting, freezing its tally.
    CloseMeeting,
    /// Reopen a closed meeting or finalised election (asks for a reason).
    Reopen,
    /// Change the working group's size range.
    EditSizeRange,
    /// Change the scoring scale (its lowest and highest score).
    EditScale,
    /// Carry last cycle's working group over.
    Carry,
    /// Approve the annual plan (or reopen it with a reason).
    Approve,
    /// Switch between score entry and the ranked table.
    ToggleView,
    /// Jump to a row by its number.
    GoTo,
    /// Command the combination method (meeting 2).
    ChooseMethod,
    /// Show the selected village's past cycles.
    History,
    /// Close the selected cycle (read-only), or reopen it with a reason.
    CloseCycle,
    /// Compare the marked year with the selected one.
    Compare,
    /// Open the selected year's cycle.
    OpenCycle,
    /// Open the commune's planning year (its villages' plans combined).
    CommuneYear,
    /// Open the district's planning year (its communes' plans).
    DistrictYear,
    /// Show the year before.
    PrevYear,
    /// Show the year after.
    NextYear,
    /// Import villages' plan files (bundles).
    Import,
    /// Export what is on screen.
    Export,
    /// Take the selected conflicting file, with a written reason.
    TakeConflict,
    /// Show the meeting's record (date, place, chair, times) from its register.
    ShowRecord,
    /// Mark people present from the village's register.
    PickPresent,
    /// Record the commune's assignment of the selected item.
    Assign,
    /// Add a member to a group of the selected work.
    AddMember,
    /// Add a line to the selected work's ledger.
    AddReceipt,
    /// Add a line to the selected work's progress log.
    AddProgress,
    /// Record the selected work's acceptance.
    Accept,
    /// Record a public posting of the selected work's finances.
    Disclose,
    /// Record an evaluation of the selected activity.
    Evaluate,
    /// Show the selected activity's life.
    Life,
    /// Search a list by typing part of a name.
    Search,
    /// Put the selected activity into part 1 of the annual plan.
    PartOne,
    /// Put the selected activity into part 2 of the annual plan.
    PartTwo,
}

impl Context {
    /// The context whose bindings apply when this one has none for a key (its hints are
    /// its own).
    fn fallback(self) -> Option<Context> {
        match self {
            Context::HomeCycle => Some(Context::Home),
            Context::AssessGroups => Some(Context::Assess),
            _ => None,
        }
    }
}

/// One binding: in `context`, `key` with `mods` does `action`, labelled `label` (i18n key).
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// Where it applies.
    pub context: Context,
    /// The key.
    pub key: KeyCode,
    /// Required modifiers.
    pub mods: KeyModifiers,
    /// What it does.
    pub action: Action,
    /// i18n key of the hint label; empty = not shown in the hint bar.
    pub label: &'static str,
}

const fn b(context: Context, key: KeyCode, action: Action, label: &'static str) -> Binding {
    Binding {
        context,
        key,
        mods: KeyModifiers::NONE,
        action,
        label,
    }
}

use Action as A;
use Context as C;
use KeyCode as K;

/// Every binding of the application.
pub static BINDINGS: &[Binding] = &[
    b(C::Home, K::Enter, A::Open, "key.open"),
    b(C::Home, K::Char('c'), A::NewCommune, "key.new_commune"),
    b(C::Home, K::Char('t'), A::NewVillage, "key.new_village"),
    b(C::Home, K::Char('n'), A::NewCycle, "key.new_cycle"),
    b(C::Home, K::Char('r'), A::Rename, "key.rename"),
    b(C::Home, K::Char('d'), A::LoadDemo, ""),
    b(C::Home, K::Char('q'), A::Quit, "key.quit"),
    b(C::Home, K::Char('l'), A::ToggleLang, "key.lang"),
    b(C::Home, K::Char('?'), A::Help, "key.help"),
    b(C::Home, K::Up, A::Up, ""),
    b(C::Home, K::Down, A::Down, ""),
    b(C::Home, K::Char('k'), A::Up, ""),
    b(C::Home, K::Char('j'), A::Down, ""),
    b(C::Home, K::PageUp, A::PageUp, ""),
    b(C::Home, K::PageDown, A::PageDown, ""),
    b(C::Home, K::Char('h'), A::History, ""),
    b(C::Home, K::Char('o'), A::CloseCycle, ""),
    b(C::Home, K::Delete, A::Remove, ""),
    b(C::Home, K::Char('x'), A::Remove, ""),
    b(C::Home, K::Char('g'), A::CommuneYear, ""),
    b(C::Home, K::Char('i'), A::Import, ""),
    b(C::Home, K::Char('u'), A::DistrictYear, ""),
    b(C::District, K::Enter, A::Open, "key.open"),
    b(C::District, K::Char('i'), A::Import, "key.import"),
    b(C::District, K::Char('e'), A::Export, "key.export"),
    b(C::District, K::Left, A::PrevYear, "key.year_prev"),
    b(C::District, K::Right, A::NextYear, "key.year_next"),
    b(C::District, K::Esc, A::Back, "key.back"),
    b(C::District, K::Char('l'), A::ToggleLang, "key.lang"),
    b(C::District, K::Char('?'), A::Help, "key.help"),
    b(C::District, K::Up, A::Up, ""),
    b(C::District, K::Down, A::Down, ""),
    b(C::District, K::Char('k'), A::Up, ""),
    b(C::District, K::Char('j'), A::Down, ""),
    b(C::District, K::PageUp, A::PageUp, ""),
    b(C::District, K::PageDown, A::PageDown, ""),
    b(C::Import, K::Enter, A::Submit, "key.import_sound"),
    b(
        C::Import,
        K::Char('t'),
        A::TakeConflict,
        "key.take_conflict",
    ),
    b(C::Import, K::Esc, A::Back, "key.back"),
    b(C::Import, K::Char('?'), A::Help, "key.help"),
    b(C::Import, K::Up, A::Up, ""),
    b(C::Import, K::Down, A::Down, ""),
    b(C::Import, K::PageUp, A::PageUp, ""),
    b(C::Import, K::PageDown, A::PageDown, ""),
    b(C::Commune, K::Enter, A::Open, ""),
    b(C::Commune, K::Char('p'), A::Approve, ""),
    b(C::Commune, K::Char('o'), A::Reopen, "key.conf_reopen"),
    b(C::Commune, K::Char('g'), A::Assign, "key.commune_assign"),
    b(C::Commune, K::Char('i'), A::Import, "key.import"),
    b(C::Commune, K::Char('e'), A::Export, "key.export"),
    b(C::Commune, K::Left, A::PrevYear, "key.year_prev"),
    b(C::Commune, K::Right, A::NextYear, "key.year_next"),
    b(C::Commune, K::Esc, A::Back, "key.back"),
    b(C::Commune, K::Char('l'), A::ToggleLang, "key.lang"),
    b(C::Commune, K::Char('?'), A::Help, "key.help"),
    b(C::Commune, K::Up, A::Up, ""),
    b(C::Commune, K::Down, A::Down, ""),
    b(C::Commune, K::Char('k'), A::Up, ""),
    b(C::Commune, K::Char('j'), A::Down, ""),
    b(C::Commune, K::PageUp, A::PageUp, ""),
    b(C::Commune, K::PageDown, A::PageDown, ""),
    b(C::CommuneAssign, K::Enter, A::Open, "key.after.assign"),
    b(C::CommuneAssign, K::Char('g'), A::Assign, ""),
    b(
        C::CommuneAssign,
        K::Char('e'),
        A::Export,
        "key.assign_export",
    ),
    b(C::CommuneAssign, K::Esc, A::Back, "key.back"),
    b(C::CommuneAssign, K::Char('l'), A::ToggleLang, "key.lang"),
    b(C::CommuneAssign, K::Char('?'), A::Help, "key.help"),
    b(C::CommuneAssign, K::Up, A::Up, ""),
    b(C::CommuneAssign, K::Down, A::Down, ""),
    b(C::CommuneAssign, K::Char('k'), A::Up, ""),
    b(C::CommuneAssign, K::Char('j'), A::Down, ""),
    b(C::CommuneAssign, K::PageUp, A::PageUp, ""),
    b(C::CommuneAssign, K::PageDown, A::PageDown, ""),
    b(C::Conference, K::Char('c'), A::Add, "key.conf_change"),
    b(C::Conference, K::Char('a'), A::Toggle, "key.conf_answer"),
    b(C::Conference, K::Char('x'), A::Remove, "key.conf_withdraw"),
    b(C::Conference, K::Esc, A::Back, "key.back"),
    b(C::Conference, K::Char('l'), A::ToggleLang, "key.lang"),
    b(C::Conference, K::Char('?'), A::Help, "key.help"),
    b(C::Conference, K::Up, A::Up, ""),
    b(C::Conference, K::Down, A::Down, ""),
    b(C::Conference, K::Char('k'), A::Up, ""),
    b(C::Conference, K::Char('j'), A::Down, ""),
    b(C::AfterPlan, K::Char('g'), A::Assign, "key.after.assign"),
    b(C::AfterPlan, K::Char('m'), A::AddMember, "key.after.member"),
    b(
        C::AfterPlan,
        K::Char('t'),
        A::AddReceipt,
        "key.after.receipt",
    ),
    b(
        C::AfterPlan,
        K::Char('p'),
        A::AddProgress,
        "key.after.progress",
    ),
    b(C::AfterPlan, K::Char('n'), A::Accept, "key.after.accept"),
    b(
        C::AfterPlan,
        K::Char('c'),
        A::Disclose,
        "key.after.disclose",
    ),
    b(
        C::AfterPlan,
        K::Char('d'),
        A::Evaluate,
        "key.after.evaluate",
    ),
    b(C::AfterPlan, K::Enter, A::Open, "key.after.rows"),
    b(C::AfterPlan, K::Char('v'), A::Life, "key.after.life"),
    b(C::AfterPlan, K::Esc, A::Back, "key.back"),
    b(C::AfterPlan, K::Char('l'), A::ToggleLang, "key.lang"),
    b(C::AfterPlan, K::Char('?'), A::Help, "key.help"),
    b(C::AfterPlan, K::Up, A::Up, ""),
    b(C::AfterPlan, K::Down, A::Down, ""),
    b(C::AfterPlan, K::Char('k'), A::Up, ""),
    b(C::AfterPlan, K::Char('j'), A::Down, ""),
    b(C::AfterPlan, K::PageUp, A::PageUp, ""),
    b(C::AfterPlan, K::PageDown, A::PageDown, ""),
    b(
        C::AfterPlanRows,
        K::Char('x'),
        A::Remove,
        "key.after.remove",
    ),
    b(C::AfterPlanRows, K::Delete, A::Remove, ""),
    b(C::AfterPlanRows, K::Char('v'), A::Life, "key.after.life"),
    b(C::AfterPlanRows, K::Enter, A::Open, ""),
    b(C::AfterPlanRows, K::Esc, A::Back, "key.back"),
    b(C::AfterPlanRows, K::Char('l'), A::ToggleLang, "key.lang"),
    b(C::AfterPlanRows, K::Char('?'), A::Help, "key.help"),
    b(C::AfterPlanRows, K::Up, A::Up, ""),
    b(C::AfterPlanRows, K::Down, A::Down, ""),
    b(C::AfterPlanRows, K::Char('k'), A::Up, ""),
    b(C::AfterPlanRows, K::Char('j'), A::Down, ""),
    b(C::AfterPlanRows, K::PageUp, A::PageUp, ""),
    b(C::AfterPlanRows, K::PageDown, A::PageDown, ""),
    b(C::HomeCycle, K::Enter, A::Open, "key.open"),
    b(C::HomeCycle, K::Char('n'), A::NewCycle, "key.new_cycle"),
    b(C::HomeCycle, K::Char('h'), A::History, "hist.key.history"),
    b(C::HomeCycle, K::Char('o'), A::CloseCycle, "hist.key.close"),
    b(C::HomeCycle, K::Char('q'), A::Quit, "key.quit"),
    b(C::HomeCycle, K::Char('l'), A::ToggleLang, "key.lang"),
    b(C::HomeCycle, K::Char('?'), A::Help, "key.help"),
    b(C::History, K::Enter, A::Open, "hist.key.year"),
    b(C::History, K::Char(' '), A::Toggle, "hist.key.mark"),
    b(C::History, K::Char('c'), A::Compare, "hist.key.compare"),
    b(
        C::History,
        K::Char('g'),
        A::OpenCycle,
        "hist.key.open_cycle",
    ),
    b(C::History, K::Char('v'), A::Life, "hist.key.life"),
    b(C::History, K::Char('o'), A::CloseCycle, ""),
    b(C::History, K::Esc, A::Back, "key.back"),
    b(C::History, K::Char('l'), A::ToggleLang, "key.lang"),
    b(C::History, K::Char('?'), A::Help, "key.help"),
    b(C::History, K::Up, A::Up, ""),
    b(C::History, K::Down, A::Down, ""),
    b(C::History, K::Char('k'), A::Up, ""),
    b(C::History, K::Char('j'), A::Down, ""),
    b(C::History, K::PageUp, A::PageUp, ""),
    b(C::History, K::PageDown, A::PageDown, ""),
    b(C::History, K::Left, A::PrevField, ""),
    b(C::History, K::Right, A::NextField, ""),
    b(C::HistoryView, K::Esc, A::Back, "key.back"),
    b(C::HistoryView, K::Char('l'), A::ToggleLang, "key.lang"),
    b(C::HistoryView, K::Char('?'), A::Help, "key.help"),
    b(C::HistoryView, K::Up, A::Up, ""),
    b(C::HistoryView, K::Down, A::Down, ""),
    b(C::HistoryView, K::Char('k'), A::Up, ""),
    b(C::HistoryView, K::Char('j'), A::Down, ""),
    b(C::HistoryView, K::PageUp, A::PageUp, ""),
    b(C::HistoryView, K::PageDown, A::PageDown, ""),
    b(C::Cycle, K::Enter, A::Open, "key.open"),
    b(C::Cycle, K::Esc, A::Back, "key.back"),
    b(C::Cycle, K::Char('l'), A::ToggleLang, "key.lang"),
    b(C::Cycle, K::Char('?'), A::Help, "key.help"),
    b(C::Cycle, K::Up, A::Up, ""),
    b(C::Cycle, K::Down, A::Down, ""),
    b(C::Cycle, K::Char('k'), A::Up, ""),
    b(C::Cycle, K::Char('j'), A::Down, ""),
    b(C::Form, K::Enter, A::Submit, "key.save"),
    b(C::Form, K::Tab, A::NextField, "key.next_field"),
    b(C::Form, K::BackTab, A::PrevField, ""),
    b(C::Form, K::Down, A::NextField, ""),
    b(C::Form, K::Up, A::PrevField, ""),
    b(C::Form, K::Esc, A::Back, "key.cancel"),
    b(C::Confirm, K::Char('y'), A::Yes, "key.yes"),
    b(C::Confirm, K::Char('c'), A::Yes, ""),
    b(C::Confirm, K::Enter, A::Yes, ""),
    b(C::Confirm, K::Char('n'), A::No, "key.no"),
    b(C::Confirm, K::Char('k'), A::No, ""),
    b(C::Confirm, K::Esc, A::No, ""),
    b(C::SamePerson, K::Char('y'), A::Yes, "att.key.same"),
    b(C::SamePerson, K::Char('c'), A::Yes, ""),
    b(C::SamePerson, K::Enter, A::Yes, ""),
    b(C::SamePerson, K::Char('n'), A::No, "att.key.other"),
    b(C::SamePerson, K::Char('k'), A::No, ""),
    b(C::SamePerson, K::Esc, A::Back, "key.cancel"),
    b(C::Help, K::Esc, A::Back, "key.close"),
    b(C::Help, K::Up, A::Up, "key.scroll"),
    b(C::Help, K::Down, A::Down, ""),
    b(C::Help, K::PageUp, A::PageUp, ""),
    b(C::Help, K::PageDown, A::PageDown, ""),
    b(C::Help, K::Char('?'), A::Back, ""),
    b(C::Help, K::Char('q'), A::Back, ""),
    b(C::Help, K::Enter, A::Back, ""),
    b(C::Help, K::F(1), A::Back, ""),
    b(C::Form, K::F(1), A::Help, "key.help_f1"),
    b(C::QuickAdd, K::Enter, A::Submit, "key.register"),
    b(C::QuickAdd, K::Tab, A::NextField, "key.next_field"),
    b(C::QuickAdd, K::BackTab, A::PrevField, ""),
    b(C::QuickAdd, K::Up, A::Up, "key.suggestion"),
    b(C::QuickAdd, K::Down, A::Down, ""),
    b(C::QuickAdd, K::Esc, A::Back, "key.to_list"),
    b(C::QuickAdd, K::F(1), A::Help, "key.help_f1"),
    b(C::Register, K::Char('a'), A::Add, "key.add"),
    b(C::Register, K::Enter, A::Open, "key.edit"),
    b(C::Register, K::Char('x'), A::Remove, "key.remove"),
    b(C::Register, K::Delete, A::Remove, ""),
    b(
        C::Register,
        K::Char('k'),
        A::CloseMeeting,
        "key.close_meeting",
    ),
    b(C::Register, K::Char('m'), A::Reopen, "key.reopen_meeting"),
    b(C::Register, K::F(8), A::Approve, "key.approve_annual"),
    b(C::Register, K::Char('b'), A::ShowRecord, "key.record"),
    b(C::Register, K::Char('d'), A::PickPresent, "key.pick"),
    b(C::Pick, K::Enter, A::Submit, "key.present"),
    b(C::Pick, K::Tab, A::NextField, "key.new_person"),
    b(C::Pick, K::Up, A::Up, ""),
    b(C::Pick, K::Down, A::Down, ""),
    b(C::Pick, K::PageUp, A::PageUp, ""),
    b(C::Pick, K::PageDown, A::PageDown, ""),
    b(C::Pick, K::Esc, A::Back, "key.to_list"),
    b(C::Pick, K::F(1), A::Help, "key.help_f1"),
    b(C::Pick, K::F(8), A::Approve, "key.approve_annual"),
    b(C::Register, K::Up, A::Up, ""),
    b(C::Register, K::Down, A::Down, ""),
    b(C::Register, K::PageUp, A::PageUp, ""),
    b(C::Register, K::PageDown, A::PageDown, ""),
    b(C::Register, K::Esc, A::Back, "key.back"),
    b(C::Register, K::Char('?'), A::Help, "key.help"),
    b(C::WorkGroup, K::Char(' '), A::Toggle, "key.toggle_member"),
    b(C::WorkGroup, K::Char('t'), A::SetLeader, "key.leader"),
    b(C::WorkGroup, K::Char('f'), A::Finalise, "key.finalise"),
    b(C::WorkGroup, K::Char('r'), A::EditSizeRange, "key.range"),
    b(C::WgFind, K::Enter, A::Submit, "key.toggle_member"),
    b(C::WgFind, K::Up, A::Up, ""),
    b(C::WgFind, K::Down, A::Down, ""),
    b(C::WgFind, K::PageUp, A::PageUp, ""),
    b(C::WgFind, K::PageDown, A::PageDown, ""),
    b(C::WgFind, K::Esc, A::Back, "key.end_find"),
    b(C::WgFind, K::F(1), A::Help, "key.help_f1"),
    b(C::WorkGroup, K::Char('m'), A::Reopen, "key.reopen_meeting"),
    b(C::WorkGroup, K::Up, A::Up, ""),
    b(C::WorkGroup, K::Down, A::Down, ""),
    b(C::WorkGroup, K::PageUp, A::PageUp, ""),
    b(C::WorkGroup, K::PageDown, A::PageDown, ""),
    b(C::WorkGroup, K::Esc, A::Back, "key.back"),
    b(C::WorkGroup, K::Char('/'), A::Search, "key.find"),
    b(C::WorkGroup, K::Tab, A::NextField, "wg.key.gap"),
    b(C::WorkGroup, K::BackTab, A::PrevField, ""),
    b(C::WorkGroup, K::Char('?'), A::Help, "key.help"),
    b(C::Record, K::Enter, A::Submit, "key.save"),
    b(C::Record, K::Tab, A::NextField, "key.next_field"),
    b(C::Record, K::BackTab, A::PrevField, ""),
    b(C::Record, K::Down, A::NextField, ""),
    b(C::Record, K::Up, A::PrevField, ""),
    b(C::Record, K::Esc, A::Back, "key.back"),
    b(C::Record, K::F(1), A::Help, "key.help_f1"),
    b(C::Export, K::Enter, A::Submit, "exp.key.write"),
    b(C::Export, K::Tab, A::NextField, "key.next_field"),
    b(C::Export, K::BackTab, A::PrevField, ""),
    b(C::Export, K::Down, A::NextField, ""),
    b(C::Export, K::Up, A::PrevField, ""),
    b(C::Export, K::Esc, A::Back, "key.back"),
    b(C::Export, K::F(1), A::Help, "key.help_f1"),
    b(C::Prep, K::Enter, A::Open, "key.edit"),
    b(C::Prep, K::Char('a'), A::Add, "key.add"),
    b(C::Prep, K::Up, A::Up, ""),
    b(C::Prep, K::Down, A::Down, ""),
    b(C::Prep, K::PageUp, A::PageUp, ""),
    b(C::Prep, K::PageDown, A::PageDown, ""),
    b(C::Prep, K::Esc, A::Back, "key.back"),
    b(C::Prep, K::Char('?'), A::Help, "key.help"),
    b(C::Assess, K::Char(' '), A::Toggle, "assess.key.toggle"),
    b(C::Assess, K::Tab, A::NextField, "assess.key.pane"),
    b(C::Assess, K::BackTab, A::PrevField, ""),
    b(C::Assess, K::Char('a'), A::Add, "key.add"),
    b(C::Assess, K::Enter, A::Open, "key.edit"),
    b(C::Assess, K::Char('t'), A::SetLeader, ""),
    b(C::Assess, K::Char('r'), A::Rename, ""),
    b(C::Assess, K::Char('x'), A::Remove, "key.remove"),
    b(C::Assess, K::Delete, A::Remove, ""),
    b(C::Assess, K::Up, A::Up, ""),
    b(C::Assess, K::Down, A::Down, ""),
    b(C::Assess, K::PageUp, A::PageUp, ""),
    b(C::Assess, K::PageDown, A::PageDown, ""),
    b(C::Assess, K::Esc, A::Back, "key.back"),
    b(C::Assess, K::Char('?'), A::Help, "key.help"),
    b(C::AssessGroups, K::Tab, A::NextField, "assess.key.pane"),
    b(C::AssessGroups, K::Char('a'), A::Add, "key.add"),
    b(C::AssessGroups, K::Enter, A::Open, "assess.key.members"),
    b(C::AssessGroups, K::Char('x'), A::Remove, "key.remove"),
    b(C::AssessGroups, K::Esc, A::Back, "key.back"),
    b(C::AssessGroups, K::Char('?'), A::Help, "key.help"),
    b(C::TextArea, K::F(9), A::Submit, "assess.key.save_f9"),
    b(C::TextArea, K::Tab, A::NextField, "key.next_field"),
    b(C::TextArea, K::BackTab, A::PrevField, ""),
    b(C::TextArea, K::Esc, A::Back, "key.cancel"),
    b(C::TextArea, K::F(1), A::Help, "key.help_f1"),
    b(C::WgReports, K::Char(' '), A::Toggle, "key.merge"),
    b(C::WgReports, K::Right, A::NextField, "key.group"),
    b(C::WgReports, K::Left, A::PrevField, ""),
    b(C::WgReports, K::Up, A::Up, ""),
    b(C::WgReports, K::Down, A::Down, ""),
    b(C::WgReports, K::PageUp, A::PageUp, ""),
    b(C::WgReports, K::PageDown, A::PageDown, ""),
    b(C::WgReports, K::Esc, A::Back, "key.back"),
    b(C::WgReports, K::Char('?'), A::Help, "key.help"),
    b(C::WgMatrix, K::Enter, A::Open, "key.jump"),
    b(C::WgMatrix, K::Char('s'), A::EditScale, "key.scale"),
    b(C::WgMatrix, K::Char('b'), A::ToggleView, "key.ranked"),
    b(C::WgMatrix, K::Up, A::Up, ""),
    b(C::WgMatrix, K::Down, A::Down, ""),
    b(C::WgMatrix, K::PageUp, A::PageUp, ""),
    b(C::WgMatrix, K::PageDown, A::PageDown, ""),
    b(C::WgMatrix, K::Esc, A::Back, "key.back"),
    b(C::WgMatrix, K::Char('?'), A::Help, "key.help"),
    b(C::WgDraft, K::Up, A::Up, ""),
    b(C::WgDraft, K::Down, A::Down, ""),
    b(C::WgDraft, K::PageUp, A::PageUp, ""),
    b(C::WgDraft, K::PageDown, A::PageDown, ""),
    b(C::WgDraft, K::Esc, A::Back, "key.back"),
    b(C::WgDraft, K::Char('?'), A::Help, "key.help"),
    b(C::Scores, K::Enter, A::Submit, "m2.key.save_next"),
    b(C::Scores, K::Char('g'), A::GoTo, "m2.key.goto"),
    b(C::Scores, K::Char('e'), A::Open, "m2.key.details"),
    b(C::Scores, K::Char('v'), A::Toggle, "m2.key.mode"),
    b(C::Scores, K::Delete, A::Remove, "m2.key.clear"),
    b(C::Scores, K::Up, A::Up, ""),
    b(C::Scores, K::Down, A::Down, ""),
    b(C::Scores, K::PageUp, A::PageUp, ""),
    b(C::Scores, K::PageDown, A::PageDown, ""),
    b(C::Scores, K::Esc, A::Back, "key.back"),
    b(C::Scores, K::Char('?'), A::Help, ""),
    b(C::Results, K::Char('a'), A::Finalise, "m2.key.approve"),
    b(C::Results, K::Char('p'), A::ChooseMethod, "m2.key.method"),
    b(C::Results, K::Char('m'), A::Reopen, "m2.key.reopen"),
    b(C::Results, K::Up, A::Up, ""),
    b(C::Results, K::Down, A::Down, ""),
    b(C::Results, K::PageUp, A::PageUp, ""),
    b(C::Results, K::PageDown, A::PageDown, ""),
    b(C::Results, K::Esc, A::Back, "key.back"),
    b(C::Results, K::Char('?'), A::Help, "key.help"),
    b(C::AnnualReview, K::Enter, A::Open, "key.review"),
    b(C::AnnualReview, K::Char('a'), A::Add, "key.summary"),
    b(C::AnnualReview, K::Up, A::Up, ""),
    b(C::AnnualReview, K::Down, A::Down, ""),
    b(C::AnnualReview, K::PageUp, A::PageUp, ""),
    b(C::AnnualReview, K::PageDown, A::PageDown, ""),
    b(C::AnnualReview, K::Esc, A::Back, "key.back"),
    b(C::AnnualReview, K::Char('?'), A::Help, "key.help"),
    b(C::AnnualList, K::Char('1'), A::PartOne, "ann.key.part1"),
    b(C::AnnualList, K::Char('2'), A::PartTwo, "ann.key.part2"),
    b(C::AnnualList, K::Char('a'), A::Add, "key.add"),
    b(C::AnnualList, K::Tab, A::NextField, "key.pane"),
    b(C::AnnualList, K::BackTab, A::PrevField, ""),
    b(C::AnnualList, K::Char('x'), A::Remove, "key.remove"),
    b(C::AnnualList, K::Up, A::Up, ""),
    b(C::AnnualList, K::Down, A::Down, ""),
    b(C::AnnualList, K::PageUp, A::PageUp, ""),
    b(C::AnnualList, K::PageDown, A::PageDown, ""),
    b(C::AnnualList, K::Esc, A::Back, "key.back"),
    b(C::AnnualList, K::Char('?'), A::Help, "key.help"),
    b(C::WorkGroup, K::Char('c'), A::Carry, ""),
    b(C::Global, K::F(8), A::Approve, ""),
    b(C::Global, K::F(1), A::Help, ""),
    b(C::Global, K::F(3), A::Section1, ""),
    b(C::Global, K::F(4), A::Section2, ""),
    b(C::Global, K::F(5), A::Section3, ""),
    b(C::Global, K::F(6), A::Section4, ""),
    b(C::Global, K::F(7), A::Section5, ""),
    b(C::Global, K::F(2), A::ToggleLang, ""),
    Binding {
        mods: KeyModifiers::CONTROL,
        ..b(C::Global, K::Char('c'), A::Quit, "")
    },
];

/// Shift is ignored: terminals report it inconsistently for `?`, capitals and BackTab.
fn matches(binding: &Binding, key: &KeyEvent) -> bool {
    binding.key == key.code && key.modifiers - KeyModifiers::SHIFT == binding.mods
}

/// The action `key` triggers in `context`, looking at the context's table, then its
/// fallback's, then the global one.
pub fn resolve(context: Context, key: &KeyEvent) -> Option<Action> {
    [Some(context), context.fallback(), Some(Context::Global)]
        .into_iter()
        .flatten()
        .find_map(|ctx| {
            BINDINGS
                .iter()
                .find(|b| b.context == ctx && matches(b, key))
                .map(|b| b.action)
        })
}

/// The labelled bindings of a context, for the key-hint bar and help.
pub fn hints(context: Context) -> impl Iterator<Item = &'static Binding> {
    BINDINGS
        .iter()
        .filter(move |b| b.context == context && !b.label.is_empty())
}

/// How a key is written in hints ("Enter", "Esc", "F1", "c").
pub fn key_name(code: KeyCode) -> String {
    match code {
        K::Enter => "Enter".into(),
        K::Esc => "Esc".into(),
        K::Tab => "Tab".into(),
        K::BackTab => "⇧Tab".into(),
        K::Up => "↑".into(),
        K::Down => "↓".into(),
        K::Left => "←".into(),
        K::Right => "→".into(),
        K::PageUp => "PgUp".into(),
        K::PageDown => "PgDn".into(),
        K::F(n) => format!("F{n}"),
        K::Char(' ') => "Space".into(),
        K::Char(c) => c.to_string(),
        other => format!("{other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEvent;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn no_context_binds_one_key_twice() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                assert!(
                    !(a.context == b.context && a.key == b.key && a.mods == b.mods),
                    "{:?} {:?} bound twice",
                    a.context,
                    a.key
                );
            }
        }
    }

    #[test]
    fn every_label_is_translated() {
        for b in BINDINGS.iter().filter(|b| !b.label.is_empty()) {
            assert!(crate::i18n::has(b.label), "missing string {}", b.label);
        }
    }

    #[test]
    fn context_wins_over_global_and_ctrl_c_quits() {
        assert_eq!(
            resolve(Context::Home, &key(K::Char('c'))),
            Some(Action::NewCommune)
        );
        let ctrl_c = KeyEvent::new(K::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(resolve(Context::Form, &ctrl_c), Some(Action::Quit));
        assert_eq!(resolve(Context::Form, &key(K::Char('q'))), None);
        assert_eq!(resolve(Context::Form, &key(K::F(1))), Some(Action::Help));
    }

    #[test]
    fn a_selected_cycle_keeps_home_keys_with_its_own_hints() {
        assert_eq!(
            resolve(Context::HomeCycle, &key(K::Char('c'))),
            Some(Action::NewCommune)
        );
        assert_eq!(
            resolve(Context::HomeCycle, &key(K::Char('o'))),
            Some(Action::CloseCycle)
        );
        assert_eq!(
            resolve(Context::Home, &key(K::Char('h'))),
            Some(Action::History)
        );
        let shown: Vec<KeyCode> = hints(Context::HomeCycle).map(|b| b.key).collect();
        assert!(shown.contains(&K::Char('o')) && shown.contains(&K::Char('h')));
        assert!(!shown.contains(&K::Char('c')), "{shown:?}");
    }
}
