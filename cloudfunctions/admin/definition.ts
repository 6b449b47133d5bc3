import { defineFunction } from '../_core/runtime/define';
import { auditList } from './actions/auditList';
import { exportCsv } from './actions/exportCsv';
import { figures } from './actions/figures';
import { figuresFold } from './actions/figuresFold';
import { figuresRebuild } from './actions/figuresRebuild';
import { gridworkerRank } from './actions/gridworkers';
import { communitySave, gridSave, roleGrant, roleRevoke, streetSave } from './actions/manage';
import { assignments, people } from './actions/people';
import { places } from './actions/places';
import { workbench } from './actions/workbench';

/** Administration of streets, communities, grids and roles (issue 7), and the audit trail. */
export const admin = defineFunction('admin', {
  'audit.list': auditList,
  figures,
  'figures.fold': figuresFold,
  'figures.rebuild': figuresRebuild,
  'gridworkers.rank': gridworkerRank,
  places,
  'street.save': streetSave,
  'community.save': communitySave,
  'grid.save': gridSave,
  'role.grant': roleGrant,
  'role.revoke': roleRevoke,
  export: exportCsv,
  people,
  assignments,
  workbench,
});
