"""Versioning and tagging as boto3 drives them (its own XML parsing, paginators and error classes)."""
import os
import time

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

s3 = boto3.client("s3", endpoint_url=os.environ["ENDPOINT"], region_name="us-east-1",
                  aws_access_key_id=os.environ["KEY_ID"], aws_secret_access_key=os.environ["SECRET"],
                  config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}))
bucket = "boto3-versions-%d" % int(time.time() * 1000)
s3.create_bucket(Bucket=bucket)
assert "Status" not in s3.get_bucket_versioning(Bucket=bucket)
s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
assert s3.get_bucket_versioning(Bucket=bucket)["Status"] == "Enabled"

ids = [s3.put_object(Bucket=bucket, Key="report.csv", Body=b"v%d" % i)["VersionId"] for i in range(3)]
assert len(set(ids)) == 3, ids
assert s3.get_object(Bucket=bucket, Key="report.csv", VersionId=ids[0])["Body"].read() == b"v0"
assert s3.head_object(Bucket=bucket, Key="report.csv")["VersionId"] == ids[2]

marker = s3.delete_object(Bucket=bucket, Key="report.csv")
assert marker["DeleteMarker"] is True, marker
try:
    s3.get_object(Bucket=bucket, Key="report.csv")
    raise AssertionError("a deleted object was served")
except ClientError as e:
    assert e.response["Error"]["Code"] == "NoSuchKey", e.response
    assert e.response["ResponseMetadata"]["HTTPHeaders"]["x-amz-delete-marker"] == "true"

for i in range(5):
    s3.put_object(Bucket=bucket, Key="many/%d" % i, Body=b"x")
    s3.put_object(Bucket=bucket, Key="many/%d" % i, Body=b"y")
pages = s3.get_paginator("list_object_versions").paginate(Bucket=bucket, PaginationConfig={"PageSize": 3})
versions, markers = [], []
for page in pages:
    versions += [(v["Key"], v["VersionId"]) for v in page.get("Versions", [])]
    markers += [(m["Key"], m["VersionId"]) for m in page.get("DeleteMarkers", [])]
assert len(versions) == 13, versions
assert len(set(versions)) == 13, "no version listed twice across pages"
assert markers == [("report.csv", marker["VersionId"])], markers

listed = s3.list_object_versions(Bucket=bucket, Prefix="many/", Delimiter="/")
assert [p["Prefix"] for p in listed.get("CommonPrefixes", [])] == [], listed
listed = s3.list_object_versions(Bucket=bucket, Delimiter="/")
assert [p["Prefix"] for p in listed["CommonPrefixes"]] == ["many/"], listed

deleted = s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": k, "VersionId": v} for k, v in versions + markers]})
assert len(deleted["Deleted"]) == 14 and "Errors" not in deleted, deleted
assert "Versions" not in s3.list_object_versions(Bucket=bucket)

s3.put_object(Bucket=bucket, Key="tagged", Body=b"t", Tagging="team=qa&env=ci")
tags = s3.get_object_tagging(Bucket=bucket, Key="tagged")
assert sorted((t["Key"], t["Value"]) for t in tags["TagSet"]) == [("env", "ci"), ("team", "qa")], tags
try:
    s3.put_object_tagging(Bucket=bucket, Key="tagged", Tagging={"TagSet": [{"Key": "k%d" % i, "Value": "v"} for i in range(11)]})
    raise AssertionError("11 tags were taken")
except ClientError as e:
    assert e.response["Error"]["Code"] == "BadRequest", e.response
s3.put_bucket_tagging(Bucket=bucket, Tagging={"TagSet": [{"Key": "owner", "Value": "qa"}]})
assert s3.get_bucket_tagging(Bucket=bucket)["TagSet"] == [{"Key": "owner", "Value": "qa"}]

s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Suspended"})
assert s3.put_object(Bucket=bucket, Key="suspended", Body=b"s")["VersionId"] == "null"
print("versioning and tagging through boto3: ok")
