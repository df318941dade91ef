import {
  LegendDisplayMode,
  LegendPlacement,
  ReduceDataOptionsBuilder,
  VizLegendOptionsBuilder,
} from '@grafana/grafana-foundation-sdk/common';
import {
  type Threshold,
  ThresholdsConfigBuilder,
  ThresholdsMode,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as StatPanelBuilder } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TimeseriesPanelBuilder } from '@grafana/grafana-foundation-sdk/timeseries';

/** Every panel reads the Prometheus data source chosen in the `datasource` variable. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's variable syntax, not a JS template.
export const DATASOURCE = { type: 'prometheus', uid: '${datasource}' };

/** Grafana's own rate window: at least four scrapes, so a rate always has two samples to work with. */
export const RATE = '$__rate_interval';

/** The dashboard's filters: the app namespace and the chosen services. */
export const APP = 'namespace="$namespace", service=~"$service"';

export interface Query {
  readonly expr: string;
  /** Legend, e.g. `{{service}}`. */
  readonly legend: string;
}

export interface PanelSpec {
  readonly title: string;
  readonly description: string;
  readonly unit: string;
  readonly queries: readonly Query[];
  /** Grid width out of 24 (default 12). */
  readonly width?: number;
}

function targets(queries: readonly Query[], instant: boolean) {
  return queries.map((query, index) => {
    const target = new DataqueryBuilder()
      .datasource(DATASOURCE)
      .refId(String.fromCharCode(65 + index))
      .expr(query.expr)
      .legendFormat(query.legend);
    return instant ? target.instant() : target.range();
  });
}

/** A time series with a legend table (last and max), for rates, latencies and gauges over time. */
export function timeseries(spec: PanelSpec & { min?: number; max?: number }) {
  const panel = new TimeseriesPanelBuilder()
    .title(spec.title)
    .description(spec.description)
    .datasource(DATASOURCE)
    .unit(spec.unit)
    .span(spec.width ?? 12)
    .height(8)
    .fillOpacity(10)
    .legend(
      new VizLegendOptionsBuilder()
        .showLegend(true)
        .displayMode(LegendDisplayMode.Table)
        .placement(LegendPlacement.Bottom)
        .calcs(['lastNotNull', 'max']),
    )
    .targets(targets(spec.queries, false));
  if (spec.min !== undefined) panel.min(spec.min);
  if (spec.max !== undefined) panel.max(spec.max);
  return panel;
}

/** A single number per series (its last value), coloured by thresholds such as an SLO target. */
export function stat(spec: PanelSpec & { thresholds: Threshold[]; decimals?: number }) {
  const panel = new StatPanelBuilder()
    .title(spec.title)
    .description(spec.description)
    .datasource(DATASOURCE)
    .unit(spec.unit)
    .span(spec.width ?? 6)
    .height(6)
    .reduceOptions(new ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false))
    .thresholds(new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps(spec.thresholds))
    .targets(targets(spec.queries, true));
  if (spec.decimals !== undefined) panel.decimals(spec.decimals);
  return panel;
}
