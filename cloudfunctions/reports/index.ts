import { createCloudbaseRuntime } from '../_core/runtime/cloudbase';
import { createMain, setDefaultRuntime } from '../_core/runtime/main';
import { reports } from './definition';

setDefaultRuntime(createCloudbaseRuntime);

/** CloudBase entry: `exports.main(event, context)`; the timer trigger runs the SLA sweep. */
export const main = createMain(reports, { timer: { action: 'sla.sweep' } });
