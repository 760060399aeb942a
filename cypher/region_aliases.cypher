// Every region's names, for reading a region given by another name (成都 / Chengdu ->
// 成都市). Regions are a few hundred at most.
MATCH (r:Region)
RETURN r.name AS name, r.name_en AS name_en, r.aliases AS aliases
ORDER BY r.name
