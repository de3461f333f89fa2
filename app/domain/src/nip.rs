//! NIP (Nomor Induk Pegawai): the 18-digit natural key of a civil servant.
//!
//! Layout: `YYYYMMDD` birth date, `YYYYMM` start of civil service (TMT CPNS), `G` gender (1 male, 2 female),
//! `NNN` sequence. [`Nip::parse`] checks every embedded part, so a `Nip` value is always meaningful.

use serde::{Deserialize, Serialize};
use std::fmt;
use time::{Date, Month};

/// Minimum age at the start of civil service (TMT CPNS), in years.
pub const MIN_AGE_AT_START: i32 = 18;

/// Why a string is not a valid NIP.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum NipError {
    #[error("NIP must have exactly 18 digits (got {0})")]
    Length(usize),
    #[error("NIP may contain digits only")]
    NotDigits,
    #[error("the birth date in the NIP is not a real date")]
    BirthDate,
    #[error("the start of service (TMT CPNS) in the NIP is not a real month")]
    StartDate,
    #[error("the start of service must be at least 18 years after the birth date")]
    StartTooEarly,
    #[error("the gender digit of the NIP must be 1 (male) or 2 (female)")]
    Gender,
    #[error("the sequence number of the NIP cannot be 000")]
    Sequence,
}

/// Gender as encoded in the NIP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Gender {
    Male,
    Female,
}

impl Gender {
    /// The code used in Indonesian personnel records: `L` (laki-laki) or `P` (perempuan).
    pub fn code(self) -> &'static str {
        match self {
            Gender::Male => "L",
            Gender::Female => "P",
        }
    }

    /// Parses the `L`/`P` code back.
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "L" => Some(Gender::Male),
            "P" => Some(Gender::Female),
            _ => None,
        }
    }
}

/// A validated NIP. The only way to build one is [`Nip::parse`] (or `TryFrom<&str>`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Nip(String);

impl Nip {
    /// Parses and validates a NIP. Spaces and dots, which people type to group the digits, are ignored.
    pub fn parse(input: &str) -> Result<Self, NipError> {
        let digits: String = input.chars().filter(|c| !c.is_whitespace() && *c != '.').collect();
        if !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(NipError::NotDigits);
        }
        if digits.len() != 18 {
            return Err(NipError::Length(digits.len()));
        }
        let num = |range: std::ops::Range<usize>| -> i32 {
            digits[range].bytes().fold(0, |acc, b| acc * 10 + i32::from(b - b'0'))
        };
        let birth = make_date(num(0..4), num(4..6), num(6..8)).ok_or(NipError::BirthDate)?;
        let start = make_date(num(8..12), num(12..14), 1).ok_or(NipError::StartDate)?;
        if start.year() < 1900 {
            return Err(NipError::StartDate);
        }
        let earliest = (birth.year() + MIN_AGE_AT_START, u8::from(birth.month()));
        if (start.year(), u8::from(start.month())) < earliest {
            return Err(NipError::StartTooEarly);
        }
        match num(14..15) {
            1 | 2 => {}
            _ => return Err(NipError::Gender),
        }
        if num(15..18) == 0 {
            return Err(NipError::Sequence);
        }
        Ok(Nip(digits))
    }

    /// The 18 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Birth date embedded in the NIP.
    pub fn birth_date(&self) -> Date {
        self.date_at(0, 4, 6)
    }

    /// First day of the month service started (TMT CPNS).
    pub fn service_start(&self) -> Date {
        self.date_at(8, 12, usize::MAX)
    }

    /// Gender embedded in the NIP.
    pub fn gender(&self) -> Gender {
        if self.0.as_bytes()[14] == b'2' { Gender::Female } else { Gender::Male }
    }

    /// The three-digit sequence number.
    pub fn sequence(&self) -> u16 {
        self.0[15..18].parse().unwrap_or(1)
    }

    /// The NIP grouped the way it is printed on official documents: `19850315 201001 1 002`.
    pub fn display_grouped(&self) -> String {
        format!("{} {} {} {}", &self.0[0..8], &self.0[8..14], &self.0[14..15], &self.0[15..18])
    }

    fn date_at(&self, y: usize, m: usize, d: usize) -> Date {
        let n = |a: usize, b: usize| self.0[a..b].parse::<i32>().unwrap_or(1);
        let day = if d == usize::MAX { 1 } else { n(d, d + 2) };
        // Validated in `parse`, so the fallback is unreachable in practice.
        make_date(n(y, y + 4), n(m, m + 2), day).unwrap_or(Date::MIN)
    }
}

fn make_date(year: i32, month: i32, day: i32) -> Option<Date> {
    let month = Month::try_from(u8::try_from(month).ok()?).ok()?;
    let date = Date::from_calendar_date(year, month, u8::try_from(day).ok()?).ok()?;
    (1900..=2100).contains(&year).then_some(date)
}

