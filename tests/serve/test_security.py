"""The bearer-token check and upload names: tokens are compared in constant time, and
an uploaded file's name is a label that can name no path."""

from __future__ import annotations

import pytest

from newsledger.serve import security
from newsledger.serve.security import bearer_token_matches, safe_upload_name


@pytest.mark.parametrize(
    ("header", "matches"),
    [
        ("Bearer s3cret-token", True),
        ("bearer s3cret-token", True),
        ("Bearer  s3cret-token ", True),
        ("Bearer s3cret-toke", False),
        ("Bearer s3cret-tokenX", False),
        ("s3cret-token", False),
        ("Basic s3cret-token", False),
        ("Bearer ", False),
        ("", False),
        (None, False),
        ("Bearer s3cret-tökén", False),
    ],
)
def test_only_the_bearer_token_itself_matches(header, matches):
    assert bearer_token_matches(header, "s3cret-token") is matches


def test_the_token_is_compared_in_constant_time(monkeypatch):
    compared = []

    def spy(given: bytes, expected: bytes) -> bool:
        compared.append((given, expected))
        return given == expected

    monkeypatch.setattr(security.hmac, "compare_digest", spy)
    assert bearer_token_matches("Bearer abc", "abc")
    assert compared == [(b"abc", b"abc")]


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("wire.jsonl", "wire.jsonl"),
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\evil.md", "evil.md"),
        ("/abs/path/report 2024.pdf", "report_2024.pdf"),
        ("..", "upload"),
        ("", "upload"),
        (None, "upload"),
        (".hidden", "hidden"),
        ("a\x00b.txt", "a_b.txt"),
        ("<script>.html", "script_.html"),
    ],
)
def test_an_upload_name_is_only_a_label(name, label):
    assert safe_upload_name(name) == label
