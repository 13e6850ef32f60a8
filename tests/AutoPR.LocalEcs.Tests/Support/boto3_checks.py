"""What every boto3 driver script here checks with: a failed check ends the script non-zero with its message, and
error_code answers the AWS error code of a call that must fail."""
import botocore.exceptions


def check(condition, message):
    if not condition:
        raise SystemExit("check failed: " + message)


def error_code(call, **kwargs):
    try:
        call(**kwargs)
    except botocore.exceptions.ClientError as error:
        return error.response["Error"]["Code"]
    raise SystemExit(f"{call.__name__} {kwargs} did not fail")
