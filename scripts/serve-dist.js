// A small static file server for the built add-in (dist/). Used by `npm start` and by the
// end-to-end tests. Files are served exactly as built: no hot reload, no injected client code,
// because classic Outlook loads launchevent.js as a plain script and must get the built file.
const fs = require('fs');
const http = require('http');
const https = require('https');
const path = require('path');

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.zip': 'application/zip',
  '.txt': 'text/plain; charset=utf-8',
};

/** Maps a URL path to a file under root, or null when it would escape root. */
function resolveFile(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] || '/');
  } catch {
    return null;
  }
  const candidate = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  if (candidate !== root && !candidate.startsWith(root + path.sep)) return null;
  if (fs.existsSync(candidate) && fs.statSync(candidate).isDirectory())
    return path.join(candidate, 'index.html');
  return candidate;
}

function handleRequest(root, req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  const file = resolveFile(root, req.url || '/');
  if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  res.writeHead(200, {
    'Content-Type': MIME_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream',
    // Outlook caches add-in files aggressively; during development every reload must see the new build.
    'Cache-Control': 'no-store',
    // Classic Outlook's JavaScript runtime and Outlook on the web fetch across origins.
    'Access-Control-Allow-Origin': '*',
  });
  if (req.method === 'HEAD') res.end();
  else fs.createReadStream(file).pipe(res);
}

/**
 * Serves `root` on host:port (port 0 picks a free one). With `tls` ({key, cert}) it serves HTTPS.
 * Resolves to { url, port, close() } once listening.
 */
function serveDist({ root, port = 0, host = 'localhost', tls }) {
  const absoluteRoot = path.resolve(root);
  const handler = (req, res) => handleRequest(absoluteRoot, req, res);
  const server = tls ? https.createServer(tls, handler) : http.createServer(handler);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      resolve({
        url: `${tls ? 'https' : 'http'}://${host}:${actualPort}/`,
        port: actualPort,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            // Browsers keep connections alive; without this, close() waits for them to time out.
            server.closeAllConnections();
          }),
      });
    });
  });
}

module.exports = { serveDist, resolveFile };
