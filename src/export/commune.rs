//! The commune's exports of one planning year: forms 1-2 summed, Biểu 5, Biểu 6, B1, B2
//! and the report of the conference's changes (`forms::commune`) in every format, and the commune bundle that carries every village's
//! plan as the commune holds it, with its own id, checksum and check code printed on every
//! page. Pure: the caller gives the villages and writes the files.

use serde::{Deserialize, Serialize};

use super::bundle::{BUNDLE_SCHEMA_VERSION, Stamp, check_code, content_sha256, file_bytes};
use super::{ExportError, Format, csv, file_stem, forms, html, xlsx};
use crate::domain::Commune;
use crate::domain::commune::{Conference, VillageYear};
use crate::domain::place::commune_short_name;
use crate::i18n::{Lang, t, tf};

/// What a commune bundle is, beside a village's (`kind` is absent there).
pub const COMMUNE_KIND: &str = "commune";

/// One commune's planning year packed for the district.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommuneBundle {
    /// Always [`BUNDLE_SCHEMA_VERSION`] for bundles this build writes.
    pub schema_version: u32,
    /// Always [`COMMUNE_KIND`].
    pub kind: String,
    /// This bundle's id (UUID v4).
    pub bundle_id: String,
    /// Version of kehoach that wrote it.
    pub app_version: String,
    /// When it was made, RFC 3339 with the laptop's UTC offset.
    pub created_at: String,
    /// Stable code of the commune.
    pub commune_code: String,
    /// The commune.
    pub commune: Commune,
    /// The planning year.
    pub year: i32,
    /// Whether names of people other than elected office holders were left out.
    pub private: bool,
    /// Every village of the commune with its plan of the year as the commune holds it.
    pub villages: Vec<VillageYear>,
    /// The commune conference: its changes to the villages' activities and the commune
    /// plan's approval (absent when nothing was decided).
    #[serde(default, skip_serializing_if = "Conference::is_empty")]
    pub conference: Conference,
}

impl CommuneBundle {
    /// The bundle of a commune's year (records without personal details when `private`).
    pub fn new(
        commune: Commune,
        commune_code: String,
        year: i32,
        villages: Vec<VillageYear>,
        private: bool,
        stamp: &Stamp,
    ) -> CommuneBundle {
        let villages = if private {
            villages.into_iter().map(without_personal_details).collect()
        } else {
            villages
        };
        CommuneBundle {
            schema_version: BUNDLE_SCHEMA_VERSION,
            kind: COMMUNE_KIND.to_string(),
            bundle_id: stamp.bundle_id.to_string(),
            app_version: env!("CARGO_PKG_VERSION").to_string(),
            created_at: stamp
                .created_at
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
            commune_code,
            commune,
            year,
            private,
            villages,
            conference: Conference::default(),
        }
    }

    /// The same bundle carrying the conference's decisions.
    pub fn with_conference(mut self, conference: Conference) -> CommuneBundle {
        self.conference = conference;
        self
    }

    /// The hex SHA-256 of the canonical content.
    pub fn sha256(&self) -> String {
        content_sha256(self)
    }

    /// The check code printed on paper: "1A2B-3C4D".
    pub fn check_code(&self) -> String {
        check_code(&self.sha256())
    }

    /// The file: canonical JSON of `{content, schema_version, sha256}`, as every bundle.
    pub fn to_bytes(&self) -> Vec<u8> {
        file_bytes(self, self.schema_version)
    }

    /// Every commune form of the year.
    pub fn forms(&self, lang: Lang) -> Vec<forms::Form> {
        forms::commune::commune_forms_with(
            &self.commune,
            self.year,
            &self.villages,
            &self.conference,
            lang,
        )
    }
}

fn without_personal_details(mut village: VillageYear) -> VillageYear {
    village.record = village.record.map(|r| r.without_personal_details());
    village
}

/// The files of one format for a commune's year: (file name, bytes), named
/// `xa-<commune>-<year>…` (the CSV files `…-bieu-5-dich-vu-cong.csv` and so on).
pub fn render_commune(
    bundle: &CommuneBundle,
    format: Format,
    lang: Lang,
) -> Result<Vec<(String, Vec<u8>)>, ExportError> {
    CommuneRendering::new(bundle, lang).render(format)
}

/// A commune bundle's forms and check code, computed once for every format rendered.
pub struct CommuneRendering<'a> {
    bundle: &'a CommuneBundle,
    lang: Lang,
    forms: Vec<forms::Form>,
    check: String,
}

impl<'a> CommuneRendering<'a> {
    /// Builds the forms and hashes the bundle (the slow part, once).
    pub fn new(bundle: &'a CommuneBundle, lang: Lang) -> CommuneRendering<'a> {
        CommuneRendering {
            bundle,
            lang,
            forms: bundle.forms(lang),
            check: tf(lang, "bundle.check_code", &[bundle.check_code()]),
        }
    }

    /// The files of one format, as [`render_commune`] gives them.
    pub fn render(&self, format: Format) -> Result<Vec<(String, Vec<u8>)>, ExportError> {
        let (bundle, lang) = (self.bundle, self.lang);
        let c = &bundle.commune;
        let stem = format!("xa-{}", file_stem(commune_short_name(&c.name), bundle.year));
        let place = tf(
            lang,
            "commune.export.place",
            &[c.name.clone(), c.district.clone(), c.province.clone()],
        );
        let check = self.check.clone();
        let title = tf(
            lang,
            "commune.export.title",
            &[c.name.clone(), bundle.year.to_string()],
        );
        Ok(match format {
            Format::Xlsx => {
                let margins = xlsx::Margins {
                    place: format!("{place} · {} {}", t(lang, "export.field.year"), bundle.year),
                    check_code: check,
                };
                vec![(
                    format!("{stem}.xlsx"),
                    xlsx::to_xlsx(&self.forms, &margins, lang)?,
                )]
            }
            Format::Html => {
                let page = html::Page {
                    title,
                    place,
                    check_code: check,
                    note: bundle.private.then(|| t(lang, "export.private_note")),
                };
                vec![(
                    format!("{stem}.html"),
                    html::to_html(&self.forms, &page, lang),
                )]
            }
            Format::Csv => csv::to_csv(&self.forms, &stem, lang),
            Format::Json => vec![(format!("{stem}.json"), bundle.to_bytes())],
        })
    }
}
