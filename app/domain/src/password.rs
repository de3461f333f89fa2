//! What a new password must be: long enough, not one of the passwords every attacker tries first, and not the
//! person's own NIP or username. Checked the same way in the browser (as the person types) and on the server.

/// The shortest password accepted.
pub const MIN_PASSWORD: usize = 10;
/// The longest password accepted (hashing longer input is only work for an attacker's benefit).
pub const MAX_PASSWORD: usize = 256;

/// Why a new password is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PasswordProblem {
    #[error("too short")]
    TooShort,
    #[error("too long")]
    TooLong,
    #[error("too common")]
    Common,
    #[error("contains the person's own identifier")]
    ContainsIdentifier,
    #[error("the two entries differ")]
    Mismatch,
}

/// Passwords (lower-cased) that guessing tools try first, with the local favourites.
const COMMON: &[&str] = &[
    "password",
    "password1",
    "password123",
    "passw0rd",
    "p@ssw0rd",
    "p@ssword",
    "qwerty",
    "qwertyuiop",
    "qwerty123",
    "1q2w3e4r",
    "1q2w3e4r5t",
    "1qaz2wsx",
    "zaq12wsx",
    "asdfghjkl",
    "abc123",
    "abcd1234",
    "iloveyou",
    "admin",
    "admin123",
    "administrator",
    "welcome",
    "welcome1",
    "letmein",
    "monkey",
    "dragon",
    "football",
    "baseball",
    "sunshine",
    "princess",
    "starwars",
    "superman",
    "trustno1",
    "master",
    "whatever",
    "changeme",
    "secret",
    "default",
    "kinerja",
    "kinerja123",
    "kinerja-demo",
    "rahasia",
    "rahasia123",
    "bismillah",
    "bismillah123",
    "indonesia",
    "indonesia45",
    "merdeka",
    "merdeka45",
    "jakarta",
    "sayang",
    "sayangku",
    "cintaku",
    "katasandi",
    "katasandi123",
    "sandi123",
    "pegawai",
    "pegawai123",
    "asn12345",
    "pns12345",
    "bkn12345",
    "bkpsdm",
    "bpsdm123",
    "garuda",
    "pancasila",
    "nusantara",
    "selamat",
    "masuk123",
    "test1234",
    "testing",
    "testing123",
    "user1234",
    "login123",
    "qwe123",
    "qweasdzxc",
    "asdf1234",
    "zxcvbnm",
    "987654321",
];

fn is_trivial(lower: &str) -> bool {
    let chars: Vec<char> = lower.chars().collect();
    let same = chars.windows(2).all(|w| w[0] == w[1]);
    let step = |d: i32| chars.windows(2).all(|w| w[1] as i32 - w[0] as i32 == d);
    same || step(1) || step(-1)
}

/// Checks a new password (typed twice) against the rules. `identifiers` are the person's NIP and username.
pub fn check_new_password(password: &str, again: &str, identifiers: &[&str]) -> Result<(), PasswordProblem> {
    if password != again {
        return Err(PasswordProblem::Mismatch);
    }
    let n = password.chars().count();
    if n < MIN_PASSWORD {
        return Err(PasswordProblem::TooShort);
    }
    if password.len() > MAX_PASSWORD {
        return Err(PasswordProblem::TooLong);
    }
    let lower = password.to_lowercase();
    let core = lower.trim_end_matches(|c: char| c.is_ascii_digit() || "!@#$%.?*_-".contains(c));
    // Digits and symbols alone (a date, a phone number, `1234567890`) are what guessing tools try after words.
    if core.is_empty() || COMMON.contains(&lower.as_str()) || COMMON.contains(&core) || is_trivial(&lower) {
        return Err(PasswordProblem::Common);
    }
    let contains = |id: &&str| {
        let id = id.trim().to_lowercase();
        id.chars().count() >= 4 && lower.contains(&id)
    };
    if identifiers.iter().any(contains) {
        return Err(PasswordProblem::ContainsIdentifier);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn good_passwords_pass_and_weak_ones_say_why() {
        let ids = ["198503152010011002", "pegawai"];
        assert_eq!(check_new_password("Kopi-tubruk pagi 7", "Kopi-tubruk pagi 7", &ids), Ok(()));
        assert_eq!(check_new_password("pendek", "pendek", &ids), Err(PasswordProblem::TooShort));
        assert_eq!(check_new_password("Password123", "Password123", &ids), Err(PasswordProblem::Common));
        assert_eq!(check_new_password("bismillah2026!", "bismillah2026!", &ids), Err(PasswordProblem::Common));
        assert_eq!(check_new_password("aaaaaaaaaaaa", "aaaaaaaaaaaa", &ids), Err(PasswordProblem::Common));
        assert_eq!(check_new_password("1234567890", "1234567890", &ids), Err(PasswordProblem::Common));
        assert_eq!(
            check_new_password("x198503152010011002", "x198503152010011002", &ids),
            Err(PasswordProblem::ContainsIdentifier)
        );
        assert_eq!(
            check_new_password("Halo-Pegawai-99", "Halo-Pegawai-99", &ids),
            Err(PasswordProblem::ContainsIdentifier)
        );
        assert_eq!(
            check_new_password("Kopi-tubruk pagi 7", "Kopi-tubruk pagi 8", &ids),
            Err(PasswordProblem::Mismatch)
        );
        assert_eq!(check_new_password(&"é".repeat(200), &"é".repeat(200), &ids), Err(PasswordProblem::TooLong));
    }

    proptest! {
        #[test]
        fn an_accepted_password_meets_every_rule(pw in "\\PC{0,30}") {
            if check_new_password(&pw, &pw, &["pegawai"]).is_ok() {
                prop_assert!(pw.chars().count() >= MIN_PASSWORD);
                prop_assert!(!pw.to_lowercase().contains("pegawai"));
                prop_assert!(!COMMON.contains(&pw.to_lowercase().as_str()));
            }
        }
    }
}
