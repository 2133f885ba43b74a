"""The Article: one document, cleaned, with its metadata, as every reader produces it."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """The form two copies of one article share: NFKC, one space, no case, no curly quotes."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_QUOTE_FOLD)
    return _SPACE.sub(" ", text).strip().casefold()


_QUOTE_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def content_hash(text: str) -> str:
    """Article identity in the ledger: SHA-256 of the normalised text."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Dateline:
    """The opening "Baghdad, February 9 (RHC)--" of a wire story; year only when printed."""

    text: str
    place: str
    month: int | None = None
    day: int | None = None
    year: int | None = None
    agency: str | None = None
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class Article:
    """One document with clean text; every offset downstream points into `text`.

    `published` is None when no source of a full date exists: we never invent a year.
    `published_from` says where the date came from (metadata, option, dateline, record).
    `body_start` is where the body begins, after the headline and subtitle paragraphs.
    """

    text: str
    title: str | None = None
    subtitle: str | None = None
    source: str | None = None
    url: str | None = None
    published: date | None = None
    published_from: str | None = None
    dateline: Dateline | None = None
    language: str = "en"
    external_id: str | None = None
    origin: str = ""
    body_start: int = 0
    hash: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.hash:
            object.__setattr__(self, "hash", content_hash(self.text))

    @property
    def id(self) -> str:
        """The id the input gave (JSON Lines, CSV, feed entry), else the content hash."""
        return self.external_id or self.hash

    def metadata(self) -> dict[str, Any]:
        """The contract's `article` object."""
        return {
            "id": self.id,
            "hash": self.hash,
            "title": self.title,
            "subtitle": self.subtitle,
            "source": self.source,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "published_from": self.published_from,
            "dateline": asdict(self.dateline) if self.dateline else None,
            "language": self.language,
            "origin": self.origin,
            "body_start": self.body_start,
        }

    @classmethod
    def from_metadata(cls, metadata: dict[str, Any], text: str) -> Article:
        """The Article that `metadata()` and `text` describe, as `newsledger load` rebuilds
        it from Parquet. The hash is computed again from `text`, so a stored hash that does
        not match the text is refused rather than trusted."""
        published = metadata.get("published")
        dateline = metadata.get("dateline")
        article = cls(
            text=text,
            title=metadata.get("title"),
            subtitle=metadata.get("subtitle"),
            source=metadata.get("source"),
            url=metadata.get("url"),
            published=date.fromisoformat(published) if published else None,
            published_from=metadata.get("published_from"),
            dateline=Dateline(**dateline) if dateline else None,
            language=metadata.get("language", "en"),
            # `id` is the input's own id, or the hash when the input gave none
            external_id=metadata["id"] if metadata.get("id") != metadata.get("hash") else None,
            origin=metadata.get("origin", ""),
            body_start=metadata.get("body_start", 0),
        )
        if metadata.get("hash") and metadata["hash"] != article.hash:
            raise ValueError(f"article {metadata.get('id')}: hash does not match its text")
        return article
