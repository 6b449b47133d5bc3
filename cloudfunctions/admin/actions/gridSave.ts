import { z } from 'zod';
import { asGeoPolygon, type GeoPolygon, polygonProblem } from '../../_core/domain/geo';
import { COLLECTIONS, type CommunityDoc, type GridDoc, MAX_GRIDS_PER_COMMUNITY } from '../../_core/domain/people';
import { holdsIn } from '../../_core/domain/roles';
import { defineAction } from '../../_core/runtime/define';
import { AppError } from '../../_core/runtime/errors';
import { audit, ZId, ZName } from '../lib/manage';

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
