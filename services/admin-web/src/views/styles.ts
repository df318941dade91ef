import { createHash } from 'node:crypto';

/**
 * The console's one stylesheet, served from a content-addressed URL (cacheable for good, and allowed by
 * the Content-Security-Policy's `style-src 'self'`). Colours keep a contrast of at least 4.5:1.
 */
export const STYLESHEET = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #4b5563; --line: #d0d7de; --accent: #0b57d0;
  --danger: #b3261e; --ok: #146c2e; --warn-bg: #fff4ce; --danger-bg: #fde7e9; --ok-bg: #e6f4ea; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: var(--ink); background: #fff; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible {
  outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; }
header.top { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem 2rem; padding: .75rem 1.5rem;
  border-bottom: 1px solid var(--line); }
header.top .brand { font-weight: 700; text-decoration: none; color: var(--ink); }
header.top nav ul { display: flex; gap: 1.25rem; list-style: none; margin: 0; padding: 0; }
header.top form { margin-left: auto; }
main { max-width: 72rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 1rem; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; }
.notice { padding: .75rem 1rem; border-radius: 6px; margin: 0 0 1rem; border: 1px solid var(--line); }
.notice.success { background: var(--ok-bg); border-color: var(--ok); }
.notice.error { background: var(--danger-bg); border-color: var(--danger); }
.notice.warning { background: var(--warn-bg); border-color: #8a6d00; }
form.filters { display: flex; flex-wrap: wrap; gap: .75rem 1rem; align-items: flex-end; margin-bottom: 1rem; }
form.filters div { display: flex; flex-direction: column; }
label { font-weight: 600; }
.field { margin-bottom: 1rem; display: flex; flex-direction: column; max-width: 40rem; }
.field .hint { color: var(--muted); font-size: .9rem; }
.field .error, .errors li { color: var(--danger); font-weight: 600; }
input, select, textarea { font: inherit; padding: .4rem .5rem; border: 1px solid #6b7280; border-radius: 4px; }
input[aria-invalid="true"], textarea[aria-invalid="true"] { border: 2px solid var(--danger); }
textarea { min-height: 8rem; }
.check { flex-direction: row; gap: .5rem; align-items: center; }
button, .button { font: inherit; padding: .45rem .9rem; border-radius: 4px; border: 1px solid var(--accent);
  background: var(--accent); color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
button.secondary, .button.secondary { background: #fff; color: var(--accent); }
button.danger { background: var(--danger); border-color: var(--danger); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.stock-low { background: var(--warn-bg); font-weight: 600; }
.stock-out { background: var(--danger-bg); font-weight: 600; }
.badge { font-size: .85rem; padding: .1rem .45rem; border-radius: 999px; border: 1px solid var(--muted); }
.badge.inactive { border-color: var(--danger); color: var(--danger); }
nav.pages { display: flex; gap: 1rem; }
.columns { display: grid; grid-template-columns: minmax(0, 2fr) minmax(16rem, 1fr); gap: 2rem; }
@media (max-width: 50rem) { .columns { grid-template-columns: 1fr; } }
aside section { border: 1px solid var(--line); border-radius: 6px; padding: 1rem; margin-bottom: 1rem; }
aside section h2 { margin-top: 0; }
.actions { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; }
dl.values { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dl.values dt { font-weight: 600; }
`;

export const STYLESHEET_PATH = `/assets/admin-${createHash('sha256').update(STYLESHEET).digest('hex').slice(0, 12)}.css`;
