"""Scoring newsledger against gold-standard files (`newsledger evaluate ...`)."""
