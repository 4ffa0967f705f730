# Custom::CognitoUserPool of svc: sets the triggers of a function on an
# existing user pool, and lets Cognito invoke the function. Inline code
# (CloudFormation ZipFile).
import json, re, urllib.request
import boto3

idp = boto3.client('cognito-idp')
lam = boto3.client('lambda')
SENDERS = ('CustomSMSSender', 'CustomEmailSender')


def handler(event, context):
    status, reason = 'SUCCESS', ''
    try:
        apply(event, context.invoked_function_arn.split(':'))
    except Exception as error:
        status, reason = 'FAILED', f'{error} (log stream {context.log_stream_name})'
    print(status, reason)
    body = json.dumps({
        'Status': status, 'Reason': reason, 'PhysicalResourceId': 'CustomResourceExistingCognitoUserPool',
        'StackId': event['StackId'], 'RequestId': event['RequestId'],
        'LogicalResourceId': event['LogicalResourceId'], 'Data': {},
    }).encode()
    request = urllib.request.Request(event['ResponseURL'], data=body, method='PUT', headers={'Content-Type': ''})
    urllib.request.urlopen(request, timeout=30)


def find(name):
    for page in idp.get_paginator('list_user_pools').paginate(MaxResults=60):
        for pool in page['UserPools']:
            if pool['Name'] == name:
                return pool['Id']
    return None


def apply(event, arn):
    partition, region, account = arn[1], arn[3], arn[4]
    props, kind = event['ResourceProperties'], event['RequestType']
    name, pool_name = props['FunctionName'], props['UserPoolName']
    pool = find(pool_name)
    if pool is None:
        if kind == 'Delete':
            return
        raise ValueError(f'no user pool named {pool_name}')
    function = f'arn:{partition}:lambda:{region}:{account}:function:{name}'
    statement = (name + '-' + re.sub(r'[.:*\s]', '', pool_name.lower()))[:100]
    if kind == 'Create':
        lam.add_permission(FunctionName=name, StatementId=statement, Action='lambda:InvokeFunction',
                           Principal='cognito-idp.amazonaws.com',
                           SourceArn=f'arn:{partition}:cognito-idp:{region}:{account}:userpool/{pool}')
    elif kind == 'Delete':
        try:
            lam.remove_permission(FunctionName=name, StatementId=statement)
        except lam.exceptions.ResourceNotFoundException:
            pass
    current = idp.describe_user_pool(UserPoolId=pool)['UserPool']
    triggers = {k: v for k, v in current.get('LambdaConfig', {}).items()
                if v != function and not (isinstance(v, dict) and v.get('LambdaArn') == function)}
    if 'KMSKeyID' in triggers and not any(s in triggers for s in SENDERS):
        del triggers['KMSKeyID']
    if kind != 'Delete':
        for config in props['UserPoolConfigs']:
            if config['Trigger'] in SENDERS:
                triggers[config['Trigger']] = {'LambdaArn': function, 'LambdaVersion': config['LambdaVersion']}
                triggers['KMSKeyID'] = config['KMSKeyID']
            else:
                triggers[config['Trigger']] = function
    # UpdateUserPool resets what it is not given: send back every setting it accepts.
    accepted = idp.meta.service_model.operation_model('UpdateUserPool').input_shape.members
    update = {k: v for k, v in current.items() if k in accepted}
    admin = update.get('AdminCreateUserConfig', {})
    days = admin.pop('UnusedAccountValidityDays', None)
    password = update.get('Policies', {}).get('PasswordPolicy')
    if days is not None and password is not None:
        password.setdefault('TemporaryPasswordValidityDays', days)
    update.update(UserPoolId=pool, LambdaConfig=triggers)
    idp.update_user_pool(**update)
