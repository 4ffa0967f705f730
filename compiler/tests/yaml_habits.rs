//! YAML habits pasted into svc (issue 18): each is one error, with its
//! code, its span, a message that says what to write, and a fix. Applying
//! the fix gives svc that parses cleanly and means what the YAML meant:
//! the same value tree as the svc written by hand. The parser recovers as
//! if the fix were applied, so the broken source's tree is that one too
//! (where the fix exists).

use serde_json::Value;
use svc_compiler::diagnostic::{Diagnostic, Edit};
use svc_compiler::tree::{from_syntax, to_json};
use svc_compiler::{Code, parse};

/// The one diagnostic `src` has, which must be an error.
fn one_error(src: &str) -> Diagnostic {
    let diagnostics = parse(src).diagnostics;
    assert_eq!(diagnostics.len(), 1, "one diagnostic for:\n{src}\n{diagnostics:#?}");
    let diagnostic = diagnostics.into_iter().next().expect("one");
    assert!(diagnostic.is_error());
    diagnostic
}

/// `src` with `edits` applied.
fn apply(src: &str, edits: &[Edit]) -> String {
    let mut edits = edits.to_vec();
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    for pair in edits.windows(2) {
        assert!(pair[0].span.end <= pair[1].span.start, "edits overlap: {pair:?}");
    }
    let mut out = src.to_owned();
    for edit in edits.iter().rev() {
        out.replace_range(edit.span.range(), &edit.replacement);
    }
    out
}

/// The value tree of `src`, as JSON, with no syntax or tree diagnostic.
fn clean_tree(src: &str) -> Value {
    let parsed = parse(src);
    assert!(parsed.diagnostics.is_empty(), "no syntax diagnostic in:\n{src}\n{:#?}", parsed.diagnostics);
    let (tree, diagnostics) = from_syntax(&parsed.file);
    assert!(diagnostics.is_empty(), "no tree diagnostic in:\n{src}\n{diagnostics:#?}");
    to_json(&tree)
}

/// The value tree of `src` whatever its syntax errors.
fn tree(src: &str) -> Value {
    to_json(&from_syntax(&parse(src).file).0)
}

/// Checks the habit in `src`: one error `code` whose primary span is the
/// text `at`, whose message and help contain `says`, and whose fix turns
/// `src` into `fixed`, the svc meant, which parses cleanly; the parser
/// reads `src` as that same tree.
fn habit(src: &str, code: Code, at: &str, says: &str, fixed: &str) {
    let diagnostic = one_error(src);
    assert_eq!(diagnostic.code, code, "{diagnostic:#?}");
    assert_eq!(&src[diagnostic.primary.span.range()], at, "span of {code}");
    let text = format!("{} {}", diagnostic.message, diagnostic.help.clone().unwrap_or_default());
    assert!(text.contains(says), "{code} says {says:?}: {text}");
    let fix = diagnostic.fix.as_ref().unwrap_or_else(|| panic!("{code} has a fix"));
    let applied = apply(src, &fix.edits);
    assert_eq!(applied, fixed, "the fix of {code}");
    assert_eq!(tree(src), clean_tree(fixed), "the parser read what was meant");
}

#[test]
fn a_ref_tag_is_a_ref_call() {
    habit(
        "function hello {\n  environment {\n    TABLE = !Ref UsersTable\n  }\n}\n",
        Code::E0121,
        "!Ref UsersTable",
        "ref(UsersTable)",
        "function hello {\n  environment {\n    TABLE = ref(UsersTable)\n  }\n}\n",
    );
}

#[test]
fn a_get_att_tag_is_a_get_att_call() {
    habit(
        "output TableArn {\n  value = !GetAtt UsersTable.Arn\n}\n",
        Code::E0121,
        "!GetAtt UsersTable.Arn",
        "getAtt(UsersTable.Arn)",
        "output TableArn {\n  value = getAtt(UsersTable.Arn)\n}\n",
    );
}

