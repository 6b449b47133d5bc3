import { createCloudbaseRuntime } from '../_core/runtime/cloudbase';
import { createMain, setDefaultRuntime } from '../_core/runtime/main';
import { sages } from './definition';

setDefaultRuntime(createCloudbaseRuntime);

/** CloudBase entry: `exports.main(event, context)`; the timer trigger ends lapsed 乡贤 terms and warns before the end. */
export const main = createMain(sages, { timer: { action: 'terms.sweep' } });
