import type { Suite } from '../lib/suite.js';
import { adminWriteSuite } from './admin-write.js';
import { catalogReadSuite } from './catalog-read.js';
import { catalogWebSuite } from './catalog-web.js';

/** Every suite, in the order `npm run bench` runs them when none is named. */
export const suites: readonly Suite[] = [catalogReadSuite, adminWriteSuite, catalogWebSuite];
