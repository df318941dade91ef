import { serviceAlerts } from './service-alerts.js';
import { burnRateAlerts } from './slo-alerts.js';
import { sloRecordingRules } from './slo-recording.js';
import type { RuleGroup } from './types.js';

export type { AlertingRule, RecordingRule, RuleGroup } from './types.js';

/** The rule groups of rules.yaml: SLO recording rules first, the alerts reading them after. */
export function ruleGroups(): RuleGroup[] {
  return [
    { name: 'mystore-slo-recording', rules: sloRecordingRules() },
    { name: 'mystore-slo-alerts', rules: burnRateAlerts() },
    { name: 'mystore-alerts', rules: serviceAlerts() },
  ];
}
