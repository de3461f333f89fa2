//! The HTML shell and the router.

use crate::components::Erase;
use crate::components::lang::current_lang;
use crate::pages::*;
use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{Lazy, LazyRoute, SsrMode, path};

/// The document around the app (server side only).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = current_lang();
    #[cfg(feature = "ssr")]
    crate::api::context::set_page_policy();
    // The texts of the page's language, which the browser installs before it hydrates (its wasm carries none).
    #[cfg(feature = "ssr")]
    let texts = crate::i18n::table_href(crate::i18n::table_name(lang));
    #[cfg(not(feature = "ssr"))]
    let texts = String::new();
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
                <link id="kinerja-texts" rel="preload" href=texts r#as="fetch" crossorigin="anonymous" fetchpriority="low"/>
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
    // A page reached by a link may first fetch its part of the wasm: meanwhile the document is marked busy
    // (`<html aria-busy="true">`, drawn as a thin bar along the top of the window). Only the document's
    // attributes change, never the rendered nodes, so hydration finds exactly what the server sent.
    let (routing, set_routing) = signal(false);
    #[cfg(feature = "hydrate")]
    Effect::new(move || crate::components::lang::mark_routing(routing.get()));
    #[cfg(not(feature = "hydrate"))]
    let _ = routing;
    view! {
        <Title text="Kinerja"/>
        <Router set_is_routing=set_routing>
            <Routes fallback=|| view! { <NotFoundPage/> }>
                <Route path=path!("/login") view={Lazy::<LazyLoginPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/") view={Lazy::<LazyHomePage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/account/setup/:token") view={Lazy::<LazyAccountLinkPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/account/password") view={Lazy::<LazyPasswordPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/org") view={Lazy::<LazyOrgPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/org/units/:id") view={Lazy::<LazyUnitPageView>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/employees") view={Lazy::<LazyDirectoryPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/hr/import") view={Lazy::<LazyImportsPageView>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/hr/import/:id") view={Lazy::<LazyImportPageView>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/hr/api") view={Lazy::<LazyApiTokensPageView>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/employees/new") view={Lazy::<LazyNewEmployeePage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/employees/:nip") view={Lazy::<LazyProfilePage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/employees/:nip/edit") view={Lazy::<LazyEditEmployeePage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/feedback") view={Lazy::<LazyFeedbackInboxPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/feedback/:key") view={Lazy::<LazyAssessmentPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/rounds") view={Lazy::<LazyRoundsListPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/rounds/:id") view={Lazy::<LazyRoundPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/rounds/:id/results/:nip") view={Lazy::<LazyRoundResultPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/competencies") view={Lazy::<LazyCompetenciesPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/competencies/new") view={Lazy::<LazyCompetencyFormPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/competencies/:key/edit") view={Lazy::<LazyCompetencyFormPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/reports/:nip") view={Lazy::<LazyReportPageView>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/plan") view={Lazy::<LazyPlanPageView>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/plan/:nip") view={Lazy::<LazyPlanPageView>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/skp") view={Lazy::<LazySkpPageView>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/skp/periods") view={Lazy::<LazyPeriodsPageView>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/skp/objections") view={Lazy::<LazyObjectionsPageView>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/skp/:nip") view={Lazy::<LazySkpPageView>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/skp/:nip/periods/:period") view={Lazy::<LazyEvaluationPageView>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/skp/:nip/print") view={Lazy::<LazySkpDocumentView>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/dashboard") view={Lazy::<LazyDashboardPageView>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/talent") view={Lazy::<LazyTalentPageView>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/talent/calibrations") view={Lazy::<LazyCalibrationsPageView>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/talent/bias") view={Lazy::<LazyBiasPageView>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/talent/calibrations/:id") view={Lazy::<LazyCalibrationPageView>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/programmes") view={Lazy::<LazyProgrammesPageView>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/programmes/person/:nip") view={Lazy::<LazyPersonProgrammesView>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/programmes/compare") view={Lazy::<LazyComparisonPageView>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/programmes/cohorts") view={Lazy::<LazyCohortsPageView>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/programmes/cohorts/:id") view={Lazy::<LazyCohortPageView>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/trainings") view={Lazy::<LazyTrainingsPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/trainings/new") view={Lazy::<LazyTrainingFormPage>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/trainings/needs") view={Lazy::<LazyNeedsPageView>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/trainings/:key/edit") view={Lazy::<LazyTrainingFormPage>::new()} ssr=SsrMode::Async/>
            </Routes>
        </Router>
    }
}

