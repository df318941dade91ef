import {
  type Dashboard,
  DashboardBuilder,
  DashboardCursorSync,
  DatasourceVariableBuilder,
  QueryVariableBuilder,
  RowBuilder,
  VariableRefresh,
  VariableSort,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { ANY_SERVICE } from '../promql.js';
import { catalogAndAdminRow } from './catalog-and-admin.js';
import { databaseRow } from './database.js';
import { DATASOURCE } from './panels.js';
import { podsRow } from './pods.js';
import type { Row } from './rows.js';
import { sloRow } from './slo.js';
import { trafficRow } from './traffic.js';
import { upstreamRow } from './upstream.js';

export const DASHBOARD_UID = 'mystore-catalog';

const ROWS: readonly Row[] = [trafficRow, sloRow, podsRow, databaseRow, catalogAndAdminRow, upstreamRow];

/** `label_values(...)` variables: Grafana asks Prometheus for the label's values among these series. */
function labelValues(name: string, label: string, series: string) {
  return new QueryVariableBuilder(name)
    .datasource(DATASOURCE)
    .query({
      qryType: 1,
      query: `label_values(${series}, ${label})`,
      refId: 'PrometheusVariableQueryEditor-VariableQuery',
    })
    .definition(`label_values(${series}, ${label})`)
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .sort(VariableSort.AlphabeticalAsc);
}

/**
 * The mystore dashboard: one page for the four services, filtered by namespace and service. Panel ids
 * are numbered in order, so a regenerated file only changes where the code did.
 */
export function buildDashboard(): Dashboard {
  const builder = new DashboardBuilder('mystore catalog')
    .uid(DASHBOARD_UID)
    .description('Traffic, SLOs, pods and the database of the mystore catalog services.')
    .tags(['mystore'])
    .timezone('browser')
    .refresh('30s')
    .time({ from: 'now-3h', to: 'now' })
    .tooltip(DashboardCursorSync.Crosshair)
    .withVariable(new DatasourceVariableBuilder('datasource').label('Data source').type('prometheus'))
    .withVariable(labelValues('namespace', 'namespace', `up{service=~"${ANY_SERVICE}"}`).label('Namespace'))
    .withVariable(
      labelValues('service', 'service', `up{namespace="$namespace", service=~"${ANY_SERVICE}"}`)
        .label('Service')
        .multi(true)
        .includeAll(true),
    )
    .withVariable(labelValues('db_namespace', 'namespace', 'mysql_up').label('Database namespace'));
  for (const row of ROWS) {
    builder.withRow(new RowBuilder(row.title));
    for (const panel of row.panels) builder.withPanel(panel);
  }
  const dashboard = builder.build();
  dashboard.panels?.forEach((panel, index) => {
    panel.id = index + 1;
  });
  return dashboard;
}
