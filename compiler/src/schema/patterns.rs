//! The rules behind [`Ty::Pattern`](super::Ty::Pattern): small hand-written
//! checks for the string formats AWS and the Serverless Framework define.
//!
//! Each check returns `Err` with a short phrase saying what is wrong or what
//! was expected; the checker puts it in its message. The `Ty` constants that
//! pair a check with its `expected` text live beside the tables that use
//! them.

mod arn;
mod route;

pub use arn::{alb_listener_arn, arn, kms_arn, layer_arn, sns_arn, sns_topic, sqs_arn, stream_arn};
pub use route::{http_api_path, http_api_route, http_method, http_path, http_route, websocket_route};

use super::regions::REGIONS;

/// A schedule: `rate(5 minutes)` or a six-field `cron(…)` expression.
pub fn schedule(s: &str) -> Result<(), String> {
    if let Some(inner) = s.strip_prefix("rate(").and_then(|r| r.strip_suffix(')')) {
        rate(inner)
    } else if let Some(inner) = s.strip_prefix("cron(").and_then(|r| r.strip_suffix(')')) {
        cron(inner)
    } else {
        Err(format!("`{s}` is neither `rate(…)` nor `cron(…)`: write rate(5 minutes) or cron(0 12 * * ? *)"))
    }
}

fn rate(inner: &str) -> Result<(), String> {
    let (n, unit) = inner.split_once(' ').ok_or("a rate is `rate(N unit)`, such as rate(5 minutes)")?;
    let digits = !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && !n.starts_with('0');
    let n: u64 = match n.parse() {
        Ok(v) if digits => v,
        _ => return Err(format!("`{n}` is not a positive whole number")),
    };
    let singular = ["minute", "hour", "day"];
    let plural = ["minutes", "hours", "days"];
    match (n == 1, singular.contains(&unit), plural.contains(&unit)) {
        (true, true, _) | (false, _, true) => Ok(()),
        (true, false, true) => {
            Err(format!("write `rate(1 {})`: AWS wants the singular for 1", &unit[..unit.len() - 1]))
        }
        (false, true, false) => Err(format!("write `rate({n} {unit}s)`: AWS wants the plural above 1")),
        _ => Err(format!("`{unit}` is not a rate unit (minutes, hours or days)")),
    }
}

/// One cron field: its name, its range, and the special characters it allows.
struct CronField {
    name: &'static str,
    min: u32,
    max: u32,
    names: &'static [&'static str],
    specials: &'static str,
}

const CRON_FIELDS: [CronField; 6] = [
    CronField { name: "minutes", min: 0, max: 59, names: &[], specials: ",-*/" },
    CronField { name: "hours", min: 0, max: 23, names: &[], specials: ",-*/" },
    CronField { name: "day-of-month", min: 1, max: 31, names: &[], specials: ",-*?/LW" },
    CronField {
        name: "month",
        min: 1,
        max: 12,
        names: &["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"],
        specials: ",-*/",
    },
    CronField {
        name: "day-of-week",
        min: 1,
        max: 7,
        names: &["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"],
        specials: ",-*?L#",
    },
    CronField { name: "year", min: 1970, max: 2199, names: &[], specials: ",-*/" },
];

fn cron(inner: &str) -> Result<(), String> {
    let fields: Vec<&str> = inner.split_whitespace().collect();
    if fields.len() != 6 {
        return Err(format!(
            "a cron expression has six fields (minutes hours day-of-month month day-of-week year), found {}",
            fields.len()
        ));
    }
    for (field, spec) in fields.iter().zip(CRON_FIELDS.iter()) {
        cron_field(field, spec)?;
    }
    match (fields[2] == "?", fields[4] == "?") {
        (true, false) | (false, true) => Ok(()),
        _ => Err("exactly one of day-of-month and day-of-week must be `?`".into()),
    }
}