#[test]
fn a_tag_with_a_list_takes_its_elements_as_arguments_and_its_bare_words_quoted() {
    habit(
        "custom {\n  name = !Join [\"-\", [a, !Ref AWS::Region]]\n}\n",
        Code::E0121,
        "!Join [\"-\", [a, !Ref AWS::Region]]",
        "write `join(\"-\", [\"a\", ref(AWS::Region)])`",
        "custom {\n  name = join(\"-\", [\"a\", ref(AWS::Region)])\n}\n",
    );
}

#[test]
fn every_short_tag_is_the_call_of_its_name() {
    let tags = [
        ("!Sub \"x-${AWS::Region}\"", "sub(\"x-${AWS::Region}\")"),
        ("!Select [0, !GetAZs \"\"]", "select(0, getAZs(\"\"))"),
        ("!Split [\",\", \"a,b\"]", "split(\",\", \"a,b\")"),
        ("!ImportValue \"shared-vpc\"", "importValue(\"shared-vpc\")"),
        ("!Base64 \"text\"", "base64(\"text\")"),
        ("!Cidr [\"10.0.0.0/16\", 4, 8]", "cidr(\"10.0.0.0/16\", 4, 8)"),
        ("!FindInMap [Regions, !Ref AWS::Region, Ami]", "findInMap(Regions, ref(AWS::Region), Ami)"),
        ("!If [IsProd, 1, 2]", "if(IsProd, 1, 2)"),
        ("!Equals [!Ref Stage, \"prod\"]", "equals(ref(Stage), \"prod\")"),
        ("!And [!Condition A, !Not [!Condition B]]", "and(condition(A), not(condition(B)))"),
        ("!Or [!Condition A, !Condition B]", "or(condition(A), condition(B))"),
    ];
    for (yaml, svc) in tags {
        let src = format!("custom {{\n  x = {yaml}\n}}\n");
        let diagnostic = one_error(&src);
        assert_eq!(diagnostic.code, Code::E0121, "{yaml}");
        assert_eq!(&src[diagnostic.primary.span.range()], yaml);
        let fixed = apply(&src, &diagnostic.fix.expect("a fix").edits);
        assert_eq!(fixed, format!("custom {{\n  x = {svc}\n}}\n"), "{yaml}");
        assert_eq!(tree(&src), clean_tree(&fixed), "{yaml} reads as {svc}");
    }
}

#[test]
fn a_sub_tag_with_unquoted_text_quotes_the_text() {
    let src = "custom {\n  arn = !Sub arn:aws:s3:::${Bucket}/${AWS::Region}-\"x\" # the bucket\n  b = 1\n}\n";
    let diagnostic = one_error(src);
    assert_eq!(diagnostic.code, Code::E0121);
    assert_eq!(&src[diagnostic.primary.span.range()], "!Sub arn:aws:s3:::${Bucket}/${AWS::Region}-\"x\"");
    let written = "sub(\"arn:aws:s3:::${Bucket}/${AWS::Region}-\\\"x\\\"\")";
    assert_eq!(diagnostic.help, Some(format!("write `{written}`")));
    let fixed = apply(src, &diagnostic.fix.expect("a fix").edits);
    assert_eq!(fixed, format!("custom {{\n  arn = {written} # the bucket\n  b = 1\n}}\n"));
    assert_eq!(
        clean_tree(&fixed)["custom"]["arn"],
        serde_json::json!({ "Fn::Sub": "arn:aws:s3:::${Bucket}/${AWS::Region}-\"x\"" }),
        "the text the YAML meant"
    );
    assert_eq!(tree(src)["custom"]["b"], 1, "the next line is read");
}

#[test]
fn a_tag_without_its_argument_is_one_error_without_a_fix() {
    let diagnostic = one_error("custom {\n  x = !Ref\n  y = 1\n}\n");
    assert_eq!((diagnostic.code, diagnostic.message.as_str()), (Code::E0121, "YAML tag `!Ref` without its argument"));
    assert!(diagnostic.help.is_some_and(|h| h.contains("ref(…)")));
    assert!(diagnostic.fix.is_none());
}

