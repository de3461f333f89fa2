//! One module per page.

mod account;
mod competencies;
mod directory;
mod employee_form;
mod feedback;
mod home;
mod login;
mod not_found;
mod org;
mod plan;
mod profile;
mod programme;
mod report;
mod skp;
pub(crate) mod talent;
mod training;
mod unit;
mod widgets;

pub use account::{AccountLinkPage, PasswordPage};
pub use competencies::{CompetenciesPage, CompetencyFormPage};
pub use directory::DirectoryPage;
pub use employee_form::{EditEmployeePage, NewEmployeePage};
pub use feedback::{AssessmentPage, FeedbackInboxPage, RoundPage, RoundResultPage, RoundsListPage};
pub use home::HomePage;
pub use login::LoginPage;
pub use not_found::NotFoundPage;
pub use org::OrgPage;
pub use plan::PlanPageView;
pub use profile::ProfilePage;
pub use programme::{CohortPageView, CohortsPageView, PersonProgrammesView, ProgrammesPageView};
pub use report::ReportPageView;
pub use skp::{EvaluationPageView, ObjectionsPageView, PeriodsPageView, SkpDocumentView, SkpPageView};
pub use talent::{CalibrationPageView, CalibrationsPageView, TalentPageView};
pub use training::{NeedsPageView, TrainingFormPage, TrainingsPage};
pub use unit::UnitPageView;
