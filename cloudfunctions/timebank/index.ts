import { createCloudbaseRuntime } from '../_core/runtime/cloudbase';
import { createMain, setDefaultRuntime } from '../_core/runtime/main';
import { timebank } from './definition';

setDefaultRuntime(createCloudbaseRuntime);

/** CloudBase entry: `exports.main(event, context)`; the timer trigger reminds volunteers before activities. */
export const main = createMain(timebank, { timer: { action: 'reminder.sweep' } });
