//! How a wide table is split over column sets so it prints at full size.

/// Most columns printed side by side on a landscape A4 page.
pub const MAX_COLUMNS: usize = 14;

/// Most columns a portrait page takes; a form with a wider table prints landscape.
pub(super) const PORTRAIT_COLUMNS: usize = 8;

/// The column sets of a table of `columns` columns whose first `keys` identify a row:
/// one set when it fits [`MAX_COLUMNS`], else as few sets as needed, each starting with
/// the key columns and sharing the rest evenly, in order.
pub fn column_sets(columns: usize, keys: usize) -> Vec<Vec<usize>> {
    let keys = keys.min(columns);
    if columns <= MAX_COLUMNS || keys >= MAX_COLUMNS {
        return vec![(0..columns).collect()];
    }
    let rest = columns - keys;
    let room = MAX_COLUMNS - keys;
    let sets = rest.div_ceil(room);
    let each = rest.div_ceil(sets);
    (0..sets)
        .map(|s| {
            let start = keys + s * each;
            let end = (start + each).min(columns);
            (0..keys).chain(start..end).collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_tables_stay_whole() {
        assert_eq!(column_sets(5, 2), vec![vec![0, 1, 2, 3, 4]]);
        assert_eq!(column_sets(MAX_COLUMNS, 2).len(), 1);
    }

    #[test]
    fn wide_tables_repeat_their_key_columns_in_every_set() {
        let sets = column_sets(23, 2);
        assert_eq!(sets.len(), 2);
        for set in &sets {
            assert_eq!(&set[..2], &[0, 1]);
            assert!(set.len() <= MAX_COLUMNS);
        }
        let mut seen: Vec<usize> = sets.iter().flat_map(|s| s[2..].to_vec()).collect();
        seen.sort_unstable();
        assert_eq!(seen, (2..23).collect::<Vec<_>>());
    }
}
