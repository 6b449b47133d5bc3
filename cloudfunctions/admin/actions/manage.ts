import { z } from 'zod';
import { AUDIT_COLLECTION, auditEntry } from '../../_core/domain/audit';
import { asGeoPolygon, type GeoPolygon, polygonProblem } from '../../_core/domain/geo';
import {
  COLLECTIONS,
  type CommunityDoc,
  type GridDoc,
  MAX_GRIDS_PER_COMMUNITY,
  MAX_STREETS,
  type StreetDoc,
  type UserDoc,
} from '../../_core/domain/people';
import { holdsIn, ROLES, type RoleGrant } from '../../_core/domain/roles';
import type { ActionContext } from '../../_core/runtime/define';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import type { TxStore } from '../../_core/store/docstore';
import { isGlobalAdmin } from '../lib/scope';

const ZId = z.string().min(1).max(64);
const ZName = z.string().trim().min(1).max(40);

/** Grid-worker assignments: 专职 (full-time), 兼职 (part-time), 流动网格员 (mobile, e.g. couriers). */
export const ASSIGNMENT_KINDS = ['fulltime', 'parttime', 'mobile'] as const;
export const ASSIGNMENTS_COLLECTION = 'gridworker_assignments';

/** `<userId>|<gridId>`: one assignment per person and grid. */
export interface AssignmentDoc {
  _id: string;
  userId: string;
  communityId: string;
  gridId: string;
  kind: (typeof ASSIGNMENT_KINDS)[number];
  assignedBy: string;
  assignedAt: string;
}

function requireGlobalAdmin(ctx: ActionContext) {
  if (!isGlobalAdmin(ctx)) throw new AppError('FORBIDDEN', '只有街道或市级管理员可以管理街道、社区和网格');
}

async function audit(
  tx: TxStore,
  ctx: ActionContext,
  id: string,
  at: string,
  action: string,
  communityId: string | null,
  target: { collection: string; id: string },
  details: Record<string, string | number | boolean | null>,
) {
  await tx.insert(
    AUDIT_COLLECTION,
    auditEntry({ id, at, actorUserId: ctx.caller.userId, action, communityId, target, details }),
  );
}

export const ZStreetSaveInputSchema = z.strictObject({ id: ZId.regex(/^[a-z0-9-]+$/), name: ZName });

/** Creates a street or renames it (street/city admins). */
export const streetSave = defineAction({
  summary: '新建或更名街道',
  input: ZStreetSaveInputSchema,
  roles: ['admin'],
  access: { scope: ['admin'], touches: ['places'], writes: true },
  handler: async (input, ctx) => {
    requireGlobalAdmin(ctx);
    const isNew = !(await ctx.store.get<StreetDoc>(COLLECTIONS.streets, input.id));
    if (isNew && (await ctx.store.count(COLLECTIONS.streets, {})) >= MAX_STREETS) {
      throw new AppError('CONFLICT', `最多 ${MAX_STREETS} 个街道`);
    }
    const [auditId] = [ctx.newId()];
    const at = ctx.clock.now().toISOString();
    return ctx.store.runTransaction(async (tx) => {
      const existing = await tx.get<StreetDoc>(COLLECTIONS.streets, input.id);
      if (existing) await tx.updateById(COLLECTIONS.streets, input.id, { $set: { name: input.name } });
      else await tx.insert<StreetDoc>(COLLECTIONS.streets, { _id: input.id, name: input.name });
      await audit(
        tx,
        ctx,
        auditId as string,
        at,
        existing ? 'admin.street.rename' : 'admin.street.create',
        null,
        {
          collection: COLLECTIONS.streets,
          id: input.id,
        },
        { from: existing?.name ?? null, to: input.name },
      );
      return { id: input.id, name: input.name, created: !existing };
    });
  },
});

export const ZCommunitySaveInputSchema = z.strictObject({
  id: ZId.regex(/^[a-z0-9-]+$/),
  streetId: ZId,
  name: ZName,
  kind: z.enum(['community', 'village']),
});

