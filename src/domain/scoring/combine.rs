//! Combining the two groups' results into the official order, with tie-breaks.

use std::cmp::Reverse;

use serde::{Deserialize, Serialize};

use super::{ActivityKey, Competition, GroupResult, TOP_N, competition};

// ---------------------------------------------------------------------------------------
// Combination
// ---------------------------------------------------------------------------------------

/// How the men's and women's results are combined; fixed before scoring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Method {
    /// Each group's votes as shares of its own total, the two shares added (default).
    #[default]
    EqualWeight,
    /// Sum of the two groups' positions, lower is better.
    Borda,
    /// Plain sum of the two groups' votes.
    VoteSum,
}

impl Method {
    /// All methods in display order.
    pub const ALL: [Method; 3] = [Method::EqualWeight, Method::Borda, Method::VoteSum];

    /// Stable code used in storage.
    pub fn code(self) -> &'static str {
        match self {
            Method::EqualWeight => "equal_weight",
            Method::Borda => "borda",
            Method::VoteSum => "vote_sum",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.code() == code)
    }

    /// i18n key of the short name.
    pub fn label_key(self) -> &'static str {
        match self {
            Method::EqualWeight => "scoring.method.equal_weight",
            Method::Borda => "scoring.method.borda",
            Method::VoteSum => "scoring.method.vote_sum",
        }
    }

    /// i18n key of the one-line statement of the method shown with the results.
    pub fn statement_key(self) -> &'static str {
        match self {
            Method::EqualWeight => "scoring.method.equal_weight.statement",
            Method::Borda => "scoring.method.borda.statement",
            Method::VoteSum => "scoring.method.vote_sum.statement",
        }
    }

    /// Whether a larger combined score is better (false for Borda's sum of positions).
    pub fn higher_is_better(self) -> bool {
        !matches!(self, Method::Borda)
    }
}

/// What separated an activity from others with the same combined score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TieBreak {
    /// The women's rank decided.
    WomensRank,
    /// Women's rank was equal too; the draft rank decided.
    DraftRank,
}

impl TieBreak {
    /// i18n key of the explanation.
    pub fn note_key(self) -> &'static str {
        match self {
            TieBreak::WomensRank => "scoring.tiebreak.womens_rank",
            TieBreak::DraftRank => "scoring.tiebreak.draft_rank",
        }
    }
}

/// One activity in the combined result, with everything needed to defend its rank.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CombinedRow {
    /// The activity.
    pub activity: ActivityKey,
    /// Men's votes, or Borda points for a ranking.
    pub men_points: u64,
    /// Women's votes, or Borda points for a ranking.
    pub women_points: u64,
    /// Men's competition rank.
    pub men_rank: u32,
    /// Women's competition rank.
    pub women_rank: u32,
    /// The working group's draft rank.
    pub draft_rank: u32,
    /// Combined score for display: sum of shares (0-2), sum of positions, or sum of votes.
    pub score: f64,
    /// Combined competition rank (1 = top).
    pub rank: u32,
    /// Whether a tie is left after all tie-breaks (another row has the same rank).
    pub tied: bool,
    /// Which tie-break placed it, when its score equalled another's and it is not tied.
    pub tie_break: Option<TieBreak>,
    /// Men's rank minus women's rank (positive: women put it higher).
    pub rank_gap: i64,
    /// In the men's top 5 but not the women's.
    pub men_top_only: bool,
    /// In the women's top 5 but not the men's.
    pub women_top_only: bool,
}

impl CombinedRow {
    /// The top-5 mismatch flags as i18n keys with their arguments (empty when none).
    pub fn flag_notes(&self) -> Vec<(&'static str, Vec<String>)> {
        let flags = [
            (self.men_top_only, "scoring.flag.men_top_only"),
            (self.women_top_only, "scoring.flag.women_top_only"),
        ];
        flags
            .into_iter()
            .filter(|(on, _)| *on)
            .map(|(_, k)| (k, vec![TOP_N.to_string()]))
            .collect()
    }

    /// i18n key of the note explaining a tie or a tie-break, if any.
    pub fn note_key(&self) -> Option<&'static str> {
        if self.tied {
            Some("scoring.tiebreak.tied")
        } else {
            self.tie_break.map(TieBreak::note_key)
        }
    }
}

/// The combined ranking of meeting 2: the village's official medium-term plan order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Combined {
    /// The method used.
    pub method: Method,
    /// Rows by combined rank; rows of equal rank in draft order.
    pub rows: Vec<CombinedRow>,
}

impl Combined {
    /// Whether any tie is left unresolved.
    pub fn has_ties(&self) -> bool {
        self.rows.iter().any(|r| r.tied)
    }

    /// The activities in combined order.
    pub fn order(&self) -> Vec<ActivityKey> {
        self.rows.iter().map(|r| r.activity).collect()
    }
}

/// One group's points, total and ranks over the draft's activities.
struct GroupView {
    points: Vec<u64>,
    total: u64,
    ranks: Vec<u32>,
    in_top: Vec<bool>,
}

impl GroupView {
    fn new(result: &GroupResult, activities: &[ActivityKey]) -> Self {
        let points = result.points(activities);
        let total = points.iter().fold(0u64, |a, &p| a.saturating_add(p));
        let keys: Vec<Reverse<u64>> = points.iter().map(|&p| Reverse(p)).collect();
        let ranks = competition(&keys).ranks;
        let in_top = points
            .iter()
            .zip(&ranks)
            .map(|(&p, &r)| p > 0 && r <= TOP_N)
            .collect();
        GroupView {
            points,
            total,
            ranks,
            in_top,
        }
    }

