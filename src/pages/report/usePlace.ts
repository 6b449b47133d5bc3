import Taro from '@tarojs/taro';
import { useState } from 'react';
import { call } from '../../services/client';
import { pickPlace } from '../../services/location';
import type { ReportDraftState } from './useReportDraft';

/** 定位 / 地图选点: the picked point, and the grid it falls in (from where the problem is, not where the reporter lives). */
export function usePlace(draft: ReportDraftState, communityId: string | undefined) {
  const [note, setNote] = useState<string>();
  const [locating, setLocating] = useState(false);
  const locate = async () => {
    setLocating(true);
    try {
      const picked = await pickPlace();
      if (!picked) return;
      draft.setPlace((p) => ({
        address: picked.address || p.address,
        latitude: picked.latitude,
        longitude: picked.longitude,
      }));
      try {
        const found = await call('reports', 'locate', {
          communityId,
          latitude: picked.latitude,
          longitude: picked.longitude,
        });
        draft.setGridId(found.gridId);
        setNote(found.message);
      } catch {
        setNote('已记录位置，提交时按位置确定网格');
      }
    } catch (error) {
      setNote(undefined);
      void Taro.showToast({ title: (error as Error).message, icon: 'none', duration: 3000 });
    } finally {
      setLocating(false);
    }
  };
  /** The grid chosen by hand: the note about the located grid no longer holds. */
  const pickGrid = (gridId: string) => {
    draft.setGridId(gridId);
    setNote(undefined);
  };
  return { note, locating, locate, pickGrid, clearNote: () => setNote(undefined) };
}
export type PlaceState = ReturnType<typeof usePlace>;
