import { Text, View, Map as WxMap } from '@tarojs/components';
import { createElement } from 'react';
import type { ActionOutput } from '../../cloudfunctions/api';
import { useCare } from '../hooks/useCare';
import './GridMap.scss';

type Boundary = NonNullable<ActionOutput<'reports', 'places'>['items'][number]['boundary']>;

export interface MapShape {
  id: string;
  name: string;
  boundary: Boundary | null;
  /** The grid the report is in: drawn filled, the others as outlines. */
  active?: boolean;
}

interface GridMapProps {
  shapes: MapShape[];
  pin?: { latitude: number; longitude: number } | null;
  testId?: string;
}

type Drawn = MapShape & { boundary: Boundary };

const WIDTH = 320;
const HEIGHT = 180;
const PAD = 16;

/**
 * A small map of the grid outline with the place's pin. In weapp WeChat's own <Map> (its tiles are
 * part of the platform); in h5 an SVG drawn from the polygons alone, so it works on an intranet
 * or offline, without anyone's map tiles.
 */
export function GridMap({ shapes, pin, testId = 'grid-map' }: GridMapProps) {
  const care = useCare();
  const drawn = shapes.filter((s): s is MapShape & { boundary: Boundary } => s.boundary !== null);
  if (drawn.length === 0) return null;
  const active = drawn.find((s) => s.active) ?? drawn[0];
  if (process.env.TARO_ENV === 'weapp') {
    return <NativeGridMap drawn={drawn} active={active} pin={pin} care={care} testId={testId} />;
  }
  // Equirectangular projection around the drawn area: metres-true at a few hundred metres' scale.
  const points = drawn.flatMap((s) => s.boundary.coordinates[0] ?? []);
  if (pin) points.push([pin.longitude, pin.latitude]);
  const lngs = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  const [minLng, maxLng, minLat, maxLat] = [Math.min(...lngs), Math.max(...lngs), Math.min(...lats), Math.max(...lats)];
  const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLng - minLng) * kx, 1e-6);
  const spanY = Math.max(maxLat - minLat, 1e-6);
  const scale = Math.min((WIDTH - 2 * PAD) / spanX, (HEIGHT - 2 * PAD) / spanY);
  const offX = (WIDTH - spanX * scale) / 2;
  const offY = (HEIGHT - spanY * scale) / 2;
  const xy = ([lng, lat]: [number, number]) =>
    [offX + (lng - minLng) * kx * scale, HEIGHT - (offY + (lat - minLat) * scale)] as const;
  const path = (b: Boundary) =>
    b.coordinates
      .map(
        (ring) =>
          `M${ring
            .map((p) =>
              xy(p)
                .map((n) => n.toFixed(1))
                .join(','),
            )
            .join('L')}Z`,
      )
      .join('');
  const label = `${active?.name ?? ''}范围示意图${pin ? '，红点为问题位置' : ''}`;
  const svg = (tag: string, props: Record<string, unknown>, ...children: unknown[]) =>
    createElement(tag, props, ...(children as []));
  const pinAt = pin ? xy([pin.longitude, pin.latitude]) : null;
  return (
    <View className="grid-map" data-testid={testId}>
      <View className="grid-map-canvas">
        {svg(
          'svg',
          { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': label, className: 'grid-map-svg' },
          svg('title', {}, label),
          ...drawn.map((s) =>
            svg('path', {
              key: s.id,
              d: path(s.boundary),
              'data-grid': s.id,
              fill: s.active ? 'rgba(15,123,95,0.16)' : 'none',
              stroke: s.active ? '#0f7b5f' : '#9aa0a6',
              strokeWidth: s.active ? 2.5 : 1.2,
              strokeDasharray: s.active ? undefined : '4 3',
            }),
          ),
          // Names drawn in the SVG scale with it (12 px on a phone): 长辈版 numbers the grids on
          // top of the drawing in page pixels instead and names them in the legend below.
          ...(care
            ? []
            : drawn.map((s) => {
                const c = xy([centreOf(s.boundary).longitude, centreOf(s.boundary).latitude]);
                return svg(
                  'text',
                  {
                    key: `${s.id}-label`,
                    x: c[0],
                    y: c[1],
                    textAnchor: 'middle',
                    fontSize: 12,
                    fill: s.active ? '#0b5c47' : '#5f6368',
                  },
                  s.name,
                );
              })),
          pinAt &&
            svg(
              'g',
              {
                key: 'pin',
                'data-testid': 'grid-map-pin',
                transform: `translate(${pinAt[0].toFixed(1)},${pinAt[1].toFixed(1)})`,
              },
              svg('path', { d: 'M0,0 C-7,-10 -9,-14 -9,-18 A9,9 0 1,1 9,-18 C9,-14 7,-10 0,0Z', fill: '#d93025' }),
              svg('circle', { cx: 0, cy: -18, r: 3.5, fill: '#ffffff' }),
            ),
        )}
        {care &&
          drawn.map((s, i) => {
            const [x, y] = xy([centreOf(s.boundary).longitude, centreOf(s.boundary).latitude]);
            return (
              <View
                key={`${s.id}-number`}
                className={`grid-map-number ${s.active ? 'is-active' : ''}`}
                style={{ left: `${((x / WIDTH) * 100).toFixed(2)}%`, top: `${((y / HEIGHT) * 100).toFixed(2)}%` }}
                aria-hidden
              >
                {i + 1}
              </View>
            );
          })}
      </View>
      {care && <Legend shapes={drawn} numbered />}
    </View>
  );
}

