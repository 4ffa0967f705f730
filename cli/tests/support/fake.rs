//! A scripted fake of the CloudFormation query API (and the few S3 calls a
//! deploy makes), served over HTTP/1.1 on loopback, for the failure paths
//! moto cannot produce: a resource that fails with a reason, rollbacks,
//! stacks left in `REVIEW_IN_PROGRESS`, `ROLLBACK_COMPLETE`,
//! `UPDATE_ROLLBACK_FAILED` or `UPDATE_FAILED`, express mode, a stack
//! another deploy holds, throttling,
//! expired credentials, answers that are not AWS's, a deleted bucket, and
//! calls that are never answered. It answers the XML the SDK expects; each
//! test sets what the stack does next in [`State`], reads back the calls
//! made, and can wait until a given call arrives ([`Fake::wait_for`]) to
//! act at exactly that step.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

/// The bucket name the fake's stacks have.
pub const BUCKET: &str = "fake-deployment-bucket";

/// A stack event to emit.
#[derive(Clone, Debug)]
pub struct Event {
    /// The logical ID (the stack's name for the stack itself).
    pub logical: String,
    /// The resource type.
    pub kind: String,
    /// The status.
    pub status: String,
    /// The reason.
    pub reason: Option<String>,
}

impl Event {
    /// An event of resource `logical`.
    pub fn new(logical: &str, kind: &str, status: &str, reason: Option<&str>) -> Event {
        Event { logical: logical.into(), kind: kind.into(), status: status.into(), reason: reason.map(Into::into) }
    }
}

/// What an operation ends in: the stack's status and the events on the way.
#[derive(Clone, Debug)]
pub struct Script {
    /// The final status.
    pub status: String,
    /// Resource events, oldest first (the stack's own events are added).
    pub events: Vec<Event>,
}

impl Script {
    /// Ends in `status` with no resource events.
    pub fn ends(status: &str) -> Script {
        Script { status: status.into(), events: Vec::new() }
    }
}

/// A resource change of the fake's change sets.
#[derive(Clone, Debug)]
pub struct Change {
    /// `Add`, `Modify`, `Remove`.
    pub action: String,
    /// The logical ID.
    pub logical: String,
    /// The type.
    pub kind: String,
    /// `True`, `False`, `Conditional` or none.
    pub replacement: Option<String>,
}

/// The fake stack.
#[derive(Clone, Debug)]
pub struct Stack {
    /// Its name.
    pub name: String,
    /// Its ID.
    pub id: String,
    /// Its status.
    pub status: String,
    /// Its template.
    pub template: String,
    /// Events so far, oldest first: (id, event).
    pub events: Vec<(String, Event)>,
    /// The ID of the change set it ran last.
    pub change_set: Option<String>,
}

/// What the fake holds and does; tests set it and read it.
#[derive(Debug)]
pub struct State {
    /// The stack, if any.
    pub stack: Option<Stack>,
    /// Objects, `bucket/key`.
    pub objects: BTreeSet<String>,
    /// Every call: the CloudFormation action, or `S3 METHOD path`.
    pub calls: Vec<String>,
    /// Every CloudFormation request: its action and its parameters.
    pub requests: Vec<(String, Vec<(String, String)>)>,
    /// Answer `Throttling` to this many requests first.
    pub throttle: usize,
    /// Answer `ExpiredToken` to everything.
    pub expired: bool,
    /// Answer every request with this status and body (not AWS's XML).
    pub raw: Option<(u16, String)>,
    /// The deployment bucket is gone: uploads get `NoSuchBucket`.
    pub no_bucket: bool,
    /// Calls never answered (the connection is held open): a CloudFormation
    /// action, or the start of an S3 call such as `S3 PUT`.
    pub stall: Vec<String>,
    /// How `CreateStack` ends (a failure then deletes the stack, as
    /// CloudFormation does, when it was asked with `OnFailure=DELETE`).
    pub on_create: Script,
    /// The `OnFailure` of each `CreateStack`, in order.
    pub on_failure: Vec<String>,
    /// How `ExecuteChangeSet` and `UpdateStack` end.
    pub on_execute: Script,
    /// How `ContinueUpdateRollback` ends.
    pub on_continue: Script,
    /// How `RollbackStack` ends.
    pub on_rollback: Script,
    /// Another deploy takes the stack just before svc executes: the next
    /// `ExecuteChangeSet` or `UpdateStack` finds the stack in this status
    /// (and refused, as CloudFormation refuses an operation on a busy
    /// stack), with this change set.
    pub taken: Option<(String, String)>,
    /// The changes of every change set.
    pub changes: Vec<Change>,
    /// After an operation, `DescribeStacks` says `…_IN_PROGRESS` this many
    /// times before the final status.
    pub busy_polls: usize,
    busy: usize,
    pending_template: Option<String>,
    counter: usize,
}

