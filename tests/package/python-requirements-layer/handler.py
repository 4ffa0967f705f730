import json

import idna
import six


def hello(event, context):
    body = {"host": idna.encode("bücher.example").decode(), "py3": six.PY3}
    return {"statusCode": 200, "body": json.dumps(body)}
