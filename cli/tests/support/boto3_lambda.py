"""Stand-in for `svc invoke` and `svc logs` in cli/tests/e2e_localstack.rs
until those commands exist: the same Lambda Invoke and CloudWatch Logs
calls through boto3 (from LocalStack's venv), printing what the svc
commands print.

    python boto3_lambda.py ENDPOINT invoke FUNCTION EVENT_JSON
        the payload, pretty JSON, on stdout; exit 1 on a function error
    python boto3_lambda.py ENDPOINT logs FUNCTION
        every event of /aws/lambda/FUNCTION, one message a line
"""

import json
import sys

import boto3

endpoint, command, function = sys.argv[1:4]
session = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1")

if command == "invoke":
    response = session.client("lambda", endpoint_url=endpoint).invoke(FunctionName=function, Payload=sys.argv[4].encode())
    print(json.dumps(json.loads(response["Payload"].read()), indent=2))
    sys.exit(1 if response.get("FunctionError") else 0)
elif command == "logs":
    logs = session.client("logs", endpoint_url=endpoint)
    for page in logs.get_paginator("filter_log_events").paginate(logGroupName=f"/aws/lambda/{function}"):
        for event in page["events"]:
            print(event["message"].rstrip("\n"))
else:
    sys.exit(f"unknown command {command}")
