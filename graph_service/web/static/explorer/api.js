// The only way the page talks to the service: POST /graphql, with the user's token when one is set.
import { t } from "./i18n.js";

const TOKEN_KEY = "ecosystem-graph.token";

export function getToken() {
  return sessionStorage.getItem(TOKEN_KEY) || "";
}

export function setToken(token) {
  // sessionStorage, not localStorage: a token should not outlive the browser tab.
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export class ApiError extends Error {
  constructor(message, { status = 0, code = null, requestId = null, problems = [] } = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.requestId = requestId;
    // The arguments an INVALID_INPUT names, so a form can mark the field to change.
    this.problems = problems;
  }
}

export async function gql(query, variables = {}) {
  const headers = { "Content-Type": "application/json", Accept: "application/json" };
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch("/graphql", { method: "POST", headers, body: JSON.stringify({ query, variables }) });
  } catch {
    throw new ApiError(t("errNetwork"));
  }
  if (response.status === 401) throw new ApiError(t("err401"), { status: 401 });
  if (response.status === 403) throw new ApiError(t("err403"), { status: 403 });
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`${t("errHttp")} ${response.status}`, { status: response.status });
  }
  if (body && Array.isArray(body.errors) && body.errors.length) {
    const first = body.errors[0];
    const ext = first.extensions || {};
    if (ext.code === "FORBIDDEN") throw new ApiError(t("err403"), { status: 403, code: ext.code });
    const messages = [...new Set(body.errors.map((e) => e.message))].join("；");
    throw new ApiError(messages, {
      status: response.status,
      code: ext.code || null,
      requestId: ext.requestId || null,
      problems: ext.problems || [],
    });
  }
  if (!response.ok || !body || !body.data) {
    throw new ApiError(`${t("errHttp")} ${response.status}`, { status: response.status });
  }
  return body.data;
}