impl Default for State {
    fn default() -> State {
        State {
            stack: None,
            objects: BTreeSet::new(),
            calls: Vec::new(),
            throttle: 0,
            expired: false,
            raw: None,
            no_bucket: false,
            stall: Vec::new(),
            on_create: Script::ends("CREATE_COMPLETE"),
            on_failure: Vec::new(),
            on_execute: Script::ends("UPDATE_COMPLETE"),
            on_continue: Script::ends("UPDATE_ROLLBACK_COMPLETE"),
            on_rollback: Script::ends("UPDATE_ROLLBACK_COMPLETE"),
            taken: None,
            changes: Vec::new(),
            requests: Vec::new(),
            busy_polls: 0,
            busy: 0,
            pending_template: None,
            counter: 0,
        }
    }
}

impl State {
    /// Puts a stack in `status` with `template`.
    pub fn with_stack(&mut self, name: &str, status: &str, template: &str) {
        self.counter += 1;
        self.stack = Some(Stack {
            name: name.into(),
            id: format!("arn:aws:cloudformation:us-east-1:123456789012:stack/{name}/{}", self.counter),
            status: status.into(),
            template: template.into(),
            events: Vec::new(),
            change_set: None,
        });
    }

    /// Adds an event to the stack, as an earlier operation left it.
    pub fn emit(&mut self, event: Event) {
        emit(self, event);
    }

    /// `DescribeStacks` says `…_IN_PROGRESS` for the next `polls` calls, as
    /// for an operation another tool started.
    pub fn hold(&mut self, polls: usize) {
        self.busy = polls;
    }

    /// The parameters of the `index`th call of `action` (0 the first).
    pub fn request(&self, action: &str, index: usize) -> Option<&[(String, String)]> {
        self.requests.iter().filter(|(a, _)| a == action).nth(index).map(|(_, p)| p.as_slice())
    }