#[test]
fn an_unknown_tag_is_one_error_without_a_fix() {
    let diagnostic = one_error("custom {\n  x = !Foo Bar\n}\n");
    assert_eq!(diagnostic.code, Code::E0121);
    assert!(diagnostic.help.is_some_and(|h| h.contains("getAtt(…)")));
    assert!(diagnostic.fix.is_none());
}

#[test]
fn an_events_block_is_unwrapped_into_the_function() {
    habit(
        "function hello {\n  handler = \"h.main\"\n  events {\n    httpApi {\n      method = \"GET\"\n      path   = \"/\"\n    }\n    sns = \"alerts\"\n  }\n}\n",
        Code::E0122,
        "events",
        "events go directly in the function block",
        "function hello {\n  handler = \"h.main\"\n  httpApi {\n    method = \"GET\"\n    path   = \"/\"\n  }\n  sns = \"alerts\"\n}\n",
    );
}

#[test]
fn an_events_block_on_one_line_becomes_what_it_holds() {
    habit(
        "function hello {\n  events { httpApi = \"GET /\" }\n}\n",
        Code::E0122,
        "events",
        "httpApi = \"GET /\"",
        "function hello {\n  httpApi = \"GET /\"\n}\n",
    );
}

#[test]
fn a_yaml_list_of_events_is_one_error_fixed_as_svc_import_writes_the_events() {
    let src = "function hello {\n  handler = \"h.main\"\n  events:\n    - http:\n        path: /\n        method: get\n    - schedule: rate(1 hour)\n  timeout = 10\n}\n";
    let diagnostic = one_error(src);
    assert_eq!(diagnostic.code, Code::E0122);
    assert_eq!(diagnostic.message, "events go directly in the function block");
    let at = &src[diagnostic.primary.span.range()];
    assert!(at.starts_with("events:") && at.ends_with("rate(1 hour)"), "{at}");
    assert!(diagnostic.help.is_some_and(|h| h.contains("httpApi = \"GET /\"")));
    // The rest of the function is still read.
    assert_eq!(tree(src)["functions"]["hello"]["timeout"], 10);
    let fixed = apply(src, &diagnostic.fix.expect("the events as svc import writes them").edits);
    assert_eq!(
        fixed,
        "function hello {\n  handler = \"h.main\"\n  http {\n    path   = \"/\"\n    method = \"get\"\n  }\n  schedule = \"rate(1 hour)\"\n  timeout = 10\n}\n"
    );
    let events = &clean_tree(&fixed)["functions"]["hello"]["events"];
    assert_eq!(
        events,
        &serde_json::json!([{ "http": { "path": "/", "method": "get" } }, { "schedule": "rate(1 hour)" }]),
        "the events the YAML meant"
    );
}

#[test]
fn an_unquoted_schedule_expression_is_quoted() {
    habit(
        "function hello {\n  schedule = rate(5 minutes)\n}\n",
        Code::E0123,
        "rate(5 minutes)",
        "\"rate(5 minutes)\"",
        "function hello {\n  schedule = \"rate(5 minutes)\"\n}\n",
    );
    habit(
        "function hello {\n  schedule {\n    rate = cron(0 3 * * ? *)\n  }\n}\n",
        Code::E0123,
        "cron(0 3 * * ? *)",
        "quote it",
        "function hello {\n  schedule {\n    rate = \"cron(0 3 * * ? *)\"\n  }\n}\n",
    );
}

#[test]
fn a_colon_becomes_an_equals_sign_spaced_as_svc_fmt_spaces_it() {
    habit("service: \"demo\"\n", Code::E0107, ":", "write `service = ...`", "service = \"demo\"\n");
    habit(
        "provider aws {\n  timeout :30\n}\n",
        Code::E0107,
        ":",
        "write `timeout = ...`",
        "provider aws {\n  timeout = 30\n}\n",
    );
}

