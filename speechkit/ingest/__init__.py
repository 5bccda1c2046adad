"""Ingest: decode raw dumps, clean, convert to Simplified, split into speeches, build ``Speech``."""
