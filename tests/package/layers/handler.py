def hello(event, context):
    return {"statusCode": 200}
