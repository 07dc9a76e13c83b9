// The console's only script, served as /console/app.js (CSP script-src 'self'): times shown in
// the browser's zone with UTC on hover, copy buttons, confirmations, the browser's zone offset
// for the time filters, table cells labelled for narrow screens, and pages that refresh
// themselves (console-live.ts). The pages work without it.
//
// Refreshing: every few seconds, while the tab is visible and not paused, the page is asked
// for again with the ETag it came with; a 304 means nothing changed. A new page replaces only
// the parts of <main> that changed, and never one holding the focus or a field the operator
// has changed (an edit, a filter being typed, a ticked box): those wait until the operator
// submits or reloads. Paused stays paused on every page (localStorage).
export const consoleScript = `
const enhance = (root) => {
  for (const t of root.querySelectorAll('time[datetime]')) t.textContent = new Date(t.dateTime).toLocaleString();
  // navigator.clipboard needs a secure context; a bridge on a plant LAN is often plain http, so
  // fall back to the older copy command there.
  for (const b of root.querySelectorAll('button[data-copy]')) b.addEventListener('click', async () => {
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
  for (const f of root.querySelectorAll('form[data-confirm]')) f.addEventListener('submit', (e) => { if (!confirm(f.dataset.confirm)) e.preventDefault(); });
  for (const i of root.querySelectorAll('input[name=tzOffset]')) i.value = String(new Date().getTimezoneOffset());
  for (const table of root.querySelectorAll('table')) {
    const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
    for (const row of table.querySelectorAll('tbody tr')) [...row.children].forEach((td, i) => { if (heads[i]) td.dataset.label = heads[i]; });
  }
};

const main = document.querySelector('main');
const live = document.querySelector('meta[name=console-live]');
const toggle = document.querySelector('[data-live-switch]');
// What each part of <main> looked like as served, before enhance() touched it: a part is
// replaced only when the server's version of it changed.
const served = new WeakMap();
for (const part of main ? main.children : []) served.set(part, part.outerHTML);
enhance(document);

if (main && live && toggle) {
  let etag = live.content;
  let paused = false;
  try { paused = localStorage.getItem('console-paused') === '1'; } catch {}
  const show = () => {
    toggle.textContent = paused ? 'Resume updates' : 'Pause updates';
    toggle.setAttribute('aria-pressed', String(paused));
    toggle.title = paused ? 'This page no longer updates by itself.' : 'This page updates by itself every few seconds.';
  };
  toggle.hidden = false;
  show();
  toggle.addEventListener('click', () => {
    paused = !paused;
    try { localStorage.setItem('console-paused', paused ? '1' : '0'); } catch {}
    show();
    if (!paused) refresh();
  });
  const partOf = (el) => { while (el && el.parentElement !== main) el = el.parentElement; return el; };
  const markEdited = (e) => partOf(e.target)?.setAttribute('data-edited', '');
  document.addEventListener('input', markEdited, true);
  document.addEventListener('change', markEdited, true);
  const busy = (part) => part.hasAttribute('data-edited') || part.contains(document.activeElement);
  const replace = (old, fresh) => {
    // Keep what the operator opened or closed.
    const was = [...old.querySelectorAll('details')];
    fresh.querySelectorAll('details').forEach((d, i) => { if (was[i]) d.open = was[i].open; });
    served.set(fresh, fresh.outerHTML);
    old.replaceWith(fresh);
    enhance(fresh);
  };
  let stopped = false;
  async function refresh() {
    if (paused || stopped || document.hidden) return;
    let res;
    try { res = await fetch(location.href, { headers: { 'if-none-match': etag }, credentials: 'same-origin' }); } catch { return; }
    if (res.status === 304) return;
    if (!res.ok || new URL(res.url).pathname !== location.pathname) {
      // Signed out (the session ended) or the page is gone: say so rather than show stale data.
      stopped = true;
      toggle.textContent = 'Updates stopped: reload the page';
      toggle.disabled = true;
      return;
    }
    const page = new DOMParser().parseFromString(await res.text(), 'text/html');
    const fresh = page.querySelector('main');
    if (!fresh) return;
    const olds = [...main.children];
    const news = [...fresh.children];
    const same = olds.length === news.length && olds.every((o, i) => o.tagName === news[i].tagName);
    // A part left alone only for the focus is tried again next time (the old tag is kept).
    let later = false;
    if (same) {
      olds.forEach((o, i) => {
        if (served.get(o) === news[i].outerHTML) return;
        if (busy(o)) later ||= !o.hasAttribute('data-edited');
        else replace(o, document.importNode(news[i], true));
      });
    } else if (olds.some(busy)) {
      return; // the page's shape changed around a field in use: wait
    } else {
      for (const o of olds) o.remove();
      for (const n of news) { const part = document.importNode(n, true); served.set(part, n.outerHTML); main.append(part); }
      enhance(main);
    }
    if (!later) etag = res.headers.get('etag') || etag;
    document.title = page.title;
    main.dataset.updated = new Date().toISOString();
  }
  const loop = async () => { await refresh(); setTimeout(loop, 5000); };
  setTimeout(loop, 5000);
  document.addEventListener('visibilitychange', () => { if (!document.hidden) refresh(); });
}
`;
