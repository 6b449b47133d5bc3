import { useEffect, useRef, useState } from 'react';
import { clearDraft, loadDraft, newSubmitKey, saveDraft } from '../../services/reportQueue';
import type { UploadedPhoto } from '../../services/upload';

export interface Place {
  address: string;
  latitude?: number;
  longitude?: number;
}

/**
 * The report being written: it survives leaving the page, a killed app and a lost network (kept
 * as a draft on the phone), and carries the one idempotency key it will be submitted under.
 */
export function useReportDraft() {
  const [draft] = useState(loadDraft);
  const [restored, setRestored] = useState(
    draft !== undefined && (draft.photos.length > 0 || draft.description.length > 0 || draft.place.address.length > 0),
  );
  const key = useRef(draft?.key ?? newSubmitKey());
  const [photos, setPhotos] = useState<UploadedPhoto[]>(draft?.photos ?? []);
  const [category, setCategory] = useState<string | undefined>(draft?.category);
  const [description, setDescription] = useState(draft?.description ?? '');
  const [place, setPlace] = useState<Place>(draft?.place ?? { address: '' });
  const [gridId, setGridId] = useState<string | undefined>(draft?.gridId);
  const [anonymous, setAnonymous] = useState(draft?.anonymous ?? false);
  useEffect(() => {
    const empty = photos.length === 0 && !category && !description && !place.address && !gridId && !anonymous;
    if (empty) return clearDraft();
    const savedAt = new Date().toISOString();
    saveDraft({ key: key.current, photos, category, description, place, gridId, anonymous, savedAt });
  }, [photos, category, description, place, gridId, anonymous]);

  /** A fresh form under a fresh key: after filing (or queueing), or when the person clears it. */
  const reset = () => {
    setPhotos([]);
    setCategory(undefined);
    setDescription('');
    setPlace({ address: '' });
    setGridId(undefined);
    setAnonymous(false);
    setRestored(false);
    clearDraft();
    key.current = newSubmitKey();
  };
  return {
    key,
    restored,
    reset,
    photos,
    setPhotos,
    category,
    setCategory,
    description,
    setDescription,
    place,
    setPlace,
    gridId,
    setGridId,
    anonymous,
    setAnonymous,
  };
}
export type ReportDraftState = ReturnType<typeof useReportDraft>;

/** What still stops the report from being filed, in the words the toast says; null when complete. */
export function missingField(draft: Pick<ReportDraftState, 'photos' | 'category' | 'description' | 'place'>) {
  if (draft.photos.length === 0) return '请至少拍一张照片';
  if (!draft.category) return '请选择类别';
  if (draft.description.trim().length < 5) return '请用至少 5 个字描述问题';
  if (draft.place.address.trim().length < 2) return '请填写地点';
  return null;
}
