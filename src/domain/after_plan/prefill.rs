//! The village's review of last year's plan (annual step 1) starts from what was
//! recorded after that plan: the latest evaluation's progress and quality, the ledger's
//! amounts by source, and who managed and watched the work. Still editable.

use super::{AfterPlanRecord, ContributionKind, GroupKind};
use crate::domain::activity::FundingSource;
use crate::domain::annual::{AnnualItemId, Progress, ReviewDraft, Source};

/// Where a receipt goes in the review's spending: villagers' money, labour, land or
/// materials; outside money to the state (budgets, programmes) or donors.
fn review_source(source: FundingSource, kind: ContributionKind) -> Option<Source> {
    match (source, kind) {
        (FundingSource::People, ContributionKind::Money) => Some(Source::PeopleMoney),
        (FundingSource::People, ContributionKind::Labour) => Some(Source::PeopleLabour),
        (FundingSource::People, ContributionKind::Land) => Some(Source::PeopleLand),
        (FundingSource::People, ContributionKind::Materials) => Some(Source::PeopleMaterials),
        (FundingSource::Other, k) if k.is_vnd() => Some(Source::Donor),
        (_, k) if k.is_vnd() => Some(Source::State),
        _ => None,
    }
}

/// The review draft of one of last year's items from what was recorded after its plan;
/// `None` when nothing was. `group_label` names a group in the interface language.
pub fn review_prefill(
    after: &AfterPlanRecord,
    item: AnnualItemId,
    group_label: impl Fn(GroupKind) -> String,
) -> Option<ReviewDraft> {
    let evaluation = after.latest_evaluation(item);
    let last = after.last_progress(item);
    let receipts = after.receipts_of(item);
    let groups: Vec<String> = GroupKind::ALL
        .iter()
        .filter_map(|kind| {
            let names: Vec<&str> = after
                .group(item, *kind)
                .iter()
                .map(|m| m.name.as_str())
                .collect();
            (!names.is_empty()).then(|| format!("{}: {}", group_label(*kind), names.join(", ")))
        })
        .collect();
    if evaluation.is_none() && last.is_none() && receipts.is_empty() && groups.is_empty() {
        return None;
    }
    let mut draft = ReviewDraft::default();
    if let Some(e) = evaluation {
        draft.progress = Some(e.progress);
        draft.percent = e.completion.to_string();
        draft.quality = e.quality;
    } else if let Some(p) = last {
        draft.progress = Some(match p.percent {
            0 => Progress::NotStarted,
            100 => Progress::Done,
            _ => Progress::UnderWay,
        });
        draft.percent = p.percent.to_string();
    }
    let mut sums = [0i64; 6];
    for r in receipts {
        if let Some(source) = review_source(r.source, r.kind) {
            let at = Source::ALL.iter().position(|s| *s == source).unwrap_or(0);
            sums[at] = sums[at].saturating_add(r.amount);
        }
    }
    for (slot, sum) in draft.amounts.iter_mut().zip(sums) {
        *slot = if sum == 0 {
            String::new()
        } else {
            sum.to_string()
        };
    }
    draft.management = groups.join("; ");
    Some(draft)
}
