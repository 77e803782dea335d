// Small static server for dist/, used by the browser suite and the Lighthouse audit.
// Loopback only. Behaves like the static hosts the site is deployed on: directory → index.html,
// a directory without its trailing slash → 301 to the slash form, anything missing → dist/404.html
// with status 404, gzip for text when the client asks for it.
//
//   const server = await startServer({ root: 'dist', base: '/sub/path/', headers: {...} });
//   server.url('/cpi/x/') → 'http://127.0.0.1:PORT/sub/path/cpi/x/'
//   await server.close();
//
// `headers` is an object added to every response, or a function (info) => object so a later test
// can, e.g., send a Content-Security-Policy on HTML only. `base` serves the site under a sub-path
// (requests outside it get the 404 page), matching a build made with SITE_BASE.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** Content types by extension (lowercase, with dot). Exported so the suite can check them. */
export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.jsonld': 'application/ld+json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.ttl': 'text/turtle; charset=utf-8',
  '.nt': 'application/n-triples; charset=utf-8',
  '.rdf': 'application/rdf+xml; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
  '.gz': 'application/gzip',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.ods': 'application/vnd.oasis.opendocument.spreadsheet',
  // Pagefind's index files (already gzip-compressed by Pagefind; the browser never inflates them).
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pf_filter': 'application/octet-stream',
  '.pagefind': 'application/octet-stream', // wasm.<lang>.pagefind: gzipped WebAssembly, inflated by pagefind.js
};

const COMPRESSIBLE = /^(text\/|application\/(json|ld\+json|geo\+json|manifest\+json|xml|javascript|rdf\+xml|n-triples)|image\/svg\+xml)/;

/** Content type for a file name; unknown extensions are served as bytes. */
export function contentType(file) {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Normalise a base path to '/…/' form. */
export function normaliseBase(base = '/') {
  let b = String(base || '/');
  if (!b.startsWith('/')) b = '/' + b;
  if (!b.endsWith('/')) b += '/';
  return b;
}

/**
 * Start the server. Resolves once listening on 127.0.0.1 (random port unless `port` is given).
 * @param {{root: string, base?: string, port?: number, headers?: object | ((info: {urlPath: string, file: string|null, status: number, type: string}) => object), compress?: boolean, log?: (line: string) => void}} options
 */
export async function startServer({ root, base = '/', port = 0, headers = {}, compress = true, log } = {}) {
  const rootDir = path.resolve(root);
  if (!fs.existsSync(rootDir) || !fs.statSync(rootDir).isDirectory()) {
    throw new Error(`server: ${root} is not a directory (run the build first)`);
  }
  const basePath = normaliseBase(base);
  const notFoundFile = path.join(rootDir, '404.html');

  const extraHeaders = (info) => (typeof headers === 'function' ? headers(info) : headers) || {};

  function send(req, res, status, file, urlPath) {
    const type = file ? contentType(file) : 'text/plain; charset=utf-8';
    let body = file ? fs.readFileSync(file) : Buffer.from(status === 404 ? 'Not found\n' : `${status}\n`);
    const h = { 'Content-Type': type, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' };
    const accepts = String(req.headers['accept-encoding'] || '');
    if (compress && COMPRESSIBLE.test(type) && body.length > 1024 && /\bgzip\b/.test(accepts)) {
      body = zlib.gzipSync(body, { level: 6 });
      h['Content-Encoding'] = 'gzip';
      h['Vary'] = 'Accept-Encoding';
    }
    h['Content-Length'] = String(body.length);
    Object.assign(h, extraHeaders({ urlPath, file, status, type }));
    res.writeHead(status, h);
    res.end(req.method === 'HEAD' ? undefined : body);
    log?.(`${status} ${req.method} ${req.url}`);
  }

  function notFound(req, res, urlPath) {
    send(req, res, 404, fs.existsSync(notFoundFile) ? notFoundFile : null, urlPath);
  }

  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Length': '0' });
      return res.end();
    }
    const raw = String(req.url || '/');
    const qIndex = raw.search(/[?#]/);
    const rawPath = qIndex === -1 ? raw : raw.slice(0, qIndex);
    const query = qIndex === -1 ? '' : raw.slice(qIndex);
    let urlPath;
    try {
      urlPath = decodeURIComponent(rawPath);
    } catch {
      return notFound(req, res, rawPath);
    }
    if (urlPath.includes('\0')) return notFound(req, res, urlPath);
    // The bare base without its slash ("/sub/path") is the home page: redirect like a host would.
    if (urlPath + '/' === basePath) {
      res.writeHead(301, { Location: basePath + query, 'Content-Length': '0' });
      return res.end();
    }
    if (!urlPath.startsWith(basePath)) return notFound(req, res, urlPath);
    const rel = urlPath.slice(basePath.length);
    const target = path.resolve(rootDir, '.' + path.posix.sep + rel);
    if (target !== rootDir && !target.startsWith(rootDir + path.sep)) return notFound(req, res, urlPath);

    let stat;
    try {
      stat = fs.statSync(target);
    } catch {
      return notFound(req, res, urlPath);
    }
    if (stat.isDirectory()) {
      if (!urlPath.endsWith('/')) {
        res.writeHead(301, { Location: encodeURI(urlPath + '/') + query, 'Content-Length': '0' });
        log?.(`301 ${req.method} ${req.url}`);
        return res.end();
      }
      const index = path.join(target, 'index.html');
      if (fs.existsSync(index)) return send(req, res, 200, index, urlPath);
      return notFound(req, res, urlPath);
    }
    if (!stat.isFile()) return notFound(req, res, urlPath);
    return send(req, res, 200, target, urlPath);
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const { port: actualPort } = /** @type {import('node:net').AddressInfo} */ (server.address());
  const origin = `http://127.0.0.1:${actualPort}`;
  const sockets = new Set();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  return {
    origin,
    base: basePath,
    root: rootDir,
    /** Absolute URL for a site path relative to the base ('' or 'cpi/x/'), or an absolute path starting with the base. */
    url(p = '') {
      if (p.startsWith(basePath)) return origin + p;
      return origin + basePath + p.replace(/^\//, '');
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

// `node tests/support/server.mjs [root] [base] [port]` serves dist for a manual look.
if (import.meta.url === `file://${process.argv[1]}`) {
  const [root = 'dist', base = process.env.SITE_BASE || '/', port = '4321'] = process.argv.slice(2);
  const s = await startServer({ root, base, port: Number(port), log: (l) => console.log(l) });
  console.log(`serving ${s.root} at ${s.url()}`);
}
