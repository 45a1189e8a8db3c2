"""`journeykit plan`: a map's personalised interactions laid out over a calendar year, per persona.

`simulate.plan_journey` builds a `result.JourneyPlan` from a modelled map (and, optionally,
`measured.Measured` data); `queries` answers the questions that rules and reports ask of it;
`formats` writes it as text, JSON, CSV, iCalendar or HTML. docs/plan.md describes the rules.
"""
