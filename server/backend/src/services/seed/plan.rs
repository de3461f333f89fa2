//! The demo agency planned in memory before it is written: units, positions, people and who reports to whom.

use super::{Rng, names};
use crate::repo::seed::{NewEmployee, NewPosition, NewUnit};
use anyhow::{Context, bail};
use domain::nip::compose;
use domain::{Gender, PositionKind, Rank};
use std::collections::HashMap;
use time::{Date, Month};

pub(super) struct Person {
    pub(super) nip: String,
    pub(super) unit: String,
    pub(super) supervisor: Option<String>,
}

/// Builds the agency in memory.
pub(super) struct Plan {
    pub(super) rng: Rng,
    pub(super) units: Vec<NewUnit>,
    pub(super) positions: Vec<NewPosition>,
    pub(super) position_index: HashMap<(String, String), String>,
    pub(super) employees: Vec<NewEmployee>,
    pub(super) people: Vec<Person>,
    pub(super) leaders: Vec<(String, String)>,
    pub(super) nip_seq: HashMap<String, u16>,
}

impl Plan {
    pub(super) fn unit(
        &mut self,
        key: String,
        name: String,
        kind: &'static str,
        parent: Option<&str>,
        depth: u32,
    ) -> String {
        let ord = self.units.iter().filter(|u| u.parent.as_deref() == parent).count() as u32;
        self.units.push(NewUnit {
            key: key.clone(),
            name,
            kind,
            parent: parent.map(Into::into),
            depth,
            ord,
            leader: None,
        });
        key
    }

    pub(super) fn position(&mut self, unit: &str, name: &str, kind: PositionKind) -> String {
        let k = (unit.to_string(), name.to_string());
        if let Some(key) = self.position_index.get(&k) {
            return key.clone();
        }
        let key = format!("{unit}-p{}", self.positions.len());
        self.positions.push(NewPosition { key: key.clone(), name: name.into(), kind: kind.code(), unit: unit.into() });
        self.position_index.insert(k, key.clone());
        key
    }

    /// Adds one person; returns their NIP.
    pub(super) fn person(
        &mut self,
        unit: &str,
        position_name: &str,
        kind: PositionKind,
        supervisor: Option<&str>,
    ) -> anyhow::Result<String> {
        let position = self.position(unit, position_name, kind);
        let (lo, hi) = kind.rank_range();
        let span = hi as usize - lo as usize + 1;
        let rank = Rank::ALL[lo as usize + self.rng.below(span)];
        let female = self.rng.chance(48);
        let gender = if female { Gender::Female } else { Gender::Male };
        // Years of service grow with rank: graduates enter at III/a, school leavers at II/a.
        let entry = if rank >= Rank::IIIa { Rank::IIIa } else { Rank::IIa };
        let steps = (rank as i32 - entry as i32).max(0);
        let service_years = 1 + steps * 4 + self.rng.below(4) as i32;
        let start_year = 2025 - service_years;
        let start_month = [1u8, 1, 1, 3, 3, 4, 6, 12][self.rng.below(8)];
        let age_at_start = if entry == Rank::IIIa { 23 } else { 19 } + self.rng.below(7) as i32;
        let birth_year = start_year - age_at_start;
        let birth = Date::from_calendar_date(
            birth_year,
            Month::try_from(1 + self.rng.below(12) as u8).unwrap_or(Month::January),
            1 + self.rng.below(28) as u8,
        )
        .context("making a birth date")?;
        let prefix = format!("{birth}{start_year}{start_month}{}", gender.code());
        let seq = self.nip_seq.entry(prefix).or_insert(0);
        *seq += 1;
        if *seq > 999 {
            bail!("ran out of NIP sequence numbers");
        }
        let nip = compose(birth, start_year, start_month, gender, *seq).context("composing a NIP")?;
        // Ranks rise about every four years, in April or October; derived from the NIP, so that the rest of the
        // demo stays as it was.
        let h = nip.as_str().bytes().fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
        let since_year = (start_year + steps * 4 + (h % 3) as i32).min(2025);
        let rank_since = format!("{since_year}-{:02}-01T00:00:00Z", if h % 2 == 0 { 4 } else { 10 });
        let (first, name) = names::full_name(&mut || self.rng.next(), female, rank >= Rank::IIIa);
        let email = Some(format!("{}.{}@bkpsdm.demo.go.id", first.to_lowercase(), &nip.as_str()[14..]));
        self.employees.push(NewEmployee {
            nip: nip.to_string(),
            name,
            email,
            rank: rank.code(),
            gender: gender.code(),
            birth_date: format!("{birth}T00:00:00Z"),
            service_start: format!("{}T00:00:00Z", nip.service_start()),
            rank_since,
            unit: unit.into(),
            position,
            education: Some(demo_education(rank, h)),
        });
        self.people.push(Person { nip: nip.to_string(), unit: unit.into(), supervisor: supervisor.map(Into::into) });
        Ok(nip.to_string())
    }

    pub(super) fn lead(
        &mut self,
        unit: &str,
        position_name: &str,
        kind: PositionKind,
        supervisor: Option<&str>,
    ) -> anyhow::Result<String> {
        let nip = self.person(unit, position_name, kind, supervisor)?;
        self.leaders.push((unit.to_string(), nip.clone()));
        Ok(nip)
    }

    pub(super) fn staff(&mut self, unit: &str, supervisor: &str, field: usize) -> anyhow::Result<String> {
        let (name, kind) = *self.rng.pick(names::staff_positions(field));
        self.person(unit, name, kind, Some(supervisor))
    }
}

/// A demo person's highest education, plausible for their rank and derived from the NIP's hash (so that the rest
/// of the demo stays as it was).
fn demo_education(rank: Rank, h: u32) -> domain::Education {
    use domain::Education as E;
    let pick = (h / 7) % 10;
    if rank >= Rank::IVa {
        [E::S2, E::S2, E::S2, E::S2, E::S2, E::S3, E::S3, E::S1, E::S1, E::S2][pick as usize]
    } else if rank >= Rank::IIIa {
        [E::S1, E::S1, E::S1, E::S1, E::S1, E::S2, E::S2, E::D4, E::S1, E::S2][pick as usize]
    } else if rank >= Rank::IIa {
        [E::D3, E::D3, E::Sma, E::Sma, E::D3, E::Sma, E::D2, E::D3, E::Sma, E::D1][pick as usize]
    } else {
        [E::Sma, E::Sma, E::Smp, E::Sma, E::Sd, E::Smp, E::Sma, E::Sma, E::Smp, E::Sma][pick as usize]
    }
}
