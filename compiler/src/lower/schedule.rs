//! `schedule` events: an EventBridge rule per schedule expression, with the
//! permission for EventBridge to invoke the function — or, with
//! `method = "scheduler"`, an EventBridge Scheduler schedule that assumes
//! the function's role (which then trusts `scheduler.amazonaws.com` and
//! may invoke the function).

use serde_json::{Map, Value, json};

use crate::diagnostic::{Code, Diagnostic};
use crate::naming;
use crate::tree::{Entry, Node};

use super::function::function_name;
use super::service::Service;
use super::template::Template;
use crate::lower::common::events_of;
use crate::lower::common::{alias_id, target};

/// Adds the rules, schedules and permissions of every `schedule` event.
pub fn lower(service: &Service<'_>, template: &mut Template, diagnostics: &mut Vec<Diagnostic>) {
    for function in service.functions_with("schedule") {
        let mut index = 0;
        for event in events_of(&function.value, "schedule") {
            let settings = Settings::of(event);
            if let Some(problem) = settings.problem() {
                diagnostics.push(Diagnostic::error(Code::E0407, problem, event.span, "in this schedule"));
                continue;
            }
            for expression in &settings.expressions {
                index += 1;
                if settings.scheduler {
                    schedule(function, &settings, expression, index, template);
                } else {
                    rule(function, &settings, expression, index, template);
                }
            }
        }
    }
}

/// The statement letting the role invoke the functions that have a
/// `method = "scheduler"` schedule (each by name, and any version of it).
pub fn role_statement(service: &Service<'_>) -> Option<Value> {
    let resources: Vec<Value> = service
        .functions_with("schedule")
        .iter()
        .filter(|f| events_of(&f.value, "schedule").into_iter().any(|e| Settings::of(e).scheduler))
        .flat_map(|f| {
            let arn = format!(
                "arn:${{AWS::Partition}}:lambda:${{AWS::Region}}:${{AWS::AccountId}}:function:{}",
                function_name(service, f)
            );
            [json!({ "Fn::Sub": arn }), json!({ "Fn::Sub": format!("{arn}:*") })]
        })
        .collect();
    (!resources.is_empty())
        .then(|| json!({ "Effect": "Allow", "Action": ["lambda:InvokeFunction"], "Resource": resources }))
}

/// A `schedule` event read as Serverless reads it.
struct Settings {
    expressions: Vec<Value>,
    scheduler: bool,
    enabled: bool,
    object: Map<String, Value>,
}

impl Settings {
    /// `schedule = "rate(1 hour)"`, or `schedule { rate = … }` with one
    /// expression or a list.
    fn of(event: &Node) -> Settings {
        let value = Service::json(event);
        let object = value.as_object().cloned().unwrap_or_default();
        let expressions = match object.get("rate") {
            Some(Value::Array(items)) => items.clone(),
            Some(rate) => vec![rate.clone()],
            None if object.is_empty() => vec![value],
            None => Vec::new(),
        };
        let scheduler = object.get("method").and_then(Value::as_str) == Some("scheduler");
        let enabled = object.get("enabled") != Some(&Value::Bool(false));
        Settings { expressions, scheduler, enabled, object }
    }

    fn get(&self, key: &str) -> Option<&Value> {
        self.object.get(key).filter(|v| !v.is_null())
    }

    /// Why Serverless refuses this schedule, if it does.
    fn problem(&self) -> Option<String> {
        if self.expressions.len() > 1 && self.get("name").is_some() {
            return Some("a schedule with several rates cannot have a `name`".to_owned());
        }
        match (self.scheduler, self.get("inputPath"), self.get("inputTransformer"), self.get("timezone")) {
            (true, Some(_), _, _) => Some("`inputPath` does not work with `method = \"scheduler\"`".to_owned()),
            (true, _, Some(_), _) => Some("`inputTransformer` does not work with `method = \"scheduler\"`".to_owned()),
            (false, _, _, Some(_)) => Some("`timezone` needs `method = \"scheduler\"`".to_owned()),
            _ => None,
        }
    }

