# Custom::S3 of svc: adds the notifications of a function to an existing
# bucket, and lets S3 invoke the function. Inline code (CloudFormation ZipFile).
import hashlib, json, re, urllib.request
import boto3

s3 = boto3.client('s3')
lam = boto3.client('lambda')


def handler(event, context):
    status, reason = 'SUCCESS', ''
    try:
        apply(event, context.invoked_function_arn.split(':'))
    except Exception as error:
        status, reason = 'FAILED', f'{error} (log stream {context.log_stream_name})'
    print(status, reason)
    body = json.dumps({
        'Status': status, 'Reason': reason, 'PhysicalResourceId': 'CustomResourceExistingS3',
        'StackId': event['StackId'], 'RequestId': event['RequestId'],
        'LogicalResourceId': event['LogicalResourceId'], 'Data': {},
    }).encode()
    request = urllib.request.Request(event['ResponseURL'], data=body, method='PUT', headers={'Content-Type': ''})
    urllib.request.urlopen(request, timeout=30)


def apply(event, arn):
    partition, region, account = arn[1], arn[3], arn[4]
    props, kind = event['ResourceProperties'], event['RequestType']
    name, bucket = props['FunctionName'], props['BucketName']
    statement = (name + '-' + re.sub('[.:*]', '', bucket))[:100]
    if kind == 'Create':
        lam.add_permission(FunctionName=name, StatementId=statement, Action='lambda:InvokeFunction',
                           Principal='s3.amazonaws.com', SourceArn=f'arn:{partition}:s3:::{bucket}',
                           SourceAccount=account)
    elif kind == 'Delete':
        try:
            lam.remove_permission(FunctionName=name, StatementId=statement)
        except lam.exceptions.ResourceNotFoundException:
            pass
    try:
        config = s3.get_bucket_notification_configuration(Bucket=bucket)
    except Exception as error:
        if kind == 'Delete' and getattr(error, 'response', {}).get('Error', {}).get('Code') == 'NoSuchBucket':
            return
        raise
    config.pop('ResponseMetadata', None)
    kept = [c for c in config.get('LambdaFunctionConfigurations', []) if not c.get('Id', '').startswith(name)]
    if kind != 'Delete':
        function = f'arn:{partition}:lambda:{region}:{account}:function:{name}'
        for bucket_config in props['BucketConfigs']:
            digest = hashlib.md5(json.dumps(bucket_config, sort_keys=True).encode()).hexdigest()
            item = {'Id': f'{name}-{digest}', 'Events': [bucket_config['Event']], 'LambdaFunctionArn': function}
            rules = [{'Name': k.lower(), 'Value': v} for rule in bucket_config.get('Rules') or [] for k, v in rule.items()]
            if rules:
                item['Filter'] = {'Key': {'FilterRules': rules}}
            kept.append(item)
    config['LambdaFunctionConfigurations'] = kept
    s3.put_bucket_notification_configuration(Bucket=bucket, NotificationConfiguration=config)