    /// Parameter `name` of the `index`th call of `action`.
    pub fn param(&self, action: &str, index: usize, name: &str) -> Option<&str> {
        self.request(action, index)?.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// Ends the stack's `…_IN_PROGRESS`: it rests from the next poll on.
    pub fn rest(&mut self) {
        self.busy_polls = 0;
        self.busy = 0;
    }

    /// The CloudFormation actions called, in order.
    pub fn actions(&self) -> Vec<&str> {
        self.calls.iter().filter(|c| !c.starts_with("S3 ")).map(String::as_str).collect()
    }
}

/// The running fake.
pub struct Fake {
    state: Arc<Mutex<State>>,
    arrived: Arc<Condvar>,
    stop: Arc<AtomicBool>,
    /// `127.0.0.1:PORT`
    pub address: String,
}

impl Fake {
    /// Starts serving on a free loopback port.
    pub fn start() -> Fake {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let address = listener.local_addr().expect("address").to_string();
        let state = Arc::new(Mutex::new(State::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let arrived = Arc::new(Condvar::new());
        let (shared, stopping, signal) = (state.clone(), stop.clone(), arrived.clone());
        thread::spawn(move || {
            for stream in listener.incoming() {
                if stopping.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let (shared, stopping, signal) = (shared.clone(), stopping.clone(), signal.clone());
                thread::spawn(move || serve(stream, &shared, &signal, &stopping));
            }
        });
        Fake { state, arrived, stop, address }
    }

    /// `http://127.0.0.1:PORT`
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// The state, to set or read.
    pub fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().expect("fake state")
    }

    /// Returns once `reached` holds of the state (checked at each call
    /// the fake receives); fails the test after 20 s.
    pub fn wait_for(&self, what: &str, reached: impl Fn(&State) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut state = self.state();
        while !reached(&state) {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(!left.is_zero(), "svc never reached {what}: calls {:?}", state.calls);
            state = self.arrived.wait_timeout(state, left).expect("fake state").0;
        }
    }
}

impl Drop for Fake {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(&self.address);
    }
}

/// A request as the fake sees it.
struct Request {
    method: String,
    path: String,
    query: String,
    body: Vec<u8>,
}

/// Answers the requests of one connection (keep-alive) until it closes;
/// a stalled call holds the connection without answering until the fake
/// stops.
fn serve(stream: TcpStream, state: &Mutex<State>, arrived: &Condvar, stop: &AtomicBool) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(60)));
    let Ok(mut writer) = stream.try_clone() else { return };
    let mut reader = BufReader::new(stream);
    while let Some(request) = read_request(&mut reader) {
        let answered = match state.lock() {
            Ok(mut state) => answer(&request, &mut state),
            Err(_) => Some((500, String::new(), Vec::new())),
        };
        arrived.notify_all();
        let Some((status, body, headers)) = answered else {
            while !stop.load(Ordering::SeqCst) {
                thread::sleep(Duration::from_millis(20));
            }
            return;
        };
        let mut head = format!("HTTP/1.1 {status} {}\r\nContent-Length: {}\r\n", reason(status), body.len());
        if !body.is_empty() {
            head.push_str("Content-Type: text/xml\r\n");
        }
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("x-amzn-RequestId: fake\r\n\r\n");
        let body = if request.method == "HEAD" { String::new() } else { body };
        if writer.write_all(head.as_bytes()).and_then(|()| writer.write_all(body.as_bytes())).is_err() {
            return;
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        _ => "Error",
    }
}

fn read_request(reader: &mut BufReader<TcpStream>) -> Option<Request> {
    let mut line = String::new();
    if reader.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_owned();
    let target = parts.next()?.to_owned();
    let (mut length, mut chunked) = (0usize, false);
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        match name.trim().to_ascii_lowercase().as_str() {
            "content-length" => length = value.trim().parse().ok()?,
            "transfer-encoding" => chunked = value.to_ascii_lowercase().contains("chunked"),
            _ => {}
        }
    }
    let mut body = Vec::new();
    if chunked {
        loop {
            let mut size = String::new();
            reader.read_line(&mut size).ok()?;
            let size = usize::from_str_radix(size.trim().split(';').next()?, 16).ok()?;
            let mut chunk = vec![0; size + 2];
            reader.read_exact(&mut chunk).ok()?;
            if size == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..size]);
        }
    } else {
        body.resize(length, 0);
        reader.read_exact(&mut body).ok()?;
    }
    let (path, query) = target.split_once('?').map_or((target.clone(), String::new()), |(p, q)| (p.into(), q.into()));
    Some(Request { method, path, query, body })
}

type Answer = (u16, String, Vec<(String, String)>);

/// The answer to `request`, `None` for a stalled call.
fn answer(request: &Request, state: &mut State) -> Option<Answer> {
    let is_cfn = request.method == "POST" && request.path == "/";
    let params = if is_cfn { decode_form(&String::from_utf8_lossy(&request.body)) } else { Vec::new() };
    let param = |name: &str| params.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default();
    let call = if is_cfn { param("Action") } else { format!("S3 {} {}", request.method, request.path) };
    state.calls.push(call.clone());
    if is_cfn {
        state.requests.push((call.clone(), params.clone()));
    }
    if state.stall.iter().any(|s| call == *s || call.starts_with(&format!("{s} "))) {
        return None;
    }
    if let Some((status, body)) = &state.raw {
        return Some((*status, body.clone(), Vec::new()));
    }
    if state.expired {
        return Some(error(403, "ExpiredToken", "The security token included in the request is expired"));
    }
    if state.throttle > 0 {
        state.throttle -= 1;
        return Some(error(400, "Throttling", "Rate exceeded"));
    }
    if !is_cfn {
        return Some(s3(request, state));
    }
    Some(cloudformation(&call, &param, state))
}

