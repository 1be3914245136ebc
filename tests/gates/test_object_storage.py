"""STORAGE_BACKEND=s3: both storages go to S3-compatible object storage (moto stands in).

Run in a fresh interpreter because the storages are read from the environment at import.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

ROUND_TRIP = """
import json
from moto import mock_aws
with mock_aws():
    import boto3, django
    django.setup()
    boto3.client("s3", region_name="ap-southeast-1").create_bucket(
        Bucket="kpp-files", CreateBucketConfiguration={"LocationConstraint": "ap-southeast-1"})
    from django.core.files.base import ContentFile
    from django.core.files.storage import storages
    public = storages["default"].save("documents/plan.pdf", ContentFile(b"%PDF-1.4 plan"))
    private = storages["private"].save("evidence/photo.jpg", ContentFile(b"evidence"))
    keys = sorted(obj["Key"] for obj in boto3.client("s3", region_name="ap-southeast-1").list_objects_v2(
        Bucket="kpp-files")["Contents"])
    print(json.dumps({
        "keys": keys,
        "public_url": storages["default"].url(public),
        "private_read": storages["private"].open(private).read().decode(),
        "private_url_signed": "Signature=" in storages["private"].url(private)
            or "X-Amz-Signature=" in storages["private"].url(private),
    }))
"""


def run(extra_env):
    env = {
        **os.environ, "DJANGO_SETTINGS_MODULE": "kpp_portal.settings",
        "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", **extra_env,
    }
    return subprocess.run([sys.executable, "-c", ROUND_TRIP], cwd=REPO, env=env,
                          capture_output=True, text=True)


def test_s3_storage_keeps_public_and_private_files_apart():
    result = run({
        "STORAGE_BACKEND": "s3", "S3_BUCKET": "kpp-files", "S3_REGION": "ap-southeast-1",
        "S3_ACCESS_KEY_ID": "testing", "S3_SECRET_ACCESS_KEY": "testing",
        "S3_MEDIA_DOMAIN": "transparency.kppmu.go.th/media",
    })
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["keys"] == ["private/evidence/photo.jpg", "public/documents/plan.pdf"]
    # Public media is addressed on the portal's own host (the proxy maps /media/ to public/).
    assert found["public_url"] == "https://transparency.kppmu.go.th/media/public/documents/plan.pdf"
    assert found["private_read"] == "evidence"
    assert found["private_url_signed"] is True


def test_s3_without_bucket_is_refused_at_start():
    result = run({"STORAGE_BACKEND": "s3"})
    assert result.returncode != 0
    assert "S3_BUCKET" in result.stderr


def test_unknown_storage_backend_is_refused():
    result = run({"STORAGE_BACKEND": "ftp"})
    assert "STORAGE_BACKEND must be local or s3" in result.stderr


CONTENT_TYPE = """
import json
from moto import mock_aws
with mock_aws():
    import boto3, django
    django.setup()
    s3 = boto3.client("s3", region_name="ap-southeast-1")
    s3.create_bucket(Bucket="kpp-files", CreateBucketConfiguration={"LocationConstraint": "ap-southeast-1"})
    from django.core.files.uploadedfile import SimpleUploadedFile
    from committees.models import CommitteeTerm
    term = CommitteeTerm()
    term.order_document = SimpleUploadedFile("evil.html", b"%PDF-1.4\\n<html><script>alert(1)</script>",
                                             content_type="text/html")
    name = CommitteeTerm._meta.get_field("order_document").pre_save(term, True).name
    head = s3.head_object(Bucket="kpp-files", Key="public/" + name)
    print(json.dumps({"name": name, "content_type": head["ContentType"]}))
"""


def test_s3_objects_take_the_detected_type_not_the_browsers():
    env = {
        **os.environ, "DJANGO_SETTINGS_MODULE": "kpp_portal.settings", "STORAGE_BACKEND": "s3",
        "S3_BUCKET": "kpp-files", "S3_REGION": "ap-southeast-1", "S3_ACCESS_KEY_ID": "testing",
        "S3_SECRET_ACCESS_KEY": "testing", "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
    }
    result = subprocess.run(
        [sys.executable, "-c", CONTENT_TYPE], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["name"].endswith("/evil.pdf") and found["content_type"] == "application/pdf"
