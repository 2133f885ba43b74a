"""`newsledger serve`: a JSON API over the ledger and an offline dashboard.

`newsledger.serve.app.create_app(db_path, token=None)` builds the app; the package
imports nothing itself, so the command line does not load FastAPI until `serve` runs.
"""
