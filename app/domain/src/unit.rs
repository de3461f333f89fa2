//! Rules for the reporting hierarchy that do not need the database.

/// A unit key (the record key of a unit).
pub type UnitKey = String;

/// Whether making `employee` report to `new_supervisor` would close a loop, given the new supervisor's chain of
/// supervisors (nearest first, up to the head). A person can never report to themselves or to anyone below them.
pub fn would_create_cycle(employee: &str, new_supervisor: &str, supervisor_chain: &[String]) -> bool {
    employee == new_supervisor || supervisor_chain.iter().any(|s| s == employee)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reporting_to_oneself_is_a_cycle() {
        assert!(would_create_cycle("a", "a", &[]));
    }

    #[test]
    fn reporting_to_someone_below_is_a_cycle() {
        // c reports to b, b reports to a: a may not report to c.
        assert!(would_create_cycle("a", "c", &["b".into(), "a".into()]));
        assert!(!would_create_cycle("c", "a", &[]));
    }
}