fn cloudformation(action: &str, param: &dyn Fn(&str) -> String, state: &mut State) -> Answer {
    let name = param("StackName");
    let exists = state.stack.as_ref().is_some_and(|s| s.status != "DELETE_COMPLETE" || s.id == name);
    match action {
        "DescribeStacks" => {
            let Some(stack) = state.stack.as_ref().filter(|_| exists) else { return missing(&name) };
            let mut status = stack.status.clone();
            if state.busy > 0 {
                state.busy -= 1;
                status = in_progress(&status);
            }
            let outputs = format!(
                "<Outputs><member><OutputKey>ServerlessDeploymentBucketName</OutputKey><OutputValue>{BUCKET}</OutputValue></member></Outputs>"
            );
            let change_set =
                stack.change_set.as_deref().map(|id| format!("<ChangeSetId>{id}</ChangeSetId>")).unwrap_or_default();
            ok(
                action,
                &format!(
                    "<Stacks><member><StackId>{}</StackId><StackName>{}</StackName>{change_set}<CreationTime>2026-01-01T00:00:00.000Z</CreationTime><StackStatus>{status}</StackStatus>{outputs}</member></Stacks>",
                    stack.id, stack.name
                ),
            )
        }
        "CreateStack" => {
            if exists {
                return error(400, "AlreadyExistsException", &format!("Stack [{name}] already exists"));
            }
            state.with_stack(&name, "CREATE_IN_PROGRESS", &param("TemplateBody"));
            state.on_failure.push(param("OnFailure"));
            let script = state.on_create.clone();
            run(state, &script, "CREATE_IN_PROGRESS");
            if param("OnFailure") == "DELETE" && script.status != "CREATE_COMPLETE" {
                run(state, &Script::ends("DELETE_COMPLETE"), "DELETE_IN_PROGRESS");
            }
            let id = state.stack.as_ref().map(|s| s.id.clone()).unwrap_or_default();
            ok(action, &format!("<StackId>{id}</StackId>"))
        }
        "UpdateStack" => {
            if !exists {
                return missing(&name);
            }
            if let Some(refused) = taken(state) {
                return refused;
            }
            if let Some(stack) = state.stack.as_mut() {
                stack.template = param("TemplateBody");
            }
            let script = state.on_execute.clone();
            run(state, &script, "UPDATE_IN_PROGRESS");
            let id = state.stack.as_ref().map(|s| s.id.clone()).unwrap_or_default();
            ok(action, &format!("<StackId>{id}</StackId>"))
        }
        "DescribeStackEvents" => {
            let Some(stack) = state.stack.as_ref().filter(|_| exists) else { return missing(&name) };
            let events: String = stack
                .events
                .iter()
                .rev()
                .map(|(id, e)| {
                    format!(
                        "<member><StackId>{}</StackId><EventId>{id}</EventId><StackName>{}</StackName><LogicalResourceId>{}</LogicalResourceId><ResourceType>{}</ResourceType><Timestamp>2026-01-01T00:00:00.000Z</Timestamp><ResourceStatus>{}</ResourceStatus>{}</member>",
                        stack.id,
                        stack.name,
                        e.logical,
                        e.kind,
                        e.status,
                        e.reason.as_deref().map(|r| format!("<ResourceStatusReason>{}</ResourceStatusReason>", escape(r))).unwrap_or_default()
                    )
                })
                .collect();
            ok(action, &format!("<StackEvents>{events}</StackEvents>"))
        }
        "GetTemplate" => {
            let Some(stack) = state.stack.as_ref().filter(|_| exists) else { return missing(&name) };
            ok(action, &format!("<TemplateBody>{}</TemplateBody>", escape(&stack.template)))
        }
        "CreateChangeSet" => {
            if !exists && param("ChangeSetType") == "CREATE" {
                // CloudFormation makes the stack to hold the change set.
                state.with_stack(&name, "REVIEW_IN_PROGRESS", "");
            } else if !exists {
                return missing(&name);
            }
            state.pending_template = Some(param("TemplateBody"));
            let id = state.stack.as_ref().map(|s| s.id.clone()).unwrap_or_default();
            ok(
                action,
                &format!(
                    "<Id>arn:aws:cloudformation:us-east-1:123456789012:changeSet/svc/1</Id><StackId>{id}</StackId>"
                ),
            )
        }
        "DescribeChangeSet" => {
            let changes: String = state
                .changes
                .iter()
                .map(|c| {
                    format!(
                        "<member><Type>Resource</Type><ResourceChange><Action>{}</Action><LogicalResourceId>{}</LogicalResourceId><ResourceType>{}</ResourceType>{}</ResourceChange></member>",
                        c.action,
                        c.logical,
                        c.kind,
                        c.replacement.as_deref().map(|r| format!("<Replacement>{r}</Replacement>")).unwrap_or_default()
                    )
                })
                .collect();
            ok(
                action,
                &format!(
                    "<ChangeSetId>arn:aws:cloudformation:us-east-1:123456789012:changeSet/svc/1</ChangeSetId><StackName>{name}</StackName><Status>CREATE_COMPLETE</Status><ExecutionStatus>AVAILABLE</ExecutionStatus><Changes>{changes}</Changes>"
                ),
            )
        }
        "ExecuteChangeSet" => {
            if let Some(refused) = taken(state) {
                return refused;
            }
            if let Some(stack) = state.stack.as_mut() {
                stack.change_set = Some(param("ChangeSetName"));
            }
            let template = state.pending_template.take().unwrap_or_default();
            if let Some(stack) = state.stack.as_mut() {
                stack.template = template;
            }
            let script = state.on_execute.clone();
            run(state, &script, "UPDATE_IN_PROGRESS");
            ok(action, "")
        }
        "ContinueUpdateRollback" | "RollbackStack" => {
            if !exists {
                return missing(&name);
            }
            let script = if action == "RollbackStack" { state.on_rollback.clone() } else { state.on_continue.clone() };
            let start = if state.stack.as_ref().is_some_and(|s| s.status == "CREATE_FAILED") {
                "ROLLBACK_IN_PROGRESS"
            } else {
                "UPDATE_ROLLBACK_IN_PROGRESS"
            };
            run(state, &script, start);
            ok(action, "")
        }
        "DeleteChangeSet" => {
            state.pending_template = None;
            ok(action, "")
        }
        "DeleteStack" => {
            if let Some(stack) = state.stack.as_mut() {
                stack.status = "DELETE_COMPLETE".into();
            }
            emit(state, Event::new(&name, "AWS::CloudFormation::Stack", "DELETE_IN_PROGRESS", None));
            emit(state, Event::new(&name, "AWS::CloudFormation::Stack", "DELETE_COMPLETE", None));
            ok(action, "")
        }
        "DescribeStackResource" => ok(
            action,
            &format!(
                "<StackResourceDetail><LogicalResourceId>{}</LogicalResourceId><PhysicalResourceId>{BUCKET}</PhysicalResourceId><ResourceType>AWS::S3::Bucket</ResourceType><LastUpdatedTimestamp>2026-01-01T00:00:00.000Z</LastUpdatedTimestamp><ResourceStatus>CREATE_COMPLETE</ResourceStatus></StackResourceDetail>",
                param("LogicalResourceId")
            ),
        ),
        "ListStackResources" => ok(action, "<StackResourceSummaries></StackResourceSummaries>"),
        _ => error(400, "InvalidAction", &format!("the fake does not know {action}")),
    }
}

