import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { polygonProblem } from '../../../../cloudfunctions/_core/domain/geo';
import type { ActionOutput } from '../../../../cloudfunctions/api';
import { GridMap, type MapShape } from '../../../components/GridMap';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import '../roles/index.scss';
import { Page } from '../../../components/Page';

type Places = ActionOutput<'admin', 'places'>;
type Outline = NonNullable<Places['communities'][number]['grids'][number]['boundary']>;
type Editing =
  | { what: 'street'; id: string; name: string; isNew: boolean }
  | { what: 'community'; id: string; name: string; streetId: string; kind: 'community' | 'village'; isNew: boolean }
  | {
      what: 'grid';
      id: string;
      name: string;
      communityId: string;
      addresses: string;
      /** The outline as the admin pastes it (GeoJSON text); '' = no outline. */
      outline: string;
      /** The community's other grids, drawn dashed behind the one being edited. */
      neighbours: MapShape[];
      hadOutline: boolean;
      isNew: boolean;
    };

const ID_HINT = '编号：小写字母、数字和“-”，建立后不能修改';

/**
 * What an admin may paste: a GeoJSON Polygon, a Feature (or the first of a FeatureCollection)
 * holding one, or just the ring as `[[经度, 纬度], …]` (from a GIS export or a map tool).
 * Returns the polygon, or the reason it is not one (the server checks again and has the last word).
 */
export function parseOutline(text: string): { outline: Outline | null } | { problem: string } {
  if (text.trim() === '') return { outline: null };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: '边界不是有效的 GeoJSON：请粘贴 Polygon，或 [[经度, 纬度], …] 的点列表' };
  }
  const v = value as { type?: string; geometry?: unknown; features?: Array<{ geometry?: unknown }> };
  const geometry =
    v?.type === 'FeatureCollection' ? v.features?.[0]?.geometry : v?.type === 'Feature' ? v.geometry : value;
  const polygon: unknown = Array.isArray(geometry)
    ? { type: 'Polygon', coordinates: Array.isArray(geometry[0]?.[0]) ? geometry : [geometry] }
    : geometry;
  const p = polygon as Partial<Outline> | null;
  if (p?.type !== 'Polygon' || !Array.isArray(p.coordinates)) return { problem: '边界要是一个多边形（Polygon）' };
  const numeric = p.coordinates.every(
    (ring) =>
      Array.isArray(ring) &&
      ring.every((pt) => Array.isArray(pt) && pt.length === 2 && pt.every((n) => typeof n === 'number')),
  );
  if (!numeric) return { problem: '边界的每个点要写成 [经度, 纬度] 两个数字' };
  const outline = { type: 'Polygon', coordinates: p.coordinates } as Outline;
  const problem = polygonProblem(outline);
  return problem ? { problem } : { outline };
}

/** The outline being edited, drawn over its neighbours, or what is wrong with it. */
function OutlinePreview({ editing }: { editing: Extract<Editing, { what: 'grid' }> }) {
  const parsed = parseOutline(editing.outline);
  if ('problem' in parsed)
    return (
      <Text className="muted place-outline-problem" data-testid="place-outline-problem">
        {parsed.problem}
      </Text>
    );
  if (!parsed.outline) return <Text className="muted">尚未划定边界：上报时无法按位置确定这个网格。</Text>;
  const points = (parsed.outline.coordinates[0]?.length ?? 1) - 1;
  return (
    <>
      <Text className="muted" data-testid="place-outline-summary">
        边界 {points} 个点{editing.neighbours.length > 0 ? '，虚线为本社区其他网格' : ''}
      </Text>
      <GridMap
        shapes={[
          ...editing.neighbours,
          { id: editing.id || 'new', name: editing.name || '新网格', boundary: parsed.outline, active: true },
        ]}
        testId="place-outline-map"
      />
    </>
  );
}

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
      else {
        const parsed = parseOutline(e.outline);
        if ('problem' in parsed) {
          void Taro.showToast({ title: parsed.problem, icon: 'none', duration: 3000 });
          return;
        }
        await call('admin', 'grid.save', {
          id: e.id,
          name: e.name.trim(),
          communityId: e.communityId,
          addresses: [
            ...new Set(
              e.addresses
                .split('\n')
                .map((a) => a.trim())
                .filter(Boolean),
            ),
          ],
          // Emptied: the outline is removed; never drawn: nothing is sent.
          ...(parsed.outline ? { boundary: parsed.outline } : e.hadOutline ? { boundary: null } : {}),
        });
      }
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
        <>
          <Text className="muted">地址清单（居民上报时可直接选），每行一个</Text>
          <View data-testid="place-addresses">
            <TextArea
              className="input"
              rows={4}
              maxLength={4000}
              value={e.addresses}
              placeholder="网格覆盖的地址，每行一个（楼栋、单元、院落）"
              onChange={(addresses) => setE({ ...e, addresses })}
            />
          </View>
          <Text className="muted">
            边界（GeoJSON，GCJ-02 坐标，按「经度, 纬度」）：可从测绘或地图工具导出后粘贴，首尾两点相同
          </Text>
          <View data-testid="place-outline">
            <TextArea
              className="input"
              rows={4}
              maxLength={20000}
              value={e.outline}
              placeholder='{"type":"Polygon","coordinates":[[[112.938,28.23],…,[112.938,28.23]]]}'
              onChange={(outline) => setE({ ...e, outline })}
            />
          </View>
          <OutlinePreview editing={e} />
        </>
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

const neighbours = (grids: Places['communities'][number]['grids'], except: string): MapShape[] =>
  grids.filter((g) => g.id !== except).map((g) => ({ id: g.id, name: g.name, boundary: g.boundary }));

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
                            outline: g.boundary ? JSON.stringify(g.boundary) : '',
                            neighbours: neighbours(c.grids, g.id),
                            hadOutline: g.boundary !== null,
                            isNew: false,
                          })
                        }
                      >
                        编辑
                      </Button>
                    </View>
                    <Text className="muted">
                      {g.addresses.length ? `覆盖：${g.addresses.join('、')}` : '尚未登记地址清单'}
                      {g.boundary ? ` · 边界 ${(g.boundary.coordinates[0]?.length ?? 1) - 1} 个点` : ' · 尚未划定边界'}
                    </Text>
                    {editor(`grid:${g.id}`)}
                  </View>
                ))}
                <Button
                  size="small"
                  fill="outline"
                  onClick={() =>
                    setEditing({
                      what: 'grid',
                      id: '',
                      name: '',
                      communityId: c.id,
                      addresses: '',
                      outline: '',
                      neighbours: neighbours(c.grids, ''),
                      hadOutline: false,
                      isNew: true,
                    })
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
