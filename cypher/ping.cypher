// The cheapest query an engine answers: a readiness probe.
RETURN 1 AS ok
