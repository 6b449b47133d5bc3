import { View, Map as WxMap } from '@tarojs/components';
import { createElement } from 'react';
import type { ActionOutput } from '../../cloudfunctions/api';
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

const WIDTH = 320;
const HEIGHT = 180;
const PAD = 16;

/**
 * A small map of the grid outline with the place's pin. In weapp WeChat's own <Map> (its tiles are
 * part of the platform); in h5 an SVG drawn from the polygons alone, so it works on an intranet
 * or offline, without anyone's map tiles.
 */
export function GridMap({ shapes, pin, testId = 'grid-map' }: GridMapProps) {
  const drawn = shapes.filter((s): s is MapShape & { boundary: Boundary } => s.boundary !== null);
  if (drawn.length === 0) return null;
  const active = drawn.find((s) => s.active) ?? drawn[0];
  if (process.env.TARO_ENV === 'weapp') {
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
      </View>
    );
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
        ...drawn.map((s) => {
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
        }),
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
