import { createCloudbaseRuntime } from '../_core/runtime/cloudbase';
import { createMain, setDefaultRuntime } from '../_core/runtime/main';
import { greencoin } from './definition';

setDefaultRuntime(createCloudbaseRuntime);

/** CloudBase entry: `exports.main(event, context)`; the timer trigger expires unapproved redemptions. */
export const main = createMain(greencoin, { timer: { action: 'redeem.expire' } });
