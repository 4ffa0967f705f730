//! `svc offline --schedules`: each enabled `schedule` rule of the
//! template (`AWS::Events::Rule` with a `ScheduleExpression`) runs its
//! function at its `rate(…)` or `cron(…)`, in UTC as EventBridge does,
//! with the event EventBridge sends (the rule's constant `input`, or the
//! scheduled event naming the rule).
//!
//! A `rate` rule first fires one period after svc starts (EventBridge
//! counts from the rule's creation); `--run-schedules-on-start` also
//! fires every rule once at start, to try them without waiting.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use croner::Cron;
use croner::parser::{CronParser, Seconds, Year};
use serde_json::{Map, Value};

use crate::events::{Clock, constant_input, scheduled};
use crate::gateway::routes::function_in;
use crate::local::environment::request_id;
use crate::output;

use super::dispatch::ACCOUNT;
use super::served::Served;
use super::workers::{Invoked, Pool};

/// When a rule fires.
#[derive(Clone, Debug)]
pub enum Expression {
    /// `rate(5 minutes)`: every period.
    Rate(Duration),
    /// `cron(0 12 ? * MON-FRI *)`: AWS's six fields, in UTC.
    Cron(Box<Cron>),
}

/// One schedule rule.
#[derive(Clone, Debug)]
pub struct Schedule {
    /// The function it runs, by its name in the service.
    pub function: String,
    /// As written: `rate(5 minutes)`.
    pub written: String,
    /// When it fires.
    pub expression: Expression,
    /// Its constant input, if any (else the scheduled event).
    pub input: Option<Value>,
    /// The rule's name (its `Name`, else the one CloudFormation gives it).
    pub rule: String,
}

impl Expression {
    /// The expression of `text`, or why it is not one.
    pub fn parse(text: &str) -> Result<Expression, String> {
        let text = text.trim();
        if let Some(inner) = text.strip_prefix("rate(").and_then(|t| t.strip_suffix(')')) {
            let (count, unit) = inner.trim().split_once(' ').ok_or_else(|| format!("`{text}` is not a rate"))?;
            let count: u64 = count.parse().map_err(|_| format!("`{text}`: `{count}` is not a whole number"))?;
            let seconds = match unit.trim() {
                "minute" | "minutes" => 60,
                "hour" | "hours" => 3_600,
                "day" | "days" => 86_400,
                other => return Err(format!("`{text}`: `{other}` is not minutes, hours or days")),
            };
            return match count {
                0 => Err(format!("`{text}`: a rate of 0 never fires")),
                _ => Ok(Expression::Rate(Duration::from_secs(count.saturating_mul(seconds)))),
            };
        }
        if let Some(inner) = text.strip_prefix("cron(").and_then(|t| t.strip_suffix(')')) {
            // AWS: minutes hours day-of-month month day-of-week year, with
            // 1 = Sunday (Quartz's weekdays); croner wants seconds first.
            let parser = CronParser::builder()
                .seconds(Seconds::Required)
                .year(Year::Required)
                .alternative_weekdays(true)
                .build();
            let cron = parser.parse(&format!("0 {}", inner.trim())).map_err(|e| format!("`{text}`: {e}"))?;
            return Ok(Expression::Cron(Box::new(cron)));
        }
        Err(format!("`{text}` is neither `rate(…)` nor `cron(…)`"))
    }

    /// How long after `now` it next fires (`None`: never again).
    pub fn next_after(&self, now: SystemTime) -> Option<Duration> {
        match self {
            Expression::Rate(period) => Some(*period),
            Expression::Cron(cron) => {
                let now = jiff::Timestamp::try_from(now).ok()?;
                let zoned = now.to_zoned(jiff::tz::TimeZone::UTC);
                let next = cron.find_next_occurrence(&zoned, false).ok()?;
                let wait = next.timestamp().duration_since(now);
                Duration::try_from(wait).ok()
            }
        }
    }
}

