import { z } from 'zod';
import type { Access } from '../domain/policy';
import type { FunctionDef } from './define';

export interface CatalogueAction {
  action: string;
  summary: string;
  roles: readonly string[] | 'authenticated';
  access: Access;
  inputSchema: unknown;
}

export interface CatalogueFunction {
  name: string;
  actions: CatalogueAction[];
}

/** Every function, its actions, who may call them and the JSON Schema of each input. */
export function buildCatalogue(functions: readonly FunctionDef[]): CatalogueFunction[] {
  return functions.map((fn) => ({
    name: fn.name,
    actions: Object.entries(fn.actions).map(([action, def]) => ({
      action,
      summary: def.summary,
      roles: def.roles,
      access: def.access,
      inputSchema: z.toJSONSchema(def.input, { unrepresentable: 'any', io: 'input' }),
    })),
  }));
}
