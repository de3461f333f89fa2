//! Roles and what each may see. Every server function asks these rules, on the server.

use serde::{Deserialize, Serialize};

/// A role a signed-in person can hold. `Employee` is everyone's; `Supervisor` is derived from the hierarchy
/// (the person has direct reports); the others are granted by HR.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Role {
    Employee,
    Supervisor,
    HrAdmin,
    Head,
    Trainer,
}

impl Role {
    /// Stable code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Role::Employee => "employee",
            Role::Supervisor => "supervisor",
            Role::HrAdmin => "hr",
            Role::Head => "head",
            Role::Trainer => "trainer",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        [Role::Employee, Role::Supervisor, Role::HrAdmin, Role::Head, Role::Trainer]
            .into_iter()
            .find(|r| r.code() == code)
    }

    /// The roles HR may grant (the others follow from the data).
    pub const GRANTABLE: [Role; 3] = [Role::HrAdmin, Role::Head, Role::Trainer];
}

/// The set of roles of one signed-in person.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Roles(Vec<Role>);

impl Roles {
    /// Builds the set; `Employee` is always included, duplicates are removed.
    pub fn new(mut roles: Vec<Role>) -> Self {
        roles.push(Role::Employee);
        roles.sort();
        roles.dedup();
        Roles(roles)
    }

    pub fn has(&self, role: Role) -> bool {
        self.0.contains(&role)
    }

    pub fn iter(&self) -> impl Iterator<Item = Role> + '_ {
        self.0.iter().copied()
    }

    /// HR and the head of agency see every employee in full.
    pub fn sees_everyone(&self) -> bool {
        self.has(Role::HrAdmin) || self.has(Role::Head)
    }

    /// Only HR edits the hierarchy and employee records.
    pub fn may_edit_employees(&self) -> bool {
        self.has(Role::HrAdmin)
    }
}

/// What a viewer may see of another employee's profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProfileAccess {
    /// The whole profile: rank, birth date, supervisor chain, reports.
    Full,
    /// The directory entry only: name, position, unit.
    Directory,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::profile_access;

    #[test]
    fn everyone_is_an_employee() {
        assert!(Roles::new(vec![]).has(Role::Employee));
        assert!(Roles::new(vec![Role::HrAdmin, Role::HrAdmin]).iter().count() == 2);
    }

    #[test]
    fn a_colleague_sees_only_the_directory_entry() {
        let plain = Roles::new(vec![]);
        assert_eq!(profile_access(&plain, false, false), ProfileAccess::Directory);
        assert_eq!(profile_access(&plain, true, false), ProfileAccess::Full);
    }

    #[test]
    fn supervisors_see_their_subtree_and_hr_sees_all() {
        let sup = Roles::new(vec![Role::Supervisor]);
        assert_eq!(profile_access(&sup, false, true), ProfileAccess::Full);
        assert_eq!(profile_access(&sup, false, false), ProfileAccess::Directory);
        let hr = Roles::new(vec![Role::HrAdmin]);
        assert_eq!(profile_access(&hr, false, false), ProfileAccess::Full);
        let trainer = Roles::new(vec![Role::Trainer]);
        assert_eq!(profile_access(&trainer, false, false), ProfileAccess::Directory);
        assert!(!trainer.may_edit_employees());
    }
}
