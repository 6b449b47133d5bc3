import type { CategoryDoc } from './types';

/**
 * The published category list with its SLA: hours to respond (a grid worker accepts) and to
 * resolve, counted from submission. Communities add their own on top (stored, with communityId).
 */
export const DEFAULT_CATEGORIES: ReadonlyArray<Omit<CategoryDoc, 'createdAt'>> = [
  { _id: 'environment', communityId: null, name: '环境卫生', responseHours: 4, resolveHours: 48 },
  { _id: 'road', communityId: null, name: '道路设施', responseHours: 8, resolveHours: 72 },
  { _id: 'security', communityId: null, name: '治安隐患', responseHours: 2, resolveHours: 24 },
  { _id: 'fire', communityId: null, name: '消防安全', responseHours: 1, resolveHours: 24 },
  { _id: 'neighbour', communityId: null, name: '邻里纠纷', responseHours: 8, resolveHours: 72 },
  { _id: 'public_service', communityId: null, name: '公共服务', responseHours: 8, resolveHours: 120 },
  { _id: 'other', communityId: null, name: '其他', responseHours: 24, resolveHours: 168 },
];

export const findDefaultCategory = (id: string) => DEFAULT_CATEGORIES.find((c) => c._id === id);
