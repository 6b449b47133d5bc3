import { GC_COLLECTIONS, type RedemptionStatus } from '../../_core/domain/greencoin';
import { MESSAGE_COLLECTIONS, type MessageDoc } from '../../_core/domain/messages';
import { PERSONAL_RECORDS, type PersonalRecord, PSEUDONYM, pseudonymiseText } from '../../_core/domain/personal-data';
import { PROXY_COLLECTIONS, type ProxyGrantDoc } from '../../_core/domain/proxy';
import { IDEMPOTENCY_COLLECTION } from '../../_core/idempotency';
import type { ActionContext } from '../../_core/runtime/define';
import type { StoredDoc } from '../../_core/store/docstore';
import { newTransitionIds, releaseRedemption } from '../../greencoin/core';
import { cancelOpenWork } from './cancel';

const PAGE = 100;

/** The records of one kind that belong to the person, page by page (stable order by `_id`). */
async function* owned(ctx: ActionContext, record: PersonalRecord, owner: string): AsyncGenerator<StoredDoc[]> {
  let after: string | null = null;
  for (;;) {
    const filter: Record<string, unknown> = { [record.ownerField]: owner };
    if (after !== null) filter._id = { $gt: after };
    const page = await ctx.store.find<StoredDoc>(record.collection, filter, { orderBy: [['_id', 'asc']], limit: PAGE });
    if (page.length === 0) return;
    yield page;
    after = page[page.length - 1]?._id ?? null;
    if (page.length < PAGE) return;
  }
}

const valueAt = (doc: StoredDoc, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), doc);

/** `blank`: strings become '', arrays [], anything else goes. */
function blanking(doc: StoredDoc, fields: readonly string[]) {
  const $set: Record<string, unknown> = {};
  const $unset: Record<string, ''> = {};
  for (const field of fields) {
    const value = valueAt(doc, field);
    if (typeof value === 'string') $set[field] = '';
    else if (Array.isArray(value)) $set[field] = [];
    else if (value !== undefined) $unset[field] = '';
  }
  return { ...(Object.keys($set).length ? { $set } : {}), ...(Object.keys($unset).length ? { $unset } : {}) };
}

/**
 * Applies PERSONAL_RECORDS to one person, everything but the user record and the WeChat link,
 * which the caller erases last (so an erasure cut short can be asked for again). Every step is
 * safe to run twice.
 */
