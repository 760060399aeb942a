// The counts a 科协 manager reports upward for a region ($regions: its name and those
// within it): workstations, ecosystem-partner units (partners of a programme), 5A
// societies, enterprise associations (企业科协), chain-leader and specialised enterprises.
CALL {
  MATCH (w:Workstation)
  WHERE w.region IN $regions
  RETURN count(w) AS workstations
}
CALL {
  MATCH (s:Society)
  WHERE s.region IN $regions
  RETURN sum(CASE WHEN s.rating = '5A' THEN 1 ELSE 0 END) AS societies_5a,
         sum(CASE WHEN s.category = 'enterprise_association' THEN 1 ELSE 0 END) AS enterprise_associations
}
CALL {
  MATCH (e:Enterprise)
  WHERE e.region IN $regions
  RETURN count(e) AS enterprises,
         sum(CASE WHEN e.chain_leader = true THEN 1 ELSE 0 END) AS chain_leaders,
         sum(CASE WHEN e.specialised = true THEN 1 ELSE 0 END) AS specialised
}
CALL {
  MATCH (p:Entity)-[:PARTNER_OF]->(:Programme)
  WHERE p.region IN $regions
  RETURN count(DISTINCT p) AS partner_units
}
RETURN workstations, societies_5a, enterprise_associations, enterprises, chain_leaders, specialised, partner_units
