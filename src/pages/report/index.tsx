import { Button, Cell, Input, Switch, TextArea } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import type { ActionOutput } from '../../../cloudfunctions/api';
import { GridMap } from '../../components/GridMap';
import { PhotoPicker } from '../../components/PhotoPicker';
import { PrivacyGate } from '../../components/PrivacyGate';
import { type Principal, ProxyPicker } from '../../components/ProxyPicker';
import { StateView } from '../../components/StateView';
import { VoiceButton } from '../../components/VoiceButton';
import { useOnline } from '../../hooks/useOnline';
import { useProfile } from '../../hooks/useProfile';
import { useRemote } from '../../hooks/useRemote';
import { call } from '../../services/client';
import { pickPlace } from '../../services/location';
import {
  clearDraft,
  enqueueReport,
  flushReportQueue,
  isNetworkError,
  loadDraft,
  newSubmitKey,
  onQueueChange,
  queuedReports,
  saveDraft,
} from '../../services/reportQueue';
import { type UploadedPhoto, uploadPending } from '../../services/upload';
import './index.scss';
import { Page } from '../../components/Page';

type Duplicate = ActionOutput<'reports', 'duplicates'>['items'][number];
interface Place {
  address: string;
  latitude?: number;
  longitude?: number;
}

const DETAIL = '/packages/reports/detail/index';
const MINE = '/packages/reports/mine/index';

