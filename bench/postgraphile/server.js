// PostGraphile 4 in library mode, a measuring stick for the JLNB CRM benchmark (never part of the product).
// It serves one database twice, on loopback only, with the same schema options:
//   PG_PORT      connected as the login it is given (the tables' owner): no row-level security is applied;
//   PG_RLS_PORT  every request runs in a transaction that first sets, with set_config(…, true) as SET LOCAL does,
//                role = jlnb_app, app.user_id = the X-Jlnb-User-Id header and jit = off: the settings
//                RowSecuritySession.BecomeLocalSql gives the CRM's own transactions (src/Persistence/Access).
// The header is trusted, which is only acceptable because the server listens on 127.0.0.1 for the benchmark.
'use strict';
const http = require('http');
const { postgraphile } = require('postgraphile');
const ConnectionFilterPlugin = require('postgraphile-plugin-connection-filter');

const url = process.env.JLNBCRM_BENCH_PG_URL;
const ownerPort = Number(process.env.JLNBCRM_BENCH_PG_PORT || 5433);
const rlsPort = Number(process.env.JLNBCRM_BENCH_PG_RLS_PORT || 5434);
if (!url) throw new Error('Set JLNBCRM_BENCH_PG_URL (bench/postgraphile.sh does).');

const options = {
  // Filters (connection-filter), relations included so a list can be filtered through a to-one relation
  // (leads filtered by their product's category), as the CRM's where: { product: { category: … } } does.
  appendPlugins: [ConnectionFilterPlugin],
  graphileBuildOptions: { connectionFilterRelations: true },
  disableDefaultMutations: true,
  disableQueryLog: true,
  graphiql: true,
  enhanceGraphiql: true,
  retryOnInitFail: false,
};

/** The row-secured settings for one request; without a valid header the request runs as nobody (sees no rows). */
function rowSecurity(req) {
  const header = req.headers['x-jlnb-user-id'];
  const user = typeof header === 'string' && /^[0-9]{1,18}$/.test(header) ? header : '';
  return { role: 'jlnb_app', 'app.user_id': user, jit: 'off' };
}

http.createServer(postgraphile(url, 'public', options)).listen(ownerPort, '127.0.0.1');
http.createServer(postgraphile(url, 'public', { ...options, pgSettings: rowSecurity })).listen(rlsPort, '127.0.0.1');
console.log(`PostGraphile: owner on http://127.0.0.1:${ownerPort}/graphql, row-secured on http://127.0.0.1:${rlsPort}/graphql`);