/// Builds the NIP for the given parts (used by the demo generator). Returns an error when the parts are invalid.
pub fn compose(birth: Date, start_year: i32, start_month: u8, gender: Gender, sequence: u16) -> Result<Nip, NipError> {
    let g = match gender {
        Gender::Male => 1,
        Gender::Female => 2,
    };
    Nip::parse(&format!(
        "{:04}{:02}{:02}{:04}{:02}{}{:03}",
        birth.year(),
        u8::from(birth.month()),
        birth.day(),
        start_year,
        start_month,
        g,
        sequence % 1000
    ))
}

impl fmt::Display for Nip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Nip {
    type Error = NipError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Nip::parse(&value)
    }
}

impl TryFrom<&str> for Nip {
    type Error = NipError;
    fn try_from(value: &str) -> Result<Self, Self::Error> {
        Nip::parse(value)
    }
}

impl From<Nip> for String {
    fn from(value: Nip) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_well_formed_nip_exposes_its_parts() {
        let nip = Nip::parse("198503152010011002").unwrap();
        assert_eq!(nip.birth_date(), Date::from_calendar_date(1985, Month::March, 15).unwrap());
        assert_eq!(nip.service_start(), Date::from_calendar_date(2010, Month::January, 1).unwrap());
        assert_eq!(nip.gender(), Gender::Male);
        assert_eq!(nip.sequence(), 2);
        assert_eq!(nip.display_grouped(), "19850315 201001 1 002");
    }

    #[test]
    fn spaces_and_dots_typed_by_people_are_ignored() {
        assert_eq!(Nip::parse("19850315 201001 2 002").unwrap().as_str(), "198503152010012002");
        assert_eq!(Nip::parse("19850315.201001.2.002").unwrap().gender(), Gender::Female);
    }

    #[test]
    fn wrong_lengths_and_letters_are_refused() {
        assert_eq!(Nip::parse("12345"), Err(NipError::Length(5)));
        assert_eq!(Nip::parse("19850315201001100X"), Err(NipError::NotDigits));
        assert_eq!(Nip::parse(""), Err(NipError::Length(0)));
    }

    #[test]
    fn impossible_embedded_dates_are_refused() {
        assert_eq!(Nip::parse("198502302010011002"), Err(NipError::BirthDate));
        assert_eq!(Nip::parse("198513152010011002"), Err(NipError::BirthDate));
        assert_eq!(Nip::parse("198503152010131002"), Err(NipError::StartDate));
        assert_eq!(Nip::parse("198503152000011002"), Err(NipError::StartTooEarly));
    }

    #[test]
    fn gender_digit_and_sequence_are_checked() {
        assert_eq!(Nip::parse("198503152010013002"), Err(NipError::Gender));
        assert_eq!(Nip::parse("198503152010010002"), Err(NipError::Gender));
        assert_eq!(Nip::parse("198503152010011000"), Err(NipError::Sequence));
    }

    #[test]
    fn leap_day_birth_dates_are_valid_only_in_leap_years() {
        assert!(Nip::parse("198402292010011001").is_ok());
        assert_eq!(Nip::parse("198502292010011001"), Err(NipError::BirthDate));
    }

    #[test]
    fn serde_round_trip_validates() {
        let json = serde_json::to_string(&Nip::parse("198503152010011002").unwrap()).unwrap();
        assert_eq!(json, "\"198503152010011002\"");
        assert!(serde_json::from_str::<Nip>("\"198513152010011002\"").is_err());
    }

    proptest! {
        #[test]
        fn composed_nips_parse_back_to_their_parts(
            year in 1950i32..2000, month in 1u8..=12, day in 1u8..=28,
            extra in 18i32..30, smonth in 1u8..=12, female in any::<bool>(), seq in 1u16..=999,
        ) {
            let birth = Date::from_calendar_date(year, Month::try_from(month).unwrap(), day).unwrap();
            let gender = if female { Gender::Female } else { Gender::Male };
            let start_year = year + extra + 1;
            let nip = compose(birth, start_year, smonth, gender, seq).unwrap();
            prop_assert_eq!(nip.birth_date(), birth);
            prop_assert_eq!(nip.gender(), gender);
            prop_assert_eq!(nip.sequence(), seq);
            prop_assert_eq!(nip.service_start().year(), start_year);
            prop_assert_eq!(Nip::parse(&nip.display_grouped()).unwrap(), nip);
        }

        #[test]
        fn parse_never_panics_and_accepts_only_18_digits(s in "\\PC{0,24}") {
            if let Ok(nip) = Nip::parse(&s) {
                prop_assert_eq!(nip.as_str().len(), 18);
                prop_assert!(nip.as_str().bytes().all(|b| b.is_ascii_digit()));
            }
        }

        #[test]
        fn any_digit_string_of_other_length_is_refused(s in "[0-9]{0,17}|[0-9]{19,25}") {
            prop_assert_eq!(Nip::parse(&s), Err(NipError::Length(s.len())));
        }
    }
}
