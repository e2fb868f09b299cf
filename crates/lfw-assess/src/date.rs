//! Calendar dates, as profiles write them (`2024-03-31`).
//!
//! Only whole days and months are needed, so this is the civil-date
//! arithmetic (days from 1970-01-01) rather than a date-time library.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// The first year a date may have: no one assessed today was born
    /// before it, and it keeps mistyped centuries out.
    pub const FIRST_YEAR: i32 = 1900;
    /// The last year a date may have: four digits.
    pub const LAST_YEAR: i32 = 9999;

    /// Parses `YYYY-MM-DD`, checking the day exists and the year is one of
    /// [`Date::FIRST_YEAR`] to [`Date::LAST_YEAR`].
    pub fn parse(s: &str) -> Option<Date> {
        Date::parse_any_year(s).filter(|d| (Date::FIRST_YEAR..=Date::LAST_YEAR).contains(&d.year))
    }

    /// Parses a real day written `YYYY-MM-DD`, of any year of four digits
    /// or more: for a diagnostic to tell a date out of range from one that
    /// is not a date at all.
    pub fn parse_any_year(s: &str) -> Option<Date> {
        let mut parts = s.trim().splitn(3, '-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if y.len() < 4 || y.len() > 9 || m.len() != 2 || d.len() != 2 || !digits(y) || !digits(m) || !digits(d) {
            return None;
        }
        let date = Date {
            year: y.parse().ok()?,
            month: m.parse().ok()?,
            day: d.parse().ok()?,
        };
        (date.month >= 1 && date.month <= 12 && date.day >= 1 && date.day <= days_in_month(date.year, date.month)).then_some(date)
    }

    /// Whole months from `self` to `later` (0 when `later` is earlier).
    pub fn months_until(self, later: Date) -> u32 {
        let mut months = (later.year - self.year) * 12 + later.month as i32 - self.month as i32;
        if later.day < self.day {
            months -= 1;
        }
        months.max(0) as u32
    }

    /// The same day of the month `months` months later; where that month
    /// is too short for it, the first day of the month after.
    pub fn add_months(self, months: u32) -> Date {
        let index = i64::from(self.year) * 12 + i64::from(self.month - 1) + i64::from(months);
        let (year, month) = (index.div_euclid(12) as i32, index.rem_euclid(12) as u32 + 1);
        if self.day <= days_in_month(year, month) {
            Date {
                year,
                month,
                day: self.day,
            }
        } else if month == 12 {
            Date {
                year: year + 1,
                month: 1,
                day: 1,
            }
        } else {
            Date {
                year,
                month: month + 1,
                day: 1,
            }
        }
    }

    /// The day after.
    pub fn next_day(self) -> Date {
        if self.day < days_in_month(self.year, self.month) {
            Date { day: self.day + 1, ..self }
        } else if self.month < 12 {
            Date {
                month: self.month + 1,
                day: 1,
                ..self
            }
        } else {
            Date {
                year: self.year + 1,
                month: 1,
                day: 1,
            }
        }
    }

    /// Today, in UTC.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        Date::from_days((secs / 86_400) as i64)
    }

    /// The date `days` days after 1970-01-01 (Howard Hinnant's algorithm).
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn parses_only_real_days() {
        assert_eq!(Date::parse("2024-02-29").map(|d| d.to_string()).as_deref(), Some("2024-02-29"));
        assert_eq!(Date::parse("2023-02-29"), None);
        assert_eq!(Date::parse("2023-13-01"), None);
        assert_eq!(Date::parse("23-01-01"), None);
        assert_eq!(Date::parse("yesterday"), None);
        // Years from 1900 to 9999, in digits only.
        assert_eq!(Date::parse("1900-01-01").map(|d| d.year), Some(1900));
        assert_eq!(Date::parse("9999-12-31").map(|d| d.year), Some(9999));
        assert_eq!(Date::parse("1899-12-31"), None);
        assert_eq!(Date::parse("10000-01-01"), None);
        assert_eq!(Date::parse("+999-01-01"), None);
        assert_eq!(Date::parse("2024-+1-01"), None);
        assert_eq!(Date::parse_any_year("1899-12-31").map(|d| d.year), Some(1899));
        assert_eq!(Date::parse_any_year("10000-01-01").map(|d| d.year), Some(10000));
        assert_eq!(Date::parse_any_year("1899-02-30"), None);
    }

    #[test]
    fn counts_whole_months() {
        let d = |s| Date::parse(s).expect("date");
        assert_eq!(d("2022-09-01").months_until(d("2024-09-01")), 24);
        assert_eq!(d("2022-09-15").months_until(d("2024-09-14")), 23);
        assert_eq!(d("2024-09-01").months_until(d("2022-09-01")), 0);
    }

    #[test]
    fn days_since_the_epoch() {
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_days(19_723).to_string(), "2024-01-01");
    }
}
