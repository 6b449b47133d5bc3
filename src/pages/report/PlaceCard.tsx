import { Button, Input } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import type { ActionOutput } from '../../../cloudfunctions/api';
import { Chips } from '../../components/Chips';
import { GridMap } from '../../components/GridMap';
import type { PlaceState } from './usePlace';
import type { ReportDraftState } from './useReportDraft';

type GridPlaces = ActionOutput<'reports', 'places'>['items'];

/**
 * 地点: the address typed or picked, the point on the grid map, the grid (when the community has
 * several) and the chosen grid's buildings to tap instead of typing.
 */
export function PlaceCard(props: {
  draft: ReportDraftState;
  place: PlaceState;
  places: GridPlaces;
  myGrids: { id: string; name: string }[];
  chosenGrid: string | undefined;
}) {
  const { draft, place, chosenGrid } = props;
  const { latitude, longitude } = draft.place;
  const addresses = props.places.find((g) => g.id === chosenGrid)?.addresses ?? [];
  return (
    <View className="card" data-testid="report-place">
      <View className="card-title">地点</View>
      <View className="place-row">
        <View className="place-input" data-testid="report-address">
          <Input
            value={draft.place.address}
            onChange={(v) => draft.setPlace((p) => ({ ...p, address: v }))}
            maxLength={100}
            placeholder="如：3 号楼东门垃圾站"
          />
        </View>
        <View data-testid="report-locate">
          <Button size="small" loading={place.locating} onClick={() => void place.locate()}>
            {process.env.TARO_ENV === 'weapp' ? '地图选点' : '定位'}
          </Button>
        </View>
      </View>
      {place.note ? (
        <Text className="muted" data-testid="report-place-note">
          {place.note}
        </Text>
      ) : (
        latitude !== undefined && <Text className="muted">已附带位置坐标</Text>
      )}
      <GridMap
        shapes={props.places.map((g) => ({ ...g, active: g.id === chosenGrid }))}
        pin={latitude !== undefined && longitude !== undefined ? { latitude, longitude } : null}
        testId="report-map"
      />
      {props.myGrids.length > 1 && (
        <>
          <View className="muted report-section">所属网格</View>
          <Chips
            items={props.myGrids.map((g) => ({ key: g.id, label: g.name }))}
            active={chosenGrid}
            onPick={(g) => place.pickGrid(g.key)}
            itemTestId={(g) => `report-grid-${g.key}`}
          />
        </>
      )}
      {addresses.length > 0 && (
        <>
          <View className="muted report-section">选择楼栋、单元或地点</View>
          <Chips
            items={addresses.map((a) => ({ key: a, label: a }))}
            active={draft.place.address}
            onPick={(a) => draft.setPlace((p) => ({ ...p, address: a.key }))}
            testid="report-addresses"
          />
        </>
      )}
    </View>
  );
}
