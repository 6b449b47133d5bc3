import { z } from 'zod';
import { TB_COLLECTIONS, type VolunteerDoc } from '../../_core/domain/timebank';
import { countVolunteerChange } from '../../_core/figures/counters';
import { defineAction } from '../../_core/runtime/define';
import { homeCommunity, ruleOf, volunteerView } from '../core';
import { ZSkill } from '../lib/volunteers';

export const ZVolunteerRegisterInputSchema = z.strictObject({
  realName: z.string().trim().min(2).max(20),
  skills: z.array(ZSkill).max(10),
  availability: z.string().trim().min(1).max(100),
  /** The person agrees that staff see their real name and that hours are recorded. */
  consent: z.literal(true),
});

export const volunteerRegister = defineAction({
  summary: '登记成为志愿者（实名、技能、可服务时间，待社区认证）',
  input: ZVolunteerRegisterInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['timebank'], writes: true },
  handler: async (input, ctx) => {
    const communityId = homeCommunity(ctx.caller);
    const at = ctx.clock.now().toISOString();
    const userId = ctx.caller.userId;
    return ctx.store.runTransaction(async (tx) => {
      const existing = await tx.get<VolunteerDoc>(TB_COLLECTIONS.volunteers, userId);
      const rule = await ruleOf(tx, communityId);
      if (existing) {
        // Updating one's own details keeps the verification: staff verified the person, not the skill list.
        const update = {
          realName: input.realName,
          skills: input.skills,
          availability: input.availability,
          updatedAt: at,
        };
        await tx.updateById(TB_COLLECTIONS.volunteers, userId, { $set: update });
        return volunteerView({ ...existing, ...update }, rule.starHours);
      }
      const doc: VolunteerDoc = {
        _id: userId,
        userId,
        communityId,
        realName: input.realName,
        skills: input.skills,
        availability: input.availability,
        consentAt: at,
        status: 'pending',
        verifiedBy: null,
        verifiedAt: null,
        confirmedMinutes: 0,
        activityCount: 0,
        createdAt: at,
        updatedAt: at,
      };
      await tx.insert(TB_COLLECTIONS.volunteers, doc);
      await countVolunteerChange(tx, null, doc);
      return volunteerView(doc, rule.starHours);
    });
  },
});
