import { z } from 'zod';
import { userAccount } from '../../_core/domain/ledger/accounts';
import { COLLECTIONS, type UserDoc } from '../../_core/domain/people';
import { EXPORTED_RECORDS } from '../../_core/domain/personal-data';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import type { StoredDoc } from '../../_core/store/docstore';

export const ZExportMyDataInputSchema = z.strictObject({});

/** Records of one kind beyond this many are summarised by count; the export stays one response. */
const PER_KIND = 500;

export const exportMyData = defineAction({
  summary: '导出我的个人信息（资料、上报、议题、兑换、消息、志愿者登记、平安细胞申请、账户）',
  input: ZExportMyDataInputSchema,
  roles: 'authenticated',
  access: { scope: ['self'], touches: ['people'], writes: false },
  allowWithoutConsent: true,
  handler: async (_input, ctx) => {
    const userId = ctx.caller.userId;
    const user = await ctx.store.get<UserDoc>(COLLECTIONS.users, userId);
    if (!user) throw new AppError('NOT_FOUND', '用户不存在');
    const records: Record<string, { label: string; total: number; items: StoredDoc[] }> = {};
    for (const { collection, ownerField, exportLabel: label } of EXPORTED_RECORDS) {
      const filter = { [ownerField]: userId };
      const [items, total] = await Promise.all([
        ctx.store.find<StoredDoc>(collection, filter, { limit: PER_KIND }),
        ctx.store.count(collection, filter),
      ]);
      records[collection] = { label, total, items };
    }
    const accounts = await Promise.all(
      (['GC', 'TP'] as const).map((currency) =>
        ctx.store.get<StoredDoc>('ledger_accounts', userAccount(currency, userId)),
      ),
    );
    return {
      exportedAt: ctx.clock.now().toISOString(),
      profile: user,
      accounts: accounts.filter((a): a is StoredDoc => a !== null),
      records,
    };
  },
});
