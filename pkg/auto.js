// @ts-check
// Side effect only: install() on globalThis (see index.js).

import { install } from './index.js';

install();
