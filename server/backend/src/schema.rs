//! The versioned schema. Migrations run in order at start-up, each once, recorded in `meta:schema`.
//! A database written by newer code (a higher version than [`SCHEMA_VERSION`]) is refused rather than silently
//! used by old code.

use crate::db::Db;
use anyhow::{Context, bail};
use serde::Deserialize;
use serde_json::json;

/// One migration: its version and its SurrealQL.
struct Migration {
    version: i64,
    name: &'static str,
    sql: &'static str,
}

const MIGRATIONS: &[Migration] = &[
    Migration { version: 1, name: "organisation, accounts, sessions, audit", sql: V1 },
    Migration { version: 2, name: "competency dictionary, 360° rounds and results", sql: V2 },
    Migration { version: 3, name: "training catalog, development plans, compact result summaries", sql: V3 },
    Migration {
        version: 4,
        name: "round gates, questionnaires apart from rounds, cheaper final-answer guard",
        sql: V4,
    },
    Migration { version: 5, name: "assignment changes made by hand, one-time password links", sql: V5 },
    Migration { version: 6, name: "reference data versioned by the database", sql: V6 },
    Migration { version: 7, name: "work plans (SKP) and their versions", sql: V7 },
    Migration { version: 8, name: "assessment periods and evaluations of work plans", sql: V8 },
    Migration { version: 9, name: "organisational predikat and the curve warning of a rating", sql: V9 },
    Migration { version: 10, name: "performance dialogues", sql: V10 },
    Migration { version: 11, name: "objections to ratings and continuous feedback notes", sql: V11 },
    Migration { version: 12, name: "evidence files of realisations", sql: V12 },
    Migration { version: 13, name: "predikat tallies per unit and period", sql: V13 },
    Migration { version: 14, name: "rank dates, disciplinary penalties and completed leadership programmes", sql: V14 },
    Migration { version: 15, name: "leadership-programme cohorts and nominations", sql: V15 },
    Migration { version: 16, name: "talent calibration sessions and fixed boxes", sql: V16 },
    Migration { version: 17, name: "employees' highest education", sql: V17 },
    Migration { version: 18, name: "a version of what the talent matrix reads", sql: V18 },
    Migration { version: 19, name: "the dashboard's base follows units, positions, ranks and fixed boxes", sql: V19 },
    Migration { version: 20, name: "organisation imports", sql: V20 },
    Migration { version: 21, name: "API tokens and the log of their calls, import heartbeats", sql: V21 },
    Migration { version: 22, name: "a version of what a signed-in session may do", sql: V22 },
    Migration { version: 23, name: "the talent version follows every fact of eligibility", sql: V23 },
];

/// The schema version this code expects.
pub const SCHEMA_VERSION: i64 = 23;

/// Nested, versioned documents (level texts, questionnaires, results) are stored as JSON text written and read
/// only by Rust types, so that their shape is checked by serde on both ends.
const V2: &str = r#"
DEFINE TABLE OVERWRITE competency SCHEMAFULL;
DEFINE FIELD OVERWRITE code ON competency TYPE string ASSERT string::len($value) > 0 AND string::len($value) <= 12;
DEFINE FIELD OVERWRITE kind ON competency TYPE string ASSERT $value IN ['managerial', 'sociocultural', 'technical'];
DEFINE FIELD OVERWRITE name_id ON competency TYPE string ASSERT string::len($value) > 0;
DEFINE FIELD OVERWRITE name_en ON competency TYPE string;
DEFINE FIELD OVERWRITE description_id ON competency TYPE string;
DEFINE FIELD OVERWRITE description_en ON competency TYPE string;
DEFINE FIELD OVERWRITE levels_json ON competency TYPE string;
DEFINE FIELD OVERWRITE items_json ON competency TYPE string;
DEFINE FIELD OVERWRITE ord ON competency TYPE int DEFAULT 0;
DEFINE FIELD OVERWRITE active ON competency TYPE bool DEFAULT true;
DEFINE INDEX OVERWRITE competency_code ON competency FIELDS code UNIQUE;

-- Default required level of managerial and socio-cultural competencies, per position type (record key).
DEFINE TABLE OVERWRITE standard SCHEMAFULL;
DEFINE FIELD OVERWRITE level ON standard TYPE int ASSERT $value >= 1 AND $value <= 5;

-- Per-position overrides: competency key -> required level (JSON object).
DEFINE FIELD OVERWRITE required_json ON position TYPE option<string>;

DEFINE TABLE OVERWRITE round SCHEMAFULL;
DEFINE FIELD OVERWRITE name ON round TYPE string ASSERT string::len($value) > 0 AND string::len($value) <= 120;
DEFINE FIELD OVERWRITE period_start ON round TYPE datetime;
DEFINE FIELD OVERWRITE period_end ON round TYPE datetime ASSERT $value >= $this.period_start;
DEFINE FIELD OVERWRITE units ON round TYPE array<record<unit>> DEFAULT [];
DEFINE FIELD OVERWRITE competencies ON round TYPE array<string> ASSERT array::len($value) > 0;
DEFINE FIELD OVERWRITE opens ON round TYPE datetime;
DEFINE FIELD OVERWRITE closes ON round TYPE datetime ASSERT $value > $this.opens;
DEFINE FIELD OVERWRITE threshold ON round TYPE int ASSERT $value >= 3 AND $value <= 10;
DEFINE FIELD OVERWRITE max_peers ON round TYPE int ASSERT $value >= 0 AND $value <= 20;
DEFINE FIELD OVERWRITE status ON round TYPE string ASSERT $value IN ['draft', 'open', 'closing', 'closed'];
DEFINE FIELD OVERWRITE questionnaire_json ON round TYPE option<string>;
DEFINE FIELD OVERWRITE assignment_count ON round TYPE int DEFAULT 0;
DEFINE FIELD OVERWRITE created_by ON round TYPE string;
DEFINE FIELD OVERWRITE created_at ON round TYPE datetime;
DEFINE FIELD OVERWRITE opened_at ON round TYPE option<datetime>;
DEFINE FIELD OVERWRITE closed_at ON round TYPE option<datetime>;

-- rater -> assesses -> ratee, one edge per rater, ratee and round (the record key).
DEFINE TABLE OVERWRITE assesses TYPE RELATION FROM employee TO employee ENFORCED SCHEMAFULL;
DEFINE FIELD OVERWRITE round ON assesses TYPE record<round>;
DEFINE FIELD OVERWRITE rater_group ON assesses TYPE string ASSERT $value IN ['self', 'supervisor', 'peer', 'subordinate'];
DEFINE FIELD OVERWRITE state ON assesses TYPE string ASSERT $value IN ['proposed', 'rejected', 'pending', 'draft', 'submitted'];
DEFINE FIELD OVERWRITE unit ON assesses TYPE record<unit>;
DEFINE FIELD OVERWRITE answers ON assesses TYPE array<int> DEFAULT [];
DEFINE FIELD OVERWRITE comments ON assesses TYPE array<string> DEFAULT [];
DEFINE FIELD OVERWRITE saved_at ON assesses TYPE option<datetime>;
DEFINE FIELD OVERWRITE submitted_at ON assesses TYPE option<datetime>;
DEFINE FIELD OVERWRITE nominated_by ON assesses TYPE option<string>;
-- The record key is `<round>_<rater>_<ratee>`, so one edge per rater, ratee and round needs no extra index.
DEFINE INDEX OVERWRITE assesses_rater ON assesses FIELDS in, round;
DEFINE INDEX OVERWRITE assesses_ratee ON assesses FIELDS out, round;
DEFINE INDEX OVERWRITE assesses_round ON assesses FIELDS round, state;
DEFINE EVENT OVERWRITE assesses_submitted_is_final ON assesses WHEN $event = 'UPDATE' AND $before.state = 'submitted'
    AND ($after.state != 'submitted' OR $after.answers != $before.answers OR $after.comments != $before.comments) THEN {
    THROW "submitted: a submitted assessment is final";
};