fn cron_field(field: &str, spec: &CronField) -> Result<(), String> {
    let bad = || format!("`{field}` is not a valid {} field", spec.name);
    // Split on every special character; what remains are numbers or names.
    for part in field.split(|c: char| spec.specials.contains(c)) {
        if part.is_empty() {
            continue;
        }
        if spec.names.iter().any(|n| n.eq_ignore_ascii_case(part)) {
            continue;
        }
        let n: u32 = part.parse().map_err(|_| bad())?;
        // After `/` a number is a step, after `#` an occurrence; both are small positive numbers.
        let is_step = field.contains(&format!("/{part}")) || field.contains(&format!("#{part}"));
        if !is_step && !(spec.min..=spec.max).contains(&n) {
            return Err(format!("{n} is outside {}..{} in the {} field", spec.min, spec.max, spec.name));
        }
    }
    if field.chars().all(|c| c.is_ascii_alphanumeric() || spec.specials.contains(c)) { Ok(()) } else { Err(bad()) }
}

/// The shape of a region name (`us-east-1`, `us-gov-west-1`, `eu-central-2`),
/// without checking that the region exists; see [`commercial_region`].
pub fn region_name(s: &str) -> Result<(), String> {
    let parts: Vec<&str> = s.split('-').collect();
    let ok = parts.len() >= 3
        && parts[0].len() == 2
        && parts[..parts.len() - 1].iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase()))
        && parts[parts.len() - 1].bytes().all(|b| b.is_ascii_digit())
        && !parts[parts.len() - 1].is_empty();
    if ok { Ok(()) } else { Err(format!("`{s}` is not a region name such as us-east-1")) }
}

/// A current AWS commercial region (see [`REGIONS`]).
pub fn commercial_region(s: &str) -> Result<(), String> {
    region_name(s)?;
    if REGIONS.contains(&s) {
        Ok(())
    } else {
        Err(format!("`{s}` is not a current AWS commercial region (GovCloud, China and ISO regions are not supported)"))
    }
}

/// An IAM action: `*`, or `service:Action` where the action may use `*` and
/// `?` wildcards (`s3:Get*`).
pub fn iam_action(s: &str) -> Result<(), String> {
    if s == "*" {
        return Ok(());
    }
    let ok = match s.split_once(':') {
        Some((service, action)) => {
            !service.is_empty()
                && service.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !action.is_empty()
                && action.bytes().all(|b| b.is_ascii_alphanumeric() || b"*?-_".contains(&b))
        }
        None => false,
    };
    if ok { Ok(()) } else { Err(format!("`{s}` is not an IAM action such as s3:GetObject")) }
}

/// An S3 bucket name: 3–63 lowercase letters, digits, `.` and `-`, starting
/// and ending with a letter or digit, not shaped like an IP address.
pub fn s3_bucket_name(s: &str) -> Result<(), String> {
    let chars_ok = s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-');
    let ends_ok = s.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
        && s.bytes().last().is_some_and(|b| b.is_ascii_alphanumeric());
    let ip_like = s.split('.').count() == 4 && s.split('.').all(|p| !p.is_empty() && p.parse::<u8>().is_ok());
    if !(3..=63).contains(&s.len()) || !chars_ok || !ends_ok || s.contains("..") || ip_like {
        Err(format!("`{s}` is not a valid S3 bucket name (3–63 lowercase letters, digits, `.` and `-`)"))
    } else {
        Ok(())
    }
}

/// An S3 event type such as `s3:ObjectCreated:*`.
pub fn s3_event(s: &str) -> Result<(), String> {
    match s.strip_prefix("s3:") {
        Some(rest) if !rest.is_empty() => Ok(()),
        _ => Err(format!("`{s}` is not an S3 event type such as s3:ObjectCreated:*")),
    }
}

/// A CloudWatch Logs log group name: 1–512 of letters, digits, `_ - / . #`.
pub fn log_group_name(s: &str) -> Result<(), String> {
    let ok = (1..=512).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"_-/.#".contains(&b));
    if ok { Ok(()) } else { Err(format!("`{s}` is not a log group name (letters, digits and _ - / . #)")) }
}

/// An Alexa skill ID such as `amzn1.ask.skill.1234…`.
pub fn alexa_skill_id(s: &str) -> Result<(), String> {
    let ok = (1..=256).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b));
    if ok { Ok(()) } else { Err(format!("`{s}` is not an Alexa skill ID such as amzn1.ask.skill.…")) }
}

