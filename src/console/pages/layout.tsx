// The page frame: navigation, the signed-in operator, a notice from the last action, and the
// one script the console needs (local times, copy buttons); everything else is plain HTML.
import type { Child } from 'hono/jsx';
import { consoleStyles } from './console-styles.js';

export interface Frame {
  title: string;
  actor?: string;
  csrf?: string;
  notice?: string;
  error?: string;
}

// Times are rendered in UTC by the server and shown in the browser's zone; UTC stays on hover.
const script = `
for (const t of document.querySelectorAll('time[datetime]')) t.textContent = new Date(t.dateTime).toLocaleString();
// navigator.clipboard needs a secure context; a bridge on a plant LAN is often plain http, so
// fall back to the older copy command there.
for (const b of document.querySelectorAll('button[data-copy]')) b.addEventListener('click', async () => {
  let ok = false;
  try { await navigator.clipboard.writeText(b.dataset.copy); ok = true; } catch {}
  if (!ok) {
    const t = document.createElement('textarea'); t.value = b.dataset.copy; document.body.append(t); t.select();
    try { ok = document.execCommand('copy'); } catch {}
    t.remove();
  }
  const was = b.textContent; b.textContent = ok ? 'Copied' : 'Select it and copy';
  setTimeout(() => (b.textContent = was), 1500);
});
for (const f of document.querySelectorAll('form[data-confirm]')) f.addEventListener('submit', (e) => { if (!confirm(f.dataset.confirm)) e.preventDefault(); });
for (const i of document.querySelectorAll('input[name=tzOffset]')) i.value = String(new Date().getTimezoneOffset());
`;

export function Layout({ frame, children }: { frame: Frame; children: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{frame.title} · mes-erp-bridge</title>
        <style dangerouslySetInnerHTML={{ __html: consoleStyles }} />
      </head>
      <body>
        {frame.actor !== undefined && (
          <header>
            <span class="brand">mes-erp-bridge</span>
            <a href="/console">Overview</a>
            <a href="/console/events">Events</a>
            <a href="/console/events?state=failed">Failed</a>
            <span class="who">Signed in as {frame.actor}</span>
            <form method="post" action="/console/logout" style="margin:0">
              <input type="hidden" name="_csrf" value={frame.csrf} />
              <button class="secondary" type="submit">Sign out</button>
            </form>
          </header>
        )}
        <main>
          {frame.notice && <div class="notice" role="status">{frame.notice}</div>}
          {frame.error && <div class="notice error" role="alert">{frame.error}</div>}
          {children}
        </main>
        <script dangerouslySetInnerHTML={{ __html: script }} />
      </body>
    </html>
  );
}
