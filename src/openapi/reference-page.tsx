// A readable API reference at /docs, rendered on the server from /openapi.json: no script, no
// CDN, so it works on a plant network cut off from the internet.
type Json = Record<string, any>;

const METHODS = ['get', 'post', 'put', 'delete'] as const;
const style = `body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1d2433}main{max-width:70rem;margin:auto;padding:1rem 1.5rem}
h1{margin:.5rem 0}h2{border-bottom:2px solid #dde3ec;padding-bottom:.2rem;margin-top:2rem}.op{border:1px solid #dde3ec;border-radius:6px;margin:.8rem 0;padding:.6rem .9rem}
.m{display:inline-block;min-width:3.5rem;font-weight:700;text-transform:uppercase}.get{color:#1f6f43}.post{color:#1f4f9f}.put{color:#8a5a00}
code,pre{font:13px ui-monospace,monospace}pre{background:#f5f7fa;padding:.6rem;overflow:auto;max-height:24rem}table{border-collapse:collapse}td,th{padding:.15rem .6rem .15rem 0;text-align:left;vertical-align:top}
.muted{color:#5b6678}summary{cursor:pointer}`;

/** A schema, with its $refs to components shown inline (the reader has no tooling here). */
function resolve(schema: unknown, doc: Json, depth = 0): unknown {
  if (depth > 12 || typeof schema !== 'object' || schema === null) return schema;
  if (Array.isArray(schema)) return schema.map((s) => resolve(s, doc, depth + 1));
  const ref = (schema as Json).$ref as string | undefined;
  if (ref?.startsWith('#/components/schemas/')) return resolve(doc.components?.schemas?.[ref.slice(21)], doc, depth + 1);
  return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, resolve(v, doc, depth + 1)]));
}

function Operation({ method, path, op, doc }: { method: string; path: string; op: Json; doc: Json }) {
  const body = op.requestBody?.content?.['application/json']?.schema;
  const security = (op.security ?? []).flatMap((s: Json) => Object.keys(s)).join(' or ');
  return (
    <div class="op">
      <div>
        <span class={`m ${method}`}>{method}</span> <code>{path}</code> — {op.summary}
      </div>
      {op.description && <p class="muted">{op.description}</p>}
      {security && <p class="muted">Authentication: {security}</p>}
      {op.parameters?.length > 0 && (
        <table>
          <tbody>
            {op.parameters.map((p: Json) => (
              <tr>
                <td><code>{p.name}</code></td>
                <td class="muted">{p.in}{p.required ? ', required' : ''}</td>
                <td>{p.description ?? p.schema?.description ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {body && (
        <details>
          <summary>Request body (JSON Schema)</summary>
          <pre>{JSON.stringify(resolve(body, doc), null, 2)}</pre>
        </details>
      )}
      <p class="muted">Answers: {Object.entries(op.responses ?? {}).map(([status, r]) => `${status} ${(r as Json).description ?? ''}`).join(' · ')}</p>
    </div>
  );
}

export function ReferencePage({ doc }: { doc: Json }) {
  const byTag = new Map<string, { method: string; path: string; op: Json }[]>();
  const add = (paths: Json, prefix = '') => {
    for (const [path, item] of Object.entries(paths ?? {})) {
      for (const method of METHODS) {
        const op = (item as Json)[method];
        if (op) for (const tag of op.tags ?? ['Other']) byTag.set(tag, [...(byTag.get(tag) ?? []), { method, path: `${prefix}${path}`, op }]);
      }
    }
  };
  add(doc.paths);
  add(doc.webhooks, 'webhook: ');
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>API reference · mes-erp-bridge</title>
        <style dangerouslySetInnerHTML={{ __html: style }} />
      </head>
      <body>
        <main>
          <h1>{doc.info.title} {doc.info.version}</h1>
          <p>{doc.info.description} The machine-readable document is <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p>
          {[...byTag].map(([tag, ops]) => (
            <>
              <h2>{tag}</h2>
              {ops.map((o) => <Operation {...o} doc={doc} />)}
            </>
          ))}
        </main>
      </body>
    </html>
  );
}