export async function erasePersonalData(ctx: ActionContext, nickname: string): Promise<void> {
  const userId = ctx.caller.userId;
  const openid = ctx.caller.openid ?? null;
  const at = ctx.clock.now();

  // A pending redemption would be approved after the person is gone: void it, coins and stock back.
  const pending = await ctx.store.find<StoredDoc & { status: RedemptionStatus }>(
    GC_COLLECTIONS.redemptions,
    { userId, status: 'requested' },
    { limit: 1000 },
  );
  for (const { _id } of pending) {
    await ctx.store.runTransaction(async (tx) => {
      const current = await tx.get<StoredDoc & { status: RedemptionStatus }>(GC_COLLECTIONS.redemptions, _id);
      if (current?.status !== 'requested') return;
      await releaseRedemption(tx, {
        redemptionId: _id,
        action: 'cancel',
        actor: ctx.caller,
        reason: '账号已注销',
        at,
        ids: newTransitionIds(ctx.newId),
        authorize: () => undefined,
      });
    });
  }

  // Open service and 乡贤 applications, an uncollected tip reward: before the tips are unlinked below.
  await cancelOpenWork(ctx);

  // 代办 both ways ends; the other side's messages about it stop naming the person.
  const grants = (
    await Promise.all(
      (['principalUserId', 'agentUserId'] as const).map((field) =>
        ctx.store.find<ProxyGrantDoc>(PROXY_COLLECTIONS.grants, { [field]: userId }, { limit: 1000 }),
      ),
    )
  ).flat();
  const now = at.toISOString();
  for (const grant of grants) {
    await ctx.store.runTransaction(async (tx) => {
      const current = await tx.get<ProxyGrantDoc>(PROXY_COLLECTIONS.grants, grant._id);
      if (current?.active) {
        await tx.updateById(PROXY_COLLECTIONS.grants, grant._id, {
          $set: { active: false, revokedAt: now, updatedAt: now },
        });
      }
    });
    const other = grant.principalUserId === userId ? grant.agentUserId : grant.principalUserId;
    await rewriteMessagesNaming(ctx, other, nickname);
  }

  // The person's own request cache (their key space, `<userId>|<key>`) can never be replayed once
  // the account is gone, and its answers may quote what they wrote (an application's note): it goes.
  for (;;) {
    const own = await ctx.store.find<StoredDoc>(
      IDEMPOTENCY_COLLECTION,
      { _id: { $gt: `${userId}|`, $lt: `${userId}|\uffff` } },
      { orderBy: [['_id', 'asc']], limit: PAGE },
    );
    if (own.length === 0) break;
    await ctx.store.runTransaction(async (tx) => {
      for (const doc of own) await tx.removeById(IDEMPOTENCY_COLLECTION, doc._id);
    });
    if (own.length < PAGE) break;
  }

  for (const record of PERSONAL_RECORDS) {
    if (record.erasure === 'keep' || record.collection === 'users' || record.collection === 'identities') continue;
    if (record.collection === PROXY_COLLECTIONS.grants) continue; // done above
    const owner = record.ownerKey === 'openid' ? openid : userId;
    if (!owner) continue;
    for await (const page of owned(ctx, record, owner)) {
      if (record.collection === 'uploads') {
        // The wrapped file store deletes the bytes, the upload row and the usage together.
        for (const doc of page) await ctx.files.remove(doc._id);
        continue;
      }
      await ctx.store.runTransaction(async (tx) => {
        for (const doc of page) {
          if (record.erasure === 'delete') {
            await tx.removeById(record.collection, doc._id);
          } else if (record.erasure === 'blank') {
            const update = blanking(doc, record.fields);
            if (Object.keys(update).length) await tx.updateById(record.collection, doc._id, update);
          } else if (record.erasure === 'unlink') {
            const update = blanking(doc, record.fields);
            await tx.updateById(record.collection, doc._id, {
              ...update,
              $set: { ...update.$set, [record.ownerField]: null },
            });
          } else {
            const $set: Record<string, unknown> = {};
            for (const field of record.fields) {
              const value = valueAt(doc, field);
              // A name field says 已注销用户; a cached answer keeps its shape with the name replaced.
              if (typeof value === 'string') $set[field] = PSEUDONYM;
              else if (value !== undefined) $set[field] = pseudonymiseText(value, nickname);
            }
            if (Object.keys($set).length) await tx.updateById(record.collection, doc._id, { $set });
          }
        }
      });
    }
  }
}

/** Messages in another person's inbox whose text quotes this nickname (代办 notices) say 已注销用户 instead. */
async function rewriteMessagesNaming(ctx: ActionContext, inboxOf: string, nickname: string): Promise<void> {
  if (!nickname || nickname === PSEUDONYM) return;
  const escaped = nickname.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const naming = await ctx.store.find<MessageDoc>(
    MESSAGE_COLLECTIONS.messages,
    { userId: inboxOf, $or: [{ title: { $regex: escaped } }, { body: { $regex: escaped } }] },
    { limit: 1000 },
  );
  if (naming.length === 0) return;
  await ctx.store.runTransaction(async (tx) => {
    for (const message of naming) {
      await tx.updateById(MESSAGE_COLLECTIONS.messages, message._id, {
        $set: { title: pseudonymiseText(message.title, nickname), body: pseudonymiseText(message.body, nickname) },
      });
    }
  });
}