fn word(s: &str, first: fn(u8) -> bool, rest: fn(u8) -> bool, max: usize, what: &str) -> Result<(), String> {
    let ok = s.len() <= max && s.bytes().next().is_some_and(first) && s.bytes().skip(1).all(rest);
    if ok { Ok(()) } else { Err(format!("`{s}` is not {what}")) }
}

/// A service name: a letter, then letters, digits and `-` (at least two characters).
pub fn service_name(s: &str) -> Result<(), String> {
    word(s, |b| b.is_ascii_alphabetic(), |b| b.is_ascii_alphanumeric() || b == b'-', 128, "a service name")
        .and_then(|()| if s.len() >= 2 { Ok(()) } else { Err("a service name has at least two characters".into()) })
}

/// A stage name: letters, digits and `-`.
pub fn stage_name(s: &str) -> Result<(), String> {
    let alnum_dash = |b: u8| b.is_ascii_alphanumeric() || b == b'-';
    word(s, alnum_dash, alnum_dash, 128, "a stage name (letters, digits and -)")
}

/// A CloudFormation stack name: a letter, then letters, digits and `-`; at most 128.
pub fn stack_name(s: &str) -> Result<(), String> {
    word(s, |b| b.is_ascii_alphabetic(), |b| b.is_ascii_alphanumeric() || b == b'-', 128, "a stack name")
}

/// An IAM role name: 1–64 of letters, digits and `+=,.@_-`.
pub fn iam_role_name(s: &str) -> Result<(), String> {
    let ok_byte = |b: u8| b.is_ascii_alphanumeric() || b"+=,.@_-".contains(&b);
    word(s, ok_byte, ok_byte, 64, "an IAM role name (1–64 letters, digits and +=,.@_-)")
}

/// An IAM path: `/` or `/some/path/`.
pub fn iam_path(s: &str) -> Result<(), String> {
    let printable = s.bytes().all(|b| (0x21..=0x7e).contains(&b));
    if s.starts_with('/') && s.ends_with('/') && printable && s.len() <= 512 {
        Ok(())
    } else {
        Err(format!("`{s}` is not an IAM path: it starts and ends with `/`"))
    }
}

/// A media type such as `image/png` or `*/*`.
pub fn media_type(s: &str) -> Result<(), String> {
    match s.split_once('/') {
        Some((a, b)) if !a.is_empty() && !b.is_empty() && !s.contains(char::is_whitespace) => Ok(()),
        _ => Err(format!("`{s}` is not a media type such as image/png")),
    }
}

/// Where an EFS file system is mounted: `/mnt/NAME`.
pub fn efs_mount_path(s: &str) -> Result<(), String> {
    let name = s.strip_prefix("/mnt/").unwrap_or("");
    let ok = !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b));
    if ok { Ok(()) } else { Err(format!("`{s}` must be /mnt/ followed by a name")) }
}