    /// This group's share of activity `i` as (numerator, denominator); 0 when no votes.
    fn share(&self, i: usize) -> (i128, i128) {
        match self.total {
            0 => (0, 1),
            total => (i128::from(self.points[i]), i128::from(total)),
        }
    }

    /// This group's share of activity `i` as a float, for display.
    fn share_f64(&self, i: usize) -> f64 {
        let (num, den) = self.share(i);
        num as f64 / den as f64
    }
}

/// The exact method score of activity `i`; larger is better. EqualWeight compares the
/// numerators of the two shares over their common denominator (cross-multiplication).
fn exact_score(m: &GroupView, w: &GroupView, i: usize, method: Method) -> i128 {
    match method {
        Method::EqualWeight => {
            let ((mn, md), (wn, wd)) = (m.share(i), w.share(i));
            mn.saturating_mul(wd).saturating_add(wn.saturating_mul(md))
        }
        Method::Borda => -(i128::from(m.ranks[i]) + i128::from(w.ranks[i])),
        Method::VoteSum => i128::from(m.points[i]) + i128::from(w.points[i]),
    }
}

/// The method score of activity `i` for display.
fn display_score(m: &GroupView, w: &GroupView, i: usize, method: Method) -> f64 {
    match method {
        Method::EqualWeight => m.share_f64(i) + w.share_f64(i),
        Method::Borda => f64::from(m.ranks[i]) + f64::from(w.ranks[i]),
        Method::VoteSum => m.points[i] as f64 + w.points[i] as f64,
    }
}

/// Full ordering key: method score (better first), women's rank, draft rank.
type OrderKey = (Reverse<i128>, u32, u32);

/// Which tie-break placed activity `i`, if its score equalled another's and no tie is left.
fn tie_break(keys: &[OrderKey], i: usize) -> Option<TieBreak> {
    let rivals: Vec<&OrderKey> = keys
        .iter()
        .enumerate()
        .filter(|&(j, k)| j != i && k.0 == keys[i].0)
        .map(|(_, k)| k)
        .collect();
    if rivals.is_empty() || rivals.iter().any(|k| **k == keys[i]) {
        None
    } else if rivals.iter().any(|k| k.1 == keys[i].1) {
        Some(TieBreak::DraftRank)
    } else {
        Some(TieBreak::WomensRank)
    }
}

/// The draft's activities (first occurrence of each) with their draft ranks.
fn unique_draft(draft_rank: &[(ActivityKey, u32)]) -> Vec<(ActivityKey, u32)> {
    let mut out: Vec<(ActivityKey, u32)> = Vec::with_capacity(draft_rank.len());
    for &(a, r) in draft_rank {
        if !out.iter().any(|&(k, _)| k == a) {
            out.push((a, r));
        }
    }
    out
}

/// Everything computed for one combination, from which each row is read.
struct Combination {
    method: Method,
    draft: Vec<(ActivityKey, u32)>,
    men: GroupView,
    women: GroupView,
    keys: Vec<OrderKey>,
    comp: Competition,
}

impl Combination {
    fn new(
        men: &GroupResult,
        women: &GroupResult,
        draft: &[(ActivityKey, u32)],
        method: Method,
    ) -> Self {
        let draft = unique_draft(draft);
        let activities: Vec<ActivityKey> = draft.iter().map(|&(a, _)| a).collect();
        let (m, w) = (
            GroupView::new(men, &activities),
            GroupView::new(women, &activities),
        );
        let key = |i: usize| {
            (
                Reverse(exact_score(&m, &w, i, method)),
                w.ranks[i],
                draft[i].1,
            )
        };
        let keys: Vec<OrderKey> = (0..draft.len()).map(key).collect();
        let comp = competition(&keys);
        Combination {
            method,
            draft,
            men: m,
            women: w,
            keys,
            comp,
        }
    }

    fn row(&self, i: usize) -> CombinedRow {
        let (m, w) = (&self.men, &self.women);
        CombinedRow {
            activity: self.draft[i].0,
            men_points: m.points[i],
            women_points: w.points[i],
            men_rank: m.ranks[i],
            women_rank: w.ranks[i],
            draft_rank: self.draft[i].1,
            score: display_score(m, w, i, self.method),
            rank: self.comp.ranks[i],
            tied: self.comp.tied[i],
            tie_break: tie_break(&self.keys, i),
            rank_gap: i64::from(m.ranks[i]) - i64::from(w.ranks[i]),
            men_top_only: m.in_top[i] && !w.in_top[i],
            women_top_only: w.in_top[i] && !m.in_top[i],
        }
    }
}

/// Combines the men's and women's results over the draft's activities with `method`;
/// ties in the method score go to the women's rank, then to the draft rank.
pub fn combine(
    men: &GroupResult,
    women: &GroupResult,
    draft_rank: &[(ActivityKey, u32)],
    method: Method,
) -> Combined {
    let c = Combination::new(men, women, draft_rank, method);
    let rows = c.comp.order.iter().map(|&i| c.row(i)).collect();
    Combined { method, rows }
}
