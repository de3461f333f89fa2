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

/// Preloads the wasm of the page's part and of the chunks it needs (the split build's manifest), as Leptos means to
/// for every lazily loaded page it renders. Leptos itself writes these only when the thread that finishes the
/// response happens to carry that response's reactive owner (it reads the manifest and the head with `use_context`
/// outside any owner): measured, a process preloaded the parts of `/reports/me` on one request and none on the next.
/// Called within the page's own render, these links always reach the head; the server drops a repeated preload
/// (`server::assets::after_paint`).
#[cfg(feature = "ssr")]
fn part_preloads(part: &str) {
    use leptos_meta::Link;
    let Some(manifest) = use_context::<leptos::WasmSplitManifest>() else { return };
    let Some(manifest) = manifest.0.try_read_value() else { return };
    let (pkg, modules, split_js) = &*manifest;
    // The manifest names a part `<function>_<hash of where #[lazy] was written>`.
    let prefix = format!("{part}_");
    let Some(modules) = modules
        .iter()
        .find(|(name, _)| name.strip_prefix(&prefix).is_some_and(|h| h.bytes().all(|b| b.is_ascii_digit())))
        .map(|(_, modules)| modules)
    else {
        return;
    };
    let nonce = leptos::nonce::use_nonce().map(|n| n.to_string()).unwrap_or_default();
    // As Leptos writes them (`leptos_integration_utils`), so that the server can tell a repeat.
    for module in modules {
        _ = view! {
            <Link rel="preload" href=format!("{pkg}/{module}.wasm") as_="fetch" type_="application/wasm"
                crossorigin=nonce.clone()/>
        }
        .to_html();
    }
    _ = view! { <Link rel="modulepreload" href=format!("{pkg}/{split_js}") crossorigin=nonce/> }.to_html();
}

/// Every page is a lazily loaded part of the wasm of its own (`cargo leptos build --split`): the first load of a
/// page fetches the application's core, its part and the chunks of code it shares with other pages (the server
/// preloads them all), never another page's code. The splitter cuts a chunk for each set of pages that share code,
/// which for 40 pages makes over a thousand, most a few hundred bytes; our patch to it (scripts/wasm-split-merge.patch,
/// `WASM_SPLIT_FILE_COST` in scripts/env.sh) merges chunks while that saves more than it adds, so a page loads 10–50
/// files. Each part's `#[lazy]` function has a loader beside it (`__preload_<part>`): routing, hydration included,
/// awaits it before it renders the page, so a page is hydrated only once its code is there — and then
/// synchronously (`Erase::erase`), so no asynchronous hydration of any page is compiled.
macro_rules! lazy_pages {
    ($($part:ident / $preload:ident { $route:ident => $page:ident })*) => {
        $(
            #[doc = concat!("[`", stringify!($page), "`], loaded when it is first shown.")]
            #[leptos::lazy]
            fn $part() -> AnyView {
                view! { <$page/> }.erase()
            }
            #[doc = concat!("The route of [`", stringify!($page), "`].")]
            pub struct $route;
            impl LazyRoute for $route {
                fn data() -> Self {
                    $route
                }
                async fn view(_this: Self) -> AnyView {
                    let page = $part().await;
                    #[cfg(feature = "ssr")]
                    part_preloads(stringify!($part));
                    page
                }
                async fn preload() {
                    #[cfg(feature = "hydrate")]
                    $preload().await;
                }
            }
        )*
    };
}

lazy_pages! {
    login_page / __preload_login_page { LazyLoginPage => LoginPage }
    account_link_page / __preload_account_link_page { LazyAccountLinkPage => AccountLinkPage }
    home_page / __preload_home_page { LazyHomePage => HomePage }
    password_page / __preload_password_page { LazyPasswordPage => PasswordPage }
    org_page / __preload_org_page { LazyOrgPage => OrgPage }
    unit_page / __preload_unit_page { LazyUnitPageView => UnitPageView }
    directory_page / __preload_directory_page { LazyDirectoryPage => DirectoryPage }
    imports_page / __preload_imports_page { LazyImportsPageView => ImportsPageView }
    import_page / __preload_import_page { LazyImportPageView => ImportPageView }
    api_tokens_page / __preload_api_tokens_page { LazyApiTokensPageView => ApiTokensPageView }
    new_employee_page / __preload_new_employee_page { LazyNewEmployeePage => NewEmployeePage }
    profile_page / __preload_profile_page { LazyProfilePage => ProfilePage }
    edit_employee_page / __preload_edit_employee_page { LazyEditEmployeePage => EditEmployeePage }
    feedback_inbox_page / __preload_feedback_inbox_page { LazyFeedbackInboxPage => FeedbackInboxPage }
    rounds_list_page / __preload_rounds_list_page { LazyRoundsListPage => RoundsListPage }
    round_page / __preload_round_page { LazyRoundPage => RoundPage }
    round_result_page / __preload_round_result_page { LazyRoundResultPage => RoundResultPage }
    competencies_page / __preload_competencies_page { LazyCompetenciesPage => CompetenciesPage }
    competency_form_page / __preload_competency_form_page { LazyCompetencyFormPage => CompetencyFormPage }
    assessment_page / __preload_assessment_page { LazyAssessmentPage => AssessmentPage }
    report_page / __preload_report_page { LazyReportPageView => ReportPageView }
    plan_page / __preload_plan_page { LazyPlanPageView => PlanPageView }
    trainings_page / __preload_trainings_page { LazyTrainingsPage => TrainingsPage }
    training_form_page / __preload_training_form_page { LazyTrainingFormPage => TrainingFormPage }
    needs_page / __preload_needs_page { LazyNeedsPageView => NeedsPageView }
    skp_page / __preload_skp_page { LazySkpPageView => SkpPageView }
    periods_page / __preload_periods_page { LazyPeriodsPageView => PeriodsPageView }
    objections_page / __preload_objections_page { LazyObjectionsPageView => ObjectionsPageView }
    evaluation_page / __preload_evaluation_page { LazyEvaluationPageView => EvaluationPageView }
    skp_document_page / __preload_skp_document_page { LazySkpDocumentView => SkpDocumentView }
    dashboard_page / __preload_dashboard_page { LazyDashboardPageView => DashboardPageView }
    talent_page / __preload_talent_page { LazyTalentPageView => TalentPageView }
    calibrations_page / __preload_calibrations_page { LazyCalibrationsPageView => CalibrationsPageView }
    bias_page / __preload_bias_page { LazyBiasPageView => BiasPageView }
    calibration_page / __preload_calibration_page { LazyCalibrationPageView => CalibrationPageView }
    programmes_page / __preload_programmes_page { LazyProgrammesPageView => ProgrammesPageView }
    person_programmes_page / __preload_person_programmes_page { LazyPersonProgrammesView => PersonProgrammesView }
    comparison_page / __preload_comparison_page { LazyComparisonPageView => ComparisonPageView }
    cohorts_page / __preload_cohorts_page { LazyCohortsPageView => CohortsPageView }
    cohort_page / __preload_cohort_page { LazyCohortPageView => CohortPageView }
}
