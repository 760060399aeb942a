// Each workstation of $station_kinds that has not exited, in $regions (every region when
// empty), with its host (HOSTED_BY), the host's chain roles and its activity:
// experts stationed (STATIONED_AT); their collaborations with the host (COLLABORATED_WITH,
// either direction); the achievements they developed while stationed (DEVELOPED no
// earlier than the STATIONED_AT year where both carry one); and of those, the ones
// transferred (TRANSFERRED_TO), to the host among them. With $since, a collaboration,
// development or transfer counts only when its tie carries a year no earlier than $since.
MATCH (w:Entity)
WHERE w.kind = 'Workstation' AND (size($regions) = 0 OR w.region IN $regions)
  AND coalesce(w.station_kind, '') IN $station_kinds AND coalesce(w.status, '') <> 'exited'
OPTIONAL MATCH (w)-[:HOSTED_BY]->(host:Entity)
WITH w, host
ORDER BY w.uid, host.uid
WITH w, head(collect(host)) AS h
// FalkorDB 4.16 reads h as a node in the next MATCH only once it has passed a plain WITH.
WITH w, h
OPTIONAL MATCH (p:Scientist)-[:STATIONED_AT]->(w)
WITH w, h, p
OPTIONAL MATCH (p)-[c:COLLABORATED_WITH]-(h)
WHERE $since IS NULL OR c.year >= $since
WITH w, h, count(DISTINCT p) AS experts, count(DISTINCT CASE WHEN p.is_academician = true THEN p END) AS academicians,
     count(DISTINCT c) AS collaborations
OPTIONAL MATCH (p:Scientist)-[st:STATIONED_AT]->(w)
OPTIONAL MATCH (p)-[d:DEVELOPED]->(a:Achievement)
WHERE (st.year IS NULL OR d.year IS NULL OR d.year >= st.year) AND ($since IS NULL OR d.year >= $since)
OPTIONAL MATCH (a)-[t:TRANSFERRED_TO]->(e)
WHERE $since IS NULL OR t.year >= $since
WITH w, h, experts, academicians, collaborations, a,
     count(t) AS moves, count(CASE WHEN e.uid = h.uid THEN 1 END) AS to_host
WITH w, h, experts, academicians, collaborations,
     count(DISTINCT a) AS developed,
     count(DISTINCT CASE WHEN moves > 0 THEN a END) AS transferred,
     count(DISTINCT CASE WHEN to_host > 0 THEN a END) AS transferred_to_host
OPTIONAL MATCH (h)-[r:IN_SEGMENT]->(s:ChainSegment)-[:PART_OF]->(ch:IndustryChain)
WITH w, h, experts, academicians, collaborations, developed, transferred, transferred_to_host,
     collect(DISTINCT CASE WHEN s IS NULL THEN null
             ELSE {segment: s.uid, name: s.name, chain: ch.uid, chain_name: ch.name, role: r.role} END) AS roles
RETURN w.uid AS uid, w.name AS name, w.name_en AS name_en, w.station_kind AS station_kind, w.level AS level,
       w.status AS status, w.established AS established, w.region AS region,
       h.uid AS host, h.name AS host_name, h.name_en AS host_name_en, h.kind AS host_kind, h.region AS host_region,
       coalesce(h.chain_leader, false) AS chain_leader, coalesce(h.specialised, false) AS specialised,
       experts, academicians, collaborations, developed, transferred, transferred_to_host, roles
ORDER BY uid
