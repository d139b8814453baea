"""Attachments are recognised by their content, not their name, and limited per detected type.

An upload is refused when its content is not one of the allowed types, when it is larger than the limit of the type
it turns out to be, or, for DOCX/XLSX (zip packages), when the package could unpack to far more than it weighs (a zip
bomb), holds another archive, or names a path outside itself. It is stored and served under the extension of the
detected type: a PDF named "offerte.html" becomes "offerte.pdf".
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.utils.translation import gettext as _

MB = 1024 * 1024
PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ALLOWED = {PDF: ".pdf", PNG: ".png", JPEG: ".jpg", XLSX: ".xlsx", DOCX: ".docx"}
# Per detected type; settings.ATTACHMENT_TYPE_MAX_BYTES overrides any of them, ATTACHMENT_MAX_BYTES caps them all.
DEFAULT_TYPE_LIMITS = {PDF: 10 * MB, PNG: 5 * MB, JPEG: 5 * MB, XLSX: 10 * MB, DOCX: 10 * MB}
# Zip packages (DOCX/XLSX): what they may unpack to. A real office document unpacks to a few times its size.
ZIP_MAX_UNCOMPRESSED = 100 * MB
ZIP_MAX_RATIO = 100
ZIP_MAX_ENTRIES = 5000
ZIP_RATIO_FROM = MB  # small, very repetitive XML parts legitimately compress well; judge the ratio above this size
NESTED_ARCHIVES = (
    ".zip", ".jar", ".war", ".ear", ".apk", ".docx", ".docm", ".xlsx", ".xlsm", ".xlsb", ".pptx", ".pptm",
    ".odt", ".ods", ".odp", ".7z", ".rar", ".gz", ".tgz", ".bz2", ".xz", ".tar", ".cab", ".zipx",
)  # fmt: skip
ARCHIVE_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"7z\xbc\xaf\x27\x1c", b"Rar!", b"\x1f\x8b", b"BZh", b"\xfd7zXZ")


class UploadRefused(ValueError):
    """A refused upload, with a stable code and a message in the user's language."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class CheckedUpload:
    content: bytes
    content_type: str
    name: str  # the original name with the extension of the detected type


def type_limits() -> dict[str, int]:
    limits = {**DEFAULT_TYPE_LIMITS, **getattr(settings, "ATTACHMENT_TYPE_MAX_BYTES", {})}
    overall = settings.ATTACHMENT_MAX_BYTES
    return {kind: min(limit, overall) for kind, limit in limits.items() if kind in ALLOWED}


def max_upload_bytes() -> int:
    """The largest upload of any type: the upload handler stops reading the request body beyond it."""
    return max(type_limits().values())


def _family(head: bytes) -> str | None:
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    return None


def sniff(content: bytes) -> str | None:
    """The content type of `content` if it is one of the accepted kinds, else None."""
    family = _family(content[:8])
    if family != "zip":
        return family
    try:
        return inspect_package(content)
    except UploadRefused:
        return None


def too_large(limit: int) -> UploadRefused:
    """The refusal of a file over `limit` bytes (from settings: ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPE_MAX_BYTES)."""
    return UploadRefused("too_large", _("The file is larger than %(mb)s MB.") % {"mb": round(limit / MB, 1)})


def _bomb() -> UploadRefused:
    return UploadRefused("zip_bomb", _("This document unpacks to far more than its size; it is refused."))


