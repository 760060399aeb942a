"""Operations on a whole graph: consistent backup and restore."""
