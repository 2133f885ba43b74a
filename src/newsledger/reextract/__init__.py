"""`newsledger reextract`: stored articles extracted again after an upgrade.

`command.py` is the click layer; `run.py` walks the articles a version older than
asked extracted and replaces each one's extraction; `replace.py` swaps one article's
events, quotes and claims and relinks its incidents in one transaction; `stored.py`
rebuilds the Article from its row; `versions.py` compares extractor versions.
"""