-- Materialised results of a closed round: one small record per ratee.
DEFINE TABLE OVERWRITE round_result SCHEMAFULL;
DEFINE FIELD OVERWRITE round ON round_result TYPE record<round>;
DEFINE FIELD OVERWRITE employee ON round_result TYPE record<employee>;
DEFINE FIELD OVERWRITE data_json ON round_result TYPE string;
DEFINE FIELD OVERWRITE computed_at ON round_result TYPE datetime;
DEFINE INDEX OVERWRITE round_result_round ON round_result FIELDS round;
DEFINE INDEX OVERWRITE round_result_employee ON round_result FIELDS employee;
"#;

const V1: &str = r#"
DEFINE TABLE OVERWRITE agency SCHEMAFULL;
DEFINE FIELD OVERWRITE name ON agency TYPE string ASSERT string::len($value) > 0;
DEFINE FIELD OVERWRITE short_name ON agency TYPE string;
DEFINE FIELD OVERWRITE region ON agency TYPE string;

DEFINE TABLE OVERWRITE unit SCHEMAFULL;
DEFINE FIELD OVERWRITE name ON unit TYPE string ASSERT string::len($value) > 0;
DEFINE FIELD OVERWRITE kind ON unit TYPE string
    ASSERT $value IN ['badan', 'sekretariat', 'bidang', 'subbagian', 'subbidang', 'tim', 'kelompok', 'upt'];
DEFINE FIELD OVERWRITE parent ON unit TYPE option<record<unit>>;
DEFINE FIELD OVERWRITE depth ON unit TYPE int ASSERT $value >= 1 AND $value <= 10;
DEFINE FIELD OVERWRITE ord ON unit TYPE int DEFAULT 0;
DEFINE FIELD OVERWRITE leader ON unit TYPE option<record<employee>>;
DEFINE INDEX OVERWRITE unit_parent ON unit FIELDS parent;

DEFINE TABLE OVERWRITE position SCHEMAFULL;
DEFINE FIELD OVERWRITE name ON position TYPE string ASSERT string::len($value) > 0;
DEFINE FIELD OVERWRITE kind ON position TYPE string
    ASSERT $value IN ['jpt_utama', 'jpt_madya', 'jpt_pratama', 'administrator', 'pengawas', 'pelaksana',
                      'ahli_utama', 'ahli_madya', 'ahli_muda', 'ahli_pertama', 'penyelia', 'mahir', 'terampil', 'pemula'];
DEFINE FIELD OVERWRITE unit ON position TYPE record<unit>;
DEFINE INDEX OVERWRITE position_unit ON position FIELDS unit;

DEFINE TABLE OVERWRITE employee SCHEMAFULL;
DEFINE FIELD OVERWRITE nip ON employee TYPE string
    ASSERT string::len($value) == 18 AND string::is_numeric($value) AND $value == record::id($this.id);
DEFINE FIELD OVERWRITE name ON employee TYPE string ASSERT string::len($value) > 0 AND string::len($value) <= 120;
DEFINE FIELD OVERWRITE email ON employee TYPE option<string> ASSERT $value == NONE OR string::is_email($value);
DEFINE FIELD OVERWRITE rank ON employee TYPE string
    ASSERT $value IN ['I/a', 'I/b', 'I/c', 'I/d', 'II/a', 'II/b', 'II/c', 'II/d', 'III/a', 'III/b', 'III/c', 'III/d',
                      'IV/a', 'IV/b', 'IV/c', 'IV/d', 'IV/e'];
DEFINE FIELD OVERWRITE gender ON employee TYPE string ASSERT $value IN ['L', 'P'];
DEFINE FIELD OVERWRITE birth_date ON employee TYPE datetime;
DEFINE FIELD OVERWRITE service_start ON employee TYPE datetime ASSERT $value > $this.birth_date;
DEFINE FIELD OVERWRITE unit ON employee TYPE record<unit>;
DEFINE FIELD OVERWRITE position ON employee TYPE record<position>;
DEFINE FIELD OVERWRITE active ON employee TYPE bool DEFAULT true;
DEFINE FIELD OVERWRITE name_lower ON employee TYPE string VALUE string::lowercase($this.name);
-- The NIP is the record key (asserted above), so it is unique without an extra index.
DEFINE INDEX OVERWRITE employee_unit ON employee FIELDS unit;

-- The current reporting line: at most one edge per employee (unique index on `in`).
DEFINE TABLE OVERWRITE reports_to TYPE RELATION FROM employee TO employee ENFORCED SCHEMAFULL;
DEFINE FIELD OVERWRITE since ON reports_to TYPE datetime;
DEFINE INDEX OVERWRITE reports_to_one_current ON reports_to FIELDS in UNIQUE;
DEFINE INDEX OVERWRITE reports_to_out ON reports_to FIELDS out;
DEFINE EVENT OVERWRITE reports_to_no_self ON reports_to WHEN $event != 'DELETE' AND $after.in == $after.out THEN {
    THROW "cycle: an employee cannot report to themselves";
};

-- Ended reporting lines, kept with their dates.
DEFINE TABLE OVERWRITE reports_to_history SCHEMAFULL;
DEFINE FIELD OVERWRITE employee ON reports_to_history TYPE record<employee>;
DEFINE FIELD OVERWRITE supervisor ON reports_to_history TYPE record<employee>;
DEFINE FIELD OVERWRITE since ON reports_to_history TYPE datetime;
DEFINE FIELD OVERWRITE until ON reports_to_history TYPE datetime;
DEFINE INDEX OVERWRITE reports_to_history_employee ON reports_to_history FIELDS employee;

DEFINE TABLE OVERWRITE account SCHEMAFULL;
DEFINE FIELD OVERWRITE username ON account TYPE option<string>;
DEFINE FIELD OVERWRITE employee ON account TYPE record<employee>;
DEFINE FIELD OVERWRITE password_hash ON account TYPE string ASSERT string::starts_with($value, '$argon2id$');
DEFINE FIELD OVERWRITE roles ON account TYPE array<string> ASSERT array::len(array::complement($value, ['hr', 'head', 'trainer'])) == 0;
DEFINE FIELD OVERWRITE active ON account TYPE bool DEFAULT true;
DEFINE INDEX OVERWRITE account_username ON account FIELDS username UNIQUE;
DEFINE INDEX OVERWRITE account_employee ON account FIELDS employee UNIQUE;

DEFINE TABLE OVERWRITE session SCHEMAFULL;
DEFINE FIELD OVERWRITE account ON session TYPE record<account>;
DEFINE FIELD OVERWRITE created ON session TYPE datetime;
DEFINE FIELD OVERWRITE last_seen ON session TYPE datetime;
DEFINE FIELD OVERWRITE expires ON session TYPE datetime;
DEFINE INDEX OVERWRITE session_account ON session FIELDS account;

DEFINE TABLE OVERWRITE login_failure SCHEMAFULL;
DEFINE FIELD OVERWRITE count ON login_failure TYPE int;
DEFINE FIELD OVERWRITE first ON login_failure TYPE datetime;
DEFINE FIELD OVERWRITE last ON login_failure TYPE datetime;

