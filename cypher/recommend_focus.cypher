// The asking entity with its stated needs and fields, and its existing direct partners.
MATCH (e:Entity {uid: $uid})
OPTIONAL MATCH (e)-[r:NEEDS|IN_FIELD]->(f:Field)
WITH e, collect({uid: f.uid, name: f.name, name_en: f.name_en, type: type(r), weight: r.weight,
                 priority: r.priority}) AS fields
OPTIONAL MATCH (e)-[t]-(p:Entity)
WHERE NOT p.kind IN ['Field', 'Region', 'ChainSegment', 'IndustryChain']
RETURN e {.*} AS entity, fields,
       collect({uid: p.uid, kind: p.kind, type: type(t), name: p.name, name_en: p.name_en}) AS partners
