// Lint Cypher with Neo4j's own parser and semantic analysis (@neo4j-cypher/language-support), offline.
//
// stdin:  JSON [{name, text}, ...]
// stdout: JSON [{name, diagnostics: [{severity, message, line, column}, ...]}, ...] in input order.
//
// severity is the LSP DiagnosticSeverity: 1 error, 2 warning, 3 information, 4 hint.
// line and column are 1-based. The language is CYPHER 5 (what Neo4j 5 runs). No database
// schema is given, so labels, types and properties are not checked against one, and
// "Parameter $x is not defined." is dropped: parameters are supplied at run time.
// Console commands (:param, :use ...) are not accepted: the driver does not know them.
// A statement the linter itself fails on is reported as an error diagnostic.
//
// Semantic analysis takes ~0.1-0.4 s a statement, so the batch is spread over worker threads
// (CYPHER_LINT_JOBS, default: the number of CPUs) inside this one process.
import { availableParallelism } from "node:os";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";

const SCHEMA = Object.freeze({ defaultLanguage: "CYPHER 5" });
const ERROR = 1;

async function lintAll(statements) {
  const { lintCypherQuery, isNotParamError } = await import("@neo4j-cypher/language-support");
  return statements.map(({ name, text }) => {
    try {
      const { diagnostics } = lintCypherQuery(text, SCHEMA, { consoleCommandsEnabled: false });
      return {
        name,
        diagnostics: diagnostics.filter(isNotParamError).map((d) => ({
          severity: d.severity,
          message: d.message,
          line: d.range.start.line + 1,
          column: d.range.start.character + 1,
        })),
      };
    } catch (error) {
      const message = `the linter failed on this statement: ${error?.stack ?? error}`;
      return { name, diagnostics: [{ severity: ERROR, message, line: 1, column: 1 }] };
    }
  });
}

function inWorker(statements) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: statements });
    worker.once("message", resolve);
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`lint worker exited with code ${code}`)));
  });
}

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const statements = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  if (!Array.isArray(statements) || !statements.every((s) => typeof s?.name === "string" && typeof s?.text === "string")) {
    throw new Error("stdin must be a JSON array of {name: string, text: string}");
  }

  const jobs = Math.max(1, Math.min(Number(process.env.CYPHER_LINT_JOBS) || availableParallelism(), statements.length));
  let results;
  if (jobs === 1) {
    results = await lintAll(statements);
  } else {
    // Deal the statements out round-robin (renderings of one template sit together), then restore order.
    const shares = Array.from({ length: jobs }, (_, w) => statements.filter((_, i) => i % jobs === w));
    const linted = await Promise.all(shares.map(inWorker));
    results = statements.map((_, i) => linted[i % jobs][Math.floor(i / jobs)]);
  }
  process.stdout.write(JSON.stringify(results));
}

if (isMainThread) {
  await main();
} else {
  parentPort.postMessage(await lintAll(workerData));
}
