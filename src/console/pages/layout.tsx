// The page frame: navigation, the signed-in operator, a notice from the last action, and the
// one script file the console needs (console-script.ts); everything else is plain HTML.
import type { Child } from 'hono/jsx';
import { consoleStyles } from './console-styles.js';

export interface Frame {
  title: string;
  actor?: string;
  csrf?: string;
  notice?: string;
  error?: string;
  /** The page's ETag when it refreshes itself (console-live.ts): the script polls with it. */
  live?: string;
}


export function Layout({ frame, children }: { frame: Frame; children: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{frame.title} · mes-erp-bridge</title>
        <style dangerouslySetInnerHTML={{ __html: consoleStyles }} />
        {frame.live && <meta name="console-live" content={frame.live} />}
      </head>
      <body>
        {frame.actor !== undefined && (
          <header>
            <span class="brand">mes-erp-bridge</span>
            <a href="/console">Overview</a>
            <a href="/console/events">Events</a>
            <a href="/console/postings">Postings</a>
            <a href="/console/postings?state=failed">Failed</a>
            <span class="who">Signed in as {frame.actor}</span>
            {frame.live && <button type="button" class="secondary live-switch" data-live-switch hidden aria-pressed="false">Pause updates</button>}
            <form method="post" action="/console/logout" style="margin:0">
              <input type="hidden" name="_csrf" value={frame.csrf} />
              <button class="secondary" type="submit">Sign out</button>
            </form>
          </header>
        )}
        <main data-live={frame.live ? 'on' : undefined}>
          {frame.notice && <div class="notice" role="status">{frame.notice}</div>}
          {frame.error && <div class="notice error" role="alert">{frame.error}</div>}
          {children}
        </main>
        <script src="/console/app.js" defer />
      </body>
    </html>
  );
}