/// When another deploy takes the stack ([`State::taken`]): the stack is
/// busy with it, and the refusal CloudFormation gives.
fn taken(state: &mut State) -> Option<Answer> {
    let (status, change_set) = state.taken.take()?;
    let stack = state.stack.as_mut()?;
    stack.status = status.clone();
    stack.change_set = Some(change_set);
    let message = format!("Stack:{} is in {status} state and can not be updated.", stack.id);
    Some(error(400, "ValidationError", &message))
}

/// Applies a script: the stack's status and events (the stack's own
/// `…_IN_PROGRESS` first, its final status last).
fn run(state: &mut State, script: &Script, start: &str) {
    let name = state.stack.as_ref().map(|s| s.name.clone()).unwrap_or_default();
    emit(state, Event::new(&name, "AWS::CloudFormation::Stack", start, None));
    for event in &script.events {
        emit(state, event.clone());
    }
    emit(state, Event::new(&name, "AWS::CloudFormation::Stack", &script.status, None));
    if let Some(stack) = state.stack.as_mut() {
        stack.status = script.status.clone();
    }
    state.busy = state.busy_polls;
}

fn emit(state: &mut State, event: Event) {
    state.counter += 1;
    let id = format!("event-{}", state.counter);
    if let Some(stack) = state.stack.as_mut() {
        stack.events.push((id, event));
    }
}

