import type { DatabaseHandle } from '@mystore/db';
import type { AdminMetrics } from '../metrics.js';

export interface AdminRoutesOptions {
  readonly handle: DatabaseHandle;
  readonly metrics: AdminMetrics;
  readonly currency: string;
  readonly importLimitBytes: number;
}
