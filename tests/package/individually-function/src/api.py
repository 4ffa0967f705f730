def handler(event, context):
    return "api"
