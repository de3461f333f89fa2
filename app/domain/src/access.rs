//! Who may read whom: the one place the access rules are written. Pure functions over a viewer's [`Reach`]; the
//! backend resolves the reach (and the hierarchy it applies to) once per request and every service asks these
//! rules, so a page shows exactly what its service allows.

use crate::role::{ProfileAccess, Role, Roles};

/// How far a viewer sees people's records (profile details, reports, development plans, round progress).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// HR and the head of agency: everyone.
    Everyone,
    /// A supervisor: themselves and everyone below them, directly or not.
    Subtree,
    /// Anyone else: only themselves.
    Own,
}

/// The reach of a set of roles.
pub fn reach(roles: &Roles) -> Reach {
    if roles.sees_everyone() {
        Reach::Everyone
    } else if roles.has(Role::Supervisor) {
        Reach::Subtree
    } else {
        Reach::Own
    }
}

/// Whether a viewer may read a person's record. `is_self`: the person is the viewer; `above`: the viewer is in
/// the person's supervisor chain.
pub fn may_read_person(reach: Reach, is_self: bool, above: bool) -> bool {
    match reach {
        Reach::Everyone => true,
        Reach::Subtree => is_self || above,
        Reach::Own => is_self,
    }
}

/// How much of a profile a viewer sees: everything when they may read the person, the directory entry otherwise.
pub fn profile_access(roles: &Roles, is_self: bool, above: bool) -> ProfileAccess {
    if may_read_person(reach(roles), is_self, above) { ProfileAccess::Full } else { ProfileAccess::Directory }
}

/// The reach for development work — the training-needs analysis (aggregates, never one person's answers) and
/// leadership-programme candidates (eligibility facts and talent boxes, never 360° answers): trainers plan for the
/// whole agency, so they reach everyone; the rest as [`reach`].
pub fn development_reach(roles: &Roles) -> Reach {
    if roles.has(Role::Trainer) { Reach::Everyone } else { reach(roles) }
}

/// Whether a viewer may follow other people's progress at all (a plain employee may not).
pub fn may_follow_others(reach: Reach) -> bool {
    reach != Reach::Own
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hr_and_head_read_everyone_supervisors_their_subtree_and_others_themselves() {
        let hr = Roles::new(vec![Role::HrAdmin]);
        let head = Roles::new(vec![Role::Head]);
        let sup = Roles::new(vec![Role::Supervisor]);
        let plain = Roles::new(vec![Role::Trainer]);
        assert!(may_read_person(reach(&hr), false, false));
        assert!(may_read_person(reach(&head), false, false));
        assert!(may_read_person(reach(&sup), false, true));
        assert!(!may_read_person(reach(&sup), false, false));
        assert!(may_read_person(reach(&plain), true, false));
        assert!(!may_read_person(reach(&plain), false, true), "only a supervisor's chain counts");
        assert!(!may_follow_others(reach(&plain)));
        assert!(may_follow_others(reach(&sup)));
        assert_eq!(development_reach(&plain), Reach::Everyone, "a trainer analyses the whole agency");
        assert_eq!(development_reach(&Roles::new(vec![])), Reach::Own);
    }
}
