"""WARC records the tests build themselves (warcio), shared by the reader and Spark tests."""

from __future__ import annotations

import io

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def warc_response(url: str, body: bytes, content_type: str, gz: bool) -> bytes:
    """One HTTP response record, gzip-compressed or plain."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
    )
    return out.getvalue()
