//! Chart builders (pure functions from data to a `charming::Chart`, unit-tested on their options) and the one
//! component that draws a chart in the browser.

pub mod dashboard;
pub mod org_chart;
pub mod progress;
pub mod report;
pub mod skp;
pub mod talent;
mod view;

pub use org_chart::org_chart;
pub use view::ChartView;
