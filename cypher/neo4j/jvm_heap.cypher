// The JVM's heap as JMX reports it: what Neo4j holds beyond its page cache (FalkorDB's
// counterpart is INFO used_memory, read by the embedded adapter, not by a query).
CALL dbms.queryJmx('java.lang:type=Memory') YIELD attributes
RETURN attributes.HeapMemoryUsage.value.properties.used AS used,
       attributes.HeapMemoryUsage.value.properties.max AS max