/**
 * 长辈版's names of the drawn grids in body text: solid green for the grid in question, dashed grey
 * for its neighbours; in h5 each carries the number drawn on the map (weapp's native map has none).
 */
function Legend({ shapes, numbered }: { shapes: MapShape[]; numbered: boolean }) {
  return (
    <View className="grid-map-legend" data-testid="grid-map-legend">
      {shapes.map((s, i) => (
        <View key={s.id} className="grid-map-legend-row">
          {numbered && <Text className={`grid-map-number-key ${s.active ? 'is-active' : ''}`}>{i + 1}</Text>}
          <Text className={`grid-map-swatch ${s.active ? 'is-active' : ''}`} />
          <Text>
            {s.name}
            {s.active && shapes.length > 1 ? '（所在网格）' : ''}
          </Text>
        </View>
      ))}
    </View>
  );
}

/** WeChat's own map: its polygons carry no names, so 长辈版 names them in the legend below. */
function NativeGridMap({
  drawn,
  active,
  pin,
  care,
  testId,
}: {
  drawn: Drawn[];
  active: Drawn | undefined;
  pin: GridMapProps['pin'];
  care: boolean;
  testId: string;
}) {
  const centre = pin ?? centreOf(active?.boundary);
  return (
    <View className="grid-map" data-testid={testId}>
      <WxMap
        className="grid-map-native"
        latitude={centre.latitude}
        longitude={centre.longitude}
        scale={16}
        polygons={drawn.map((s) => ({
          points: (s.boundary.coordinates[0] ?? []).map(([longitude, latitude]) => ({ latitude, longitude })),
          strokeWidth: s.active ? 3 : 1,
          strokeColor: s.active ? '#0f7b5fff' : '#88888888',
          fillColor: s.active ? '#0f7b5f22' : '#00000000',
          zIndex: 1,
        }))}
        onError={() => {}}
        markers={
          pin
            ? [
                {
                  id: 1,
                  latitude: pin.latitude,
                  longitude: pin.longitude,
                  width: 24,
                  height: 34,
                  // Copied into the package by config/index.ts (WeChat's marker needs an image file).
                  iconPath: '/assets/map/pin.png',
                  anchor: { x: 0.5, y: 1 },
                },
              ]
            : []
        }
      />
      {care && <Legend shapes={drawn} numbered={false} />}
    </View>
  );
}

function centreOf(boundary: Boundary | undefined): { latitude: number; longitude: number } {
  const ring = boundary?.coordinates[0] ?? [];
  const n = Math.max(1, ring.length - 1);
  const open = ring.slice(0, n);
  return {
    longitude: open.reduce((s, p) => s + p[0], 0) / n,
    latitude: open.reduce((s, p) => s + p[1], 0) / n,
  };
}