DEFINE TABLE OVERWRITE audit SCHEMAFULL;
DEFINE FIELD OVERWRITE at ON audit TYPE datetime DEFAULT time::now();
DEFINE FIELD OVERWRITE actor ON audit TYPE string;
DEFINE FIELD OVERWRITE action ON audit TYPE string;
DEFINE FIELD OVERWRITE subject ON audit TYPE string;
DEFINE FIELD OVERWRITE before ON audit TYPE option<object> FLEXIBLE;
DEFINE FIELD OVERWRITE after ON audit TYPE option<object> FLEXIBLE;
DEFINE FIELD OVERWRITE reason ON audit TYPE option<string>;
DEFINE INDEX OVERWRITE audit_subject ON audit FIELDS subject;
DEFINE EVENT OVERWRITE audit_append_only ON audit WHEN $event IN ['UPDATE', 'DELETE'] THEN {
    THROW "audit log is append-only";
};

DEFINE TABLE OVERWRITE setting SCHEMAFULL;
DEFINE FIELD OVERWRITE value ON setting TYPE string;
"#;

const V3: &str = r#"
DEFINE FIELD OVERWRITE summary_json ON round_result TYPE option<string>;

DEFINE TABLE OVERWRITE training SCHEMAFULL;
DEFINE FIELD OVERWRITE code ON training TYPE string ASSERT string::len($value) > 0 AND string::len($value) <= 20;
DEFINE FIELD OVERWRITE title_id ON training TYPE string ASSERT string::len($value) > 0;
DEFINE FIELD OVERWRITE title_en ON training TYPE string;
DEFINE FIELD OVERWRITE provider ON training TYPE string;
DEFINE FIELD OVERWRITE mode ON training TYPE string ASSERT $value IN ['classroom', 'e-learning', 'coaching', 'on_the_job'];
DEFINE FIELD OVERWRITE competencies ON training TYPE array<string> ASSERT array::len($value) > 0;
DEFINE FIELD OVERWRITE level_min ON training TYPE int ASSERT $value >= 1 AND $value <= 5;
DEFINE FIELD OVERWRITE level_max ON training TYPE int ASSERT $value >= 1 AND $value <= 5;
DEFINE FIELD OVERWRITE jp ON training TYPE int ASSERT $value >= 1 AND $value <= 2000;
DEFINE FIELD OVERWRITE cost ON training TYPE int ASSERT $value >= 0;
DEFINE FIELD OVERWRITE active ON training TYPE bool DEFAULT true;
DEFINE FIELD OVERWRITE updated_at ON training TYPE datetime DEFAULT time::now();
DEFINE INDEX OVERWRITE training_code ON training FIELDS code UNIQUE;

DEFINE TABLE OVERWRITE plan_item SCHEMAFULL;
DEFINE FIELD OVERWRITE employee ON plan_item TYPE record<employee>;
DEFINE FIELD OVERWRITE training ON plan_item TYPE option<string>;
DEFINE FIELD OVERWRITE title ON plan_item TYPE string ASSERT string::len($value) > 0 AND string::len($value) <= 200;
DEFINE FIELD OVERWRITE competency ON plan_item TYPE option<string>;
DEFINE FIELD OVERWRITE gap ON plan_item TYPE option<float>;
DEFINE FIELD OVERWRITE due ON plan_item TYPE string ASSERT string::len($value) == 10;
DEFINE FIELD OVERWRITE status ON plan_item TYPE string ASSERT $value IN ['planned', 'in_progress', 'done'];
DEFINE FIELD OVERWRITE evidence ON plan_item TYPE string DEFAULT '';
DEFINE FIELD OVERWRITE approval ON plan_item TYPE string ASSERT $value IN ['pending', 'approved', 'commented'];
DEFINE FIELD OVERWRITE supervisor_note ON plan_item TYPE string DEFAULT '';
DEFINE FIELD OVERWRITE reviewed_by ON plan_item TYPE option<string>;
DEFINE FIELD OVERWRITE created_at ON plan_item TYPE datetime DEFAULT time::now();
DEFINE FIELD OVERWRITE updated_at ON plan_item TYPE datetime DEFAULT time::now();
DEFINE INDEX OVERWRITE plan_item_employee ON plan_item FIELDS employee;
"#;

/// Every submission checks, inside its write, that its round is open and before its closing time. It used to read
/// `round.status` and `round.closes` through the link, decoding the whole round record twice (with the frozen
/// questionnaire, tens of KB of texts, inside). Now the questionnaire has its own record (same key as the round),
/// and the database itself derives a one-field `round_gate` from every write of a round, in the same transaction:
/// `open_until` is the closing time while the round is open and absent otherwise, so the submission tests one
/// small record with one comparison and the guarantee stays transactional on every node of a cluster. The
/// final-answer guard tests its cheap, usually false condition first.
const V4: &str = r#"
DEFINE TABLE OVERWRITE round_gate SCHEMAFULL;
DEFINE FIELD OVERWRITE open_until ON round_gate TYPE option<datetime>;
DEFINE EVENT OVERWRITE round_gate_derived ON round WHEN $event IN ['CREATE', 'UPDATE'] THEN {
    UPSERT type::record('round_gate', record::id($after.id))
        SET open_until = IF $after.status = 'open' THEN $after.closes ELSE NONE END;
};
FOR $r IN (SELECT id, status, closes FROM round) {
    UPSERT type::record('round_gate', record::id($r.id)) SET open_until = IF $r.status = 'open' THEN $r.closes ELSE NONE END;
};

DEFINE TABLE OVERWRITE questionnaire SCHEMAFULL;
DEFINE FIELD OVERWRITE json ON questionnaire TYPE string;
FOR $r IN (SELECT VALUE [record::id(id), questionnaire_json] FROM round WHERE questionnaire_json != NONE) {
    UPSERT type::record('questionnaire', $r[0]) SET json = $r[1];
};
UPDATE round UNSET questionnaire_json;
REMOVE FIELD questionnaire_json ON round;
DEFINE EVENT OVERWRITE assesses_submitted_is_final ON assesses WHEN $before.state = 'submitted' AND $event = 'UPDATE'
    AND ($after.state != 'submitted' OR $after.answers != $before.answers OR $after.comments != $before.comments) THEN {
    THROW "submitted: a submitted assessment is final";
};
"#;

/// Version 5: every assignment HR adds or removes by hand is kept in `round_change` (written in the same transaction
/// as the change and its audit entry), so the round's page can show it and closing can withhold a group whose
/// membership was changed by hand after one of its raters had submitted.
const V5: &str = r#"
DEFINE TABLE OVERWRITE round_change SCHEMAFULL;
DEFINE FIELD OVERWRITE round ON round_change TYPE record<round>;
DEFINE FIELD OVERWRITE rater ON round_change TYPE string;
DEFINE FIELD OVERWRITE ratee ON round_change TYPE string;
DEFINE FIELD OVERWRITE rater_group ON round_change TYPE string ASSERT $value IN ['self', 'supervisor', 'peer', 'subordinate'];
DEFINE FIELD OVERWRITE action ON round_change TYPE string ASSERT $value IN ['add', 'remove'];
DEFINE FIELD OVERWRITE actor ON round_change TYPE string;
DEFINE FIELD OVERWRITE at ON round_change TYPE datetime DEFAULT time::now();
DEFINE INDEX OVERWRITE round_change_round ON round_change FIELDS round;

