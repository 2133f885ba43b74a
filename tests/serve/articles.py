"""Short articles written for the server tests, one of them hostile: markup, an `onerror`
image and `javascript:` URLs in its title, text, outlet and URL, each of which would set
`window.__pwned` if a browser ever ran it."""

from __future__ import annotations

from datetime import date

from newsledger.article import Article

HOSTILE_ID = "hostile"
HOSTILE_TITLE = (
    '<script>window.__pwned = "title"</script>Shelling near '
    "<img src=x onerror=\"window.__pwned = 'title-img'\"> Goma"
)
HOSTILE_URL = "javascript:window.__pwned='url'"
HOSTILE_SOURCE = '<b>Lake</b> Post"><script>window.__pwned = "source"</script>'
HOSTILE_TEXT = (
    f"{HOSTILE_TITLE}\n\n"
    "GOMA, March 4 (Lake Post) -- M23 rebels shelled the Mugunga camp near Goma on Monday, "
    "killing five civilians, a local official said. "
    '<script>window.__pwned = "body"</script> '
    "<img src=x onerror=\"window.__pwned = 'onerror'\"> "
    "<a href=\"javascript:window.__pwned='link'\">read more</a> "
    "javascript:window.__pwned='text' data:text/html,<script>window.__pwned=1</script>\n\n"
    '"We will not leave," said camp leader Amani Kabila.'
)


def _article(external_id: str, title: str, body: str, source: str, url: str, day: date) -> Article:
    return Article(
        text=f"{title}\n\n{body}",
        title=title,
        source=source,
        url=url,
        published=day,
        published_from="metadata",
        external_id=external_id,
    )


ARTICLES = [
    _article(
        "sw-mopti",
        "Gunmen kill 12 soldiers near Mopti",
        "MOPTI, Mali, March 4 (Sahel Wire) -- Gunmen attacked a military post near Mopti on "
        'Monday, killing 12 soldiers, the army said. "Our forces repelled the attackers," '
        "army spokesman Souleymane Dembele said.",
        "Sahel Wire",
        "https://sahelwire.example/2024/03/05/mopti",
        date(2024, 3, 5),
    ),
    _article(
        "bd-mopti",
        "Army post attacked in central Mali",
        "BAMAKO, March 5 (Bamako Daily) -- Militants stormed an army post near Mopti on "
        "Monday and killed 14 soldiers, local officials said.",
        "Bamako Daily",
        "https://bamakodaily.example/mopti-attack",
        date(2024, 3, 5),
    ),
    _article(
        "np-fasher",
        "RSF shells El Fasher",
        "KHARTOUM, Feb 20 (Nile Post) -- The Rapid Support Forces shelled El Fasher on "
        "Tuesday, killing 20 civilians, the Sudanese army said.",
        "Nile Post",
        "https://nilepost.example/el-fasher",
        date(2024, 2, 21),
    ),
    _article(
        "km-protest",
        "Police fire tear gas at Nairobi protest",
        "NAIROBI, June 25 (Kenya Monitor) -- Police fired tear gas at thousands of "
        "protesters in Nairobi on Tuesday as they marched against a finance bill.",
        "Kenya Monitor",
        "https://kenyamonitor.example/protest",
        date(2024, 6, 25),
    ),
    Article(
        text=HOSTILE_TEXT,
        title=HOSTILE_TITLE,
        source=HOSTILE_SOURCE,
        url=HOSTILE_URL,
        published=date(2024, 3, 5),
        published_from="metadata",
        external_id=HOSTILE_ID,
    ),
]
