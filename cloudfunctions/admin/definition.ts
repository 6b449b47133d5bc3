import { defineFunction } from '../_core/runtime/define';
import { auditList } from './actions/auditList';
import { figures } from './actions/figures';
import { gridworkerRank } from './actions/gridworkers';

/** Administration of streets, communities, grids and roles (issue 7), and the audit trail. */
export const admin = defineFunction('admin', { 'audit.list': auditList, figures, 'gridworkers.rank': gridworkerRank });
