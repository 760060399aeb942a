"""Operations on a whole graph: consistent backup and restore; the local Neo4j of tests and benchmarks."""
