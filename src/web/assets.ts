/** The page's CSS and its one small script, served from the app (no CDN; CSP allows only 'self'). */
export const APP_CSS = `
:root{--bg:#f7f7f8;--fg:#1d1f23;--muted:#6b7280;--line:#e3e4e8;--ok:#1f7a3f;--warn:#a15c00;--bad:#b42318;--info:#2f5fb3;--add:#e6f4ea;--del:#fdecea}
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:var(--bg);color:var(--fg)}
nav{display:flex;gap:1.2em;align-items:center;padding:.6em 1.2em;background:#111827;color:#fff}nav a{color:#d1d5db;text-decoration:none}nav a[aria-current]{color:#fff;font-weight:600}
nav .brand{font-weight:700;color:#fff;margin-right:1em}nav .who{margin-left:auto;color:#9ca3af}.count{background:var(--bad);color:#fff;border-radius:9px;padding:0 .45em;font-size:12px}
main{padding:1em 1.5em;max-width:1400px}h1{font-size:22px;margin:.3em 0 .6em}h2{font-size:17px;margin:1.3em 0 .5em}
table{border-collapse:collapse;width:100%;background:#fff;border:1px solid var(--line)}th,td{text-align:left;padding:.3em .6em;border-bottom:1px solid var(--line);vertical-align:top}th{background:#f0f1f3;font-weight:600}
.tiles{display:flex;gap:.8em;margin-bottom:1em}.tile{display:block;padding:.6em 1em;background:#fff;border:1px solid var(--line);border-radius:6px;color:var(--fg);text-decoration:none;min-width:8em}.tile b{display:block;font-size:22px}
.tile-failing b{color:var(--bad)}.tile-drifted b{color:var(--warn)}.tile-ok b{color:var(--ok)}
.filters{display:flex;gap:1em;align-items:end;flex-wrap:wrap;margin:.5em 0}.filters label{display:flex;flex-direction:column;font-size:12px;color:var(--muted)}
.badge{display:inline-block;padding:0 .5em;border-radius:4px;font-size:12px;border:1px solid currentColor}.badge-ok{color:var(--ok)}.badge-drifted{color:var(--warn)}.badge-failing{color:var(--bad)}.badge-never{color:var(--muted)}
.sev{font-weight:600}.sev-critical{color:var(--bad)}.sev-warning{color:var(--warn)}.sev-info{color:var(--info)}
.muted{color:var(--muted)}.error{color:var(--bad);font-weight:600}.notice{background:#ecfdf3;border:1px solid #abefc6;padding:.5em .8em;border-radius:6px}
.drift{background:#fff;border:1px solid var(--line);border-radius:8px;padding:.3em 1em 1em;margin-bottom:1.2em}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em;margin:.5em 0}dl.meta dt{color:var(--muted)}dl.meta dd{margin:0}
table.diff{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,monospace;table-layout:fixed}table.diff td{border:0;padding:0 .4em;white-space:pre-wrap;word-break:break-all}
table.diff col.no{width:3.5em}table.diff td.no{color:var(--muted);text-align:right;user-select:none}table.diff td.add{background:var(--add)}table.diff td.del{background:var(--del)}table.diff td.empty{background:#fafafa}
table.diff tr.hunk th{background:#eef2ff;color:#3730a3;font-weight:600}
.approve{margin-top:.8em;display:flex;gap:.6em;align-items:end}.approve input[type=text]{width:28em}
button{font:inherit;padding:.35em .9em;border:1px solid #c5c8cf;border-radius:5px;background:#fff;cursor:pointer}button.primary{background:#1d4ed8;border-color:#1d4ed8;color:#fff}button.link{background:none;border:0;color:#d1d5db;padding:0}
form.inline{display:inline}pre.config{background:#fff;border:1px solid var(--line);padding:.8em;overflow:auto;max-height:40em;font-size:12px}
.login{display:flex;flex-direction:column;gap:.8em;max-width:26em}.login input{width:100%;padding:.4em}ol.history li{margin:.15em 0}
`;

/** Progressive enhancement only: filters apply on change; everything works without it. */
export const APP_JS = `
document.addEventListener('DOMContentLoaded', function () {
  var f = document.getElementById('filters');
  if (!f) return;
  f.querySelectorAll('select').forEach(function (s) { s.addEventListener('change', function () { f.submit(); }); });
});
`;

/** A plain icon, so browsers do not ask for /favicon.ico and log a 404. */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#111827"/><path d="M3 11 L6 6 L9 9 L13 4" stroke="#f59e0b" stroke-width="2" fill="none"/></svg>`;
