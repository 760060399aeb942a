// @neo4j/graphql on Apollo Server, against the Neo4j the engines benchmark started
// (graph-service bench engines). Usage: node server.mjs TYPEDEFS_FILE PORT; the database is
// named by NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD. Prints "READY http://127.0.0.1:PORT/" once
// it serves, and exits on SIGTERM or when its standard input closes (its parent is gone).
import { readFileSync } from "node:fs";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

const [typeDefsFile, port] = process.argv.slice(2);
if (!typeDefsFile || !port) {
    console.error("usage: node server.mjs TYPEDEFS_FILE PORT");
    process.exit(2);
}
const typeDefs = readFileSync(typeDefsFile, "utf8");
const driver = neo4j.driver(
    process.env.NEO4J_URI ?? "bolt://127.0.0.1:7687",
    neo4j.auth.basic(process.env.NEO4J_USER ?? "neo4j", process.env.NEO4J_PASSWORD ?? ""),
    // Like the service's driver: no per-query notifications in the log.
    { notificationFilter: { minimumSeverityLevel: "OFF" } },
);
const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
const server = new ApolloServer({ schema });
const { url } = await startStandaloneServer(server, {
    listen: { host: "127.0.0.1", port: Number(port) },
    context: async () => ({ sessionConfig: { database: process.env.NEO4J_DATABASE ?? "neo4j" } }),
});
console.log(`READY ${url}`);

async function stop() {
    await server.stop();
    await driver.close();
    process.exit(0);
}
process.on("SIGTERM", stop);
process.stdin.on("end", stop);
process.stdin.on("error", stop);
process.stdin.resume();