-- One-time links to set or reset a password. The record key is an HMAC of the link's token (the token itself is
-- never stored); a link works once, until it expires, and only the newest unused link of an account works.
DEFINE TABLE OVERWRITE credential_link SCHEMAFULL;
DEFINE FIELD OVERWRITE account ON credential_link TYPE record<account>;
DEFINE FIELD OVERWRITE purpose ON credential_link TYPE string ASSERT $value IN ['setup', 'reset'];
DEFINE FIELD OVERWRITE created ON credential_link TYPE datetime DEFAULT time::now();
DEFINE FIELD OVERWRITE expires ON credential_link TYPE datetime;
DEFINE FIELD OVERWRITE used ON credential_link TYPE option<datetime>;
DEFINE FIELD OVERWRITE created_by ON credential_link TYPE string;
DEFINE INDEX OVERWRITE credential_link_account ON credential_link FIELDS account;
DEFINE INDEX OVERWRITE login_failure_last ON login_failure FIELDS last;

-- Opening and closing claim the round first ('opening', 'closing'), so that concurrent openings or closings do not
-- both do the work; a claim older than 15 minutes (a crashed instance) may be taken over.
DEFINE FIELD OVERWRITE status ON round TYPE string ASSERT $value IN ['draft', 'opening', 'open', 'closing', 'closed'];
DEFINE FIELD OVERWRITE claimed_at ON round TYPE option<datetime>;
"#;

/// Version 6: reference data (report settings, the training catalog, the standards, which rounds are closed) is
/// cached by every instance and checked against `meta:reference.version`, which the database itself bumps in the
/// same transaction as any write to those tables, so that no write can forget to invalidate the cache and every
/// instance of a cluster sees it on its next read.
const V6: &str = r#"
DEFINE EVENT OVERWRITE reference_training ON training THEN { UPSERT meta:reference SET version = (version ?? 0) + 1; };
DEFINE EVENT OVERWRITE reference_standard ON standard THEN { UPSERT meta:reference SET version = (version ?? 0) + 1; };
DEFINE EVENT OVERWRITE reference_setting ON setting THEN { UPSERT meta:reference SET version = (version ?? 0) + 1; };
DEFINE EVENT OVERWRITE reference_round ON round WHEN $event != 'UPDATE' OR $before.status != $after.status THEN {
    UPSERT meta:reference SET version = (version ?? 0) + 1;
};
UPSERT meta:reference SET version = (version ?? 0) + 1;
"#;

/// Version 7: work plans. One record per version of an employee's SKP for a year (`<nip>_<year>_<version>`); the
/// content is a versioned document written and read only by `domain::skp::SkpDoc`. A version is only ever changed
/// while it is a draft or returned; an approved version is never rewritten (a change is a new version).
const V7: &str = r#"
DEFINE TABLE OVERWRITE skp SCHEMAFULL;
DEFINE FIELD OVERWRITE employee ON skp TYPE record<employee>;
DEFINE FIELD OVERWRITE year ON skp TYPE int ASSERT $value >= 2000 AND $value <= 2100;
DEFINE FIELD OVERWRITE version ON skp TYPE int ASSERT $value >= 1;
DEFINE FIELD OVERWRITE status ON skp TYPE string ASSERT $value IN ['draft', 'submitted', 'returned', 'approved'];
DEFINE FIELD OVERWRITE doc ON skp TYPE string;
DEFINE FIELD OVERWRITE comment ON skp TYPE string DEFAULT '';
DEFINE FIELD OVERWRITE decided_by ON skp TYPE option<string>;
DEFINE FIELD OVERWRITE submitted_at ON skp TYPE option<datetime>;
DEFINE FIELD OVERWRITE decided_at ON skp TYPE option<datetime>;
DEFINE FIELD OVERWRITE updated_at ON skp TYPE datetime DEFAULT time::now();
DEFINE INDEX OVERWRITE skp_employee_year ON skp FIELDS employee, year, version UNIQUE;
DEFINE EVENT OVERWRITE skp_approved_is_final ON skp WHEN $event = 'UPDATE' AND $before.status = 'approved' THEN {
    THROW "approved: an approved work plan is never rewritten";
};
"#;

#[derive(Deserialize)]
struct Version {
    version: i64,
}

/// Applies every migration newer than the stored version, each with its version bump in one transaction.
pub async fn migrate(db: &Db) -> anyhow::Result<()> {
    db.run("DEFINE TABLE IF NOT EXISTS meta SCHEMALESS;", json!({})).await.context("creating the meta table")?;
    let current = stored_version(db).await?;
    if current > SCHEMA_VERSION {
        bail!(
            "the database has schema version {current}, but this Kinerja only knows up to {SCHEMA_VERSION}: \
             upgrade Kinerja instead of running an older version on newer data"
        );
    }
    for migration in MIGRATIONS.iter().filter(|m| m.version > current) {
        tracing::info!(version = migration.version, name = migration.name, "applying schema migration");
        let sql = format!(
            "BEGIN TRANSACTION;\n{}\nUPSERT meta:schema SET version = $version, applied = time::now();\nCOMMIT TRANSACTION;",
            migration.sql
        );
        db.run(&sql, json!({ "version": migration.version }))
            .await
            .with_context(|| format!("applying schema migration {}", migration.version))?;
    }
    Ok(())
}

/// The schema version stored in the database.
pub async fn stored_version(db: &Db) -> anyhow::Result<i64> {
    let v: Option<Version> = db.run("SELECT version FROM ONLY meta:schema;", json!({})).await?.value(0)?;
    Ok(v.map(|v| v.version).unwrap_or(0))
}

/// Assessment periods (`<year>_<number>`) and each employee's evaluation of a period (`<nip>_<year>_<period>`): the
/// employee's realisations (a versioned document) and the supervisor's two ratings; the predikat is stored beside
/// them for distributions, and always equals the matrix applied to the two. A closed period never reopens.
const V8: &str = r#"
DEFINE TABLE OVERWRITE skp_period SCHEMAFULL;
DEFINE FIELD OVERWRITE year ON skp_period TYPE int ASSERT $value >= 2000 AND $value <= 2100;
DEFINE FIELD OVERWRITE number ON skp_period TYPE int ASSERT $value >= 1 AND $value <= 13;
DEFINE FIELD OVERWRITE is_final ON skp_period TYPE bool;
DEFINE FIELD OVERWRITE scheme ON skp_period TYPE string ASSERT $value IN ['quarterly', 'semester', 'monthly'];
DEFINE FIELD OVERWRITE start ON skp_period TYPE datetime;
DEFINE FIELD OVERWRITE end ON skp_period TYPE datetime ASSERT $value >= $this.start;
DEFINE FIELD OVERWRITE deadline ON skp_period TYPE datetime ASSERT $value >= $this.end;
DEFINE FIELD OVERWRITE state ON skp_period TYPE string ASSERT $value IN ['planned', 'open', 'closed'];
DEFINE INDEX OVERWRITE skp_period_number ON skp_period FIELDS year, number UNIQUE;
DEFINE EVENT OVERWRITE skp_period_closed_is_final ON skp_period WHEN $event = 'UPDATE' AND $before.state = 'closed' THEN {
    THROW "closed: a closed period never reopens";
};

