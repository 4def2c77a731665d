// @ts-check
// Side effect only: install() on globalThis (see index.js). Over a modern native WebRTC that is
// all there is to do, so only the detection is loaded up front: the rest of the package is imported
// (top-level await: once this module has run, the globals are there) only when it installs something.

import { inspectNative } from './detect.js';

if (!inspectNative(globalThis)?.modern) {
  const { install } = await import('./index.js');
  install();
}
