//! 360° rounds: the round records, the `rater -> assesses -> ratee` edges and the materialised results.

mod assignments;
mod progress;
mod results;
mod rounds;

pub use assignments::*;
pub use progress::*;
pub use results::*;
pub use rounds::*;

use super::changed;
