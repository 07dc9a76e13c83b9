// The console's only script, served as /console/app.js (CSP script-src 'self'): times shown in
// the browser's zone with UTC on hover, copy buttons, confirmations, the browser's zone offset
// for the time filters. The pages work without it.
export const consoleScript = `
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
