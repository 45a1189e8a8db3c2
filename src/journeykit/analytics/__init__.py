"""`journeykit analytics`: lay an event log over journey maps (the contract: docs/analytics.md).

The public API, for the command and for the later `lint --events` and `render --events`:

- `run_analytics(journeys, settings) -> AnalyticsResult` (journeykit.analytics.runner);
- `resolve(AnalyticsChoices(...), configured) -> AnalyticsSettings` (journeykit.analytics.settings);
- the result's dataclasses in journeykit.analytics.result, and `to_document(result)` for the JSON.

Importing this package is cheap: the engines (Ibis, DuckDB, PySpark) are imported when a run starts.
"""
