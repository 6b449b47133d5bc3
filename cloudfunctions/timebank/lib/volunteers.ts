import { z } from 'zod';

export const ZSkill = z.string().trim().min(1).max(20);
