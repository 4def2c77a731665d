// The published types (pkg/index.d.ts) seen by a TypeScript consumer: tests/types/consumer.ts must
// compile under `tsc --noEmit --strict`, and tests/types/fails.ts must fail with exactly the errors
// it marks. Both import 'rtc-offer-polyfill' by name, so the exports map's "types" is what resolves.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSC = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));

/** Runs tsc on a project of tests/types/; resolves to its exit code and output. */
function tsc(project) {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [TSC, '-p', `tests/types/${project}`, '--noEmit', '--strict', '--pretty', 'false'],
      { cwd: ROOT },
      (error, stdout, stderr) => resolve({ code: error ? error.code : 0, stdout, stderr }),
    );
  });
}

test('the consumer sample compiles (MDN flow, legacy callbacks, install, certificates, lib.dom)', async () => {
  assert.deepEqual(await tsc('tsconfig.json'), { code: 0, stdout: '', stderr: '' });
});

test('the failing sample reports exactly the errors it marks', async () => {
  const source = await readFile(new URL('../types/fails.ts', import.meta.url), 'utf8');
  const expected = source
    .split('\n')
    .flatMap((line, index) => {
      const marked = / \/\/ error (TS\d+)$/.exec(line);
      return marked ? [`${index + 1} ${marked[1]}`] : [];
    });
  assert.equal(expected.length, 9, 'fails.ts marks nine errors');

  const { code, stdout, stderr } = await tsc('tsconfig.fails.json');
  const reported = [...stdout.matchAll(/^tests\/types\/fails\.ts\((\d+),\d+\): error (TS\d+):/gm)].map(
    ([, line, tsCode]) => `${line} ${tsCode}`,
  );
  assert.deepEqual({ code, reported, stderr }, { code: 1, reported: expected, stderr: '' });
  // Nothing outside fails.ts: the declarations themselves are free of errors.
  assert.equal(stdout.match(/^\S.*: error TS/gm).length, expected.length, stdout);
});
