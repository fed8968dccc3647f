//! Calendar dates as standards give them: the API's `2025-12-18T00:00:00 +00:00`, a page's
//! `18/12/2025`, kept and written as ISO `2025-12-18`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A day, ordered by time. Written `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoDate {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl IsoDate {
    /// A real day of the Gregorian calendar, or `None`.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Self> {
        let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days).contains(&day).then_some(Self { year, month, day })
    }

    /// Reads `2025-12-18`, `2025-12-18T00:00:00 +00:00` (the API) or `18/12/2025` (pages).
    /// Anything else, including the API's empty strings, is `None`.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        let num = |t: &str| -> Option<u16> {
            (!t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit()))
                .then(|| t.parse().ok())
                .flatten()
        };
        let small = |t: &str| num(t).and_then(|n| u8::try_from(n).ok());
        if let Some((d, rest)) = s.split_once('/') {
            let (m, y) = rest.split_once('/')?;
            let y = y.split_whitespace().next()?;
            return if y.len() == 4 {
                Self::new(num(y)?, small(m)?, small(d)?)
            } else {
                None
            };
        }
        let head = s.get(..10)?;
        let mut parts = head.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        Self::new(num(y)?, small(m)?, small(d)?)
    }

    /// The day `days` days after 1970-01-01 (UTC), by Howard Hinnant's civil-from-days.
    pub fn from_unix_days(days: i64) -> Self {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = yoe + era * 400 + i64::from(month <= 2);
        Self {
            year: year.clamp(0, 9999) as u16,
            month,
            day,
        }
    }

    /// Today in UTC, from the system clock: what the CLI and the app pass to the analysis.
    pub fn today() -> Self {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Self::from_unix_days((secs / 86_400) as i64)
    }

    /// `18/12/2026`, as IfATE pages and English readers write a day.
    pub fn uk(&self) -> String {
        format!("{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for IsoDate {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s).ok_or_else(|| format!("`{s}` is not a date: write it as YYYY-MM-DD, such as 2025-12-18"))
    }
}

impl Serialize for IsoDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for IsoDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_and_page_dates_read_as_iso() {
        let d = IsoDate::parse("2025-12-18T00:00:00 +00:00").unwrap();
        assert_eq!(d.to_string(), "2025-12-18");
        assert_eq!(IsoDate::parse("2026-12-18T00:00:00"), IsoDate::new(2026, 12, 18));
        assert_eq!(IsoDate::parse("13/09/2023"), IsoDate::new(2023, 9, 13));
        assert_eq!(
            IsoDate::parse("18/12/2025").map(|d| d.uk()).as_deref(),
            Some("18/12/2025")
        );
        for bad in [
            "",
            "0.0",
            "2025-13-01",
            "2023-02-29",
            "31/04/2025",
            "1/1/25",
            "2025-1-1",
            "é/é/é",
        ] {
            assert_eq!(IsoDate::parse(bad), None, "{bad}");
        }
        assert!(IsoDate::parse("2024-02-29").is_some());
    }

    #[test]
    fn days_since_the_epoch() {
        assert_eq!(IsoDate::from_unix_days(0).to_string(), "1970-01-01");
        assert_eq!(IsoDate::from_unix_days(20_440).to_string(), "2025-12-18");
        assert_eq!(IsoDate::from_unix_days(11_016).to_string(), "2000-02-29");
    }

    #[test]
    fn dates_order_by_time() {
        assert!(IsoDate::parse("17/12/2025") < IsoDate::parse("2025-12-18"));
        assert!(IsoDate::parse("2024-12-31") < IsoDate::parse("2025-01-01"));
    }
}
