import type { Suite } from '../lib/suite.js';
import { adminWriteSuite } from './admin-write.js';
import { catalogReadSuite } from './catalog-read.js';
import { catalogWebSuite } from './catalog-web.js';
import { tracingSuite } from './tracing.js';

/** Every suite, in the order `npm run bench` runs them when none is named. */
export const suites: readonly Suite[] = [catalogReadSuite, tracingSuite, adminWriteSuite, catalogWebSuite];
