//! Assessment periods of a performance year: by default Triwulan I–IV and a final annual period; agencies may use
//! semesters or months instead. Each period has an input deadline after its end.

use serde::{Deserialize, Serialize};
use time::{Date, Duration, Month};

/// How a year is divided into periods (the final annual period always follows).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodScheme {
    Quarterly,
    Semester,
    Monthly,
}

impl PeriodScheme {
    pub const ALL: [PeriodScheme; 3] = [PeriodScheme::Quarterly, PeriodScheme::Semester, PeriodScheme::Monthly];

    pub const fn code(self) -> &'static str {
        match self {
            PeriodScheme::Quarterly => "quarterly",
            PeriodScheme::Semester => "semester",
            PeriodScheme::Monthly => "monthly",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Months per period.
    const fn months(self) -> u8 {
        match self {
            PeriodScheme::Quarterly => 3,
            PeriodScheme::Semester => 6,
            PeriodScheme::Monthly => 1,
        }
    }
}

/// One planned period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedPeriod {
    /// 1, 2, … within the year; the final period is numbered after the last one.
    pub number: u8,
    /// The final (annual) period, whose rating is the year's.
    pub is_final: bool,
    pub start: Date,
    pub end: Date,
    /// The last day ratings of this period may be entered.
    pub deadline: Date,
}

fn month(n: u8) -> Month {
    Month::try_from(n).unwrap_or(Month::December)
}

fn last_day(year: i32, m: u8) -> Date {
    let m = month(m);
    Date::from_calendar_date(year, m, m.length(year)).unwrap_or(Date::MIN)
}

fn first_day(year: i32, m: u8) -> Date {
    Date::from_calendar_date(year, month(m), 1).unwrap_or(Date::MIN)
}

/// The periods of `year` under `scheme`, each with a deadline `deadline_days` after its end, then the final one.
pub fn plan_periods(year: i32, scheme: PeriodScheme, deadline_days: u16) -> Vec<PlannedPeriod> {
    let step = scheme.months();
    let after = Duration::days(i64::from(deadline_days));
    let mut out: Vec<PlannedPeriod> = (0..12 / step)
        .map(|i| {
            let (from, to) = (1 + i * step, (i + 1) * step);
            let end = last_day(year, to);
            PlannedPeriod {
                number: i + 1,
                is_final: false,
                start: first_day(year, from),
                end,
                deadline: end.saturating_add(after),
            }
        })
        .collect();
    let end = last_day(year, 12);
    out.push(PlannedPeriod {
        number: 12 / step + 1,
        is_final: true,
        start: first_day(year, 1),
        end,
        deadline: end.saturating_add(after),
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_quarters_then_the_year() {
        let p = plan_periods(2026, PeriodScheme::Quarterly, 10);
        assert_eq!(p.len(), 5);
        assert_eq!((p[0].start.to_string(), p[0].end.to_string()), ("2026-01-01".into(), "2026-03-31".into()));
        assert_eq!(p[0].deadline.to_string(), "2026-04-10");
        assert_eq!(p[3].end.to_string(), "2026-12-31");
        assert!(p[4].is_final && !p[3].is_final);
        assert_eq!((p[4].start, p[4].end), (p[0].start, p[3].end));
        assert_eq!(p[4].deadline.to_string(), "2027-01-10");
    }

    #[test]
    fn months_and_semesters_cover_the_year_without_gaps() {
        for scheme in PeriodScheme::ALL {
            let p = plan_periods(2028, scheme, 0);
            let regular: Vec<&PlannedPeriod> = p.iter().filter(|x| !x.is_final).collect();
            assert_eq!(regular[0].start.to_string(), "2028-01-01");
            for w in regular.windows(2) {
                assert_eq!(w[0].end.next_day(), Some(w[1].start), "{scheme:?}");
            }
            assert_eq!(regular.last().map(|x| x.end.to_string()), Some("2028-12-31".to_string()));
        }
        assert_eq!(plan_periods(2028, PeriodScheme::Monthly, 0)[1].end.to_string(), "2028-02-29");
    }
}
