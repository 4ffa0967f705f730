"""Providers LocalStack is started with by the tests.

- `dynamodb:moto` (PROVIDER_OVERRIDE_DYNAMODB=moto): DynamoDB that is moto.
  LocalStack's community DynamoDB downloads DynamoDB Local at first use,
  which cannot happen offline, and it ships no moto provider.
- `s3:tmpdir` (PROVIDER_OVERRIDE_S3=tmpdir): LocalStack's S3, with its
  object store under $TMPDIR (the test's folder) instead of the fixed
  /tmp/localstack-s3-storage.
"""

import os
import tempfile

from localstack.aws.api.dynamodb import DynamodbApi
from localstack.services.plugins import Service, aws_provider


class MotoDynamoDB(DynamodbApi):
    """Implements nothing itself: MotoFallbackDispatcher sends every call to moto."""


@aws_provider(api="dynamodb", name="moto")
def dynamodb_moto():
    from localstack.services.moto import MotoFallbackDispatcher

    return Service.for_provider(MotoDynamoDB(), dispatch_table_factory=MotoFallbackDispatcher)


@aws_provider(api="s3", name="tmpdir")
def s3_tmpdir():
    from localstack.services.s3.provider import S3Provider
    from localstack.services.s3.storage.ephemeral import EphemeralS3ObjectStore

    store = EphemeralS3ObjectStore(os.path.join(tempfile.gettempdir(), "localstack-s3-storage"))
    return Service.for_provider(S3Provider(storage_backend=store))