DEFINE TABLE OVERWRITE skp_eval SCHEMAFULL;
DEFINE FIELD OVERWRITE employee ON skp_eval TYPE record<employee>;
DEFINE FIELD OVERWRITE year ON skp_eval TYPE int ASSERT $value >= 2000 AND $value <= 2100;
DEFINE FIELD OVERWRITE period ON skp_eval TYPE int ASSERT $value >= 1 AND $value <= 13;
DEFINE FIELD OVERWRITE doc ON skp_eval TYPE string;
DEFINE FIELD OVERWRITE results ON skp_eval TYPE option<string> ASSERT $value = NONE OR $value IN ['below', 'meets', 'above'];
DEFINE FIELD OVERWRITE behaviour ON skp_eval TYPE option<string> ASSERT $value = NONE OR $value IN ['below', 'meets', 'above'];
DEFINE FIELD OVERWRITE predikat ON skp_eval TYPE option<string>;
DEFINE FIELD OVERWRITE feedback ON skp_eval TYPE string DEFAULT '';
DEFINE FIELD OVERWRITE rated_by ON skp_eval TYPE option<string>;
DEFINE FIELD OVERWRITE rated_at ON skp_eval TYPE option<datetime>;
DEFINE FIELD OVERWRITE updated_at ON skp_eval TYPE datetime DEFAULT time::now();
DEFINE INDEX OVERWRITE skp_eval_employee ON skp_eval FIELDS employee, year, period UNIQUE;
DEFINE INDEX OVERWRITE skp_eval_period ON skp_eval FIELDS year, period;
"#;

/// Units' organisational predikat per period (`<unit>_<year>_<period>`), and what a rating outside the distribution
/// guideline leaves on record: the warning (a versioned JSON document) and the rater's reason.
const V9: &str = r#"
DEFINE TABLE OVERWRITE org_predikat SCHEMAFULL;
DEFINE FIELD OVERWRITE unit ON org_predikat TYPE record<unit>;
DEFINE FIELD OVERWRITE year ON org_predikat TYPE int ASSERT $value >= 2000 AND $value <= 2100;
DEFINE FIELD OVERWRITE period ON org_predikat TYPE int ASSERT $value >= 1 AND $value <= 13;
DEFINE FIELD OVERWRITE predikat ON org_predikat TYPE string
    ASSERT $value IN ['istimewa', 'baik', 'butuh_perbaikan', 'kurang', 'sangat_kurang'];
DEFINE FIELD OVERWRITE set_by ON org_predikat TYPE string;
DEFINE FIELD OVERWRITE set_at ON org_predikat TYPE datetime DEFAULT time::now();
DEFINE INDEX OVERWRITE org_predikat_unit ON org_predikat FIELDS unit, year, period UNIQUE;

DEFINE FIELD OVERWRITE curve_warning ON skp_eval TYPE option<string>;
DEFINE FIELD OVERWRITE curve_reason ON skp_eval TYPE string DEFAULT '';
"#;

/// The performance dialogue of a period (`<nip>_<year>_<period>`): a versioned JSON document recorded by the
/// supervisor, and when the employee acknowledged it (cleared when the supervisor corrects it).
const V10: &str = r#"
DEFINE TABLE OVERWRITE skp_dialogue SCHEMAFULL;
DEFINE FIELD OVERWRITE employee ON skp_dialogue TYPE record<employee>;
DEFINE FIELD OVERWRITE year ON skp_dialogue TYPE int ASSERT $value >= 2000 AND $value <= 2100;
DEFINE FIELD OVERWRITE period ON skp_dialogue TYPE int ASSERT $value >= 1 AND $value <= 13;
DEFINE FIELD OVERWRITE doc ON skp_dialogue TYPE string;
DEFINE FIELD OVERWRITE recorded_by ON skp_dialogue TYPE string;
DEFINE FIELD OVERWRITE recorded_at ON skp_dialogue TYPE datetime DEFAULT time::now();
DEFINE FIELD OVERWRITE acknowledged_at ON skp_dialogue TYPE option<datetime>;
DEFINE INDEX OVERWRITE skp_dialogue_employee ON skp_dialogue FIELDS employee, year, period UNIQUE;
"#;

/// Objections to a rating (`<nip>_<year>_<period>`, one per rated period): the employee's filing (a versioned JSON
/// document), the rating objected to, the deadline, and the decision with its reason; an upheld one changes the
/// evaluation's ratings and marks them as changed by an objection. A decided objection is final. Continuous feedback
/// notes on a plan's rows or behaviour values, dated, each reply pointing at the note it answers.
const V11: &str = r#"
DEFINE TABLE OVERWRITE skp_objection SCHEMAFULL;
DEFINE FIELD OVERWRITE employee ON skp_objection TYPE record<employee>;
DEFINE FIELD OVERWRITE year ON skp_objection TYPE int ASSERT $value >= 2000 AND $value <= 2100;
DEFINE FIELD OVERWRITE period ON skp_objection TYPE int ASSERT $value >= 1 AND $value <= 13;
DEFINE FIELD OVERWRITE doc ON skp_objection TYPE string;
DEFINE FIELD OVERWRITE rater ON skp_objection TYPE string;
DEFINE FIELD OVERWRITE original_results ON skp_objection TYPE string ASSERT $value IN ['below', 'meets', 'above'];
DEFINE FIELD OVERWRITE original_behaviour ON skp_objection TYPE string ASSERT $value IN ['below', 'meets', 'above'];
DEFINE FIELD OVERWRITE filed_at ON skp_objection TYPE datetime DEFAULT time::now();
DEFINE FIELD OVERWRITE due ON skp_objection TYPE datetime;
DEFINE FIELD OVERWRITE state ON skp_objection TYPE string ASSERT $value IN ['filed', 'upheld', 'rejected'];
DEFINE FIELD OVERWRITE decision_reason ON skp_objection TYPE string DEFAULT '';
DEFINE FIELD OVERWRITE decided_by ON skp_objection TYPE option<string>;
DEFINE FIELD OVERWRITE decided_at ON skp_objection TYPE option<datetime>;
DEFINE FIELD OVERWRITE new_results ON skp_objection TYPE option<string>;
DEFINE FIELD OVERWRITE new_behaviour ON skp_objection TYPE option<string>;
DEFINE INDEX OVERWRITE skp_objection_employee ON skp_objection FIELDS employee, year, period UNIQUE;
DEFINE INDEX OVERWRITE skp_objection_state ON skp_objection FIELDS state;
DEFINE EVENT OVERWRITE skp_objection_decided_is_final ON skp_objection
    WHEN $event = 'UPDATE' AND $before.state != 'filed' THEN {
    THROW "decided: a decided objection is final";
};
DEFINE FIELD OVERWRITE by_objection ON skp_eval TYPE bool DEFAULT false;

DEFINE TABLE OVERWRITE skp_note SCHEMAFULL;
DEFINE FIELD OVERWRITE employee ON skp_note TYPE record<employee>;
DEFINE FIELD OVERWRITE year ON skp_note TYPE int ASSERT $value >= 2000 AND $value <= 2100;
DEFINE FIELD OVERWRITE about ON skp_note TYPE string;
DEFINE FIELD OVERWRITE author ON skp_note TYPE string;
DEFINE FIELD OVERWRITE text ON skp_note TYPE string;
DEFINE FIELD OVERWRITE reply_to ON skp_note TYPE option<record<skp_note>>;
DEFINE FIELD OVERWRITE created_at ON skp_note TYPE datetime DEFAULT time::now();
DEFINE INDEX OVERWRITE skp_note_employee ON skp_note FIELDS employee, year;
"#;