/// The pages fall into a few areas, each one lazily loaded part of the wasm (`cargo leptos build --split`): the
/// first load of a page fetches the application's core and its area's part (the server preloads both), never every
/// page. One part per area, not per page: parts are cut by which split points reach each function, so 40 pages made
/// over a thousand small files (hundreds per page), a handful of areas makes tens. Each area names the function that
/// `#[lazy]` writes beside it to load its part (`__preload_<area>`): routing, hydration included, awaits it before it
/// renders the page, so a page is hydrated only once its code is there — and then synchronously (`Erase::erase`),
/// so no asynchronous hydration of any page is compiled. The more areas, the more chunks the splitter cuts (the
/// functions each set of areas shares): ten areas make 23–69 files for the pages the web bench measures, about 100
/// for the SKP and talent pages. A page that loads often and needs little code of its own (home, the report, the
/// dashboard, a 360° form) is an area of its own, so that its first load does not carry its neighbours' code.
macro_rules! lazy_areas {
    ($($area:ident / $preload:ident { $($route:ident => $page:ident),* $(,)? })*) => {
        /// A page of a lazily loaded area (named as its route).
        #[derive(Clone, Copy, Debug)]
        #[allow(clippy::enum_variant_names)]
        enum Page { $($($route,)*)* }
        $(
            #[doc = concat!("The pages of the `", stringify!($area), "` area, loaded when one is first shown.")]
            #[leptos::lazy]
            fn $area(page: Page) -> AnyView {
                match page {
                    $(Page::$route => view! { <$page/> }.erase(),)*
                    #[allow(unreachable_patterns)]
                    _ => ().erase(),
                }
            }
            $(
                #[doc = concat!("The route of [`", stringify!($page), "`].")]
                pub struct $route;
                impl LazyRoute for $route {
                    fn data() -> Self {
                        $route
                    }
                    async fn view(_this: Self) -> AnyView {
                        $area(Page::$route).await
                    }
                    async fn preload() {
                        #[cfg(feature = "hydrate")]
                        $preload().await;
                    }
                }
            )*
        )*
    };
}

lazy_areas! {
    sign_in_area / __preload_sign_in_area {
        LazyLoginPage => LoginPage,
        LazyAccountLinkPage => AccountLinkPage,
    }
    home_area / __preload_home_area {
        LazyHomePage => HomePage,
    }
    org_area / __preload_org_area {
        LazyPasswordPage => PasswordPage,
        LazyOrgPage => OrgPage,
        LazyUnitPageView => UnitPageView,
        LazyDirectoryPage => DirectoryPage,
        LazyImportsPageView => ImportsPageView,
        LazyImportPageView => ImportPageView,
        LazyApiTokensPageView => ApiTokensPageView,
        LazyNewEmployeePage => NewEmployeePage,
        LazyProfilePage => ProfilePage,
        LazyEditEmployeePage => EditEmployeePage,
    }
    feedback_area / __preload_feedback_area {
        LazyFeedbackInboxPage => FeedbackInboxPage,
        LazyRoundsListPage => RoundsListPage,
        LazyRoundPage => RoundPage,
        LazyRoundResultPage => RoundResultPage,
        LazyCompetenciesPage => CompetenciesPage,
        LazyCompetencyFormPage => CompetencyFormPage,
    }
    assessment_area / __preload_assessment_area {
        LazyAssessmentPage => AssessmentPage,
    }
    report_area / __preload_report_area {
        LazyReportPageView => ReportPageView,
    }
    development_area / __preload_development_area {
        LazyPlanPageView => PlanPageView,
        LazyTrainingsPage => TrainingsPage,
        LazyTrainingFormPage => TrainingFormPage,
        LazyNeedsPageView => NeedsPageView,
    }
    skp_area / __preload_skp_area {
        LazySkpPageView => SkpPageView,
        LazyPeriodsPageView => PeriodsPageView,
        LazyObjectionsPageView => ObjectionsPageView,
        LazyEvaluationPageView => EvaluationPageView,
        LazySkpDocumentView => SkpDocumentView,
    }
    dashboard_area / __preload_dashboard_area {
        LazyDashboardPageView => DashboardPageView,
    }
    talent_area / __preload_talent_area {
        LazyTalentPageView => TalentPageView,
        LazyCalibrationsPageView => CalibrationsPageView,
        LazyBiasPageView => BiasPageView,
        LazyCalibrationPageView => CalibrationPageView,
        LazyProgrammesPageView => ProgrammesPageView,
        LazyPersonProgrammesView => PersonProgrammesView,
        LazyComparisonPageView => ComparisonPageView,
        LazyCohortsPageView => CohortsPageView,
        LazyCohortPageView => CohortPageView,
    }
}
