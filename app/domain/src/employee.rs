//! Parsed inputs for employee records: names and e-mail addresses.

use serde::{Deserialize, Serialize};

/// Why a name or e-mail address was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum NameError {
    #[error("the name is empty")]
    Empty,
    #[error("the name is longer than 120 characters")]
    TooLong,
    #[error("the name contains characters that are not allowed")]
    BadCharacters,
    #[error("the e-mail address is not valid")]
    Email,
}

/// A person's full name, with titles (e.g. `Dr. Siti Rahma, S.E., M.Si.`). Trimmed, whitespace collapsed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmployeeName(String);

impl EmployeeName {
    pub fn parse(input: &str) -> Result<Self, NameError> {
        let name = input.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            return Err(NameError::Empty);
        }
        if name.chars().count() > 120 {
            return Err(NameError::TooLong);
        }
        let allowed = |c: char| c.is_alphabetic() || c == ' ' || ".,'-`’()".contains(c);
        if !name.chars().all(allowed) {
            return Err(NameError::BadCharacters);
        }
        Ok(EmployeeName(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An e-mail address: one `@`, a dotted domain, no spaces. Lower-cased.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(input: &str) -> Result<Self, NameError> {
        let email = input.trim().to_lowercase();
        let mut parts = email.split('@');
        let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(NameError::Email);
        };
        let ok = !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && email.len() <= 254
            && !email.chars().any(char::is_whitespace);
        if ok { Ok(EmailAddress(email)) } else { Err(NameError::Email) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The highest education a person has completed (*pendidikan terakhir*), as SIASN records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Education {
    Sd,
    Smp,
    Sma,
    D1,
    D2,
    D3,
    D4,
    S1,
    S2,
    S3,
}

impl Education {
    pub const ALL: [Education; 10] = [
        Education::Sd,
        Education::Smp,
        Education::Sma,
        Education::D1,
        Education::D2,
        Education::D3,
        Education::D4,
        Education::S1,
        Education::S2,
        Education::S3,
    ];

    /// The code stored in the database.
    pub const fn code(self) -> &'static str {
        match self {
            Education::Sd => "sd",
            Education::Smp => "smp",
            Education::Sma => "sma",
            Education::D1 => "d1",
            Education::D2 => "d2",
            Education::D3 => "d3",
            Education::D4 => "d4",
            Education::S1 => "s1",
            Education::S2 => "s2",
            Education::S3 => "s3",
        }
    }

    /// The official label (the same in both UI languages).
    pub const fn label(self) -> &'static str {
        match self {
            Education::Sd => "SD",
            Education::Smp => "SMP",
            Education::Sma => "SMA/SMK",
            Education::D1 => "D-I",
            Education::D2 => "D-II",
            Education::D3 => "D-III",
            Education::D4 => "D-IV",
            Education::S1 => "S-1",
            Education::S2 => "S-2",
            Education::S3 => "S-3",
        }
    }

    /// A code or a label as people write it (`S1`, `s-1`, `D IV`, `SMK`), or `None`.
    pub fn parse(text: &str) -> Option<Education> {
        let t: String = text.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase();
        let t = match t.as_str() {
            "smk" | "slta" | "ma" | "smasmk" => "sma",
            "sltp" | "mts" => "smp",
            "di" => "d1",
            "dii" => "d2",
            "diii" => "d3",
            "div" => "d4",
            other => other,
        };
        Education::ALL.into_iter().find(|e| e.code() == t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names_with_academic_titles_are_accepted_and_tidied() {
        let n = EmployeeName::parse("  Dr.  Siti   Rahma, S.E., M.Si. ").unwrap();
        assert_eq!(n.as_str(), "Dr. Siti Rahma, S.E., M.Si.");
    }

    #[test]
    fn empty_and_scripted_names_are_refused() {
        assert_eq!(EmployeeName::parse("   "), Err(NameError::Empty));
        assert_eq!(EmployeeName::parse("<script>"), Err(NameError::BadCharacters));
    }

    #[test]
    fn email_addresses_need_a_domain() {
        assert_eq!(EmailAddress::parse("Budi@BKPSDM.go.id").unwrap().as_str(), "budi@bkpsdm.go.id");
        assert!(EmailAddress::parse("budi@localhost").is_err());
        assert!(EmailAddress::parse("budi").is_err());
        assert!(EmailAddress::parse("a@b@c.id").is_err());
    }

    proptest! {
        #[test]
        fn parsed_names_are_never_empty_or_padded(s in "\\PC{0,140}") {
            if let Ok(n) = EmployeeName::parse(&s) {
                prop_assert!(!n.as_str().is_empty());
                prop_assert_eq!(n.as_str().trim(), n.as_str());
                prop_assert!(!n.as_str().contains("  "));
            }
        }
    }

    #[test]
    fn education_is_read_as_people_write_it() {
        for e in Education::ALL {
            assert_eq!(Education::parse(e.code()), Some(e));
            assert_eq!(Education::parse(e.label()), Some(e), "{}", e.label());
        }
        assert_eq!(Education::parse(" s-1 "), Some(Education::S1));
        assert_eq!(Education::parse("D IV"), Some(Education::D4));
        assert_eq!(Education::parse("SMK"), Some(Education::Sma));
        assert_eq!(Education::parse("S4"), None);
        assert_eq!(Education::parse(""), None);
    }
}