/// Evidence files are stored with the record (bytes, at most 2 MiB each, checked by the service) so that a backup of
/// the database holds them and nothing else on disk has to be secured.
const V12: &str = r#"
DEFINE TABLE OVERWRITE skp_evidence SCHEMAFULL;
DEFINE FIELD OVERWRITE employee ON skp_evidence TYPE record<employee>;
DEFINE FIELD OVERWRITE year ON skp_evidence TYPE int ASSERT $value >= 2000 AND $value <= 2100;
DEFINE FIELD OVERWRITE period ON skp_evidence TYPE int ASSERT $value >= 1 AND $value <= 13;
DEFINE FIELD OVERWRITE row ON skp_evidence TYPE string;
DEFINE FIELD OVERWRITE name ON skp_evidence TYPE string;
DEFINE FIELD OVERWRITE kind ON skp_evidence TYPE string ASSERT $value IN ['pdf', 'png', 'jpeg'];
DEFINE FIELD OVERWRITE size ON skp_evidence TYPE int ASSERT $value > 0 AND $value <= 2097152;
DEFINE FIELD OVERWRITE data ON skp_evidence TYPE bytes;
DEFINE FIELD OVERWRITE uploaded_at ON skp_evidence TYPE datetime DEFAULT time::now();
DEFINE INDEX OVERWRITE skp_evidence_employee ON skp_evidence FIELDS employee, year, period;
"#;

/// Counts the predikat tallies afresh from the stored ratings (each under its person's unit path now).
macro_rules! recount_tallies {
    () => {
        r#"
UPDATE skp_eval SET units = (employee.unit.{..+collect+inclusive}.parent).filter(|$u| $u != NONE).map(|$u| record::id($u))
    WHERE predikat != NONE;
DELETE predikat_tally;
FOR $t IN (SELECT units, year, period, predikat, count() AS n
        FROM (SELECT units, year, period, predikat FROM skp_eval WHERE predikat != NONE SPLIT units)
        GROUP BY units, year, period, predikat) {
    UPSERT type::record('predikat_tally', [$t.units, $t.year, $t.period, $t.predikat])
        SET unit = $t.units, year = $t.year, period = $t.period, predikat = $t.predikat, n = $t.n;
};
"#
    };
}

/// Predikat tallies: how many ratings of a period gave each predikat in a unit and everything below it, kept by the
/// transaction that writes a rating (the rating itself and an objection's decision, through
/// [`crate::repo::skp::TALLY_SQL`]), so that a distribution curve reads five records instead of a period's ratings.
/// Each rating remembers the unit path it was counted under (`units`: the person's unit when rated, then the units
/// above it), so that a later rating or decision moves exactly what it added. The migration counts what is there.
const V13: &str = concat!(
    r#"
DEFINE FIELD OVERWRITE units ON skp_eval TYPE option<array<string>>;
DEFINE TABLE OVERWRITE predikat_tally SCHEMAFULL;
DEFINE FIELD OVERWRITE unit ON predikat_tally TYPE string;
DEFINE FIELD OVERWRITE year ON predikat_tally TYPE int;
DEFINE FIELD OVERWRITE period ON predikat_tally TYPE int;
DEFINE FIELD OVERWRITE predikat ON predikat_tally TYPE string;
DEFINE FIELD OVERWRITE n ON predikat_tally TYPE int DEFAULT 0;
DEFINE INDEX OVERWRITE predikat_tally_period ON predikat_tally FIELDS year, period;
"#,
    recount_tallies!()
);

/// The recount of [`V13`], for tests.
#[cfg(test)]
pub(crate) const RECOUNT_TALLIES_SQL: &str = recount_tallies!();

/// What leadership-programme eligibility needs beyond the organisation: the TMT of the current rank, disciplinary
/// penalties (recorded by HR with level and decision date) and the programmes a person has completed.
const V14: &str = r#"
DEFINE FIELD OVERWRITE rank_since ON employee TYPE option<datetime>;
DEFINE TABLE OVERWRITE penalty SCHEMAFULL;
DEFINE FIELD OVERWRITE employee ON penalty TYPE record<employee>;
DEFINE FIELD OVERWRITE level ON penalty TYPE string ASSERT $value IN ['light', 'moderate', 'severe'];
DEFINE FIELD OVERWRITE kind ON penalty TYPE string ASSERT string::len($value) > 0 AND string::len($value) <= 800;
DEFINE FIELD OVERWRITE decided_on ON penalty TYPE datetime;
DEFINE FIELD OVERWRITE recorded_by ON penalty TYPE string;
DEFINE FIELD OVERWRITE recorded_at ON penalty TYPE datetime DEFAULT time::now();
DEFINE INDEX OVERWRITE penalty_employee ON penalty FIELDS employee;
DEFINE TABLE OVERWRITE programme_done SCHEMAFULL;
DEFINE FIELD OVERWRITE employee ON programme_done TYPE record<employee>;
DEFINE FIELD OVERWRITE programme ON programme_done TYPE string ASSERT $value IN ['pkp', 'pka', 'pkn2', 'pkn1'];
DEFINE FIELD OVERWRITE year ON programme_done TYPE int ASSERT $value >= 1950 AND $value <= 2100;
DEFINE FIELD OVERWRITE recorded_by ON programme_done TYPE string;
DEFINE FIELD OVERWRITE recorded_at ON programme_done TYPE datetime DEFAULT time::now();
DEFINE INDEX OVERWRITE programme_done_employee ON programme_done FIELDS employee, programme UNIQUE;
"#;

/// Cohorts of leadership programmes and the nominations to them (`nomination:[cohort, nip]`): the candidate's
/// supervisor decides first, then HR; a decided nomination never changes (a database event refuses it).
const V15: &str = r#"
DEFINE TABLE OVERWRITE cohort SCHEMAFULL;
DEFINE FIELD OVERWRITE programme ON cohort TYPE string ASSERT $value IN ['pkp', 'pka', 'pkn2', 'pkn1'];
DEFINE FIELD OVERWRITE name ON cohort TYPE string ASSERT string::len($value) > 0 AND string::len($value) <= 480;
DEFINE FIELD OVERWRITE starts ON cohort TYPE datetime;
DEFINE FIELD OVERWRITE ends ON cohort TYPE datetime ASSERT $value >= $this.starts;
DEFINE FIELD OVERWRITE capacity ON cohort TYPE int ASSERT $value >= 1 AND $value <= 200;
DEFINE FIELD OVERWRITE created_by ON cohort TYPE string;
DEFINE FIELD OVERWRITE created_at ON cohort TYPE datetime DEFAULT time::now();
DEFINE TABLE OVERWRITE nomination SCHEMAFULL;
DEFINE FIELD OVERWRITE cohort ON nomination TYPE record<cohort>;
DEFINE FIELD OVERWRITE employee ON nomination TYPE record<employee>;
DEFINE FIELD OVERWRITE state ON nomination TYPE string
    ASSERT $value IN ['nominated', 'supervisor_confirmed', 'confirmed', 'declined'];
DEFINE FIELD OVERWRITE nominated_by ON nomination TYPE string;
DEFINE FIELD OVERWRITE nominated_at ON nomination TYPE datetime DEFAULT time::now();
DEFINE FIELD OVERWRITE supervisor_by ON nomination TYPE option<string>;
DEFINE FIELD OVERWRITE supervisor_reason ON nomination TYPE string DEFAULT '';
DEFINE FIELD OVERWRITE hr_by ON nomination TYPE option<string>;
DEFINE FIELD OVERWRITE hr_reason ON nomination TYPE string DEFAULT '';
DEFINE FIELD OVERWRITE decided_at ON nomination TYPE option<datetime>;
DEFINE INDEX OVERWRITE nomination_cohort ON nomination FIELDS cohort;
DEFINE INDEX OVERWRITE nomination_employee ON nomination FIELDS employee;
DEFINE INDEX OVERWRITE nomination_state ON nomination FIELDS state;
DEFINE EVENT OVERWRITE nomination_decided_is_final ON nomination
    WHEN $event = 'UPDATE' AND $before.state IN ['confirmed', 'declined'] THEN {
    THROW 'a decided nomination is final';
};
"#;

