import Taro from '@tarojs/taro';
import { ROLE_LABELS, type Role } from '../../../../cloudfunctions/_core/domain/roles';
import type { ActionOutput } from '../../../../cloudfunctions/api';

// The role names are the domain's one table (a pure constant compiled in), not a second copy here.
export { ROLE_LABELS, type Role };

export type Kind = 'fulltime' | 'parttime' | 'mobile';
export type Community = ActionOutput<'admin', 'places'>['communities'][number];
export type Grant = { role: Role; communityId?: string; gridId?: string };

// 乡贤 are appointed by the street's selection decision and tip officers per scheme by the tips desk, never here.
export const GRANTABLE: Role[] = ['gridworker', 'staff', 'volunteer', 'admin'];
export const KINDS: Array<[Kind, string]> = [
  ['fulltime', '专职网格员'],
  ['parttime', '兼职网格员'],
  ['mobile', '流动网格员'],
];
export const kindLabel = (k: string) => KINDS.find(([key]) => key === k)?.[1] ?? k;

export const fail = (error: unknown) =>
  void Taro.showToast({ title: (error as Error).message, icon: 'none', duration: 2500 });
