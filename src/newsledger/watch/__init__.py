"""`newsledger watch`: continuous monitoring of feed files, folders and feed URLs.

`command.py` is the click layer; `monitor.py` polls every source and stores what is
new, one article per transaction; `sources.py` says what is new in a folder, a file or
a feed URL; `fetch.py` asks a URL conditionally; `validators.py` keeps its ETag and
Last-Modified in the ledger; `failures.py` reports each failure once; `shutdown.py`
turns SIGINT and SIGTERM into a stop after the article in hand; `interval.py` reads
`--every`.
"""