/// Calibration sessions of the talent matrix: the people of a unit with the box their inputs gave when the session
/// opened (`calibration_entry:[session, nip]`), the moves members make (each with a written reason), and on closing
/// the calibrated boxes fixed per person and year (`talent_box:[nip, year]`). A closed session never changes.
const V16: &str = r#"
DEFINE TABLE OVERWRITE calibration SCHEMAFULL;
DEFINE FIELD OVERWRITE unit ON calibration TYPE record<unit>;
DEFINE FIELD OVERWRITE year ON calibration TYPE int;
DEFINE FIELD OVERWRITE state ON calibration TYPE string ASSERT $value IN ['open', 'closed'];
DEFINE FIELD OVERWRITE opened_by ON calibration TYPE string;
DEFINE FIELD OVERWRITE opened_at ON calibration TYPE datetime DEFAULT time::now();
DEFINE FIELD OVERWRITE closed_by ON calibration TYPE option<string>;
DEFINE FIELD OVERWRITE closed_at ON calibration TYPE option<datetime>;
DEFINE INDEX OVERWRITE calibration_unit_year ON calibration FIELDS unit, year;
DEFINE EVENT OVERWRITE calibration_closed_is_final ON calibration
    WHEN $event = 'UPDATE' AND $before.state = 'closed' THEN {
    THROW 'a closed calibration is final';
};
DEFINE TABLE OVERWRITE calibration_entry SCHEMAFULL;
DEFINE FIELD OVERWRITE session ON calibration_entry TYPE record<calibration>;
DEFINE FIELD OVERWRITE employee ON calibration_entry TYPE record<employee>;
DEFINE FIELD OVERWRITE original ON calibration_entry TYPE int ASSERT $value >= 1 AND $value <= 9;
DEFINE FIELD OVERWRITE calibrated ON calibration_entry TYPE int ASSERT $value >= 1 AND $value <= 9;
DEFINE FIELD OVERWRITE jpm ON calibration_entry TYPE float;
DEFINE FIELD OVERWRITE predikats_json ON calibration_entry TYPE string;
DEFINE INDEX OVERWRITE calibration_entry_session ON calibration_entry FIELDS session;
DEFINE TABLE OVERWRITE calibration_move SCHEMAFULL;
DEFINE FIELD OVERWRITE session ON calibration_move TYPE record<calibration>;
DEFINE FIELD OVERWRITE employee ON calibration_move TYPE record<employee>;
DEFINE FIELD OVERWRITE from ON calibration_move TYPE int ASSERT $value >= 1 AND $value <= 9;
DEFINE FIELD OVERWRITE to ON calibration_move TYPE int ASSERT $value >= 1 AND $value <= 9;
DEFINE FIELD OVERWRITE reason ON calibration_move TYPE string
    ASSERT string::len($value) >= 10 AND string::len($value) <= 8000;
DEFINE FIELD OVERWRITE by ON calibration_move TYPE string;
DEFINE FIELD OVERWRITE at ON calibration_move TYPE datetime DEFAULT time::now();
DEFINE INDEX OVERWRITE calibration_move_session ON calibration_move FIELDS session;
DEFINE TABLE OVERWRITE talent_box SCHEMAFULL;
DEFINE FIELD OVERWRITE employee ON talent_box TYPE record<employee>;
DEFINE FIELD OVERWRITE year ON talent_box TYPE int;
DEFINE FIELD OVERWRITE original ON talent_box TYPE int ASSERT $value >= 1 AND $value <= 9;
DEFINE FIELD OVERWRITE calibrated ON talent_box TYPE int ASSERT $value >= 1 AND $value <= 9;
DEFINE FIELD OVERWRITE reason ON talent_box TYPE string DEFAULT '';
DEFINE FIELD OVERWRITE session ON talent_box TYPE record<calibration>;
DEFINE FIELD OVERWRITE fixed_at ON talent_box TYPE datetime DEFAULT time::now();
DEFINE INDEX OVERWRITE talent_box_year ON talent_box FIELDS year;
"#;

const V17: &str = r#"
DEFINE FIELD OVERWRITE education ON employee TYPE option<string>
    ASSERT $value == NONE OR $value IN ['sd', 'smp', 'sma', 'd1', 'd2', 'd3', 'd4', 's1', 's2', 's3'];
"#;

/// Version 18: `meta:talent` moves whenever what the talent matrix reads of people and closed periods' ratings may
/// have changed (besides the hierarchy, which has its own version): a period's state, a predikat of a closed period
/// changed or removed (ratings of a closed period change only that way — through an objection; the seed bumps it
/// after inserting), an employee's active flag, unit or position. Ratings of open periods never move it, so the busy
/// days of rating do not all write one record. Instances keep the active people and the final predikat of closed
/// periods while it holds.
const V18: &str = r#"
DEFINE EVENT OVERWRITE talent_version_eval ON skp_eval
    WHEN ($event = 'DELETE' OR ($event = 'UPDATE' AND $before.predikat != $after.predikat))
        AND (SELECT VALUE state FROM ONLY type::record('skp_period',
            string::concat(<string> $before.year, '_', <string> $before.period))) = 'closed' THEN {
    UPSERT meta:talent SET version = (version ?? 0) + 1;
};
DEFINE EVENT OVERWRITE talent_version_period ON skp_period
    WHEN $event != 'UPDATE' OR $before.state != $after.state OR $before.is_final != $after.is_final THEN {
    UPSERT meta:talent SET version = (version ?? 0) + 1;
};
DEFINE EVENT OVERWRITE talent_version_employee ON employee
    WHEN $event = 'DELETE' OR ($event = 'UPDATE' AND ($before.active != $after.active OR $before.unit != $after.unit
        OR $before.position != $after.position)) THEN {
    UPSERT meta:talent SET version = (version ?? 0) + 1;
};
UPSERT meta:talent SET version = (version ?? 0) + 1;
"#;

/// Version 19: the dashboard keeps everyone's unit, position type, rank, 360° figures and talent box while the
/// hierarchy, talent and reference versions hold; so `meta:talent` also moves when a unit is moved, renamed or
/// removed (a new unit has nobody in it until someone moves there, which moves it), a position's type changes, an employee's rank or education changes, or a calibration fixes a box. All of
/// these are rare HR acts.
const V19: &str = r#"
DEFINE EVENT OVERWRITE talent_version_unit ON unit
    WHEN $event = 'DELETE' OR ($event = 'UPDATE' AND ($before.parent != $after.parent OR $before.name != $after.name)) THEN {
    UPSERT meta:talent SET version = (version ?? 0) + 1;
};
DEFINE EVENT OVERWRITE talent_version_position ON position
    WHEN $event = 'DELETE' OR ($event = 'UPDATE' AND $before.kind != $after.kind) THEN {
    UPSERT meta:talent SET version = (version ?? 0) + 1;
};
DEFINE EVENT OVERWRITE talent_version_employee ON employee
    WHEN $event = 'DELETE' OR ($event = 'UPDATE' AND ($before.active != $after.active OR $before.unit != $after.unit
        OR $before.position != $after.position OR $before.rank != $after.rank
        OR $before.education != $after.education)) THEN {
    UPSERT meta:talent SET version = (version ?? 0) + 1;
};
DEFINE EVENT OVERWRITE talent_version_box ON talent_box THEN {
    UPSERT meta:talent SET version = (version ?? 0) + 1;
};
UPSERT meta:talent SET version = (version ?? 0) + 1;
"#;