/// The enabled schedule rules of `template` that run a function of the
/// service (`functions`: logical ID → name); `stack` names rules without
/// a `Name`. A rule svc cannot read is said as a warning.
pub fn of(template: &Value, functions: &BTreeMap<String, String>, stack: &str) -> Vec<Schedule> {
    let empty = Map::new();
    let resources = template.get("Resources").and_then(Value::as_object).unwrap_or(&empty);
    let rules = resources.iter().filter(|(_, r)| r["Type"] == "AWS::Events::Rule");
    let mut schedules = Vec::new();
    for (id, rule) in rules {
        let properties = &rule["Properties"];
        let (Some(written), false) = (properties["ScheduleExpression"].as_str(), properties["State"] == "DISABLED")
        else {
            continue;
        };
        let expression = match Expression::parse(written) {
            Ok(expression) => expression,
            Err(why) => {
                output::warning(&format!("schedule {id} is not run: {why}"));
                continue;
            }
        };
        for target in properties["Targets"].as_array().into_iter().flatten() {
            let Some(function) = function_in(&target["Arn"], functions) else { continue };
            schedules.push(Schedule {
                function,
                written: written.to_owned(),
                expression: expression.clone(),
                input: target.get("Input").map(constant_input),
                rule: properties["Name"].as_str().map_or_else(|| format!("{stack}-{id}"), str::to_owned),
            });
        }
    }
    schedules
}

/// Runs `schedule` for ever (until its task is aborted) on `served`'s
/// workers; with `now`, fires once at once.
pub async fn run(schedule: Schedule, served: Arc<Served>, now: bool) {
    let Some(pool) = served.pools.get(&schedule.function).cloned() else {
        let why = served.unavailable.get(&schedule.function).map_or("it cannot run here", String::as_str);
        output::warning(&format!("schedule `{}` of `{}` is not run: {why}", schedule.written, schedule.function));
        return;
    };
    if now {
        fire(&schedule, &served, &pool).await;
    }
    while let Some(wait) = schedule.expression.next_after(SystemTime::now()) {
        tokio::time::sleep(wait).await;
        fire(&schedule, &served, &pool).await;
    }
}

/// Runs the rule's function once, now, and says how it went.
async fn fire(schedule: &Schedule, served: &Served, pool: &Pool) {
    let region = &served.target.region;
    let event = schedule.input.clone().unwrap_or_else(|| {
        let arn = format!("arn:aws:events:{region}:{ACCOUNT}:rule/{}", schedule.rule);
        scheduled(ACCOUNT, region, Clock::at(SystemTime::now()), &request_id(), &arn)
    });
    let started = std::time::Instant::now();
    let how = match pool.invoke(&event, &request_id()).await {
        Invoked::Returned(_) => "ran".to_owned(),
        Invoked::Raised(error) => {
            let kind = error["errorType"].as_str().unwrap_or("Error");
            format!("failed: {kind}: {}", error["errorMessage"].as_str().unwrap_or_default())
        }
        Invoked::TimedOut => "timed out".to_owned(),
        Invoked::Crashed(why) => format!("failed: {why}"),
    };
    let took = started.elapsed().as_secs_f64() * 1000.0;
    output::step(&format!("schedule {} → {} {how} ({took:.1} ms)", schedule.written, schedule.function));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> SystemTime {
        let timestamp: jiff::Timestamp = text.parse().expect("timestamp");
        SystemTime::from(timestamp)
    }

    #[test]
    fn rates_and_aws_crons_fire_when_eventbridge_would() {
        let rate = Expression::parse("rate(5 minutes)").expect("rate");
        assert_eq!(rate.next_after(at("2026-12-07T10:00:00Z")), Some(Duration::from_secs(300)));
        assert!(Expression::parse("rate(0 minutes)").is_err());
        assert!(Expression::parse("rate(5 weeks)").is_err());
        // Noon UTC on weekdays: from Saturday morning, Monday noon.
        let weekdays = Expression::parse("cron(0 12 ? * MON-FRI *)").expect("cron");
        assert_eq!(weekdays.next_after(at("2026-12-05T08:00:00Z")), Some(Duration::from_secs(52 * 3_600)));
        // AWS's weekday numbers start at Sunday = 1.
        let sundays = Expression::parse("cron(30 6 ? * 1 *)").expect("cron");
        assert_eq!(sundays.next_after(at("2026-12-05T06:30:00Z")), Some(Duration::from_secs(24 * 3_600)));
        assert!(Expression::parse("cron(0 12 * *)").is_err());
    }
}
