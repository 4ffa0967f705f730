"""A DynamoDB provider that is moto: every operation falls through to moto.

LocalStack's community DynamoDB downloads DynamoDB Local at first use, which
cannot happen offline, and it ships no `dynamodb:moto` provider; this one is
selected with PROVIDER_OVERRIDE_DYNAMODB=moto.
"""

from localstack.aws.api.dynamodb import DynamodbApi
from localstack.services.plugins import Service, aws_provider


class MotoDynamoDB(DynamodbApi):
    """Implements nothing itself: MotoFallbackDispatcher sends every call to moto."""


@aws_provider(api="dynamodb", name="moto")
def dynamodb_moto():
    from localstack.services.moto import MotoFallbackDispatcher

    return Service.for_provider(MotoDynamoDB(), dispatch_table_factory=MotoFallbackDispatcher)
