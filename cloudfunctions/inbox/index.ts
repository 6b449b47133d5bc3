import { createCloudbaseRuntime } from '../_core/runtime/cloudbase';
import { createMain, setDefaultRuntime } from '../_core/runtime/main';
import { inbox } from './definition';

setDefaultRuntime(createCloudbaseRuntime);

/** CloudBase entry: `exports.main(event, context)`; the timer trigger drains the outbox. */
export const main = createMain(inbox, { timer: { action: 'outbox.drain' } });