def inspect_package(content: bytes) -> str:
    """DOCX or XLSX after checking the zip's central directory and unpacking it under a cap; else UploadRefused."""
    damaged = UploadRefused("damaged", _("This file is damaged or not a real DOCX/XLSX document."))
    try:
        package = zipfile.ZipFile(io.BytesIO(content))
        entries = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as exc:
        raise damaged from exc
    if len(entries) > ZIP_MAX_ENTRIES:
        raise _bomb()
    declared = sum(e.file_size for e in entries)
    if declared > ZIP_MAX_UNCOMPRESSED or (declared > ZIP_RATIO_FROM and declared > ZIP_MAX_RATIO * len(content)):
        raise _bomb()
    for entry in entries:
        name = entry.filename
        parts = name.replace("\\", "/").split("/")
        if name.startswith(("/", "\\")) or "\\" in name or ".." in parts or ":" in name or "\x00" in name:
            raise UploadRefused("zip_path", _("This document contains a file with an unsafe path; it is refused."))
        if entry.flag_bits & 0x1:
            raise UploadRefused("zip_encrypted", _("Encrypted documents cannot be checked; remove the password."))
        if name.lower().endswith(NESTED_ARCHIVES):
            raise UploadRefused("zip_nested", _("This document contains another archive; it is refused."))
        if entry.file_size > ZIP_RATIO_FROM and entry.file_size > ZIP_MAX_RATIO * max(entry.compress_size, 1):
            raise _bomb()
    # The sizes in the directory can lie: unpack for real, counting, and stop at the cap.
    total = 0
    try:
        for entry in entries:
            if entry.is_dir():
                continue
            with package.open(entry) as stream:
                first = True
                size = 0
                while chunk := stream.read(64 * 1024):
                    if first and chunk.startswith(ARCHIVE_MAGIC):
                        raise UploadRefused("zip_nested", _("This document contains another archive; it is refused."))
                    first = False
                    size += len(chunk)
                    total += len(chunk)
                    if size > entry.file_size or total > ZIP_MAX_UNCOMPRESSED:
                        raise _bomb()
    except UploadRefused:
        raise
    # What zipfile raises for a damaged or crafted archive: RuntimeError for an encrypted entry without password,
    # NotImplementedError for a compression method it does not support; all of them mean "not a real document".
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError, ValueError) as exc:
        raise damaged from exc
    names = {e.filename for e in entries}
    if "[Content_Types].xml" in names:
        if any(n.startswith("xl/") for n in names):
            return XLSX
        if any(n.startswith("word/") for n in names):
            return DOCX
    raise UploadRefused("type", _("This file is not a PDF, XLSX, DOCX, PNG or JPEG (checked on its content)."))


def safe_name(name: str, extension: str) -> str:
    """The file's own name, cleaned, with the extension of its detected type ("offerte.html" -> "offerte.pdf")."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(c for c in unicodedata.normalize("NFC", base) if unicodedata.category(c)[0] != "C")
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = re.sub(r"[^\w .()+-]", "_", stem).strip(" .")[:100] or "bijlage"
    return f"{stem}{extension}"


def inspect_upload(upload: Any, *, name: str) -> CheckedUpload:
    """Detect the type from the first bytes, refuse what is over that type's limit before reading the rest, then
    read at most the limit and check the content. Raises UploadRefused."""
    limits = type_limits()
    if upload.size is not None and upload.size > max(limits.values()):
        raise too_large(max(limits.values()))
    upload.seek(0)
    family = _family(upload.read(8))
    if family is None:
        raise UploadRefused("type", _("This file is not a PDF, XLSX, DOCX, PNG or JPEG (checked on its content)."))
    limit = max(limits[XLSX], limits[DOCX]) if family == "zip" else limits[family]
    if upload.size is not None and upload.size > limit:
        raise too_large(limit)
    upload.seek(0)
    content = upload.read(limit + 1)
    if len(content) > limit:
        raise too_large(limit)
    content_type = inspect_package(content) if family == "zip" else family
    if len(content) > limits[content_type]:
        raise too_large(limits[content_type])
    upload.seek(0)
    return CheckedUpload(content=content, content_type=content_type, name=safe_name(name, ALLOWED[content_type]))


class SizeLimitUploadHandler(FileUploadHandler):
    """First in the chain: stops storing a file part once it passes `limit` bytes (the rest of the body is read and
    discarded, never kept in memory or on disk) and marks the request so the form can say the file was too large."""

    def __init__(self, request: Any, limit: int) -> None:
        super().__init__(request)
        self.limit = limit
        self.received = 0

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        self.received = 0
        super().new_file(*args, **kwargs)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            self.request.upload_too_large = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None
