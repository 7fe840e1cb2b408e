//! Exports of a village's plan for the commune: pure functions from a plan snapshot to
//! bytes (xlsx, html, csv, json). The caller writes the files. Must not touch the database.
//!
//! The formats arrive with the export issue; the module exists now so the layering holds.
