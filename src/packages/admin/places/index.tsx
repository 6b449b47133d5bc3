import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { ActionOutput } from '../../../../cloudfunctions/api';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import '../roles/index.scss';
import { Page } from '../../../components/Page';

type Places = ActionOutput<'admin', 'places'>;
type Editing =
  | { what: 'street'; id: string; name: string; isNew: boolean }
  | { what: 'community'; id: string; name: string; streetId: string; kind: 'community' | 'village'; isNew: boolean }
  | { what: 'grid'; id: string; name: string; communityId: string; addresses: string; isNew: boolean };

const ID_HINT = '编号：小写字母、数字和“-”，建立后不能修改';

function Editor({ editing, onDone }: { editing: Editing; onDone: () => void }) {
  const [e, setE] = useState<Editing>(editing);
  const [busy, setBusy] = useState(false);
  const valid = /^[a-z0-9-]+$/.test(e.id) && e.name.trim().length > 0;
  const save = async () => {
    setBusy(true);
    try {
      if (e.what === 'street') await call('admin', 'street.save', { id: e.id, name: e.name.trim() });
      else if (e.what === 'community')
        await call('admin', 'community.save', { id: e.id, name: e.name.trim(), streetId: e.streetId, kind: e.kind });
      else
        await call('admin', 'grid.save', {
          id: e.id,
          name: e.name.trim(),
          communityId: e.communityId,
          addresses: e.addresses
            .split('\n')
            .map((a) => a.trim())
            .filter(Boolean),
        });
      void Taro.showToast({ title: '已保存', icon: 'success' });
      onDone();
    } catch (error) {
      void Taro.showToast({ title: (error as Error).message, icon: 'none', duration: 2500 });
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="grant-form" data-testid="place-editor">
      {e.isNew && (
        <View className="field">
          <Text className="muted">{ID_HINT}</Text>
          <Input
            className="input"
            value={e.id}
            maxLength={64}
            onChange={(id) => setE({ ...e, id })}
            placeholder="编号"
          />
        </View>
      )}
      <Input
        className="input"
        value={e.name}
        maxLength={40}
        onChange={(name) => setE({ ...e, name })}
        placeholder="名称"
      />
      {e.what === 'community' && (
        <View className="chips">
          {(['community', 'village'] as const).map((k) => (
            <View
              key={k}
              className={`chip ${e.kind === k ? 'chip-active' : ''}`}
              onClick={() => setE({ ...e, kind: k })}
            >
              {k === 'community' ? '社区' : '村'}
            </View>
          ))}
        </View>
      )}
      {e.what === 'grid' && (
        <TextArea
          className="input"
          rows={4}
          value={e.addresses}
          placeholder="网格覆盖的地址，每行一个（楼栋、院落）"
          onChange={(addresses) => setE({ ...e, addresses })}
        />
      )}
      <View className="row-actions">
        <Button type="primary" size="small" loading={busy} disabled={!valid} onClick={() => void save()}>
          保存
        </Button>
        <Button size="small" onClick={onDone}>
          取消
        </Button>
      </View>
    </View>
  );
}

/** Streets, communities and grids (with address lists): street/city admins edit all, a community's admin its grids. */
export default function PlacesPage() {
  const places = useRemote(() => call('admin', 'places', {}));
  const [editing, setEditing] = useState<Editing | null>(null);
  const done = () => {
    setEditing(null);
    void places.reload();
  };
  const editor = (key: string) =>
    editing && `${editing.what}:${editing.isNew ? 'new' : editing.id}` === key ? (
      <Editor editing={editing} onDone={done} />
    ) : null;
  return (
    <Page className="admin-manage">
      <StateView remote={places}>
        {(p: Places) => (
          <>
            {p.city && (
              <View className="card" data-testid="streets">
                <Text className="card-title">街道</Text>
                {p.streets.map((s) => (
                  <View key={s.id} className="row">
                    <View className="row-head">
                      <Text className="name">{s.name}</Text>
                      <Button
                        size="small"
                        onClick={() => setEditing({ what: 'street', id: s.id, name: s.name, isNew: false })}
                      >
                        更名
                      </Button>
                    </View>
                    {editor(`street:${s.id}`)}
                    <Button
                      size="small"
                      fill="outline"
                      onClick={() =>
                        setEditing({
                          what: 'community',
                          id: '',
                          name: '',
                          streetId: s.id,
                          kind: 'community',
                          isNew: true,
                        })
                      }
                    >
                      ＋ 新建社区（村）
                    </Button>
                  </View>
                ))}
                {editing?.what === 'community' && editing.isNew && <Editor editing={editing} onDone={done} />}
                <Button size="small" onClick={() => setEditing({ what: 'street', id: '', name: '', isNew: true })}>
                  ＋ 新建街道
                </Button>
                {editor('street:new')}
              </View>
            )}
            {p.communities.map((c) => (
              <View key={c.id} className="card" data-testid={`community-${c.id}`}>
                <View className="row-head">
                  <Text className="card-title">{c.name}</Text>
                  {p.city && (
                    <Button
                      size="small"
                      onClick={() =>
                        setEditing({
                          what: 'community',
                          id: c.id,
                          name: c.name,
                          streetId: c.streetId,
                          kind: c.kind,
                          isNew: false,
                        })
                      }
                    >
                      修改
                    </Button>
                  )}
                </View>
                {editor(`community:${c.id}`)}
                {c.grids.map((g) => (
                  <View key={g.id} className="row">
                    <View className="row-head">
                      <Text className="name">{g.name}</Text>
                      <Button
                        size="small"
                        onClick={() =>
                          setEditing({
                            what: 'grid',
                            id: g.id,
                            name: g.name,
                            communityId: c.id,
                            addresses: g.addresses.join('\n'),
                            isNew: false,
                          })
                        }
                      >
                        编辑
                      </Button>
                    </View>
                    <Text className="muted">
                      {g.addresses.length ? `覆盖：${g.addresses.join('、')}` : '尚未登记地址清单'}
                    </Text>
                    {editor(`grid:${g.id}`)}
                  </View>
                ))}
                <Button
                  size="small"
                  fill="outline"
                  onClick={() =>
                    setEditing({ what: 'grid', id: '', name: '', communityId: c.id, addresses: '', isNew: true })
                  }
                >
                  ＋ 新建网格
                </Button>
                {editing?.what === 'grid' && editing.isNew && editing.communityId === c.id && (
                  <Editor editing={editing} onDone={done} />
                )}
              </View>
            ))}
            <Text className="muted">街道、社区由街道或市级管理员维护；网格由管理员维护，所有修改记入审计。</Text>
          </>
        )}
      </StateView>
    </Page>
  );
}
