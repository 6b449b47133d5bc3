import { createCloudbaseRuntime } from '../_core/runtime/cloudbase';
import { createMain, setDefaultRuntime } from '../_core/runtime/main';
import { tips } from './definition';

setDefaultRuntime(createCloudbaseRuntime);

/** CloudBase entry: `exports.main(event, context)`; the timer trigger sweeps expired anonymous photo tickets. */
export const main = createMain(tips, { timer: { action: 'photo.sweep' } });
