// A tiny static file server for the demo and the browser tests (node:http, no dependencies).
//
// It serves the repository root, so /www/ can import ../pkg/index.js, and sends COOP/COEP
// headers: a cross-origin-isolated page gets 5 µs performance.now() resolution instead of 100 µs.
// It also computes /bytes-each-path.json for the demo (scripts/bench/bytes.mjs, the files under
// `root`, recomputed when they change).
//
//   node scripts/serve.mjs [--port N]        (or PORT=N); prints the demo URL and keeps serving
//   import { startServer } from './serve.mjs' → await startServer({ port, root }) → { url, port, close }

import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bytesEachPath } from './bench/bytes.mjs';

const REPO_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const DEFAULT_PORT = 8080;

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ts': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.sdp': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

const COMMON_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  // Rebuilt wasm and edited pages must never come from the browser cache.
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};

function send(res, status, body, headers = {}) {
  res.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  res.end(body);
}

async function handle(root, req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, 'Method Not Allowed\n', { Allow: 'GET, HEAD' });
    return;
  }
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
  } catch {
    send(res, 400, 'Bad Request\n');
    return;
  }
  if (pathname === '/') {
    send(res, 302, 'Found\n', { Location: '/www/' });
    return;
  }
  if (pathname === '/bytes-each-path.json') {
    const rows = await bytesEachPath(root).catch(() => null);
    if (rows === null) send(res, 404, 'Not Found: pkg/ is not built (npm run build)\n');
    else send(res, 200, JSON.stringify(rows), { 'Content-Type': MIME_TYPES['.json'] });
    return;
  }
  if (pathname === '/favicon.ico') {
    // Browsers ask for it on every page; a 404 would show up as a console error.
    send(res, 204, '');
    return;
  }
  const file = resolve(join(root, pathname));
  if (file !== root && !file.startsWith(root + sep)) {
    send(res, 403, 'Forbidden\n');
    return;
  }
  let target = file;
  let info = await stat(target).catch(() => null);
  if (info?.isDirectory()) {
    if (!pathname.endsWith('/')) {
      send(res, 301, 'Moved Permanently\n', { Location: `${pathname}/` });
      return;
    }
    target = join(target, 'index.html');
    info = await stat(target).catch(() => null);
  }
  if (!info?.isFile()) {
    send(res, 404, `Not Found: ${pathname}\n`);
    return;
  }
  res.writeHead(200, {
    ...COMMON_HEADERS,
    'Content-Type': MIME_TYPES[extname(target).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': info.size,
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(target)
    .on('error', () => res.destroy())
    .pipe(res);
}

function listen(server, port) {
  return new Promise((resolveListen, rejectListen) => {
    const onError = (error) => {
      server.off('listening', onListening);
      rejectListen(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolveListen();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}

/**
 * Starts serving `root` on 127.0.0.1. `port` 0 (the default) picks a free port.
 * Resolves to { url, port, close } where url is `http://localhost:<port>/` (a secure context).
 */
export async function startServer({ port = 0, root = REPO_ROOT } = {}) {
  const base = resolve(root);
  const server = createServer((req, res) => {
    handle(base, req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'Internal Server Error\n');
      else res.destroy();
    });
  });
  await listen(server, port);
  const actualPort = server.address().port;
  return {
    url: `http://localhost:${actualPort}/`,
    port: actualPort,
    close: () =>
      new Promise((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}

function requestedPort(argv) {
  const flag = argv.indexOf('--port');
  const value = flag >= 0 ? argv[flag + 1] : process.env.PORT;
  if (value === undefined || value === '') return null;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`serve: invalid port ${JSON.stringify(value)}`);
  }
  return port;
}

async function main() {
  const port = requestedPort(process.argv.slice(2));
  let server;
  if (port !== null) {
    server = await startServer({ port });
  } else {
    // The usual port when it is free, any free port otherwise.
    server = await startServer({ port: DEFAULT_PORT }).catch((error) => {
      if (error.code !== 'EADDRINUSE') throw error;
      return startServer({ port: 0 });
    });
  }
  console.log(`Demo: ${server.url}www/`);
  console.log('Press Ctrl+C to stop.');
  const stop = () => server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