/** Creates a community (or village) in a street, or renames / moves it (street/city admins). */
export const communitySave = defineAction({
  summary: '新建或修改社区（村）',
  input: ZCommunitySaveInputSchema,
  roles: ['admin'],
  access: { scope: ['admin'], touches: ['places'], writes: true },
  handler: async (input, ctx) => {
    requireGlobalAdmin(ctx);
    const auditId = ctx.newId();
    const at = ctx.clock.now().toISOString();
    return ctx.store.runTransaction(async (tx) => {
      if (!(await tx.get<StreetDoc>(COLLECTIONS.streets, input.streetId)))
        throw new AppError('NOT_FOUND', '街道不存在');
      const existing = await tx.get<CommunityDoc>(COLLECTIONS.communities, input.id);
      const fields = { streetId: input.streetId, name: input.name, kind: input.kind };
      if (existing) await tx.updateById(COLLECTIONS.communities, input.id, { $set: fields });
      else await tx.insert<CommunityDoc>(COLLECTIONS.communities, { _id: input.id, ...fields });
      await audit(
        tx,
        ctx,
        auditId,
        at,
        existing ? 'admin.community.update' : 'admin.community.create',
        input.id,
        { collection: COLLECTIONS.communities, id: input.id },
        { name: input.name, streetId: input.streetId, previousName: existing?.name ?? null },
      );
      return { id: input.id, ...fields, created: !existing };
    });
  },
});

export const ZGridSaveInputSchema = z.strictObject({
  id: ZId.regex(/^[a-z0-9-]+$/),
  communityId: ZId,
  name: ZName,
  /** The addresses (buildings, courtyards) the grid covers. */
  addresses: z.array(z.string().trim().min(1).max(100)).max(200).default([]),
  /**
   * The outline (GeoJSON Polygon, GCJ-02 `[longitude, latitude]`): absent keeps the current one,
   * null removes it. Shape is checked here; closure, vertex count and China's range by
   * polygonProblem, which says in words what to fix.
   */
  boundary: z
    .strictObject({
      type: z.literal('Polygon'),
      coordinates: z
        .array(z.array(z.tuple([z.number().finite(), z.number().finite()])).max(1000))
        .min(1)
        .max(20),
    })
    .nullable()
    .optional(),
});

