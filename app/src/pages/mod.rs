//! One module per page.

mod directory;
mod employee_form;
mod home;
mod login;
mod not_found;
mod org;
mod profile;
mod unit;
mod widgets;

pub use directory::DirectoryPage;
pub use employee_form::{EditEmployeePage, NewEmployeePage};
pub use home::HomePage;
pub use login::LoginPage;
pub use not_found::NotFoundPage;
pub use org::OrgPage;
pub use profile::ProfilePage;
pub use unit::UnitPageView;
