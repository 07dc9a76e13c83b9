// One small stylesheet, inlined: no build step and no extra request. Readable on a laptop and
// on a shop-floor tablet (16 px base, 44 px touch targets); every status colour comes with text.
export const consoleStyles = `
:root{--fg:#1d2430;--muted:#5b6576;--line:#dde2ea;--bg:#f5f7fa;--card:#fff;--accent:#1f5fbf;
--ok:#1c7c3c;--ok-bg:#e3f4e8;--warn:#8a5a00;--warn-bg:#fdf1d6;--bad:#b42318;--bad-bg:#fde7e5;
--info:#1f5fbf;--info-bg:#e4eefc;--grey:#5b6576;--grey-bg:#eceff3;--test:#6b3fa0;--test-bg:#efe7f9}
*{box-sizing:border-box}
body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--accent)}
header{background:#16202e;color:#fff;padding:.6rem 1.2rem;display:flex;gap:1.2rem;align-items:center;flex-wrap:wrap}
header a{color:#fff;text-decoration:none;padding:.4rem .2rem}header a:hover{text-decoration:underline}
header .brand{font-weight:700;margin-right:.6rem}header .who{margin-left:auto;color:#c9d3e0;font-size:.9rem}
main{max-width:1280px;margin:0 auto;padding:1.2rem}
h1{font-size:1.5rem;margin:.2rem 0 1rem}h2{font-size:1.15rem;margin:1.6rem 0 .6rem}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:.8rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:.8rem 1rem;text-decoration:none;color:inherit;display:block}
.card .n{font-size:1.8rem;font-weight:700}.card .l{color:var(--muted)}
.banner{border-radius:10px;padding:.9rem 1.1rem;margin-bottom:1rem;font-weight:600}
.banner.ok{background:var(--ok-bg);color:var(--ok)}.banner.bad{background:var(--bad-bg);color:var(--bad)}.banner.warn{background:var(--warn-bg);color:var(--warn)}
.notice{background:var(--info-bg);color:var(--info);border-radius:8px;padding:.7rem 1rem;margin-bottom:1rem}
.notice.error{background:var(--bad-bg);color:var(--bad)}
.verdict.bad{color:var(--bad);font-weight:600}.verdict.ok{color:var(--ok)}
.chip{display:inline-block;border-radius:999px;padding:.1rem .6rem;font-size:.85rem;font-weight:600;white-space:nowrap;margin:.1rem .2rem .1rem 0}
.chip.delivered,.chip.accepted{background:var(--ok-bg);color:var(--ok)}
.chip.failed,.chip.rejected{background:var(--bad-bg);color:var(--bad)}
.chip.held{background:var(--warn-bg);color:var(--warn)}
.chip.queued,.chip.sending{background:var(--info-bg);color:var(--info)}
.chip.cancelled,.chip.duplicate{background:var(--grey-bg);color:var(--grey)}
.chip.test{background:var(--test-bg);color:var(--test)}
.table-wrap{overflow-x:auto;background:var(--card);border:1px solid var(--line);border-radius:10px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.55rem .7rem;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:.85rem;color:var(--muted);font-weight:600;background:#fafbfc}tr:last-child td{border-bottom:0}
td.mono,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9rem}
form.filters{display:flex;flex-wrap:wrap;gap:.6rem;align-items:flex-end;margin-bottom:1rem}
label{display:flex;flex-direction:column;font-size:.85rem;color:var(--muted);gap:.2rem}
input,select,textarea{font:inherit;padding:.45rem .6rem;border:1px solid #b8c2d0;border-radius:8px;background:#fff;color:var(--fg);min-height:44px}
textarea{width:100%;min-height:14rem;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9rem}
button,.button{font:inherit;font-weight:600;min-height:44px;padding:.45rem 1rem;border-radius:8px;border:1px solid var(--accent);background:var(--accent);color:#fff;cursor:pointer;text-decoration:none;display:inline-flex;align-items:center}
button.secondary,.button.secondary{background:#fff;color:var(--accent)}button.danger{background:#fff;color:var(--bad);border-color:var(--bad)}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;margin:.5rem 0}.actions form{margin:0}
pre{background:#f0f3f7;border-radius:8px;padding:.8rem;overflow:auto;max-height:24rem;font-size:.85rem;margin:.3rem 0}
.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:1rem}
.panel{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:1rem;margin-bottom:1rem}
.panel.blocking{border:2px solid var(--bad)}
.empty{background:var(--card);border:1px dashed #b8c2d0;border-radius:10px;padding:1.4rem;color:var(--muted)}
.muted{color:var(--muted)}.url{display:flex;gap:.5rem;align-items:center;margin:.4rem 0;flex-wrap:wrap}
.url code{background:#f0f3f7;padding:.4rem .6rem;border-radius:6px;word-break:break-all;flex:1;min-width:240px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem;margin:0}dt{color:var(--muted)}dd{margin:0}
.login{max-width:420px;margin:8vh auto}.login form{display:flex;flex-direction:column;gap:.9rem}
.pager{display:flex;gap:.6rem;margin-top:1rem}
.nowrap{white-space:nowrap}
td{overflow-wrap:anywhere}
[hidden]{display:none!important}
.live-switch{min-height:36px;padding:.2rem .7rem;font-size:.9rem;background:transparent;color:#fff;border-color:#c9d3e0}
.live-switch[aria-pressed=true]{background:var(--warn-bg);color:var(--warn);border-color:var(--warn-bg)}
.chart-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:1rem}
.chart-box{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:.8rem 1rem;margin:0;min-width:0}
.chart-box[data-chart^=last]{grid-column:1/-1}
.chart-box figcaption{font-weight:600;margin-bottom:.4rem}.chart-words,.hbar-words{font-weight:400;color:var(--muted)}
svg.chart{width:100%;height:auto;display:block}svg .grid{stroke:var(--line)}svg .axis{font-size:13px;fill:var(--muted)}
.hbar{margin:.2rem 0 .6rem}.hbar svg{width:100%;height:12px;display:block;margin-top:.2rem}svg .track{fill:var(--grey-bg)}
.legend{display:flex;flex-wrap:wrap;gap:.3rem 1rem;margin:.3rem 0;font-size:.85rem;color:var(--muted)}
.legend svg{width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:-1px}
.s-accepted,.s-delivered{fill:var(--ok)}.s-rejected,.s-failed{fill:var(--bad)}.s-duplicate,.s-cancelled{fill:#98a2b3}
.s-test{fill:var(--test)}.s-held{fill:#d99a00}.s-waiting,.s-p50{fill:var(--info)}.s-p95{fill:#8fb3e8}.s-age{fill:var(--warn)}
@media (max-width:900px){main{padding:.8rem}.wide-only{display:none}th,td{padding:.5rem .45rem}td.mono{font-size:.8rem}
/* Narrow screens: each row becomes a card, so no column (the status least of all) is pushed
   out of sight; the script labels each cell with its column's heading. */
.table-wrap{overflow-x:visible}.table-wrap thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
.table-wrap table,.table-wrap tbody,.table-wrap tr,.table-wrap td{display:block}
.table-wrap tr{border-bottom:1px solid var(--line);padding:.4rem 0}.table-wrap tr:last-child{border-bottom:0}
.table-wrap td{border:0;padding:.15rem .7rem}.table-wrap td.wide-only{display:block}
.table-wrap td[data-label]::before{content:attr(data-label);display:inline-block;width:11rem;padding-right:.6rem;vertical-align:top;color:var(--muted);font-size:.85rem;font-family:system-ui,sans-serif}}
`;
