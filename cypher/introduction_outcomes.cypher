// Every decided introduction (agreed or declined), oldest first, with its need's fields and
// text: the outcome labels of the ranker's training (services/match/outcomes.py). Offline
// and whole-label by design: training reads every decision once.
MATCH (i:Introduction)
WHERE i.status IN $statuses
OPTIONAL MATCH (n:TechNeed {id: i.need})
RETURN i.id AS id, i.enterprise AS enterprise, i.partner AS partner, i.partner_kind AS partner_kind,
       i.status AS status, i.decline_reason AS decline_reason, i.declined_by AS declined_by,
       i.relation_type AS relation_type, i.relation_source AS relation_source,
       i.relation_target AS relation_target, n.fields AS fields, n.text AS text
ORDER BY i.seq