    /// `input` as text: a string as written, an object as JSON (with a
    /// `body` written as JSON text read first).
    fn input(&self) -> Option<Value> {
        match self.get("input")? {
            Value::String(text) => Some(json!(text)),
            other => {
                let mut other = other.clone();
                if let Some(body) = other.get_mut("body")
                    && let Some(parsed) = body.as_str().and_then(|b| serde_json::from_str::<Value>(b).ok())
                {
                    *body = parsed;
                }
                Some(json!(other.to_string()))
            }
        }
    }

    fn state(&self) -> &'static str {
        if self.enabled { "ENABLED" } else { "DISABLED" }
    }
}

/// An `AWS::Events::Rule` and its permission.
fn rule(function: &Entry, settings: &Settings, expression: &Value, index: usize, template: &mut Template) {
    let mut target_entry = Map::new();
    if let Some(input) = settings.input() {
        target_entry.insert("Input".into(), input);
    }
    if let Some(path) = settings.get("inputPath") {
        target_entry.insert("InputPath".into(), path.clone());
    }
    if let Some(transformer) = settings.get("inputTransformer") {
        let mut out = Map::new();
        out.insert("InputTemplate".into(), transformer.get("inputTemplate").cloned().unwrap_or_default());
        if let Some(paths) = transformer.get("inputPathsMap").filter(|p| !p.is_null()) {
            out.insert("InputPathsMap".into(), paths.clone());
        }
        target_entry.insert("InputTransformer".into(), Value::Object(out));
    }
    target_entry.insert("Arn".into(), target(function));
    target_entry.insert("Id".into(), json!(format!("{}Schedule", function.key)));
    let mut properties = Map::new();
    properties.insert("ScheduleExpression".into(), expression.clone());
    properties.insert("State".into(), json!(settings.state()));
    for key in ["name", "description"] {
        if let Some(value) = settings.get(key).filter(|v| v.as_str() != Some("")) {
            properties.insert(capitalize(key), value.clone());
        }
    }
    properties.insert("Targets".into(), json!([target_entry]));
    let rule_id = naming::schedule_rule(&function.key, index);
    template.resource(&rule_id, with_alias(json!({ "Type": "AWS::Events::Rule", "Properties": properties }), function));
    let permission = json!({
        "Type": "AWS::Lambda::Permission",
        "Properties": {
            "FunctionName": target(function),
            "Action": "lambda:InvokeFunction",
            "Principal": "events.amazonaws.com",
            "SourceArn": { "Fn::GetAtt": [rule_id, "Arn"] }
        }
    });
    template.resource(naming::schedule_permission(&function.key, index), with_alias(permission, function));
}

/// An `AWS::Scheduler::Schedule`, run with the function's role.
fn schedule(function: &Entry, settings: &Settings, expression: &Value, index: usize, template: &mut Template) {
    let role = template
        .get(&naming::lambda_function(&function.key))
        .and_then(|mut f| f.get_mut("Properties")?.get_mut("Role").map(Value::take))
        .unwrap_or_default();
    let mut target_entry = json!({ "Arn": target(function), "RoleArn": role });
    if let Some(input) = settings.input() {
        target_entry["Input"] = input;
    }
    let mut properties = json!({
        "ScheduleExpression": expression,
        "State": settings.state(),
        "Target": target_entry,
        "FlexibleTimeWindow": { "Mode": "OFF" }
    });
    for (key, cfn) in [("name", "Name"), ("description", "Description"), ("timezone", "ScheduleExpressionTimezone")] {
        if let Some(value) = settings.get(key) {
            properties[cfn] = value.clone();
        }
    }
    let resource = json!({ "Type": "AWS::Scheduler::Schedule", "Properties": properties });
    template.resource(naming::scheduler_schedule(&function.key, index), with_alias(resource, function));
}

/// `DependsOn` the function's alias, when events invoke one.
fn with_alias(mut resource: Value, function: &Entry) -> Value {
    if let Some(alias) = alias_id(function) {
        resource["DependsOn"] = json!(alias);
    }
    resource
}

fn capitalize(key: &str) -> String {
    naming::normalize_name(key)
}