/// `key:` with an indented YAML mapping below it: one E0107 for all of
/// it (not one per line), fixed as `svc import` writes it.
fn mapping(src: &str, says: &str, fixed: &str) {
    let diagnostic = one_error(src);
    assert_eq!(diagnostic.code, Code::E0107);
    let help = diagnostic.help.clone().unwrap_or_default();
    assert!(help.contains(says), "{help}");
    let applied = apply(src, &diagnostic.fix.expect("the mapping as svc import writes it").edits);
    assert_eq!(applied, fixed);
    clean_tree(&applied);
}

#[test]
fn a_yaml_mapping_is_a_block() {
    mapping(
        "service = \"demo\"\nprovider:\n  name: aws\n  runtime: python3.12\n",
        "write `provider aws {`",
        "service = \"demo\"\nprovider aws {\n  runtime = \"python3.12\"\n}\n",
    );
    mapping(
        "function f {\n  handler = \"h.main\"\n  environment:\n    TABLE: users\n    MODE: 'x'\n  timeout = 3\n}\n",
        "write `environment {`",
        "function f {\n  handler = \"h.main\"\n  environment {\n    TABLE = \"users\"\n    MODE  = \"x\"\n  }\n  timeout = 3\n}\n",
    );
    let fixed = "function hello {\n  handler  = \"h.main\"\n  httpApi  = \"GET /\"\n  schedule = \"rate(1 hour)\"\n}\n";
    mapping(
        "functions:\n  hello:\n    handler: h.main\n    events:\n      - httpApi: GET /\n      - schedule: rate(1 hour)\n",
        "write `function hello {`",
        fixed,
    );
    assert_eq!(
        clean_tree(fixed)["functions"]["hello"]["events"],
        serde_json::json!([{ "httpApi": "GET /" }, { "schedule": "rate(1 hour)" }]),
        "the events the YAML meant"
    );
}

#[test]
fn a_yaml_list_of_plain_values_is_a_list_in_brackets() {
    habit(
        "function hello {\n  layers:\n    - \"arn:aws:lambda:us-east-1:1:layer:a:1\"\n    - !Ref ToolsLayer\n}\n",
        Code::E0124,
        "layers:\n    - \"arn:aws:lambda:us-east-1:1:layer:a:1\"\n    - !Ref ToolsLayer",
        "write `layers = [\"arn:aws:lambda:us-east-1:1:layer:a:1\", ref(ToolsLayer)]`",
        "function hello {\n  layers = [\"arn:aws:lambda:us-east-1:1:layer:a:1\", ref(ToolsLayer)]\n}\n",
    );
    habit(
        "provider aws {\n  architectures =\n    - arm64\n    - x86_64\n}\n",
        Code::E0124,
        "architectures =\n    - arm64\n    - x86_64",
        "write `architectures = [\"arm64\", \"x86_64\"]`",
        "provider aws {\n  architectures = [\"arm64\", \"x86_64\"]\n}\n",
    );
}

#[test]
fn a_yaml_list_of_mappings_is_a_list_of_objects() {
    let src = "resource T \"AWS::SNS::Topic\" {\n  Tags:\n    - Key: team\n      Value: core\n    - Key: cost\n      Value: shared\n  TopicName = \"t\"\n}\n";
    let diagnostic = one_error(src);
    assert_eq!(diagnostic.code, Code::E0124);
    assert_eq!(
        &src[diagnostic.primary.span.range()],
        "Tags:\n    - Key: team\n      Value: core\n    - Key: cost\n      Value: shared"
    );
    let written = "Tags = [{ Key = \"team\", Value = \"core\" }, { Key = \"cost\", Value = \"shared\" }]";
    assert_eq!(diagnostic.help, Some(format!("write `{written}`")));
    // The rest of the resource is still read.
    assert_eq!(tree(src)["resources"]["Resources"]["T"]["Properties"]["TopicName"], "t");
    let fixed = apply(src, &diagnostic.fix.expect("the list as svc import writes it").edits);
    assert_eq!(fixed, format!("resource T \"AWS::SNS::Topic\" {{\n  {written}\n  TopicName = \"t\"\n}}\n"));
    assert_eq!(
        clean_tree(&fixed)["resources"]["Resources"]["T"]["Properties"]["Tags"],
        serde_json::json!([{ "Key": "team", "Value": "core" }, { "Key": "cost", "Value": "shared" }]),
        "the list the YAML meant"
    );
}

