import Taro from '@tarojs/taro';
import { useState } from 'react';
import { acknowledge } from '../../components/confirm';
import { call, isNetworkError } from '../../services/client';
import { enqueueReport, flushReportQueue } from '../../services/reportQueue';
import { uploadPending } from '../../services/upload';
import type { FiledFor } from './useFiledFor';
import { missingField, type ReportDraftState } from './useReportDraft';

export const DETAIL = '/packages/reports/detail/index';

const toast = (title: string, duration = 1500) => void Taro.showToast({ title, icon: 'none', duration });

/**
 * Files the draft under its one key (a retry after a lost answer is recognised by the server,
 * never filed twice); photos kept on the phone are uploaded first. With no network the report is
 * queued on the phone and the form starts afresh.
 */
export function useSubmitReport(
  draft: ReportDraftState,
  filedFor: FiledFor,
  gridId: string | undefined,
  reset: () => void,
) {
  const [submitting, setSubmitting] = useState(false);
  const submit = async () => {
    const missing = missingField(draft);
    if (missing) return toast(missing);
    if (filedFor.staffProxy && !filedFor.onBehalf) return toast('请选择代为上报的居民');
    const payload = {
      category: draft.category as string,
      description: draft.description.trim(),
      // Photos kept on the phone (taken offline) are uploaded first; until then they have no id.
      photos: draft.photos.filter((p) => !p.pending).map((p) => p.fileId),
      location: { ...draft.place, address: draft.place.address.trim() },
      anonymous: draft.anonymous,
      ...filedFor.target(gridId),
      idempotencyKey: draft.key.current,
    };
    setSubmitting(true);
    let current = draft.photos;
    try {
      if (current.some((p) => p.pending)) {
        current = await uploadPending(current);
        draft.setPhotos(current);
        payload.photos = current.map((p) => p.fileId);
      }
      const filed = await call('reports', 'submit', payload);
      reset();
      toast(`上报成功，工单编号 ${filed.caseNo}`, 3000);
      void Taro.navigateTo({ url: `${DETAIL}?id=${filed.id}` });
    } catch (error) {
      if (!isNetworkError(error)) return toast((error as Error).message, 3000);
      enqueueReport(payload, new Date().toISOString(), current);
      reset();
      void acknowledge({ title: '网络不给力', content: '上报已保存在手机上，网络恢复后会自动提交，不会重复。' });
    } finally {
      setSubmitting(false);
    }
  };
  return { submitting, submit };
}

/** 立即重试 on the queued banner: one flush, and what came of it. */
export async function retryQueued(): Promise<void> {
  const { filed, refused } = await flushReportQueue();
  if (refused.length > 0) toast(refused[0]?.message ?? '', 3000);
  else if (filed.length > 0) void Taro.showToast({ title: `已提交 ${filed.length} 件`, icon: 'success' });
  else toast('仍无网络，稍后会自动重试');
}