/** Creates a grid with its address list, or renames it and replaces the list (street/city admins). */
export const gridSave = defineAction({
  summary: '新建或修改网格（名称、地址清单、边界）',
  input: ZGridSaveInputSchema,
  roles: ['admin'],
  access: { scope: ['admin'], touches: ['places'], writes: true },
  handler: async (input, ctx) => {
    if (!holdsIn(ctx.caller, 'admin', input.communityId)) throw new AppError('FORBIDDEN', '只有管理员可以管理网格');
    const problem = input.boundary ? polygonProblem(input.boundary) : null;
    if (problem) throw new AppError('INVALID_INPUT', problem);
    // Rounded to ~0.1 m: a pasted outline's 15 decimals only make the document bigger.
    const boundary =
      input.boundary &&
      ({
        type: 'Polygon',
        coordinates: input.boundary.coordinates.map((ring) =>
          ring.map(([lng, lat]) => [Math.round(lng * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6] as [number, number]),
        ),
      } satisfies GeoPolygon);
    const outline = boundary === undefined ? {} : { boundary };
    // The cap keeps every per-community grid list one bounded read. Counted before the transaction
    // (which can only read by id): two admins racing for the last place could pass it together.
    const isNew = !(await ctx.store.get<GridDoc>(COLLECTIONS.grids, input.id));
    if (
      isNew &&
      (await ctx.store.count(COLLECTIONS.grids, { communityId: input.communityId })) >= MAX_GRIDS_PER_COMMUNITY
    ) {
      throw new AppError('CONFLICT', `每个社区最多 ${MAX_GRIDS_PER_COMMUNITY} 个网格，请先合并或调整现有网格`);
    }
    const auditId = ctx.newId();
    const at = ctx.clock.now().toISOString();
    return ctx.store.runTransaction(async (tx) => {
      if (!(await tx.get<CommunityDoc>(COLLECTIONS.communities, input.communityId))) {
        throw new AppError('NOT_FOUND', '社区不存在');
      }
      const existing = await tx.get<GridDoc>(COLLECTIONS.grids, input.id);
      if (existing && existing.communityId !== input.communityId) {
        throw new AppError('CONFLICT', '网格编号已被其他社区使用');
      }
      if (existing) {
        await tx.updateById(COLLECTIONS.grids, input.id, {
          $set: { name: input.name, addresses: input.addresses, ...outline },
        });
      } else {
        await tx.insert(COLLECTIONS.grids, {
          _id: input.id,
          communityId: input.communityId,
          name: input.name,
          addresses: input.addresses,
          ...(boundary ? { boundary } : {}),
        });
      }
      await audit(
        tx,
        ctx,
        auditId,
        at,
        existing ? 'admin.grid.update' : 'admin.grid.create',
        input.communityId,
        { collection: COLLECTIONS.grids, id: input.id },
        {
          name: input.name,
          addresses: input.addresses.length,
          previousName: existing?.name ?? null,
          // What happened to the outline: its vertex count, removed, or untouched.
          boundary:
            boundary === undefined ? 'kept' : boundary === null ? 'removed' : (boundary.coordinates[0]?.length ?? 0),
        },
      );
      const saved = boundary === undefined ? asGeoPolygon(existing?.boundary) : boundary;
      return {
        id: input.id,
        communityId: input.communityId,
        name: input.name,
        addresses: input.addresses,
        boundary: saved,
      };
    });
  },
});

const ZGrantShape = {
  userId: ZId,
  role: z.enum(ROLES),
  /** Absent only for a street/city admin grant. */
  communityId: ZId.optional(),
  gridId: ZId.optional(),
};

export const ZRoleGrantInputSchema = z.strictObject({
  ...ZGrantShape,
  /** For grid workers: 专职 / 兼职 / 流动. */
  kind: z.enum(ASSIGNMENT_KINDS).optional(),
});
export const ZRoleRevokeInputSchema = z.strictObject(ZGrantShape);

const sameGrant = (a: RoleGrant, b: RoleGrant) =>
  a.role === b.role && a.communityId === b.communityId && a.gridId === b.gridId;

/**
 * Who may change a grant: street/city admins any; a community's admin any within it; a
 * community's staff only grid workers of their own community.
 */
function assertMayChange(ctx: ActionContext, grant: RoleGrant) {
  if (isGlobalAdmin(ctx)) return;
  if (grant.communityId === undefined) throw new AppError('FORBIDDEN', '只有市级管理员可以授予全域管理员');
  if (holdsIn(ctx.caller, 'admin', grant.communityId)) return;
  if (grant.role === 'gridworker' && holdsIn(ctx.caller, 'staff', grant.communityId)) return;
  throw new AppError('FORBIDDEN', '社区工作者只能管理本社区的网格员');
}

function grantOf(input: { role: RoleGrant['role']; communityId?: string; gridId?: string }): RoleGrant {
  // These two follow a recorded procedure of their own, so an ad-hoc grant cannot bypass it.
  if (input.role === 'sage')
    throw new AppError('FORBIDDEN', '乡贤监督员须经资格审查和街道决定任命，请在乡贤选任中办理');
  if (input.role === 'tip_officer') throw new AppError('FORBIDDEN', '举报受理员须按奖励类别指定，请在举报受理中办理');
  if (input.role !== 'admin' && !input.communityId) throw new AppError('INVALID_INPUT', '请指定社区');
  if (input.role === 'gridworker' && !input.gridId) throw new AppError('INVALID_INPUT', '网格员须指定网格');
  if (input.role !== 'gridworker' && input.gridId) throw new AppError('INVALID_INPUT', '只有网格员可以指定网格');
  const grant: RoleGrant = { role: input.role };
  if (input.communityId) grant.communityId = input.communityId;
  if (input.gridId) grant.gridId = input.gridId;
  return grant;
}

/** Grants a role (staff, grid worker with its kind, sage, volunteer, admin); audited. */
export const roleGrant = defineAction({
  summary: '授予角色（社区工作者、网格员及其类型、乡贤、管理员）',
  input: ZRoleGrantInputSchema,
  roles: ['staff', 'admin'],
  access: { scope: ['staff', 'admin'], touches: ['people'], writes: true },
  handler: async (input, ctx) => {
    const grant = grantOf(input);
    assertMayChange(ctx, grant);
    if (grant.role === 'gridworker' && !input.kind) throw new AppError('INVALID_INPUT', '请选择网格员类型');
    const auditId = ctx.newId();
    const at = ctx.clock.now().toISOString();
    return ctx.store.runTransaction(async (tx) => {
      const user = await tx.get<UserDoc>(COLLECTIONS.users, input.userId);
      if (!user) throw new AppError('NOT_FOUND', '用户不存在');
      if (grant.gridId) {
        const grid = await tx.get<GridDoc>(COLLECTIONS.grids, grant.gridId);
        if (!grid || grid.communityId !== grant.communityId) throw new AppError('NOT_FOUND', '网格不存在');
        const assignment: AssignmentDoc = {
          _id: `${user._id}|${grid._id}`,
          userId: user._id,
          communityId: grid.communityId,
          gridId: grid._id,
          kind: input.kind ?? 'fulltime',
          assignedBy: ctx.caller.userId,
          assignedAt: at,
        };
        const had = await tx.get<AssignmentDoc>(ASSIGNMENTS_COLLECTION, assignment._id);
        if (had) {
          const { _id, ...rest } = assignment;
          await tx.updateById(ASSIGNMENTS_COLLECTION, _id, { $set: rest });
        } else await tx.insert(ASSIGNMENTS_COLLECTION, assignment);
        // A full-time worker is the one the grid's reports are routed to.
        if (assignment.kind === 'fulltime') {
          await tx.updateById(COLLECTIONS.grids, grid._id, { $set: { workerUserId: user._id } });
        }
      }
      const already = user.grants.some((g) => sameGrant(g, grant));
      if (!already) {
        await tx.updateById(COLLECTIONS.users, user._id, { $set: { grants: [...user.grants, grant], updatedAt: at } });
      }
      await audit(
        tx,
        ctx,
        auditId,
        at,
        'admin.role.grant',
        grant.communityId ?? null,
        {
          collection: COLLECTIONS.users,
          id: user._id,
        },
        { role: grant.role, gridId: grant.gridId ?? null, kind: input.kind ?? null, already },
      );
      return { userId: user._id, grants: already ? user.grants : [...user.grants, grant] };
    });
  },
});

/** Revokes a role; a grid's routing to that worker is cleared with it. Audited. */
export const roleRevoke = defineAction({
  summary: '撤销角色',
  input: ZRoleRevokeInputSchema,
  roles: ['staff', 'admin'],
  access: { scope: ['staff', 'admin'], touches: ['people'], writes: true },
  handler: async (input, ctx) => {
    const grant = grantOf(input);
    assertMayChange(ctx, grant);
    const auditId = ctx.newId();
    const at = ctx.clock.now().toISOString();
    return ctx.store.runTransaction(async (tx) => {
      const user = await tx.get<UserDoc>(COLLECTIONS.users, input.userId);
      if (!user) throw new AppError('NOT_FOUND', '用户不存在');
      if (!user.grants.some((g) => sameGrant(g, grant))) throw new AppError('NOT_FOUND', '该用户没有这个角色');
      const grants = user.grants.filter((g) => !sameGrant(g, grant));
      await tx.updateById(COLLECTIONS.users, user._id, { $set: { grants, updatedAt: at } });
      if (grant.gridId) {
        await tx.removeById(ASSIGNMENTS_COLLECTION, `${user._id}|${grant.gridId}`);
        const grid = await tx.get<GridDoc>(COLLECTIONS.grids, grant.gridId);
        if (grid?.workerUserId === user._id) {
          await tx.updateById(COLLECTIONS.grids, grid._id, { $unset: { workerUserId: '' } });
        }
      }
      await audit(
        tx,
        ctx,
        auditId,
        at,
        'admin.role.revoke',
        grant.communityId ?? null,
        {
          collection: COLLECTIONS.users,
          id: user._id,
        },
        { role: grant.role, gridId: grant.gridId ?? null },
      );
      return { userId: user._id, grants };
    });
  },
});
