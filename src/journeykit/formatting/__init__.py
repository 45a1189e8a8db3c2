"""Canonical layout of journey maps and catalogs: `journeykit format`."""