/// Version 20: organisation imports. A job keeps the uploaded file (so that applying reads exactly what was
/// previewed), its progress, the preview, a digest of the plan, and after applying the new accounts' set-up link
/// tokens for the person who applied it (`import_link`, one row per new account).
const V20: &str = r#"
DEFINE TABLE OVERWRITE import_job SCHEMAFULL;
DEFINE FIELD OVERWRITE actor ON import_job TYPE string;
DEFINE FIELD OVERWRITE file_name ON import_job TYPE string;
DEFINE FIELD OVERWRITE file ON import_job TYPE bytes;
DEFINE FIELD OVERWRITE created ON import_job TYPE datetime DEFAULT time::now();
DEFINE FIELD OVERWRITE state ON import_job TYPE string ASSERT $value IN ['checking', 'checked', 'applying', 'applied', 'failed'];
DEFINE FIELD OVERWRITE done ON import_job TYPE int DEFAULT 0;
DEFINE FIELD OVERWRITE total ON import_job TYPE int DEFAULT 0;
DEFINE FIELD OVERWRITE deactivate_missing ON import_job TYPE bool DEFAULT false;
DEFINE FIELD OVERWRITE preview_json ON import_job TYPE option<string>;
DEFINE FIELD OVERWRITE digest ON import_job TYPE option<string>;
DEFINE FIELD OVERWRITE failure_json ON import_job TYPE option<string>;
DEFINE FIELD OVERWRITE applied ON import_job TYPE option<datetime>;
DEFINE FIELD OVERWRITE applied_by ON import_job TYPE option<string>;
DEFINE FIELD OVERWRITE accounts_created ON import_job TYPE int DEFAULT 0;
DEFINE INDEX OVERWRITE import_job_created ON import_job FIELDS created;
DEFINE TABLE OVERWRITE import_link SCHEMAFULL;
DEFINE FIELD OVERWRITE job ON import_link TYPE string;
DEFINE FIELD OVERWRITE nip ON import_link TYPE string;
DEFINE FIELD OVERWRITE token ON import_link TYPE string;
DEFINE INDEX OVERWRITE import_link_job ON import_link FIELDS job;
"#;

/// API tokens are keyed by the SHA-256 of their secret (a lookup is one record read; the secret is never stored).
/// Every call made with one is logged in `api_call`. Employees get an index on their NIP (the API pages by it), and
/// import jobs a heartbeat (`beat`) so that one whose server stopped is recognised as such.
const V21: &str = r#"
DEFINE TABLE OVERWRITE api_token SCHEMAFULL;
DEFINE FIELD OVERWRITE name ON api_token TYPE string ASSERT string::len($value) > 0;
DEFINE FIELD OVERWRITE shown ON api_token TYPE string;
DEFINE FIELD OVERWRITE scopes ON api_token TYPE array<string> ASSERT array::len(array::complement($value, ['org:read', 'skp:read', 'results:read', 'org:write'])) == 0;
DEFINE FIELD OVERWRITE account ON api_token TYPE record<account>;
DEFINE FIELD OVERWRITE created ON api_token TYPE datetime DEFAULT time::now();
DEFINE FIELD OVERWRITE expires ON api_token TYPE datetime;
DEFINE FIELD OVERWRITE revoked ON api_token TYPE option<datetime>;
DEFINE FIELD OVERWRITE revoked_by ON api_token TYPE option<string>;
DEFINE FIELD OVERWRITE last_used ON api_token TYPE option<datetime>;
DEFINE FIELD OVERWRITE public_id ON api_token TYPE string;
DEFINE INDEX OVERWRITE api_token_public ON api_token FIELDS public_id UNIQUE;
DEFINE TABLE OVERWRITE api_call SCHEMAFULL;
DEFINE FIELD OVERWRITE token ON api_call TYPE string;
DEFINE FIELD OVERWRITE at ON api_call TYPE datetime DEFAULT time::now();
DEFINE FIELD OVERWRITE method ON api_call TYPE string;
DEFINE FIELD OVERWRITE path ON api_call TYPE string;
DEFINE FIELD OVERWRITE status ON api_call TYPE int;
DEFINE INDEX OVERWRITE api_call_at ON api_call FIELDS at;
DEFINE INDEX OVERWRITE api_call_token ON api_call FIELDS token, at;
DEFINE INDEX OVERWRITE employee_nip ON employee FIELDS nip;
DEFINE FIELD OVERWRITE beat ON import_job TYPE option<datetime>;
"#;

/// Version 22: every instance keeps the sessions it resolved for a few seconds; `meta:sessions.version`, bumped by
/// the database in the transaction of every write that can end a session or change what its holder may do (a
/// session deleted: sign-out, expiry, a password change; an account's roles, state, password or username; a
/// person's name or state), tells every instance on its next request that its kept sessions are stale. Creating a
/// session and touching its `last_seen` change nothing another request relies on.
const V22: &str = r#"
DEFINE EVENT OVERWRITE sessions_session ON session WHEN $event = 'DELETE' THEN {
    UPSERT meta:sessions SET version = (version ?? 0) + 1;
};
DEFINE EVENT OVERWRITE sessions_account ON account WHEN $event = 'DELETE' OR ($event = 'UPDATE' AND (
    $before.roles != $after.roles OR $before.active != $after.active OR $before.password_hash != $after.password_hash
    OR $before.username != $after.username OR $before.employee != $after.employee)) THEN {
    UPSERT meta:sessions SET version = (version ?? 0) + 1;
};
DEFINE EVENT OVERWRITE sessions_employee ON employee WHEN $event = 'DELETE' OR ($event = 'UPDATE' AND (
    $before.name != $after.name OR $before.active != $after.active)) THEN {
    UPSERT meta:sessions SET version = (version ?? 0) + 1;
};
UPSERT meta:sessions SET version = (version ?? 0) + 1;
"#;

/// Version 23: programme eligibility keeps everyone's facts (name, unit, position and its type, rank and its date,
/// birth date) and completed programmes while the hierarchy and talent versions hold; so `meta:talent` also moves
/// when a name, a rank's date or a birth date changes, a position is renamed, or a completion is recorded or removed.
/// All of these are rare HR acts.
const V23: &str = r#"
DEFINE EVENT OVERWRITE talent_version_employee ON employee
    WHEN $event = 'DELETE' OR ($event = 'UPDATE' AND ($before.active != $after.active OR $before.unit != $after.unit
        OR $before.position != $after.position OR $before.rank != $after.rank
        OR $before.education != $after.education OR $before.name != $after.name
        OR $before.rank_since != $after.rank_since OR $before.birth_date != $after.birth_date)) THEN {
    UPSERT meta:talent SET version = (version ?? 0) + 1;
};
DEFINE EVENT OVERWRITE talent_version_position ON position
    WHEN $event = 'DELETE' OR ($event = 'UPDATE' AND ($before.kind != $after.kind OR $before.name != $after.name)) THEN {
    UPSERT meta:talent SET version = (version ?? 0) + 1;
};
DEFINE EVENT OVERWRITE talent_version_completion ON programme_done THEN {
    UPSERT meta:talent SET version = (version ?? 0) + 1;
};
UPSERT meta:talent SET version = (version ?? 0) + 1;
"#;
