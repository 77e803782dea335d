// Checks the test server itself against the real dist/, so the other gates stand on solid ground:
// MIME types for every extension the build emits, directory → index.html, missing → 404.html
// with status 404, no path traversal, loopback only, base path honoured.
import fs from 'node:fs';
import path from 'node:path';
import { MIME } from '../support/server.mjs';

export const name = 'server';

export async function run({ server, pages, report }) {
  const problems = [];
  const get = (u, init = {}) => fetch(u, { redirect: 'manual', ...init });

  if (!server.origin.startsWith('http://127.0.0.1:')) problems.push(`server listens on ${server.origin}, not loopback`);

  const home = await get(server.url(''));
  if (home.status !== 200) problems.push(`${server.base} answers ${home.status}, expected 200`);
  if (!String(home.headers.get('content-type')).startsWith('text/html')) problems.push(`${server.base} is served as ${home.headers.get('content-type')}`);

  const missing = await get(server.url('pagina-che-non-esiste-xyz/'));
  const notFound = path.join(server.root, '404.html');
  if (missing.status !== 404) problems.push(`a missing path answers ${missing.status}, expected 404`);
  if (fs.existsSync(notFound)) {
    const body = await missing.text();
    if (body !== fs.readFileSync(notFound, 'utf8')) problems.push('a missing path does not serve dist/404.html');
  } else {
    problems.push('dist/404.html is missing: the server can only answer a plain-text 404');
  }

  const dir = pages.find((p) => p.rel.endsWith('/'));
  if (dir) {
    const r = await get(server.url(dir.rel.slice(0, -1)));
    if (r.status !== 301 || !String(r.headers.get('location')).endsWith(server.base + dir.rel)) {
      problems.push(`${server.base}${dir.rel.slice(0, -1)} (no slash) answers ${r.status} ${r.headers.get('location') ?? ''}, expected 301 to the slash form`);
    }
  }

  const traversal = await get(server.url('..%2f..%2f..%2fetc%2fpasswd'));
  if (traversal.status !== 404) problems.push(`path traversal answers ${traversal.status}`);

  if (server.base !== '/') {
    const outside = await get(server.origin + '/');
    if (outside.status !== 404) problems.push(`/ outside the base ${server.base} answers ${outside.status}, expected 404`);
  }

  const head = await get(server.url(''), { method: 'HEAD' });
  if (head.status !== 200) problems.push(`HEAD ${server.base} answers ${head.status}`);
  report.check('status codes, directory index, 404 page, loopback', problems);

  // One file per extension present in dist/: each must have a known, correct type.
  const byExt = new Map();
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else if (e.isFile()) {
        const ext = path.extname(e.name).toLowerCase();
        if (!byExt.has(ext)) byExt.set(ext, f);
      }
    }
  };
  walk(server.root);
  const typeProblems = [];
  for (const [ext, file] of [...byExt].sort()) {
    const rel = path.relative(server.root, file).split(path.sep).join('/');
    if (!MIME[ext]) {
      typeProblems.push(`no MIME type for "${ext || '(no extension)'}" (e.g. ${rel}): add it to tests/support/server.mjs`);
      continue;
    }
    const r = await get(server.url(rel.split('/').map(encodeURIComponent).join('/')), { method: 'HEAD' });
    if (r.status !== 200) typeProblems.push(`${rel} answers ${r.status}`);
    else if (r.headers.get('content-type') !== MIME[ext]) typeProblems.push(`${rel} served as ${r.headers.get('content-type')}, expected ${MIME[ext]}`);
  }
  report.check(`MIME types for ${byExt.size} file extensions in dist/ (${[...byExt.keys()].sort().join(' ')})`, typeProblems);
}
