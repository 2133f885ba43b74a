"""newsledger."""
