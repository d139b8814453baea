"""Read models of the insights area. Each function takes an `InsightFilter` and answers with a handful of
aggregate queries, whatever the number of companies, applications or payments (no query per row)."""
