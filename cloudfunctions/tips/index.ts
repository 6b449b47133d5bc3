import { createCloudbaseRuntime } from '../_core/runtime/cloudbase';
import { createMain, setDefaultRuntime } from '../_core/runtime/main';
import { tips } from './definition';

setDefaultRuntime(createCloudbaseRuntime);

/** CloudBase entry: `exports.main(event, context)`. */
export const main = createMain(tips);
