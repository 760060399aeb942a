// Lint Cypher with Neo4j's own parser and semantic analysis, offline.
// stdin: JSON [{name, text}]; stdout: JSON [{name, diagnostics: [{severity, message, line, column}]}].
// Severity follows LSP: 1 error, 2 warning. "Parameter $x is not defined" is dropped:
// parameters are supplied at run time.
import { lintCypherQuery, isNotParamError } from "@neo4j-cypher/language-support";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const statements = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const results = statements.map(({ name, text }) => ({
  name,
  diagnostics: lintCypherQuery(text, {})
    .diagnostics.filter(isNotParamError)
    .map((d) => ({
      severity: d.severity,
      message: d.message,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
    })),
}));
process.stdout.write(JSON.stringify(results));
