//! A moment given on the command line (`--startTime`, `--endTime`): a span
//! back from now (`30s`, `10m`, `2h`, `1d`, `1w`) or an ISO-8601 date or
//! date-time (`2026-01-31`, `2026-01-31T08:00:00Z`, with an offset or not).

use std::time::{SystemTime, UNIX_EPOCH};

use aws_sdk_cloudwatch::primitives::{DateTime, DateTimeFormat as Format};

/// A moment, before it is pinned to the clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Moment {
    /// This many milliseconds before now.
    Ago(i64),
    /// This instant, in milliseconds since the Unix epoch.
    At(i64),
}

impl Moment {
    /// Reads `10m`, `2h`, `1d`, `1w`, `30s` or an ISO-8601 date (UTC
    /// midnight) or date-time (UTC unless it has an offset).
    pub fn parse(text: &str) -> Result<Moment, String> {
        let text = text.trim();
        if let Some(ago) = span(text) {
            return Ok(Moment::Ago(ago));
        }
        let full = if text.len() == 10 { format!("{text}T00:00:00Z") } else { text.to_owned() };
        let offset = full.get(full.len().saturating_sub(6)..).is_some_and(|end| end.contains(['+', '-']));
        let with_zone = if full.ends_with('Z') || offset { full } else { format!("{full}Z") };
        DateTime::from_str(&with_zone, Format::DateTimeWithOffset)
            .ok()
            .and_then(|at| at.to_millis().ok())
            .map(Moment::At)
            .ok_or_else(|| {
                format!(
                    "`{text}` is not a time: write a span back from now (`30s`, `10m`, `2h`, `1d`, `1w`) or an ISO-8601 date or date-time (`2026-01-31`, `2026-01-31T08:00:00Z`)"
                )
            })
    }

    /// The moment in milliseconds since the Unix epoch, `now` being that.
    pub fn millis(self, now: i64) -> i64 {
        match self {
            Moment::Ago(ago) => now - ago,
            Moment::At(at) => at,
        }
    }
}

/// `10m` as milliseconds.
fn span(text: &str) -> Option<i64> {
    let unit = text.chars().last()?;
    let number: i64 = text[..text.len() - unit.len_utf8()].parse().ok().filter(|n| *n >= 0)?;
    let seconds = match unit {
        's' => 1,
        'm' => 60,
        'h' => 3600,
        'd' => 86_400,
        'w' => 604_800,
        _ => return None,
    };
    number.checked_mul(seconds * 1000)
}

/// Now, in milliseconds since the Unix epoch.
pub fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// `2026-01-31T08:00:00.123Z`.
pub fn format(millis: i64) -> String {
    let text = DateTime::from_millis(millis).fmt(Format::DateTime).unwrap_or_else(|_| millis.to_string());
    // Always three decimals, so that log lines line up.
    match text.strip_suffix('Z').map(|t| t.split_once('.')) {
        Some(Some((whole, fraction))) => format!("{whole}.{:0<3}Z", &fraction[..fraction.len().min(3)]),
        Some(None) => format!("{}.000Z", &text[..text.len() - 1]),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::{Moment, format};

    #[test]
    fn spans_count_back_from_now() {
        assert_eq!(Moment::parse("10m").map(|m| m.millis(1_000_000)), Ok(1_000_000 - 600_000));
        assert_eq!(Moment::parse("2h"), Ok(Moment::Ago(7_200_000)));
        assert_eq!(Moment::parse("1d"), Ok(Moment::Ago(86_400_000)));
        assert!(Moment::parse("10x").is_err());
        assert!(Moment::parse("-5m").is_err());
        assert!(Moment::parse("99999999999999999d").is_err());
    }

    #[test]
    fn dates_and_date_times_are_utc_unless_they_say_otherwise() {
        assert_eq!(Moment::parse("2026-01-31"), Ok(Moment::At(1_769_817_600_000)));
        assert_eq!(Moment::parse("2026-01-31T08:00:00Z"), Ok(Moment::At(1_769_846_400_000)));
        assert_eq!(Moment::parse("2026-01-31T08:00:00"), Ok(Moment::At(1_769_846_400_000)));
        assert_eq!(Moment::parse("2026-01-31T10:00:00+02:00"), Ok(Moment::At(1_769_846_400_000)));
        let error = Moment::parse("yesterday").expect_err("not a time");
        assert!(error.contains("`yesterday` is not a time"), "{error}");
        assert!(Moment::parse("aéééé").is_err());
        assert!(Moment::parse("2026-01-31T08:00:0é").is_err());
        assert!(Moment::parse("").is_err());
    }

    #[test]
    fn formatted_times_have_milliseconds() {
        assert_eq!(format(1_769_846_400_000), "2026-01-31T08:00:00.000Z");
        assert_eq!(format(1_769_846_400_120), "2026-01-31T08:00:00.120Z");
    }
}
