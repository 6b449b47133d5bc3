import { z } from 'zod';
import { type ServiceRequestDoc, TB_COLLECTIONS } from '../../_core/domain/timebank';
import { ownPage } from '../../_core/redemption/queue';
import { defineAction } from '../../_core/runtime/define';
import { ZListPage } from '../core';
import { requestView } from '../lib/services';

export const ZServiceMineInputSchema = z.strictObject({ ...ZListPage });

export const serviceMine = defineAction({
  summary: '我的服务兑换申请',
  input: ZServiceMineInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['timebank'], writes: false },
  handler: async (input, ctx) => {
    const { page, hasMore } = await ownPage<ServiceRequestDoc>(ctx.store, TB_COLLECTIONS.requests, {
      userId: ctx.caller.userId,
      skip: input.skip,
      limit: input.limit,
    });
    return { items: page.map((d) => requestView(d)), hasMore };
  },
});
