"""`journeykit diff`: what a change does to the journey, as a catalogue of typed, levelled changes.

The package is split by layer (see docs/architecture.md): `kinds` (the catalogue) sits with the
model, `settings` (the `[diff]` table) with the configuration, the comparison and git access
between the pipeline and the presentation, and `reporters` with the other output formats. This
module imports nothing, so the configuration can use the catalogue without loading the rest.
"""
