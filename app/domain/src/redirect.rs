//! Where a redirect may go: only to a path on this site. One rule for every redirect (sign-in's `next`, the
//! language switch, no-JavaScript form posts), so that no user-controlled value can send a person to another
//! site or make a response header invalid.

/// The longest redirect target kept; anything longer goes home.
pub const MAX_NEXT: usize = 2_000;

/// `next` when it is a safe local path, otherwise `/`.
///
/// Safe means: it starts with a single `/` (not `//` or `/\`, which browsers read as another host), contains no
/// backslash, and only visible ASCII (no spaces, control characters or non-ASCII, which would also make the
/// `Location` header invalid). Percent-encoded text stays encoded, so it stays a path on this site; still, an
/// encoded backslash anywhere or an encoded slash right after the first one (`/%2F…`, `/%5C…`) is refused, in case
/// a proxy in front of Kinerja decodes paths before the browser sees them.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if is_safe(n) => n.to_string(),
        _ => "/".to_string(),
    }
}

fn is_safe(n: &str) -> bool {
    let bytes = n.as_bytes();
    n.len() <= MAX_NEXT
        && bytes.first() == Some(&b'/')
        && !matches!(bytes.get(1), Some(b'/' | b'\\'))
        && bytes.iter().all(|b| b.is_ascii_graphic() && *b != b'\\')
        && !n.to_ascii_lowercase().contains("%5c")
        && !n.get(1..4).is_some_and(|s| s.eq_ignore_ascii_case("%2f"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn local_paths_are_kept_and_everything_else_goes_home() {
        for ok in ["/", "/rounds/r1?assigned=1", "/competencies#c-m01", "/login?next=%2F%2Fevil"] {
            assert_eq!(safe_next(Some(ok)), ok);
        }
        for bad in [
            "//evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "https://evil.example",
            "evil",
            "",
            "/ok\r\nSet-Cookie: x=1",
            "/pegawai/é",
            "/a b",
            "/\tx",
            "/x\\y",
            " /x",
            "javascript:alert(1)",
            "/%5Cevil.example",
            "/%5cevil.example",
            "/%2F%2Fevil.example",
            "/%2fevil.example",
            "/x/%5C%5Cevil",
        ] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad:?}");
        }
        assert_eq!(safe_next(None), "/");
        assert_eq!(safe_next(Some(&format!("/{}", "a".repeat(MAX_NEXT)))), "/");
    }

    proptest! {
        #[test]
        fn a_redirect_never_leaves_the_site_nor_breaks_a_header(s in "\\PC{0,40}", prefix in prop::sample::select(vec!["", "/", "//", "/\\", "\\", "http:"])) {
            let out = safe_next(Some(&format!("{prefix}{s}")));
            let b = out.as_bytes();
            prop_assert_eq!(b[0], b'/');
            prop_assert!(!matches!(b.get(1), Some(b'/' | b'\\')));
            prop_assert!(b.iter().all(|c| c.is_ascii_graphic() && *c != b'\\'));
            // What a browser would resolve it to is a path of this site: no scheme or authority can appear.
            prop_assert!(!out.starts_with("//"));
        }
    }
}