/** 随手拍: photos first, then category, words and place; similar open reports are offered before filing. */
export default function ReportTab() {
  const profile = useProfile();
  const me = profile.data;
  const communityId = me?.community?.id;
  const categories = useRemote(
    () => (communityId ? call('reports', 'categories.list', { communityId }) : Promise.resolve({ items: [] })),
    [communityId],
  );
  const grids = useRemote(
    () =>
      communityId ? call('identity', 'listCommunities', { limit: 50 }) : Promise.resolve({ items: [], hasMore: false }),
    [communityId],
  );
  const myGrids = grids.data?.items.find((c) => c.id === communityId)?.grids ?? [];
  // The community's grid outlines and building lists: the map and the 楼栋 picker.
  const places = useRemote(
    () => (communityId ? call('reports', 'places', { communityId }) : Promise.resolve({ items: [] })),
    [communityId],
  );
  const [placeNote, setPlaceNote] = useState<string>();
  const [locating, setLocating] = useState(false);

  // The report being written survives leaving the page, a killed app and a lost network.
  const [draft] = useState(loadDraft);
  const [restored, setRestored] = useState(
    draft !== undefined && (draft.photos.length > 0 || draft.description.length > 0 || draft.place.address.length > 0),
  );
  const submitKey = useRef(draft?.key ?? newSubmitKey());
  const [photos, setPhotos] = useState<UploadedPhoto[]>(draft?.photos ?? []);
  const [category, setCategory] = useState<string | undefined>(draft?.category);
  const [description, setDescription] = useState(draft?.description ?? '');
  const [place, setPlace] = useState<Place>(draft?.place ?? { address: '' });
  const [gridId, setGridId] = useState<string | undefined>(draft?.gridId);
  const [anonymous, setAnonymous] = useState(draft?.anonymous ?? false);
  const online = useOnline();
  const [queued, setQueued] = useState(() => queuedReports().length);
  useEffect(() => onQueueChange(() => setQueued(queuedReports().length)), []);
  useEffect(() => {
    const empty = photos.length === 0 && !category && !description && !place.address && !gridId && !anonymous;
    if (empty) return clearDraft();
    saveDraft({
      key: submitKey.current,
      photos,
      category,
      description,
      place,
      gridId,
      anonymous,
      savedAt: new Date().toISOString(),
    });
  }, [photos, category, description, place, gridId, anonymous]);
  const [duplicates, setDuplicates] = useState<Duplicate[]>([]);
  const [submitting, setSubmitting] = useState(false);
  // Staff filing for a resident who phoned or came by: recorded as filed on their behalf.
  const isStaff = me?.roles.some((r) => r.role === 'staff') ?? false;
  const [proxy, setProxy] = useState(false);
  const [residentQuery, setResidentQuery] = useState('');
  const [residentHits, setResidentHits] = useState<ActionOutput<'reports', 'residents'>['items']>([]);
  const [onBehalf, setOnBehalf] = useState<{ userId: string; name: string }>();

  // 代办: file for a resident who authorised this person (identity proxy.grant, scope reports).
  const [forPrincipal, setForPrincipal] = useState<Principal>();
  const chosenGrid = gridId ?? me?.grid?.id;
  useEffect(() => {
    if (!category || !chosenGrid) {
      setDuplicates([]);
      return;
    }
    let live = true;
    call('reports', 'duplicates', {
      category,
      gridId: chosenGrid,
      ...(place.latitude !== undefined && place.longitude !== undefined
        ? { latitude: place.latitude, longitude: place.longitude }
        : {}),
    })
      .then((found) => live && setDuplicates(found.items.filter((d) => !d.mine)))
      .catch(() => live && setDuplicates([]));
    return () => {
      live = false;
    };
  }, [category, chosenGrid, place.latitude, place.longitude]);

  const choosePlace = async () => {
    setLocating(true);
    try {
      const picked = await pickPlace();
      if (!picked) return;
      setPlace((p) => ({
        address: picked.address || p.address,
        latitude: picked.latitude,
        longitude: picked.longitude,
      }));
      // The grid comes from where the problem is, not from where the reporter lives.
      try {
        const found = await call('reports', 'locate', {
          communityId,
          latitude: picked.latitude,
          longitude: picked.longitude,
        });
        setGridId(found.gridId);
        setPlaceNote(found.message);
      } catch {
        setPlaceNote('已记录位置，提交时按位置确定网格');
      }
    } catch (error) {
      setPlaceNote(undefined);
      void Taro.showToast({ title: (error as Error).message, icon: 'none', duration: 3000 });
    } finally {
      setLocating(false);
    }
  };

  const meToo = async (reportId: string) => {
    try {
      const result = await call('reports', 'meToo', { reportId });
      void Taro.showToast({ title: result.already ? '您已反映过' : '已反映，办理进展会通知您', icon: 'none' });
      setDuplicates((list) => list.map((d) => (d.id === reportId ? { ...d, meTooCount: result.meTooCount } : d)));
    } catch (error) {
      void Taro.showToast({ title: (error as Error).message, icon: 'none' });
    }
  };

  const missing =
    photos.length === 0
      ? '请至少拍一张照片'
      : !category
        ? '请选择类别'
        : description.trim().length < 5
          ? '请用至少 5 个字描述问题'
          : place.address.trim().length < 2
            ? '请填写地点'
            : null;

  const findResidents = async () => {
    if (!residentQuery.trim()) return;
    try {
      setResidentHits((await call('reports', 'residents', { query: residentQuery.trim() })).items);
    } catch (error) {
      void Taro.showToast({ title: (error as Error).message, icon: 'none' });
    }
  };

  const resetForm = () => {
    setPhotos([]);
    setCategory(undefined);
    setDescription('');
    setPlace({ address: '' });
    setPlaceNote(undefined);
    setGridId(undefined);
    setAnonymous(false);
    setProxy(false);
    setOnBehalf(undefined);
    setForPrincipal(undefined);
    setRestored(false);
    clearDraft();
    submitKey.current = newSubmitKey();
  };

  const submit = async () => {
    if (missing) return void Taro.showToast({ title: missing, icon: 'none' });
    if (proxy && !onBehalf) return void Taro.showToast({ title: '请选择代为上报的居民', icon: 'none' });
    // One key per draft: a retry after a lost answer is recognised by the server, never filed twice.
    const payload = {
      category: category as string,
      description: description.trim(),
      // Photos kept on the phone (taken offline) are uploaded first; until then they have no id.
      photos: photos.filter((p) => !p.pending).map((p) => p.fileId),
      location: { ...place, address: place.address.trim() },
      anonymous,
      ...(proxy && onBehalf
        ? { onBehalfOfUserId: onBehalf.userId }
        : forPrincipal
          ? { onBehalfOfUserId: forPrincipal.userId }
          : chosenGrid
            ? { gridId: chosenGrid }
            : {}),
      idempotencyKey: submitKey.current,
    };
    setSubmitting(true);
    let current = photos;
    try {
      if (current.some((p) => p.pending)) {
        current = await uploadPending(current);
        setPhotos(current);
        payload.photos = current.map((p) => p.fileId);
      }
      const filed = await call('reports', 'submit', payload);
      resetForm();
      void Taro.showToast({ title: `上报成功，工单编号 ${filed.caseNo}`, icon: 'none', duration: 3000 });
      void Taro.navigateTo({ url: `${DETAIL}?id=${filed.id}` });
    } catch (error) {
      if (isNetworkError(error)) {
        enqueueReport(payload, new Date().toISOString(), current);
        resetForm();
        void Taro.showModal({
          title: '网络不给力',
          content: '上报已保存在手机上，网络恢复后会自动提交，不会重复。',
          showCancel: false,
          confirmText: '知道了',
        });
      } else {
        void Taro.showToast({ title: (error as Error).message, icon: 'none', duration: 3000 });
      }
    } finally {
      setSubmitting(false);
    }
  };

  const retryQueued = async () => {
    const { filed, refused } = await flushReportQueue();
    if (refused.length > 0) void Taro.showToast({ title: refused[0]?.message ?? '', icon: 'none', duration: 3000 });
    else if (filed.length > 0) void Taro.showToast({ title: `已提交 ${filed.length} 件`, icon: 'success' });
    else void Taro.showToast({ title: '仍无网络，稍后会自动重试', icon: 'none' });
  };

  return (
    <Page className="report-form">
      <StateView remote={profile}>
        {(profileData) => (
          <>
            <PrivacyGate profile={profileData} onAccepted={() => void profile.reload()} />
            {!profileData.community ? (
              <View className="card">
                <Cell
                  title="请先选择您所在的社区和网格"
                  extra="去选择"
                  clickable
                  onClick={() => void Taro.navigateTo({ url: '/packages/profile/join/index' })}
                />
              </View>
            ) : (
              <>
                {!online && (
                  <View className="net-banner net-offline" data-testid="offline-banner" role="status">
                    当前没有网络：填写的内容已保存在手机上，联网后再提交
                  </View>
                )}
                {queued > 0 && (
                  <View className="net-banner net-queued" data-testid="report-queued" role="status">
                    <Text>有 {queued} 件上报等待网络，恢复后自动提交</Text>
                    <Button size="small" onClick={() => void retryQueued()}>
                      立即重试
                    </Button>
                  </View>
                )}
                {restored && (
                  <View className="net-banner net-draft" data-testid="draft-restored" role="status">
                    <Text>已恢复您上次没写完的上报</Text>
                    <Button
                      size="small"
                      onClick={() =>
                        void Taro.showModal({
                          title: '清空这份草稿？',
                          content: '照片和文字都会清除，无法恢复。',
                        }).then((r) => r.confirm && resetForm())
                      }
                    >
                      清空重写
                    </Button>
                  </View>
                )}
                <View className="card">
                  <View className="report-form-head">
                    <Text className="card-title">随手拍 · 随时报</Text>
                    <View
                      className="report-link"
                      data-testid="report-mine-link"
                      onClick={() => void Taro.navigateTo({ url: MINE })}
                    >
                      我的上报 ›
                    </View>
                  </View>
                  <Text className="muted">拍下问题，网格员会尽快处理，每一步都会通知您。</Text>
                  <View className="report-section">
                    <PhotoPicker value={photos} onChange={setPhotos} testId="report-add-photo" offline />
                  </View>
                </View>

                <View className="card">
                  <View className="card-title">问题类别</View>
                  <View className="chips">
                    {(categories.data?.items ?? []).map((c) => (
                      <View
                        key={c.id}
                        className={`chip ${category === c.id ? 'chip-active' : ''}`}
                        data-testid={`category-${c.id}`}
                        onClick={() => setCategory(c.id)}
                      >
                        {c.name}
                      </View>
                    ))}
                  </View>
                  {category && (
                    <Text className="muted">
                      时限：{categories.data?.items.find((c) => c.id === category)?.responseHours} 小时内响应，
                      {categories.data?.items.find((c) => c.id === category)?.resolveHours} 小时内办结
                    </Text>
                  )}
                </View>

                {duplicates.length > 0 && (
                  <View className="card duplicates" data-testid="report-duplicates">
                    <View className="card-title">附近已有相似问题</View>
                    <Text className="muted">如果是同一件事，点「我也遇到」即可，不用重复上报。</Text>
                    {duplicates.map((d) => (
                      <View key={d.id} className="duplicate">
                        <View
                          className="duplicate-text"
                          onClick={() => void Taro.navigateTo({ url: `${DETAIL}?id=${d.id}` })}
                        >
                          <Text>{d.description}</Text>
                          <Text className="muted">
                            {d.statusLabel} · {d.address}
                            {d.distanceMetres !== null ? ` · 约 ${d.distanceMetres} 米` : ''} · {d.meTooCount} 人也遇到
                          </Text>
                        </View>
                        <Button size="small" onClick={() => void meToo(d.id)}>
                          我也遇到
                        </Button>
                      </View>
                    ))}
                  </View>
                )}

                <View className="card">
                  <View className="card-title">问题描述</View>
                  <View data-testid="report-description">
                    <TextArea
                      value={description}
                      onChange={(v) => setDescription(v)}
                      maxLength={500}
                      showCount
                      placeholder="发生了什么？在哪个位置？持续多久了？"
                    />
                  </View>
                  <VoiceButton
                    base={description}
                    onText={(text) => setDescription(text.slice(0, 500))}
                    testId="report-voice"
                  />
                </View>

                <View className="card" data-testid="report-place">
                  <View className="card-title">地点</View>
                  <View className="place-row">
                    <View className="place-input" data-testid="report-address">
                      <Input
                        value={place.address}
                        onChange={(v) => setPlace((p) => ({ ...p, address: v }))}
                        maxLength={100}
                        placeholder="如：3 号楼东门垃圾站"
                      />
                    </View>
                    <View data-testid="report-locate">
                      <Button size="small" loading={locating} onClick={() => void choosePlace()}>
                        {process.env.TARO_ENV === 'weapp' ? '地图选点' : '定位'}
                      </Button>
                    </View>
                  </View>
                  {placeNote ? (
                    <Text className="muted" data-testid="report-place-note">
                      {placeNote}
                    </Text>
                  ) : (
                    place.latitude !== undefined && <Text className="muted">已附带位置坐标</Text>
                  )}
                  <GridMap
                    shapes={(places.data?.items ?? []).map((g) => ({ ...g, active: g.id === chosenGrid }))}
                    pin={
                      place.latitude !== undefined && place.longitude !== undefined
                        ? { latitude: place.latitude, longitude: place.longitude }
                        : null
                    }
                    testId="report-map"
                  />
                  {myGrids.length > 1 && (
                    <>
                      <View className="muted report-section">所属网格</View>
                      <View className="chips">
                        {myGrids.map((g) => (
                          <View
                            key={g.id}
                            className={`chip ${chosenGrid === g.id ? 'chip-active' : ''}`}
                            data-testid={`report-grid-${g.id}`}
                            onClick={() => {
                              setGridId(g.id);
                              setPlaceNote(undefined);
                            }}
                          >
                            {g.name}
                          </View>
                        ))}
                      </View>
                    </>
                  )}
                  {(places.data?.items.find((g) => g.id === chosenGrid)?.addresses.length ?? 0) > 0 && (
                    <>
                      <View className="muted report-section">选择楼栋、单元或地点</View>
                      <View className="chips" data-testid="report-addresses">
                        {places.data?.items
                          .find((g) => g.id === chosenGrid)
                          ?.addresses.map((a) => (
                            <View
                              key={a}
                              className={`chip ${place.address === a ? 'chip-active' : ''}`}
                              onClick={() => setPlace((p) => ({ ...p, address: a }))}
                            >
                              {a}
                            </View>
                          ))}
                      </View>
                    </>
                  )}
                </View>

                <View className="card">
                  <View className="switch-row">
                    <View>
                      <View>匿名上报</View>
                      <Text className="muted">其他居民和监督员看不到您是谁；工作人员可见，便于回访。</Text>
                    </View>
                    <Switch checked={anonymous} onChange={(v) => setAnonymous(v)} aria-label="匿名上报" />
                  </View>
                </View>

                {!proxy && (
                  <ProxyPicker
                    scope="reports"
                    value={forPrincipal}
                    onChange={setForPrincipal}
                    verb="上报"
                    testId="report-for"
                  />
                )}

                {isStaff && (
                  <View className="card" data-testid="report-proxy">
                    <View className="switch-row">
                      <View>
                        <View>代居民上报</View>
                        <Text className="muted">居民来电或上门反映时使用，记录为工作人员代报。</Text>
                      </View>
                      <Switch checked={proxy} onChange={(v) => setProxy(v)} aria-label="代居民上报" />
                    </View>
                    {proxy && (
                      <>
                        <View className="place-row report-section">
                          <View className="place-input">
                            <Input
                              value={residentQuery}
                              onChange={setResidentQuery}
                              maxLength={20}
                              placeholder="居民昵称或手机尾号"
                            />
                          </View>
                          <Button size="small" onClick={() => void findResidents()}>
                            查找
                          </Button>
                        </View>
                        <View className="chips report-section">
                          {residentHits.map((r) => (
                            <View
                              key={r.userId}
                              className={`chip ${onBehalf?.userId === r.userId ? 'chip-active' : ''}`}
                              onClick={() => setOnBehalf({ userId: r.userId, name: r.name })}
                            >
                              {r.name}
                              {r.phoneMasked ? ` ${r.phoneMasked}` : ''}
                            </View>
                          ))}
                        </View>
                        {onBehalf && <Text className="muted">将代「{onBehalf.name}」上报，进展会通知本人。</Text>}
                      </>
                    )}
                  </View>
                )}

                <View className="report-submit" data-testid="report-submit">
                  <Button type="primary" block size="large" loading={submitting} onClick={() => void submit()}>
                    提交上报
                  </Button>
                </View>
              </>
            )}
          </>
        )}
      </StateView>
    </Page>
  );
}
