import { z } from 'zod';
import { SAGE_COLLECTIONS, SAGE_PROCEDURE, SAGE_STANDARDS, type StationDoc } from '../../_core/domain/sages';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';

/** The published standards, the review procedure and the community's stations: public. */
export const standards = defineAction({
  summary: '乡贤监督员资格标准、审查程序和监督工作站',
  input: z.strictObject({ communityId: z.string().min(1).max(64).optional() }),
  roles: 'authenticated',
  access: { scope: ['any'], touches: ['sages'], writes: false },
  handler: async (input, ctx) => {
    const communityId = input.communityId ?? ctx.caller.communityId;
    if (!communityId) throw new AppError('FORBIDDEN', '请先加入社区');
    // A community has one or two stations (102 across the city's 460 communities).
    const stations = await ctx.store.find<StationDoc>(SAGE_COLLECTIONS.stations, { communityId }, { limit: 20 });
    return {
      standards: SAGE_STANDARDS,
      procedure: SAGE_PROCEDURE,
      stations: stations.map((s) => ({ id: s._id, name: s.name, address: s.address })),
    };
  },
});
