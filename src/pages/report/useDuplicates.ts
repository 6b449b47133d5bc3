import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { ActionOutput } from '../../../cloudfunctions/api';
import { call } from '../../services/client';
import type { Place } from './useReportDraft';

export type Duplicate = ActionOutput<'reports', 'duplicates'>['items'][number];

/** Similar open reports nearby (not the person's own), offered before filing; 我也遇到 joins one instead. */
export function useDuplicates(category: string | undefined, gridId: string | undefined, place: Place) {
  const [duplicates, setDuplicates] = useState<Duplicate[]>([]);
  useEffect(() => {
    if (!category || !gridId) {
      setDuplicates([]);
      return;
    }
    let live = true;
    call('reports', 'duplicates', {
      category,
      gridId,
      ...(place.latitude !== undefined && place.longitude !== undefined
        ? { latitude: place.latitude, longitude: place.longitude }
        : {}),
    })
      .then((found) => live && setDuplicates(found.items.filter((d) => !d.mine)))
      .catch(() => live && setDuplicates([]));
    return () => {
      live = false;
    };
  }, [category, gridId, place.latitude, place.longitude]);

  const meToo = async (reportId: string) => {
    try {
      const result = await call('reports', 'meToo', { reportId });
      void Taro.showToast({ title: result.already ? '您已反映过' : '已反映，办理进展会通知您', icon: 'none' });
      setDuplicates((list) => list.map((d) => (d.id === reportId ? { ...d, meTooCount: result.meTooCount } : d)));
    } catch (error) {
      void Taro.showToast({ title: (error as Error).message, icon: 'none' });
    }
  };
  return { duplicates, meToo };
}
