import { Text } from '@tarojs/components';
import { useState } from 'react';
import { Page } from '../../../components/Page';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import '../roles/index.scss';
import { Editor } from './Editor';
import { type Editing, editingKey } from './editing';
import { CommunityCard, type EditorSlots, StreetsCard } from './sections';

/** Streets, communities and grids (with address lists): street/city admins edit all, a community's admin its grids. */
export default function PlacesPage() {
  const places = useRemote(() => call('admin', 'places', {}));
  const [editing, setEditing] = useState<Editing | null>(null);
  const done = () => {
    setEditing(null);
    void places.reload();
  };
  const slots: EditorSlots = {
    edit: setEditing,
    slot: (key) => (editing && editingKey(editing) === key ? <Editor editing={editing} onDone={done} /> : null),
  };
  return (
    <Page className="admin-manage">
      <StateView remote={places}>
        {(p) => (
          <>
            {p.city && <StreetsCard streets={p.streets} slots={slots} />}
            {p.communities.map((c) => (
              <CommunityCard key={c.id} community={c} city={p.city} slots={slots} />
            ))}
            <Text className="muted">街道、社区由街道或市级管理员维护；网格由管理员维护，所有修改记入审计。</Text>
          </>
        )}
      </StateView>
    </Page>
  );
}
