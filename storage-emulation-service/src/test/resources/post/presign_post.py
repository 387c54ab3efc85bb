"""Presigns a browser POST upload with boto3, as an application's backend would, for S3PostObjectIT.

Reads one JSON object on standard input (so the secret is never a command-line argument):
  endpoint, bucket, key, access_key_id, secret_access_key, signature_version ("s3v4", or "s3" for the legacy form),
  and optionally fields, conditions (as generate_presigned_post takes them) and expires_in (seconds; negative for a
  policy that has already expired).
Writes {"url": ..., "fields": {...}} on standard output.
"""
import json
import sys

import boto3
from botocore.client import Config


def main():
    args = json.load(sys.stdin)
    client = boto3.client(
        "s3",
        endpoint_url=args["endpoint"],
        region_name="us-east-1",
        aws_access_key_id=args["access_key_id"],
        aws_secret_access_key=args["secret_access_key"],
        config=Config(signature_version=args["signature_version"], s3={"addressing_style": "path"}),
    )
    post = client.generate_presigned_post(
        args["bucket"],
        args["key"],
        Fields=args.get("fields"),
        Conditions=args.get("conditions"),
        ExpiresIn=args.get("expires_in", 3600),
    )
    json.dump(post, sys.stdout)


if __name__ == "__main__":
    main()
