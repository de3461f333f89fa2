//! Upper bounds of the free-text fields people type. Every field that is stored has one, checked before anything
//! is written (and by the browser's `maxlength` where a form has the field), so that an oversized value is refused
//! with a clear message instead of being cut silently or filling the database.

/// Names and titles: a competency's name, a training's title or provider, a round's name, a position.
pub const MAX_TITLE: usize = 200;
/// A behaviour item or a level's description in the dictionary.
pub const MAX_DESCRIPTION: usize = 1_000;
/// Notes, comments, reasons and evidence.
pub const MAX_NOTE: usize = 2_000;

/// Whether `text` has at most `max` characters (not bytes: Indonesian and English text alike).
pub fn within(text: &str, max: usize) -> bool {
    text.chars().count() <= max
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_count_characters_not_bytes() {
        assert!(within("", 0));
        assert!(within(&"é".repeat(MAX_TITLE), MAX_TITLE));
        assert!(!within(&"é".repeat(MAX_TITLE + 1), MAX_TITLE));
        assert!(within(&"a".repeat(MAX_NOTE), MAX_NOTE));
        assert!(!within(&"a".repeat(MAX_NOTE + 1), MAX_NOTE));
    }
}
