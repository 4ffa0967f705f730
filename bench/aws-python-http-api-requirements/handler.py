import json

import dateutil.parser
import jmespath
import requests
import yaml


def hello(event, context):
    body = {
        "message": "Go Serverless v3.0! Your function executed successfully!",
        "input": event,
        "requests": requests.__version__,
        "yaml": yaml.__version__,
        "parsed": dateutil.parser.isoparse("2026-01-01T00:00:00Z").isoformat(),
        "first": jmespath.search("[0]", [1, 2]),
    }

    return {"statusCode": 200, "body": json.dumps(body)}
