import type { ActionName, ActionOutput } from '../../../../cloudfunctions/api';

/** What a time-bank action answers, for the parts that render one piece of it. */
export type Tb<A extends ActionName<'timebank'>> = ActionOutput<'timebank', A>;
/** One row of a paged time-bank list. */
export type TbItem<A extends ActionName<'timebank'>> = Tb<A> extends { items: Array<infer T> } ? T : never;
