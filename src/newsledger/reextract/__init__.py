"""`newsledger reextract`: re-run extraction on articles stored by an older version."""
