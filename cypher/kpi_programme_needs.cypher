// The needs an introduction of $programme was proposed for: with a programme asked for,
// the need KPIs count these needs only (a need names no programme itself).
MATCH (i:Introduction)
WHERE i.programme = $programme AND i.need IS NOT NULL
RETURN DISTINCT i.need AS need
ORDER BY need
