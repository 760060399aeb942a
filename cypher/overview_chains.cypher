// The industry chains recorded as a region's own.
MATCH (c:IndustryChain)
WHERE c.region IN $regions
RETURN c.uid AS uid, c.name AS name, c.name_en AS name_en
ORDER BY c.uid
