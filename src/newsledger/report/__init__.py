"""An offline situation report of the ledger: figures, timeline, map, dyads, tolls."""
