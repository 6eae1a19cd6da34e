// Runs the graphql-http server audit (the GraphQL over HTTP specification's checks) against GRAPHQL_URL, signed in
// with GRAPHQL_TOKEN (the endpoint refuses anonymous callers). Prints every result; exits 1 on any warning or error.
import { auditServer } from 'graphql-http';

const url = process.env.GRAPHQL_URL;
const token = process.env.GRAPHQL_TOKEN;
if (!url || !token) {
  console.error('Set GRAPHQL_URL and GRAPHQL_TOKEN.');
  process.exit(2);
}

const fetchFn = (input, init = {}) => {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${token}`);
  return fetch(input, { ...init, headers });
};

const results = await auditServer({ url, fetchFn });
const counts = { ok: 0, notice: 0, warn: 0, error: 0 };
for (const result of results) {
  counts[result.status]++;
  const reason = result.status === 'ok' ? '' : ` — ${result.reason}`;
  console.log(`${result.status.toUpperCase().padEnd(6)} ${result.id} ${result.name}${reason}`);
}
console.log(`audit: ${counts.ok} ok, ${counts.notice} notice, ${counts.warn} warn, ${counts.error} error`);
process.exit(counts.warn + counts.error > 0 ? 1 : 0);
