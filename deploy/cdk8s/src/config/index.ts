import { dev } from './dev.js';
import { prod } from './prod.js';
import type { EnvironmentConfig } from './types.js';

export type * from './types.js';

/** Every environment the app synthesizes, each into `dist/<name>/`. */
export const ENVIRONMENTS: readonly EnvironmentConfig[] = [dev, prod];
