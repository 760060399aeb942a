// Delete everything, in batches so a large graph does not need one huge transaction.
// Runs as an auto-commit transaction (CALL … IN TRANSACTIONS needs one).
MATCH (n)
CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
