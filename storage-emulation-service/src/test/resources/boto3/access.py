"""ACLs and bucket policies as boto3 drives them, with an unsigned (anonymous) client and another account's keys."""
import json
import os
import time

import boto3
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError


def client(key_id=None, secret=None):
    config = Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1},
                    signature_version=UNSIGNED if key_id is None else "s3v4")
    return boto3.client("s3", endpoint_url=os.environ["ENDPOINT"], region_name="us-east-1",
                        aws_access_key_id=key_id, aws_secret_access_key=secret, config=config)


def refused(call, code="AccessDenied"):
    try:
        call()
    except ClientError as e:
        assert e.response["Error"]["Code"] == code, e.response
        return
    raise AssertionError("not refused")


owner = client(os.environ["KEY_ID"], os.environ["SECRET"])
other = client(os.environ["OTHER_KEY_ID"], os.environ["OTHER_SECRET"])
anonymous = client()
bucket = "boto3-access-%d" % int(time.time() * 1000)
owner.create_bucket(Bucket=bucket)
owner.put_object(Bucket=bucket, Key="private.txt", Body=b"secret")
owner.put_object(Bucket=bucket, Key="public/page.html", Body=b"<p>hi</p>", ACL="public-read", ContentType="text/html")

assert anonymous.get_object(Bucket=bucket, Key="public/page.html")["Body"].read() == b"<p>hi</p>"
refused(lambda: anonymous.get_object(Bucket=bucket, Key="private.txt"))
refused(lambda: other.get_object(Bucket=bucket, Key="private.txt"))
acl = owner.get_object_acl(Bucket=bucket, Key="public/page.html")
assert any(g["Grantee"].get("URI", "").endswith("/AllUsers") and g["Permission"] == "READ" for g in acl["Grants"]), acl

owner.put_bucket_acl(Bucket=bucket, ACL="public-read")
assert {o["Key"] for o in anonymous.list_objects_v2(Bucket=bucket)["Contents"]} == {"private.txt", "public/page.html"}
owner.put_bucket_acl(Bucket=bucket, ACL="private")
refused(lambda: anonymous.list_objects_v2(Bucket=bucket))

policy = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": os.environ["OTHER_KEY_ID"]}, "Action": ["s3:GetObject"],
     "Resource": "arn:aws:s3:::%s/*" % bucket},
    {"Effect": "Allow", "Principal": "*", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::%s" % bucket,
     "Condition": {"StringLike": {"s3:prefix": ["public/*"]}}},
    {"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::%s/*" % bucket,
     "Condition": {"StringNotEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}}}]}
owner.put_bucket_policy(Bucket=bucket, Policy=json.dumps(policy))
assert json.loads(owner.get_bucket_policy(Bucket=bucket)["Policy"]) == policy
assert other.get_object(Bucket=bucket, Key="private.txt")["Body"].read() == b"secret"
assert [o["Key"] for o in anonymous.list_objects_v2(Bucket=bucket, Prefix="public/")["Contents"]] == ["public/page.html"]
refused(lambda: anonymous.list_objects_v2(Bucket=bucket, Prefix=""))
refused(lambda: owner.put_object(Bucket=bucket, Key="plain.txt", Body=b"x"))
owner.put_object(Bucket=bucket, Key="plain.txt", Body=b"x", ACL="bucket-owner-full-control")
assert owner.get_bucket_policy_status(Bucket=bucket)["PolicyStatus"]["IsPublic"] is True

refused(lambda: owner.put_bucket_policy(Bucket=bucket, Policy="{not json"), "MalformedPolicy")
owner.delete_bucket_policy(Bucket=bucket)
refused(lambda: owner.get_bucket_policy(Bucket=bucket), "NoSuchBucketPolicy")
refused(lambda: other.get_object(Bucket=bucket, Key="private.txt"))

owner.put_public_access_block(Bucket=bucket, PublicAccessBlockConfiguration={
    "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": True})
refused(lambda: anonymous.get_object(Bucket=bucket, Key="public/page.html"))
refused(lambda: owner.put_object_acl(Bucket=bucket, Key="private.txt", ACL="public-read"))
owner.delete_public_access_block(Bucket=bucket)
assert anonymous.get_object(Bucket=bucket, Key="public/page.html")["Body"].read() == b"<p>hi</p>"
print("ACLs and bucket policies through boto3: ok")
