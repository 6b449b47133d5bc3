import { z } from 'zod';
import { STATUS_GROUPS } from '../../_core/domain/reports/types';

export const ZGroup = z.enum(
  Object.keys(STATUS_GROUPS) as [keyof typeof STATUS_GROUPS, ...Array<keyof typeof STATUS_GROUPS>],
);

export const ZPage = {
  skip: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(50).default(20),
};
