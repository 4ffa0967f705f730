//! CloudWatch metrics (`svc metrics`): each function's invocations,
//! errors, throttles and duration over a span of time, fetched with
//! GetMetricData in batches of up to 500 queries (never one call per
//! metric).

use aws_sdk_cloudwatch::primitives::DateTime;
use aws_sdk_cloudwatch::types::{Dimension, Metric, MetricDataQuery, MetricStat};

use super::Aws;
use super::error::describe as explain;

/// GetMetricData's limit of queries per call.
const QUERIES_PER_CALL: usize = 500;

/// The statistics asked for each function: metric, statistic.
const STATS: [(&str, &str); 6] = [
    ("Invocations", "Sum"),
    ("Errors", "Sum"),
    ("Throttles", "Sum"),
    ("Duration", "Sum"),
    ("Duration", "SampleCount"),
    ("Duration", "Maximum"),
];

/// One function's figures over the span.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figures {
    /// Invocations (Sum).
    pub invocations: f64,
    /// Invocations that failed (Sum).
    pub errors: f64,
    /// Invocations refused for concurrency (Sum).
    pub throttles: f64,
    /// Total duration in milliseconds (Sum).
    pub duration_total: f64,
    /// How many durations were recorded (SampleCount).
    pub duration_count: f64,
    /// The longest duration in milliseconds, if any was recorded.
    pub duration_max: Option<f64>,
}

impl Figures {
    /// The average duration in milliseconds, if any was recorded.
    pub fn duration_average(&self) -> Option<f64> {
        (self.duration_count > 0.0).then(|| self.duration_total / self.duration_count)
    }

    /// Adds `other` to these figures (for the service's total).
    pub fn add(&mut self, other: &Figures) {
        self.invocations += other.invocations;
        self.errors += other.errors;
        self.throttles += other.throttles;
        self.duration_total += other.duration_total;
        self.duration_count += other.duration_count;
        self.duration_max = match (self.duration_max, other.duration_max) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
    }

    fn record(&mut self, stat: usize, values: &[f64]) {
        let sum: f64 = values.iter().sum();
        match stat {
            0 => self.invocations += sum,
            1 => self.errors += sum,
            2 => self.throttles += sum,
            3 => self.duration_total += sum,
            4 => self.duration_count += sum,
            _ => {
                let max = values.iter().copied().fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.max(v))));
                self.add(&Figures { duration_max: max, ..Figures::default() });
            }
        }
    }
}

/// The figures of each Lambda function in `functions` (names in AWS),
/// from `start` to `end` (milliseconds since the Unix epoch).
pub async fn figures(aws: &Aws, functions: &[String], start: i64, end: i64) -> Result<Vec<Figures>, String> {
    let period = period(start, end);
    let queries: Vec<(usize, usize, MetricDataQuery)> = functions
        .iter()
        .enumerate()
        .flat_map(|(f, function)| (0..STATS.len()).map(move |s| (f, s, query(f, s, function, period))))
        .collect();
    let mut figures = vec![Figures::default(); functions.len()];
    for batch in queries.chunks(QUERIES_PER_CALL) {
        let mut token: Option<String> = None;
        loop {
            let page = aws
                .metrics
                .get_metric_data()
                .start_time(DateTime::from_millis(start))
                .end_time(DateTime::from_millis(end))
                .set_metric_data_queries(Some(batch.iter().map(|(_, _, q)| q.clone()).collect()))
                .set_next_token(token.clone())
                .send()
                .await
                .map_err(|e| explain(&e, "cannot read the functions' metrics"))?;
            for result in page.metric_data_results() {
                let found = batch.iter().find(|(f, s, _)| Some(id(*f, *s).as_str()) == result.id());
                if let Some((f, s, _)) = found {
                    figures[*f].record(*s, result.values());
                }
            }
            let next = page.next_token().map(str::to_owned);
            if next.is_none() || next == token {
                break;
            }
            token = next;
        }
    }
    Ok(figures)
}

/// `m3_0`: query IDs start with a lower-case letter.
fn id(function: usize, stat: usize) -> String {
    format!("m{function}_{stat}")
}

fn query(function: usize, stat: usize, name: &str, period: i32) -> MetricDataQuery {
    let (metric, statistic) = STATS[stat];
    let metric = Metric::builder()
        .namespace("AWS/Lambda")
        .metric_name(metric)
        .dimensions(Dimension::builder().name("FunctionName").value(name).build())
        .build();
    MetricDataQuery::builder()
        .id(id(function, stat))
        .metric_stat(MetricStat::builder().metric(metric).period(period).stat(statistic).build())
        .return_data(true)
        .build()
}

/// One period for the whole span (so that each query has a point or
/// two), in whole minutes, or whole hours past an hour (CloudWatch wants
/// coarser periods for older data).
fn period(start: i64, end: i64) -> i32 {
    let seconds = ((end - start).max(1) + 999) / 1000;
    let unit = if seconds > 3600 { 3600 } else { 60 };
    let rounded = (seconds + unit - 1) / unit * unit;
    i32::try_from(rounded).unwrap_or(i32::MAX / 3600 * 3600)
}

#[cfg(test)]
mod tests {
    use super::{Figures, period};

    #[test]
    fn the_period_covers_the_span_in_whole_minutes_or_hours() {
        assert_eq!(period(0, 1_000), 60);
        assert_eq!(period(0, 600_000), 600);
        assert_eq!(period(0, 86_400_000), 86_400);
        assert_eq!(period(0, 3_601_000), 7_200);
    }

    #[test]
    fn totals_add_counts_and_keep_the_longest_duration() {
        let mut total = Figures::default();
        total.add(&Figures {
            invocations: 2.0,
            duration_total: 30.0,
            duration_count: 2.0,
            duration_max: Some(20.0),
            ..Figures::default()
        });
        total.add(&Figures {
            invocations: 1.0,
            errors: 1.0,
            duration_total: 90.0,
            duration_count: 1.0,
            duration_max: Some(90.0),
            ..Figures::default()
        });
        total.add(&Figures::default());
        assert_eq!(total.invocations, 3.0);
        assert_eq!(total.errors, 1.0);
        assert_eq!(total.duration_max, Some(90.0));
        assert_eq!(total.duration_average(), Some(40.0));
        assert_eq!(Figures::default().duration_average(), None);
    }
}
