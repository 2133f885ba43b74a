"""Exports of the ledger in our own columns and in ACLED's, PLOVER's and POLECAT's."""
