import type { Builder } from '@grafana/grafana-foundation-sdk/cog';
import type { Panel } from '@grafana/grafana-foundation-sdk/dashboard';

/** One row of the dashboard: a title and its panels, laid out left to right. */
export interface Row {
  readonly title: string;
  readonly panels: readonly Builder<Panel>[];
}
