"""Readers (files -> articles) and writers (records -> tables)."""
