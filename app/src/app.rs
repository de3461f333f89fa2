//! The HTML shell and the router.

use crate::components::lang::current_lang;
use crate::pages::*;
use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

/// The document around the app (server side only).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = current_lang();
    #[cfg(feature = "ssr")]
    crate::api::context::set_page_policy();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <script defer src="/forms.js"></script>
                <AutoReload options=options.clone()/>
                // Loaded when the browser is idle: the page is usable as plain HTML first (forms post without it,
                // and what is typed meanwhile is kept).
                <HydrationScripts options defer=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The application: every page, rendered on the server (waiting for data, so that status codes and redirects
/// are right) and hydrated in the browser.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(current_lang());
    view! {
        <Title text="Kinerja"/>
        <Router>
            <Routes fallback=|| view! { <NotFoundPage/> }>
                <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async/>
                <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                <Route path=path!("/account/setup/:token") view=AccountLinkPage ssr=SsrMode::Async/>
                <Route path=path!("/account/password") view=PasswordPage ssr=SsrMode::Async/>
                <Route path=path!("/org") view=OrgPage ssr=SsrMode::Async/>
                <Route path=path!("/org/units/:id") view=UnitPageView ssr=SsrMode::Async/>
                <Route path=path!("/employees") view=DirectoryPage ssr=SsrMode::Async/>
                <Route path=path!("/hr/import") view=ImportsPageView ssr=SsrMode::Async/>
                <Route path=path!("/hr/import/:id") view=ImportPageView ssr=SsrMode::Async/>
                <Route path=path!("/hr/api") view=ApiTokensPageView ssr=SsrMode::Async/>
                <Route path=path!("/employees/new") view=NewEmployeePage ssr=SsrMode::Async/>
                <Route path=path!("/employees/:nip") view=ProfilePage ssr=SsrMode::Async/>
                <Route path=path!("/employees/:nip/edit") view=EditEmployeePage ssr=SsrMode::Async/>
                <Route path=path!("/feedback") view=FeedbackInboxPage ssr=SsrMode::Async/>
                <Route path=path!("/feedback/:key") view=AssessmentPage ssr=SsrMode::Async/>
                <Route path=path!("/rounds") view=RoundsListPage ssr=SsrMode::Async/>
                <Route path=path!("/rounds/:id") view=RoundPage ssr=SsrMode::Async/>
                <Route path=path!("/rounds/:id/results/:nip") view=RoundResultPage ssr=SsrMode::Async/>
                <Route path=path!("/competencies") view=CompetenciesPage ssr=SsrMode::Async/>
                <Route path=path!("/competencies/new") view=CompetencyFormPage ssr=SsrMode::Async/>
                <Route path=path!("/competencies/:key/edit") view=CompetencyFormPage ssr=SsrMode::Async/>
                <Route path=path!("/reports/:nip") view=ReportPageView ssr=SsrMode::Async/>
                <Route path=path!("/plan") view=PlanPageView ssr=SsrMode::Async/>
                <Route path=path!("/plan/:nip") view=PlanPageView ssr=SsrMode::Async/>
                <Route path=path!("/skp") view=SkpPageView ssr=SsrMode::Async/>
                <Route path=path!("/skp/periods") view=PeriodsPageView ssr=SsrMode::Async/>
                <Route path=path!("/skp/objections") view=ObjectionsPageView ssr=SsrMode::Async/>
                <Route path=path!("/skp/:nip") view=SkpPageView ssr=SsrMode::Async/>
                <Route path=path!("/skp/:nip/periods/:period") view=EvaluationPageView ssr=SsrMode::Async/>
                <Route path=path!("/skp/:nip/print") view=SkpDocumentView ssr=SsrMode::Async/>
                <Route path=path!("/dashboard") view=DashboardPageView ssr=SsrMode::Async/>
                <Route path=path!("/talent") view=TalentPageView ssr=SsrMode::Async/>
                <Route path=path!("/talent/calibrations") view=CalibrationsPageView ssr=SsrMode::Async/>
                <Route path=path!("/talent/bias") view=BiasPageView ssr=SsrMode::Async/>
                <Route path=path!("/talent/calibrations/:id") view=CalibrationPageView ssr=SsrMode::Async/>
                <Route path=path!("/programmes") view=ProgrammesPageView ssr=SsrMode::Async/>
                <Route path=path!("/programmes/person/:nip") view=PersonProgrammesView ssr=SsrMode::Async/>
                <Route path=path!("/programmes/compare") view=ComparisonPageView ssr=SsrMode::Async/>
                <Route path=path!("/programmes/cohorts") view=CohortsPageView ssr=SsrMode::Async/>
                <Route path=path!("/programmes/cohorts/:id") view=CohortPageView ssr=SsrMode::Async/>
                <Route path=path!("/trainings") view=TrainingsPage ssr=SsrMode::Async/>
                <Route path=path!("/trainings/new") view=TrainingFormPage ssr=SsrMode::Async/>
                <Route path=path!("/trainings/needs") view=NeedsPageView ssr=SsrMode::Async/>
                <Route path=path!("/trainings/:key/edit") view=TrainingFormPage ssr=SsrMode::Async/>
            </Routes>
        </Router>
    }
}
