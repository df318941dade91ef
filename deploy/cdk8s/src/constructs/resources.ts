import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import type { Resources } from '../config/index.js';

/** Our resource settings in cdk8s-plus-27's terms; nothing of its defaults (1 CPU, 512Mi...) is kept. */
export function toPlusResources(resources: Resources): kplus.ContainerResources {
  const cpuLimit = resources.cpuMillis.limit;
  return {
    cpu: {
      request: kplus.Cpu.millis(resources.cpuMillis.request),
      ...(cpuLimit === undefined ? {} : { limit: kplus.Cpu.millis(cpuLimit) }),
    },
    memory: {
      request: Size.mebibytes(resources.memoryMi.request),
      limit: Size.mebibytes(resources.memoryMi.limit),
    },
  };
}
