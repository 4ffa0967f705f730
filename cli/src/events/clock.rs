//! The instant of a generated event, in the formats AWS events write it.

use std::time::{SystemTime, UNIX_EPOCH};

/// An instant, in milliseconds since 1970 (UTC).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clock {
    millis: u64,
}

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

impl Clock {
    /// The instant `time` (1970 for a time before it).
    pub fn at(time: SystemTime) -> Clock {
        let since = time.duration_since(UNIX_EPOCH).unwrap_or_default();
        Clock { millis: u64::try_from(since.as_millis()).unwrap_or(u64::MAX) }
    }

    /// The instant `millis` milliseconds after 1970 (tests pin the clock).
    #[cfg(test)]
    pub fn from_millis(millis: u64) -> Clock {
        Clock { millis }
    }

    /// Milliseconds since 1970: `1545082649183`.
    pub fn millis(self) -> u64 {
        self.millis
    }

    /// The instant `millis` milliseconds later.
    pub fn later(self, millis: u64) -> Clock {
        Clock { millis: self.millis.saturating_add(millis) }
    }

    /// Seconds since 1970 with milliseconds: `1545084650.987`.
    pub fn seconds(self) -> f64 {
        // Exact for any instant below 2^53 ms (the year 285 000).
        self.millis as f64 / 1000.0
    }

    /// ISO 8601 with milliseconds: `2019-09-03T19:37:27.192Z`.
    pub fn iso_millis(self) -> String {
        format!("{}.{:03}Z", self.iso_base(), self.millis % 1000)
    }

    /// ISO 8601 to the second: `2019-03-01T01:23:45Z`.
    pub fn iso_seconds(self) -> String {
        format!("{}Z", self.iso_base())
    }

    /// ISO 8601 with milliseconds and no zone: `2015-05-11T21:21:33.291`,
    /// the label of a DynamoDB stream.
    pub fn stream_label(self) -> String {
        format!("{}.{:03}", self.iso_base(), self.millis % 1000)
    }

    /// The common log format API Gateway uses: `10/Mar/2020:05:16:23 +0000`.
    pub fn common_log(self) -> String {
        let (year, month, day, hour, minute, second) = self.civil();
        let month = MONTHS.get(month as usize - 1).copied().unwrap_or("Jan");
        format!("{day:02}/{month}/{year}:{hour:02}:{minute:02}:{second:02} +0000")
    }

    fn iso_base(self) -> String {
        let (year, month, day, hour, minute, second) = self.civil();
        format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}")
    }

    /// Year, month (1-12), day, hour, minute, second in UTC.
    fn civil(self) -> (u64, u64, u64, u64, u64, u64) {
        let seconds = self.millis / 1000;
        let (days, rest) = (seconds / 86_400, seconds % 86_400);
        // Howard Hinnant's civil_from_days, for days since 1970-01-01
        // (shifted to an era starting 0000-03-01 so that leap days end it).
        let z = days + 719_468;
        let era = z / 146_097;
        let day_of_era = z % 146_097;
        let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let shifted_month = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
        let month = if shifted_month < 10 { shifted_month + 3 } else { shifted_month - 9 };
        let year = year_of_era + era * 400 + u64::from(month <= 2);
        (year, month, day, rest / 3600, rest % 3600 / 60, rest % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::Clock;

    #[test]
    fn formats_the_instants_of_aws_samples() {
        // The SQS sample's SentTimestamp, the API Gateway sample's timeEpoch.
        assert_eq!(Clock::from_millis(1_545_082_649_183).iso_millis(), "2018-12-17T21:37:29.183Z");
        assert_eq!(Clock::from_millis(1_583_817_383_220).common_log(), "10/Mar/2020:05:16:23 +0000");
        assert_eq!(Clock::from_millis(0).iso_seconds(), "1970-01-01T00:00:00Z");
        // A leap day and the day after it.
        assert_eq!(Clock::from_millis(951_782_400_000).iso_seconds(), "2000-02-29T00:00:00Z");
        assert_eq!(Clock::from_millis(951_868_800_000).stream_label(), "2000-03-01T00:00:00.000");
        assert_eq!(Clock::from_millis(1_545_084_650_987).seconds(), 1_545_084_650.987);
    }
}
