"""HTML pages: main text with trafilatura, publication date with htmldate."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

import htmldate
import trafilatura
from lxml.html import HtmlElement
from trafilatura.settings import Document, use_config

from newsledger.article import Article
from newsledger.data import compiled_patterns, load_toml, resource_path
from newsledger.errors import InputError, ResourceError
from newsledger.ingest.layout import Hints, build_article

_RESOURCE = "patterns/html.toml"
# The precise pass first; the recall pass when that finds no story (a short page).
_PASSES: tuple[dict[str, Any], ...] = (
    {"include_comments": False, "include_tables": False},
    {"favor_recall": True},
)
_WORD_LISTS = (
    "story_tags", "story_roles", "furniture_tags", "page_tags", "furniture_roles", "class_words",
)  # fmt: skip
_NAME_WORD = re.compile(r"[\s_-]+|(?<=[a-z])(?=[A-Z])")
_WORD = re.compile(r"\w+")
# Scripts written without spaces between words (Thai, Lao, Myanmar, Khmer, kana, Han):
# their letters are counted two to a word, about the length of a Chinese word.
_UNSPACED = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
)
_SPACES = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’」)\]]*\s*$")
# A news page has a few thousand elements. trafilatura's time grows faster than their
# number (80 s for a 19 MB page of 190,000 paragraphs on a 2-core machine), and reading
# runs before the per-article guard starts: a page past this is refused at once.
MAX_ELEMENTS = 50_000


@cache
def _config():
    config = use_config()
    # Signal-based timeouts break in worker threads and pools; our caller guards time.
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "50")
    return config


def read_html(markup: str, origin: str) -> Article:
    """One page, one Article: navigation, asides and footers are left out, and a page
    with nothing else (a home page, an index of headlines, a login form) is an error."""
    furniture = PageFurniture.packaged()
    try:
        document = _story(markup, furniture)
    except _TooManyElements as exc:
        raise InputError(
            origin,
            f"HTML page too large to read ({exc.args[0]:,} elements, limit "
            f"{MAX_ELEMENTS:,}); save the article's text and read that",
        ) from exc
    except Exception as exc:  # lxml raises several types on broken markup
        raise InputError(origin, f"cannot parse HTML ({type(exc).__name__}: {exc})") from exc
    if document is None:
        raise InputError(origin, "no article text found in the HTML page")
    published = _published(markup)
    hints = Hints(
        title=document.title or None,
        source=document.sitename or None,
        url=document.url or None,
        published=published,
        published_from="metadata" if published else None,
    )
    # trafilatura puts one block per line; our cleaner splits paragraphs on blank lines.
    return build_article(document.text.replace("\n", "\n\n"), origin, hints)


def _story(markup: str, furniture: PageFurniture) -> Document | None:
    """trafilatura's document of the page with its furniture removed, from the first pass
    whose text holds prose; None when none does (a menu, an index of headlines)."""
    tree = trafilatura.load_html(markup)
    if tree is None:
        return None
    elements = sum(1 for _ in tree.iter())
    if elements > MAX_ELEMENTS:
        raise _TooManyElements(elements)
    furniture.remove_from(tree)
    _collapse_spaces(tree)
    labels = link_labels(tree)
    for options in _PASSES:
        # trafilatura works on a copy of a tree it is given, so each pass sees it whole.
        document = trafilatura.bare_extraction(
            tree, with_metadata=True, config=_config(), **options
        )
        if isinstance(document, Document) and furniture.has_prose(document.text or "", labels):
            return document
    return None


class _TooManyElements(Exception):
    """A page with more than MAX_ELEMENTS elements (how many: args[0])."""


def _collapse_spaces(tree: HtmlElement) -> None:
    """Runs of white space become one space, as a browser shows them (<pre> aside).

    trafilatura's fallbacks keep the line breaks of the source inside a paragraph, and
    they would split one paragraph into several, on the page and in the prose check.
    """
    for element in tree.iter():
        in_pre = any(ancestor.tag == "pre" for ancestor in element.iterancestors())
        if element.text and not in_pre and element.tag != "pre":
            element.text = _SPACES.sub(" ", element.text)
        if element.tail and not in_pre:
            element.tail = _SPACES.sub(" ", element.tail)


@dataclass(frozen=True)
class PageFurniture:
    """What on a page is furniture, not the story: the lists of `patterns/html.toml`."""

    story_tags: frozenset[str]
    story_roles: frozenset[str]
    furniture_tags: frozenset[str]
    page_tags: frozenset[str]
    furniture_roles: frozenset[str]
    class_words: frozenset[str]
    prose_min_words: int
    sentence_min_words: int
    furniture_lines: tuple[re.Pattern[str], ...]

    @classmethod
    @cache
    def packaged(cls) -> PageFurniture:
        table = load_toml(_RESOURCE)
        try:
            words = {key: frozenset(str(w).lower() for w in table[key]) for key in _WORD_LISTS}
            return cls(
                **words,
                prose_min_words=int(table["prose_min_words"]),
                sentence_min_words=int(table["sentence_min_words"]),
                furniture_lines=compiled_patterns(_RESOURCE, "furniture_lines"),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ResourceError(f"{resource_path(_RESOURCE)}: bad or missing {exc}") from exc

    def remove_from(self, tree: HtmlElement) -> None:
        """Drop every furniture element with its text (the text after it stays)."""
        for element in [e for e in tree.iter() if self._is_furniture(e)]:
            element.drop_tree()

    def _is_furniture(self, element: HtmlElement) -> bool:
        tag = element.tag
        if not isinstance(tag, str) or tag in ("html", "body"):
            return False  # comments and processing instructions; the page itself
        if tag in self.page_tags:
            marked = not any(self._is_story(a) for a in element.iterancestors())
        else:
            marked = (
                tag in self.furniture_tags
                or bool(_roles(element) & self.furniture_roles)
                or bool(_name_words(element) & self.class_words)
            )
        return marked and not any(self._is_story(e) for e in element.iterdescendants())

    def _is_story(self, element: HtmlElement) -> bool:
        return element.tag in self.story_tags or bool(_roles(element) & self.story_roles)

    def has_prose(self, text: str, link_labels: Iterable[str]) -> bool:
        """Whether `text` has a line that reads as prose once the labels of links are
        taken out: a list of headlines or a menu is all labels, a heading too short, and
        a copyright or cookie notice is furniture wherever it stands."""
        labels = _label_pattern(tuple(link_labels))
        for line in text.splitlines():
            if any(pattern.search(line.lower()) for pattern in self.furniture_lines):
                continue
            rest = labels.sub(" ", " ".join(line.split())) if labels else line
            words = _word_count(rest)
            if words >= self.prose_min_words or (
                words >= self.sentence_min_words and _SENTENCE_END.search(rest)
            ):
                return True
        return False


def _word_count(text: str) -> float:
    unspaced = len(_UNSPACED.findall(text))
    return len(_WORD.findall(_UNSPACED.sub(" ", text))) + unspaced / 2


def _roles(element: HtmlElement) -> set[str]:
    return set((element.get("role") or "").lower().split())


def _name_words(element: HtmlElement) -> set[str]:
    """The words of an element's class and id: "CybotCookiebotDialog" gives cybot,
    cookiebot and dialog; "main-menu" gives main and menu."""
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    return {word.lower() for word in _NAME_WORD.split(names) if word}


def link_labels(tree: HtmlElement) -> set[str]:
    """The text of every link on the page, spaces normalised."""
    labels = (" ".join(link.text_content().split()) for link in tree.iter("a"))
    return {label for label in labels if _WORD.search(label)}


def _label_pattern(labels: tuple[str, ...]) -> re.Pattern[str] | None:
    """Any of `labels` as whole words, the longest first."""
    if not labels:
        return None
    ordered = sorted(labels, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)")


def _published(markup: str) -> date | None:
    """The original publication date from the page's metadata, never a guess from text."""
    try:
        found = htmldate.find_date(
            markup, original_date=True, extensive_search=False, outputformat="%Y-%m-%d"
        )
    except Exception:  # htmldate raises on odd markup; no date is the honest answer
        return None
    if not found:
        return None
    day = date.fromisoformat(found)
    return None if _impossible_date_of_that_month(markup, day) else day


_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})")


def _impossible_date_of_that_month(markup: str, day: date) -> bool:
    """The page writes a day no calendar has in the month htmldate settled on
    ("2024-02-30", which htmldate turns into 2024-02-01): its date is not to be trusted."""
    for year, month, number in _ISO_DAY.findall(markup):
        if (int(year), int(month)) != (day.year, day.month):
            continue
        try:
            date(int(year), int(month), int(number))
        except ValueError:
            return True
    return False
