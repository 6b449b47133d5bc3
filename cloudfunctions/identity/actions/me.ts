import { z } from 'zod';
import { defineAction } from '../../_core/runtime/define';
import { loadProfile } from '../lib/loadProfile';

export const ZMeInputSchema = z.strictObject({});

export const me = defineAction({
  summary: '当前用户的资料、角色、所在社区和网格',
  input: ZMeInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['people'], writes: false },
  allowWithoutConsent: true,
  handler: (_input, ctx) => loadProfile(ctx),
});
