// GraphiQL against this server's endpoint. The Headers tab carries `Authorization: Bearer …`;
// headers are kept in the browser's storage only when the user ticks GraphiQL's persist option.
(function () {
  const endpoint = new URL('/graphql', window.location.origin).toString();
  const fetcher = GraphiQL.createFetcher({ url: endpoint });
  const example = [
    '# JLNB CRM. Ctrl+Enter runs the query; the Docs button opens the schema.',
    '# Add `{ "Authorization": "Bearer <token>" }` in the Headers tab below.',
    'query FirstClients {',
    '  clients(first: 10, order: [{ name: ASC }]) {',
    '    totalCount',
    '    edges { node { name pan assignedRm { name } } }',
    '  }',
    '}',
    ''
  ].join('\n');
  const root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, {
    fetcher,
    defaultQuery: example,
    isHeadersEditorEnabled: true,
    shouldPersistHeaders: false,
    defaultEditorToolsVisibility: 'headers'
  }));
})();