/// A deprecation code such as `LAMBDA_HASHING_VERSION_V2`, or `*` for all.
pub fn deprecation_code(s: &str) -> Result<(), String> {
    let ok =
        s == "*" || (!s.is_empty() && s.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_'));
    if ok { Ok(()) } else { Err(format!("`{s}` is not a deprecation code (capitals, digits and _) or *")) }
}

/// A container image: an ECR image URI (`…dkr.ecr.REGION.amazonaws.com/repo…`)
/// or the name of an image in `provider.ecr.images`.
pub fn function_image(s: &str) -> Result<(), String> {
    if s.contains(".dkr.ecr.") && s.contains(".amazonaws.com/") {
        return Ok(());
    }
    let first = |b: u8| b.is_ascii_lowercase();
    let rest = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_';
    let what = "an ECR image URI or the name (2–32 characters) of an image in provider.ecr.images";
    word(s, first, rest, 32, what)
        .and_then(|()| if s.len() >= 2 { Ok(()) } else { Err(format!("`{s}` is not {what}")) })
}

/// Test helper: every string passes `check`.
#[cfg(test)]
fn ok(check: fn(&str) -> Result<(), String>, good: &[&str]) {
    for s in good {
        assert_eq!(check(s), Ok(()), "{s:?} should pass");
    }
}

/// Test helper: every string fails `check`.
#[cfg(test)]
fn bad(check: fn(&str) -> Result<(), String>, wrong: &[&str]) {
    for s in wrong {
        assert!(check(s).is_err(), "{s:?} should fail");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedules() {
        ok(schedule, &["rate(1 minute)", "rate(5 minutes)", "rate(2 hours)", "rate(1 day)", "rate(10 days)"]);
        ok(schedule, &["cron(0 12 * * ? *)", "cron(15 10 ? * 6L 2030)", "cron(0/15 * ? * MON-FRI *)"]);
        ok(schedule, &["cron(0 8 1 * ? *)", "cron(0 18 ? * MON#1 *)"]);
        bad(schedule, &["rate(1 minutes)", "rate(5 minute)", "rate(0 minutes)", "rate(five minutes)"]);
        bad(schedule, &["rate(5 weeks)", "rate(5)", "every 5 minutes", "rate(5 minutes"]);
        bad(schedule, &["cron(0 12 * * *)", "cron(0 12 * * * *)", "cron(0 12 ? * ? *)", "cron(61 * * * ? *)"]);
        bad(schedule, &["cron(0 25 * * ? *)", "cron(0 12 * FOO ? *)", "cron(0 12 * * ? 1969)"]);
        assert!(schedule("rate(1 minutes)").is_err_and(|e| e.contains("singular")));
    }

    #[test]
    fn regions() {
        ok(region_name, &["us-east-1", "us-gov-west-1", "ap-southeast-7", "eu-central-2"]);
        bad(region_name, &["useast1", "us-east", "US-EAST-1", "usa-east-1", "us-east-x", ""]);
        ok(commercial_region, &["us-east-1", "mx-central-1", "ap-east-2", "ca-west-1"]);
        bad(commercial_region, &["us-gov-west-1", "cn-north-1", "us-east-9", "moon-base-1"]);
    }

    #[test]
    fn names() {
        ok(s3_bucket_name, &["photos", "my.bucket-01", "abc"]);
        bad(s3_bucket_name, &["ab", "My-Bucket", "-bucket", "bucket-", "a..b", "192.168.5.4", "under_score"]);
        ok(s3_event, &["s3:ObjectCreated:*", "s3:ObjectRemoved:Delete"]);
        bad(s3_event, &["ObjectCreated", "s3:"]);
        ok(log_group_name, &["/aws/lambda/hello", "app#1"]);
        bad(log_group_name, &["", "has space", "a:b"]);
        ok(alexa_skill_id, &["amzn1.ask.skill.xx-xx-xx-xx"]);
        bad(alexa_skill_id, &["amzn1 ask", ""]);
        ok(service_name, &["users", "my-service2"]);
        bad(service_name, &["1users", "u", "my_service", ""]);
        ok(stage_name, &["dev", "prod-2", "2024"]);
        bad(stage_name, &["dev_1", "", "a b"]);
        ok(stack_name, &["my-stack"]);
        bad(stack_name, &["-stack", "my_stack"]);
        ok(iam_role_name, &["my-role", "a+b=c,d.e@f_g"]);
        bad(iam_role_name, &["", "has space", &"r".repeat(65)]);
        ok(iam_path, &["/", "/team/app/"]);
        bad(iam_path, &["team/", "/team", "/a b/"]);
        ok(media_type, &["image/png", "*/*"]);
        bad(media_type, &["image", "/png", "image/ png"]);
        ok(efs_mount_path, &["/mnt/efs", "/mnt/data_1.v2"]);
        bad(efs_mount_path, &["/mnt/", "/data", "/mnt/a/b"]);
        ok(iam_action, &["*", "s3:GetObject", "s3:Get*", "dynamodb:*", "execute-api:Invoke"]);
        bad(iam_action, &["s3", "s3:", ":GetObject", "s3:Get Object"]);
        ok(deprecation_code, &["*", "LAMBDA_HASHING_VERSION_V2"]);
        bad(deprecation_code, &["lambda", ""]);
        ok(function_image, &["baseimage", "my-image_1", "000000000000.dkr.ecr.us-east-1.amazonaws.com/repo:tag"]);
        bad(function_image, &["Base", "1image", "x"]);
    }
}
