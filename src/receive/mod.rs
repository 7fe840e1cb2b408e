//! Receiving villages' plan files, shared by `kehoach import` and the import screen (as
//! `deliver` is for exports): gathering the files named or found in folders (a USB
//! stick), read under the size cap, and the dry run's summary in the interface language.

pub mod files;
pub mod summary;
