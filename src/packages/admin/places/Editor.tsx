import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Field } from '../../../components/Field';
import { GridMap } from '../../../components/GridMap';
import { type Editing, editingValid, type GridEditing, saveEditing } from './editing';
import { outlinePoints, parseOutline } from './outline';

const ID_HINT = '编号：小写字母、数字和“-”，建立后不能修改';

const toast = (title: string, duration: number) => void Taro.showToast({ title, icon: 'none', duration });

/** The outline being edited, drawn over its neighbours, or what is wrong with it. */
function OutlinePreview({ editing }: { editing: GridEditing }) {
  const parsed = parseOutline(editing.outline);
  if ('problem' in parsed)
    return (
      <Text className="muted place-outline-problem" data-testid="place-outline-problem">
        {parsed.problem}
      </Text>
    );
  if (!parsed.outline) return <Text className="muted">尚未划定边界：上报时无法按位置确定这个网格。</Text>;
  return (
    <>
      <Text className="muted" data-testid="place-outline-summary">
        边界 {outlinePoints(parsed.outline)} 个点{editing.neighbours.length > 0 ? '，虚线为本社区其他网格' : ''}
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

/** A grid's two pasted texts: the address list and the outline (previewed as it is typed). */
const GRID_TEXTS = [
  {
    field: 'addresses',
    testId: 'place-addresses',
    label: '地址清单（居民上报时可直接选），每行一个',
    maxLength: 4000,
    placeholder: '网格覆盖的地址，每行一个（楼栋、单元、院落）',
  },
  {
    field: 'outline',
    testId: 'place-outline',
    label: '边界（GeoJSON，GCJ-02 坐标，按「经度, 纬度」）：可从测绘或地图工具导出后粘贴，首尾两点相同',
    maxLength: 20000,
    placeholder: '{"type":"Polygon","coordinates":[[[112.938,28.23],…,[112.938,28.23]]]}',
  },
] as const;

function GridFields({ e, set }: { e: GridEditing; set: (e: GridEditing) => void }) {
  return (
    <>
      {GRID_TEXTS.map((t) => (
        <Field key={t.field} classPrefix="place" label={<Text className="muted">{t.label}</Text>} testId={t.testId}>
          <TextArea
            className="input"
            rows={4}
            maxLength={t.maxLength}
            value={e[t.field]}
            placeholder={t.placeholder}
            onChange={(text) => set({ ...e, [t.field]: text })}
          />
        </Field>
      ))}
      <OutlinePreview editing={e} />
    </>
  );
}

function KindChips({ kind, onKind }: { kind: 'community' | 'village'; onKind: (k: 'community' | 'village') => void }) {
  return (
    <View className="chips">
      {(['community', 'village'] as const).map((k) => (
        <View key={k} className={`chip ${kind === k ? 'chip-active' : ''}`} onClick={() => onKind(k)}>
          {k === 'community' ? '社区' : '村'}
        </View>
      ))}
    </View>
  );
}

/** One street, community or grid being created or edited, in place under its row. */
export function Editor({ editing, onDone }: { editing: Editing; onDone: () => void }) {
  const [e, setE] = useState<Editing>(editing);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      const problem = await saveEditing(e);
      if (problem) return toast(problem, 3000);
      void Taro.showToast({ title: '已保存', icon: 'success' });
      onDone();
    } catch (error) {
      toast((error as Error).message, 2500);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="grant-form" data-testid="place-editor">
      {e.isNew && (
        <Field classPrefix="place" label={<Text className="muted">{ID_HINT}</Text>}>
          <Input
            className="input"
            value={e.id}
            maxLength={64}
            onChange={(id) => setE({ ...e, id })}
            placeholder="编号"
          />
        </Field>
      )}
      <Input
        className="input"
        value={e.name}
        maxLength={40}
        onChange={(name) => setE({ ...e, name })}
        placeholder="名称"
      />
      {e.what === 'community' && <KindChips kind={e.kind} onKind={(kind) => setE({ ...e, kind })} />}
      {e.what === 'grid' && <GridFields e={e} set={setE} />}
      <View className="row-actions">
        <Button type="primary" size="small" loading={busy} disabled={!editingValid(e)} onClick={() => void save()}>
          保存
        </Button>
        <Button size="small" onClick={onDone}>
          取消
        </Button>
      </View>
    </View>
  );
}
