// The dates a workflow KPI counts for each technology need that can have an event in
// [$start, $end) (ISO UTC stamps): posted (created_at), first taken into docking and met,
// the two read from the history steps inside the engine, so only three short strings per
// need leave it and no history is sent. A step is stored as json.dumps writes it
// (records.step): its "to" and "at" values are the text after the key's marker up to the
// next quote; a quote inside a value is escaped, so no value can hold a marker. A need last
// changed before $start, or posted after $end, has no event in the period. An empty
// $regions or $confidentialities matches everything; with a $programme, only
// $needs (the needs its introductions were for) count.
MATCH (n:TechNeed)
WHERE n.updated_at >= $start AND n.created_at < $end
  AND (size($confidentialities) = 0 OR n.confidentiality IN $confidentialities)
  AND (size($regions) = 0 OR n.region IN $regions OR n.enterprise_region IN $regions)
  AND ($programme = '' OR n.id IN $needs)
WITH n, [s IN n.history | [split(split(s, '"to": "')[1], '"')[0], split(split(s, '"at": "')[1], '"')[0]]] AS steps
RETURN n.created_at AS posted,
       head([s IN steps WHERE s[0] = 'in_docking' | s[1]]) AS docked,
       head([s IN steps WHERE s[0] = 'met' | s[1]]) AS met