/// The `…_IN_PROGRESS` status on the way to `status`.
fn in_progress(status: &str) -> String {
    let verb = status.split('_').next().unwrap_or("UPDATE");
    format!("{verb}_IN_PROGRESS")
}

fn s3(request: &Request, state: &mut State) -> Answer {
    let object = request.path.trim_matches('/').to_owned();
    if state.no_bucket {
        return match request.method.as_str() {
            "HEAD" => (404, String::new(), Vec::new()),
            _ => (
                404,
                format!(
                    "<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><BucketName>{BUCKET}</BucketName></Error>"
                ),
                Vec::new(),
            ),
        };
    }
    match request.method.as_str() {
        "HEAD" if state.objects.contains(&object) => (200, String::new(), Vec::new()),
        "HEAD" => (404, String::new(), Vec::new()),
        "PUT" => {
            state.objects.insert(object);
            (200, String::new(), vec![("ETag".into(), "\"fake\"".into())])
        }
        "GET" if request.query.contains("versions") => {
            let prefix = format!("{object}/");
            let versions: String = state
                .objects
                .iter()
                .filter_map(|o| o.strip_prefix(&prefix))
                .map(|key| {
                    format!("<Version><Key>{key}</Key><VersionId>null</VersionId><IsLatest>true</IsLatest></Version>")
                })
                .collect();
            (
                200,
                format!(
                    "<ListVersionsResult><Name>{object}</Name><IsTruncated>false</IsTruncated>{versions}</ListVersionsResult>"
                ),
                Vec::new(),
            )
        }
        "POST" if request.query.contains("delete") => {
            let prefix = format!("{object}/");
            state.objects.retain(|o| !o.starts_with(&prefix));
            (200, "<DeleteResult></DeleteResult>".into(), Vec::new())
        }
        _ => (400, "<Error><Code>NotImplemented</Code><Message>not in the fake</Message></Error>".into(), Vec::new()),
    }
}

fn ok(action: &str, result: &str) -> Answer {
    (
        200,
        format!(
            "<{action}Response xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\"><{action}Result>{result}</{action}Result><ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata></{action}Response>"
        ),
        Vec::new(),
    )
}

fn error(status: u16, code: &str, message: &str) -> Answer {
    (
        status,
        format!(
            "<ErrorResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\"><Error><Type>Sender</Type><Code>{code}</Code><Message>{}</Message></Error><RequestId>fake</RequestId></ErrorResponse>",
            escape(message)
        ),
        Vec::new(),
    )
}

fn missing(name: &str) -> Answer {
    error(400, "ValidationError", &format!("Stack with id {name} does not exist"))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn decode_form(body: &str) -> Vec<(String, String)> {
    body.split('&').filter_map(|pair| pair.split_once('=')).map(|(k, v)| (decode(k), decode(v))).collect()
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match u8::from_str_radix(&text[i + 1..i + 3], 16) {
                Ok(byte) => {
                    out.push(byte);
                    i += 2;
                }
                Err(_) => out.push(b'%'),
            },
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
