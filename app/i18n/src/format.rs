//! Numbers as each language writes them: a decimal comma in Indonesian, and rupiah with dots between thousands.

use super::Lang;

/// Two decimals, with a comma in Indonesian.
pub fn num(x: f64, lang: Lang) -> String {
    let s = format!("{x:.2}");
    if lang == Lang::Id { s.replace('.', ",") } else { s }
}

/// Like [`num`], with a `+` in front of a positive number (a gap above the standard).
pub fn signed(x: f64, lang: Lang) -> String {
    let s = num(x, lang);
    if x > 0.0 { format!("+{s}") } else { s }
}

/// Rupiah with thousands separators (`Rp2.500.000`).
pub fn rupiah(x: u64) -> String {
    let digits = x.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    format!("Rp{out}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indonesian_numbers_use_a_decimal_comma_and_dotted_thousands() {
        assert_eq!(num(3.456, Lang::Id), "3,46");
        assert_eq!(num(3.456, Lang::En), "3.46");
        assert_eq!(signed(0.5, Lang::Id), "+0,50");
        assert_eq!(signed(-0.5, Lang::En), "-0.50");
        assert_eq!(rupiah(2_500_000), "Rp2.500.000");
        assert_eq!(rupiah(999), "Rp999");
    }
}
