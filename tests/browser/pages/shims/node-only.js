// The Node built-ins the partly portable tests/node files import (node:child_process, node:crypto,
// node:fs/promises, node:os, node:path, node:url, node:util), mapped here by
// pages/node-suite.html's import map so that those files load in a page. The tests that use them
// are on tests/browser/node-suite.test.js's skip list; a call that slips through fails loudly.

function nodeOnly(module, name) {
  return () => {
    throw new Error(`node:${module} ${name}() is Node-only: this test cannot run in a browser`);
  };
}
/** fs/promises functions reject (callers may .catch them) rather than throw. */
function nodeOnlyAsync(module, name) {
  const fail = nodeOnly(module, name);
  return async () => fail();
}

export const execFile = nodeOnly('child_process', 'execFile');
export const execFileSync = nodeOnly('child_process', 'execFileSync');
export const createHash = nodeOnly('crypto', 'createHash');
export const X509Certificate = nodeOnly('crypto', 'X509Certificate');
export const copyFile = nodeOnlyAsync('fs/promises', 'copyFile');
export const mkdir = nodeOnlyAsync('fs/promises', 'mkdir');
export const mkdtemp = nodeOnlyAsync('fs/promises', 'mkdtemp');
export const readdir = nodeOnlyAsync('fs/promises', 'readdir');
export const readFile = nodeOnlyAsync('fs/promises', 'readFile');
export const rm = nodeOnlyAsync('fs/promises', 'rm');
export const writeFile = nodeOnlyAsync('fs/promises', 'writeFile');
export const tmpdir = nodeOnly('os', 'tmpdir');
export const join = nodeOnly('path', 'join');

// Files compute paths from import.meta.url while loading (before any test runs), so these two
// answer: with the page's http: URLs, the path is the one on the server (no file is read here).
export function fileURLToPath(url) {
  return new URL(url).pathname;
}
export function pathToFileURL(path) {
  return new URL(`file://${path}`);
}

export function promisify(fn) {
  return (...args) =>
    new Promise((resolve, reject) => {
      fn(...args, (error, value) => (error ? reject(error) : resolve(value)));
    });
}
