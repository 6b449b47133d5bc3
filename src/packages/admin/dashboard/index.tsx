import { useMemo, useState } from 'react';
import { Chips } from '../../../components/Chips';
import { Page } from '../../../components/Page';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import { periods } from '../shared/period';
import { Figures } from './Figures';
import { targetsOf } from './targets';
import './index.scss';

/** Staff and admins read their figures at a glance, for a period they pick. */
export default function Dashboard() {
  const places = useRemote(() => call('admin', 'places', {}));
  const presets = useMemo(() => periods(new Date()), []);
  const [periodKey, setPeriodKey] = useState('year');
  const [targetKey, setTargetKey] = useState<string | null>(null);
  const period = presets.find((p) => p.key === periodKey) ?? presets[0];
  return (
    <Page className="admin-dashboard">
      <StateView remote={places} isEmpty={(p) => targetsOf(p).length === 0} emptyText="暂无可查看的社区">
        {(p) => {
          const targets = targetsOf(p).map((t) => ({ ...t, key: `${t.scope}:${t.id}` }));
          // The widest place first: the city administrator opens on the city, a street's on the street.
          const target = targets.find((t) => t.key === targetKey) ?? (targets[0] as (typeof targets)[number]);
          return (
            <>
              <Chips items={targets} active={target.key} onPick={(t) => setTargetKey(t.key)} testid="scope-picker" />
              <Chips
                items={presets}
                active={period?.key ?? ''}
                onPick={(x) => setPeriodKey(x.key)}
                testid="period-picker"
              />
              {period && <Figures target={target} from={period.from} to={period.to} />}
            </>
          );
        }}
      </StateView>
    </Page>
  );
}
