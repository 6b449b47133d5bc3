import type { GoodsDoc } from '../../_core/domain/greencoin';

export { STAFF, ZId } from '../../_core/redemption/schemas';

export interface GoodsView {
  id: string;
  communityId: string;
  name: string;
  description: string;
  price: number;
  /** Units a resident can still ask for (stock not held by pending requests). */
  available: number;
  stock: number;
  reserved: number;
  limitPerPerson: number;
  limitPeriod: GoodsDoc['limitPeriod'];
  pictures: string[];
  pictureUrls: string[];
  active: boolean;
}
