"""The catalogue of finding codes: what every code means, its family and default severity.

The front half (loader, schema check, model builder) emits the file, schema and reference
codes defined here; the lint families in `journeykit.rules` register theirs through the same
`register`. Nothing here depends on the model or on the lint engine.
"""
