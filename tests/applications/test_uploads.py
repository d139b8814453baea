"""Uploads: limited per detected type, stored and served under the detected type, zip bombs and nested archives
refused (issue 9, part 6)."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from crossroads.applications import files
from crossroads.applications.models import Attachment

pytestmark = pytest.mark.django_db
MB = 1024 * 1024


@pytest.fixture(autouse=True)
def media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _upload(client, consortium, name: str, content: bytes, kind: str = "quotations"):  # type: ignore[no-untyped-def]
    url = reverse("applications:attachment_upload", args=[consortium["application"].pk])
    return client.post(url, {"kind": kind, "file": SimpleUploadedFile(name, content, content_type="text/html")})


def _package(entries: dict[str, bytes], *, kind: str = "word") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", b"<Types/>")
        package.writestr(f"{kind}/document.xml", b"<document/>")
        for name, data in entries.items():
            package.writestr(name, data)
    return buffer.getvalue()


def test_a_pdf_named_html_is_stored_and_served_as_pdf(client, users, consortium):
    client.force_login(users["applicant"])
    assert _upload(client, consortium, "offerte.html", b"%PDF-1.7\n<script>alert(1)</script>").status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.original_name == "offerte.pdf" and attachment.content_type == "application/pdf"
    response = client.get(reverse("applications:attachment", args=[consortium["application"].pk, attachment.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert (
        response["Content-Disposition"].startswith("attachment;")
        and 'filename="offerte.pdf"' in response["Content-Disposition"]
    )


def test_an_old_attachment_with_an_html_name_is_served_under_its_detected_type(client, users, consortium):
    client.force_login(users["applicant"])
    _upload(client, consortium, "offerte.pdf", b"%PDF-1.7\n")
    attachment = Attachment.objects.get()
    Attachment.objects.filter(pk=attachment.pk).update(original_name="x.html", content_type="text/html")
    response = client.get(reverse("applications:attachment", args=[consortium["application"].pk, attachment.pk]))
    assert response["Content-Type"] == "application/octet-stream" and ".html" not in response["Content-Disposition"]


def test_size_limits_follow_the_detected_type(client, users, consortium):
    client.force_login(users["applicant"])
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * (6 * MB)
    response = _upload(client, consortium, "foto.png", png)
    assert response.status_code == 400 and "5.0 MB" in response.content.decode().replace(",", ".")
    pdf = b"%PDF-1.7\n" + b"\0" * (6 * MB)
    assert _upload(client, consortium, "plan.pdf", pdf).status_code == 302
    assert list(Attachment.objects.values_list("original_name", flat=True)) == ["plan.pdf"]


def test_an_upload_over_every_limit_is_not_read_into_memory(client, users, consortium, settings):
    settings.ATTACHMENT_TYPE_MAX_BYTES = {files.PDF: 64 * 1024, files.PNG: 64 * 1024, files.JPEG: 64 * 1024,
                                          files.XLSX: 64 * 1024, files.DOCX: 64 * 1024}  # fmt: skip
    client.force_login(users["applicant"])
    response = _upload(client, consortium, "archief.pdf", b"%PDF-1.7\n" + b"\0" * (1 * MB))
    assert response.status_code == 400
    assert "0.1 MB" in response.content.decode().replace(",", ".")
    assert not Attachment.objects.exists()


def test_the_size_handler_stops_reading_past_its_limit(rf):
    from django.core.files.uploadhandler import StopUpload

    request = rf.post("/")
    handler = files.SizeLimitUploadHandler(request, 100)
    handler.new_file("file", "x.pdf", "application/pdf", None)
    assert handler.receive_data_chunk(b"a" * 60, 0) == b"a" * 60
    with pytest.raises(StopUpload):
        handler.receive_data_chunk(b"a" * 60, 60)
    assert request.upload_too_large is True


def test_a_real_docx_is_accepted(client, users, consortium):
    client.force_login(users["applicant"])
    assert _upload(client, consortium, "plan.zip", _package({"word/styles.xml": b"<styles/>" * 100})).status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.original_name == "plan.docx" and attachment.content_type == files.DOCX


@pytest.mark.parametrize(
    ("entries", "code"),
    [
        ({"word/embeddings/sheet.xlsx": b"PK\x03\x04rest"}, "zip_nested"),
        ({"word/media/image.bin": b"PK\x03\x04 hidden zip"}, "zip_nested"),
        ({"../../etc/cron.d/x": b"boom"}, "zip_path"),
        ({"word\\..\\x": b"boom"}, "zip_path"),
        ({"word/bomb.xml": b"\0" * (12 * MB)}, "zip_bomb"),
    ],
)
def test_dangerous_packages_are_refused(client, users, consortium, entries, code):
    content = _package(entries)
    with pytest.raises(files.UploadRefused) as refused:
        files.inspect_package(content)
    assert refused.value.code == code
    client.force_login(users["applicant"])
    response = _upload(client, consortium, "plan.docx", content)
    assert response.status_code == 400 and 'id="id_file_error"' in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_package_that_lies_about_its_sizes_is_refused(monkeypatch):
    content = bytearray(_package({"word/big.xml": b"a" * (2 * MB)}))
    # Rewrite the declared uncompressed size of word/big.xml (local header and central directory) to 100 bytes.
    declared = (2 * MB).to_bytes(4, "little")
    assert content.count(declared) == 2
    content = bytes(content).replace(declared, (100).to_bytes(4, "little"))
    with pytest.raises(files.UploadRefused) as refused:
        files.inspect_package(content)
    assert refused.value.code in ("zip_bomb", "damaged")


def test_the_total_unpacked_size_is_capped(monkeypatch):
    monkeypatch.setattr(files, "ZIP_MAX_UNCOMPRESSED", 1 * MB)
    with pytest.raises(files.UploadRefused) as refused:
        files.inspect_package(_package({f"word/part{i}.xml": bytes(range(256)) * 1024 for i in range(5)}))
    assert refused.value.code == "zip_bomb"


def test_content_that_is_not_allowed_is_refused(client, users, consortium):
    client.force_login(users["applicant"])
    for name, content in [("a.pdf", b"<html><script>"), ("b.docx", _package({}, kind="ppt")), ("c.exe", b"MZ\x90")]:
        response = _upload(client, consortium, name, content)
        assert response.status_code == 400 and 'id="id_file_error"' in response.content.decode()
    assert not Attachment.objects.exists()
