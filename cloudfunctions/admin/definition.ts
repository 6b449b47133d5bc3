import { defineFunction } from '../_core/runtime/define';
import { assignments } from './actions/assignments';
import { auditList } from './actions/auditList';
import { communitySave } from './actions/communitySave';
import { exportCsv } from './actions/exportCsv';
import { figures } from './actions/figures';
import { figuresFold } from './actions/figuresFold';
import { figuresRebuild } from './actions/figuresRebuild';
import { gridSave } from './actions/gridSave';
import { gridworkerRank } from './actions/gridworkers';
import { people } from './actions/people';
import { places } from './actions/places';
import { roleGrant } from './actions/roleGrant';
import { roleRevoke } from './actions/roleRevoke';
import { streetSave } from './actions/streetSave';
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
