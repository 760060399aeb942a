// Every field's uid (the taxonomy is small: tens to hundreds of fields).
MATCH (f:Field)
RETURN f.uid AS field
ORDER BY field
