// A readable API reference at /docs, rendered on the server from /openapi.json: no script, no
// CDN, so it works on a plant network cut off from the internet. Descriptions and summaries
// are Markdown (a small subset, escaped: markdown.tsx); each parameter shows its type.
import { inlineMarkdown, Markdown } from './markdown.js';

type Json = Record<string, any>;

/** A parameter's schema in a few words: its type (`integer`), then the rest (`1–500`, `default 50`). */
export function schemaType(schema: Json | undefined): { type: string; detail: string } {
  if (!schema) return { type: '', detail: '' };
  if (Array.isArray(schema.enum)) return { type: typeof schema.enum[0] === 'number' ? 'number' : 'string', detail: `one of ${schema.enum.map((v: unknown) => JSON.stringify(v)).join(', ')}` };
  const options = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(options)) {
    const each = options.map((o: Json) => schemaType(o));
    return { type: each.map((e) => e.type).join(' | '), detail: each.map((e) => e.detail).filter(Boolean).join('; ') };
  }
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type ?? 'any');
  const parts: string[] = [];
  if (schema.format) parts.push(schema.format);
  const min = schema.minimum ?? schema.exclusiveMinimum;
  const max = schema.maximum ?? schema.exclusiveMaximum;
  if (min !== undefined && max !== undefined) parts.push(`${min}–${max}`);
  else if (min !== undefined) parts.push(`≥ ${min}`);
  else if (max !== undefined) parts.push(`≤ ${max}`);
  if (schema.minLength !== undefined && schema.maxLength !== undefined) parts.push(`${schema.minLength}–${schema.maxLength} chars`);
  else if (schema.maxLength !== undefined) parts.push(`≤ ${schema.maxLength} chars`);
  else if (schema.minLength) parts.push(`≥ ${schema.minLength} chars`);
  if (schema.pattern) parts.push(`matching ${schema.pattern}`);
  if (schema.default !== undefined) parts.push(`default ${JSON.stringify(schema.default)}`);
  return { type, detail: parts.join(', ') };
}

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

function ParameterType({ schema }: { schema: Json | undefined }) {
  const { type, detail } = schemaType(schema);
  return (
    <>
      {type && <code>{type}</code>}
      {detail && <span class="muted"> {detail}</span>}
    </>
  );
}

function Operation({ method, path, op, doc }: { method: string; path: string; op: Json; doc: Json }) {
  const body = op.requestBody?.content?.['application/json']?.schema;
  const security = (op.security ?? []).flatMap((s: Json) => Object.keys(s)).join(' or ');
  return (
    <div class="op">
      <div>
        <span class={`m ${method}`}>{method}</span> <code>{path}</code> — {inlineMarkdown(op.summary ?? '')}
      </div>
      <Markdown text={op.description} class="muted" />
      {security && <p class="muted">Authentication: {security}</p>}
      {op.parameters?.length > 0 && (
        <table>
          <tbody>
            {op.parameters.map((p: Json) => (
              <tr>
                <td><code>{p.name}</code></td>
                <td class="muted">{p.in}{p.required ? ', required' : ''}</td>
                <td>
                  <ParameterType schema={resolve(p.schema, doc) as Json | undefined} />
                </td>
                <td>{inlineMarkdown(p.description ?? p.schema?.description ?? '')}</td>
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
      <p class="muted">
        Answers:{' '}
        {Object.entries(op.responses ?? {}).map(([status, r], i) => (
          <>
            {i > 0 && ' · '}
            {status} {inlineMarkdown((r as Json).description ?? '')}
          </>
        ))}
      </p>
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
          <p>{inlineMarkdown(doc.info.description ?? '')} The machine-readable document is <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p>
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
