import json

import six


def hello(event, context):
    body = {"py3": six.PY3}
    return {"statusCode": 200, "body": json.dumps(body)}