#[test]
fn a_yaml_list_of_mappings_without_a_key_says_to_write_objects() {
    let diagnostic = one_error("- Key: team\n  Value: core\n");
    assert_eq!(diagnostic.code, Code::E0124);
    let help = diagnostic.help.expect("a help");
    assert!(help.contains("key = [{ Key = …, … }, { Key = …, … }]"), "{help}");
    assert!(diagnostic.fix.is_none());
}

#[test]
fn all_five_habits_at_once_are_five_errors() {
    let src = "\
service: \"demo\"

function hello {
  handler = \"h.main\"
  layers:
    - \"arn:aws:lambda:us-east-1:1:layer:a:1\"
  environment {
    TABLE = !Ref UsersTable
  }
  events {
    schedule = rate(5 minutes)
  }
}
";
    let diagnostics = parse(src).diagnostics;
    let codes: Vec<Code> = diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, [Code::E0107, Code::E0124, Code::E0121, Code::E0122, Code::E0123]);
    // The five fixes touch different text: applied together, they fix it all.
    let edits: Vec<Edit> =
        diagnostics.into_iter().flat_map(|d| d.fix.expect("every habit here has a fix").edits).collect();
    let fixed = apply(src, &edits);
    let meant = "\
service = \"demo\"

function hello {
  handler = \"h.main\"
  layers = [\"arn:aws:lambda:us-east-1:1:layer:a:1\"]
  environment {
    TABLE = ref(UsersTable)
  }
  schedule = \"rate(5 minutes)\"
}
";
    assert_eq!(fixed, meant);
    assert_eq!(clean_tree(&fixed), clean_tree(meant));
}

fn yaml_fragment() -> impl proptest::strategy::Strategy<Value = &'static str> {
    proptest::sample::select(vec![
        "!Ref ",
        "!GetAtt ",
        "!Join ",
        "!Sub ",
        "!Foo ",
        "!",
        "- ",
        "-",
        "\n",
        "  ",
        "events",
        "events {",
        "function f {",
        "}",
        "{",
        "[",
        "]",
        "(",
        ")",
        ",",
        ":",
        "=",
        "a",
        "A.B",
        "\"x\"",
        "'y'",
        "rate(",
        "rate(1 hour)",
        "cron(0 * * ? *)",
        "é",
        "\"é",
        "1",
        "http:",
        "key:",
        "#c",
    ])
}

proptest::proptest! {
    /// Whatever YAML-shaped text is pasted, parsing does not panic and
    /// every fix is a set of edits that apply: inside the text, on
    /// character boundaries, in order and not overlapping.
    #[test]
    fn fixes_of_pasted_yaml_always_apply(parts in proptest::collection::vec(yaml_fragment(), 0..60)) {
        let src = parts.concat();
        for diagnostic in parse(&src).diagnostics {
            let Some(fix) = &diagnostic.fix else { continue };
            let mut previous = 0;
            for edit in &fix.edits {
                let (start, end) = (edit.span.start as usize, edit.span.end as usize);
                proptest::prop_assert!(previous <= start && start <= end && end <= src.len(), "{diagnostic:?} in {src:?}");
                proptest::prop_assert!(src.is_char_boundary(start) && src.is_char_boundary(end), "{src:?}");
                previous = end;
            }
            let _ = apply(&src, &fix.edits);
        }
    }
}
