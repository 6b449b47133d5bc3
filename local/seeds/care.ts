import { PROXY_COLLECTIONS, type ProxyGrantDoc, proxyGrantId } from '../../cloudfunctions/_core/domain/proxy';
import type { Clock } from '../../cloudfunctions/_core/runtime/clock';
import type { DocStore } from '../../cloudfunctions/_core/store/docstore';

const DAY = 24 * 3600_000;

/**
 * 代办 demo: 张阿姨 (the resident persona, who lives in 潇湘第一网格) has let her grid worker
 * 王网格 file reports, redeem green coins and register for meetings for her. Signed in as 王网格,
 * the report, shop and meeting screens offer "为谁办理"; as 张阿姨, 我的 → 代办 shows the grant,
 * what was done in her name, and lets her revoke it. No past actions are seeded, so her 代办记录
 * fills only with what the demo does.
 */
export async function seedCare(store: DocStore, clock: Clock): Promise<void> {
  const since = new Date(clock.now().getTime() - 10 * DAY).toISOString();
  const grant: ProxyGrantDoc = {
    _id: proxyGrantId('user-resident', 'user-gridworker'),
    principalUserId: 'user-resident',
    agentUserId: 'user-gridworker',
    scopes: ['reports', 'redeem', 'meetings'],
    active: true,
    createdAt: since,
    updatedAt: since,
    revokedAt: null,
  };
  await store.insert(PROXY_COLLECTIONS.grants, grant);
}
