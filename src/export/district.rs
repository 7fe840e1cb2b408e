//! The district's exports of one planning year: the communes' priority activities by
//! sector and by funding source and the summary by commune (`forms::district`) in every
//! format, and the district bundle that carries every commune's year as the district
//! holds it, with its own id, checksum and check code printed on every page. Pure: the
//! caller gives the communes and writes the files.

use serde::{Deserialize, Serialize};

use super::bundle::{BUNDLE_SCHEMA_VERSION, Stamp, check_code, content_sha256, file_bytes};
use super::forms::district::{DistrictYear, district_forms};
use super::{ExportError, Format, csv, file_stem, forms, html, xlsx};
use crate::domain::district::CommuneYear;
use crate::domain::place::district_short_name;
use crate::i18n::{Lang, t, tf};

/// What a district bundle is, beside a village's and a commune's.
pub const DISTRICT_KIND: &str = "district";

/// One district's planning year packed for the province (or for keeping).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DistrictBundle {
    /// Always [`BUNDLE_SCHEMA_VERSION`] for bundles this build writes.
    pub schema_version: u32,
    /// Always [`DISTRICT_KIND`].
    pub kind: String,
    /// This bundle's id (UUID v4).
    pub bundle_id: String,
    /// Version of kehoach that wrote it.
    pub app_version: String,
    /// When it was made, RFC 3339 with the laptop's UTC offset.
    pub created_at: String,
    /// The district, as its communes write it.
    pub district: String,
    /// The province.
    pub province: String,
    /// The planning year.
    pub year: i32,
    /// Whether names of people other than elected office holders were left out.
    pub private: bool,
    /// Every commune of the district with its year as the district holds it.
    pub communes: Vec<CommuneYear>,
}

impl DistrictBundle {
    /// The bundle of a district's year (records without personal details when `private`).
    pub fn new(
        at: &DistrictYear,
        communes: Vec<CommuneYear>,
        private: bool,
        stamp: &Stamp,
    ) -> DistrictBundle {
        let communes = if private {
            communes.into_iter().map(without_personal_details).collect()
        } else {
            communes
        };
        DistrictBundle {
            schema_version: BUNDLE_SCHEMA_VERSION,
            kind: DISTRICT_KIND.to_string(),
            bundle_id: stamp.bundle_id.to_string(),
            app_version: env!("CARGO_PKG_VERSION").to_string(),
            created_at: stamp
                .created_at
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
            district: at.district.to_string(),
            province: at.province.to_string(),
            year: at.year,
            private,
            communes,
        }
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

    /// The district and year the forms are about.
    pub fn at(&self) -> DistrictYear<'_> {
        DistrictYear {
            district: &self.district,
            province: &self.province,
            year: self.year,
        }
    }
}

fn without_personal_details(mut c: CommuneYear) -> CommuneYear {
    for v in &mut c.villages {
        v.record = v.record.take().map(|r| r.without_personal_details());
    }
    c
}

/// A district bundle's forms and check code, computed once for every format rendered.
pub struct DistrictRendering<'a> {
    bundle: &'a DistrictBundle,
    lang: Lang,
    forms: Vec<forms::Form>,
    check: String,
}

impl<'a> DistrictRendering<'a> {
    /// Builds the forms and hashes the bundle (the slow part, once).
    pub fn new(bundle: &'a DistrictBundle, lang: Lang) -> DistrictRendering<'a> {
        DistrictRendering {
            bundle,
            lang,
            forms: district_forms(&bundle.at(), &bundle.communes, lang),
            check: tf(lang, "bundle.check_code", &[bundle.check_code()]),
        }
    }

    /// The forms, as every format lays them out.
    pub fn forms(&self) -> &[forms::Form] {
        &self.forms
    }

    /// The files of one format: (file name, bytes), named `huyen-<district>-<year>…`
    /// (the CSV files `…-theo-linh-vuc.csv`, `…-theo-nguon-von.csv`, `…-tong-hop-xa.csv`).
    pub fn render(&self, format: Format) -> Result<Vec<(String, Vec<u8>)>, ExportError> {
        let (b, lang) = (self.bundle, self.lang);
        let name = district_short_name(&b.district);
        let stem = format!("huyen-{}", file_stem(name, b.year));
        let place = tf(
            lang,
            "district.export.place",
            &[name.to_string(), b.province.clone()],
        );
        let check = self.check.clone();
        Ok(match format {
            Format::Xlsx => {
                let margins = xlsx::Margins {
                    place: format!("{place} · {} {}", t(lang, "export.field.year"), b.year),
                    check_code: check,
                };
                let bytes = xlsx::to_xlsx(&self.forms, &margins, lang)?;
                vec![(format!("{stem}.xlsx"), bytes)]
            }
            Format::Html => {
                let page = html::Page {
                    title: tf(
                        lang,
                        "district.export.title",
                        &[name.to_string(), b.year.to_string()],
                    ),
                    place,
                    check_code: check,
                    note: b.private.then(|| t(lang, "export.private_note")),
                };
                vec![(
                    format!("{stem}.html"),
                    html::to_html(&self.forms, &page, lang),
                )]
            }
            Format::Csv => csv::to_csv(&self.forms, &stem, lang),
            Format::Json => vec![(format!("{stem}.json"), b.to_bytes())],
        })
    }
}
