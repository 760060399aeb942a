// New search terms for entities by uid; nothing else of them changes.
UNWIND $rows AS row
MATCH (n:Entity {uid: row.uid})
SET n.search_text = row.search_text
RETURN count(n) AS written
