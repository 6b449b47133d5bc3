import { Button, Switch } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useRef, useState } from 'react';
import type { ActionOutput } from '../../../../cloudfunctions/api';
import { Chips } from '../../../components/Chips';
import { PhotoPicker } from '../../../components/PhotoPicker';
import { go } from '../../../components/ui';
import { call, isNetworkError } from '../../../services/client';
import {
  type AnonymousTipPhoto,
  anonymousTipPhoto,
  type PartProgress,
  type UploadedPhoto,
} from '../../../services/upload';

type Scheme = ActionOutput<'tips', 'schemes'>['schemes'][number];

/** The schemes to file under, and the chosen one's scope and published reward levels. */
export function SchemePicker(props: { schemes: Scheme[]; value: string; onChange: (id: Scheme['id']) => void }) {
  const current = props.schemes.find((x) => x.id === props.value);
  return (
    <>
      <Chips
        items={props.schemes.map((x) => ({ key: x.id, label: x.name, id: x.id }))}
        active={props.value}
        onPick={(x) => props.onChange(x.id)}
        testid="tip-schemes"
      />
      {current && (
        <View className="facts" data-testid="tip-levels">
          <Text>受理范围：{current.scope}</Text>
          {current.levels
            .filter((l) => l.reward > 0)
            .map((l) => (
              <Text key={l.id}>
                {l.label}：{l.rule}，奖励 {l.reward} 元
              </Text>
            ))}
        </View>
      )}
    </>
  );
}

/**
 * Named or anonymous, and the photos that go with it. Anonymous photos go up with one ticket per
 * tip, asked for at the first photo, in parts (services/upload.ts anonymousTipPhoto); switching
 * drops the photos, because an ordinary upload names its sender and a ticket's photo is no named
 * tip's. A photo whose upload stalled on the network is kept, to continue from its last part.
 */
export function useTipPhotos() {
  const [anonymous, setAnonymous] = useState(false);
  const [photos, setPhotos] = useState<UploadedPhoto[]>([]);
  const [progress, setProgress] = useState<PartProgress | null>(null);
  const [stalled, setStalled] = useState<AnonymousTipPhoto | null>(null);
  const [resuming, setResuming] = useState(false);
  const ticket = useRef<string | null>(null);
  const send = async (job: AnonymousTipPhoto) => {
    try {
      const photo = await job.run(setProgress);
      setStalled(null);
      return photo;
    } catch (error) {
      // Only a network failure is worth continuing; a refusal (not an image, too large) is final.
      setStalled(isNetworkError(error) ? job : null);
      throw error;
    } finally {
      setProgress(null);
    }
  };
  const upload = async (path: string, key: string) => {
    ticket.current ??= (await call('tips', 'photo.ticket', {})).ticket;
    return send(anonymousTipPhoto(path, ticket.current, key));
  };
  const resume = async () => {
    if (!stalled || resuming) return;
    setResuming(true);
    try {
      const photo = await send(stalled);
      setPhotos((list) => [...list, photo].slice(0, 6));
    } catch (error) {
      void Taro.showToast({ title: (error as Error).message, icon: 'none' });
    } finally {
      setResuming(false);
    }
  };
  const switchAnonymous = (on: boolean) => {
    setAnonymous(on);
    setPhotos([]);
    setStalled(null);
    ticket.current = null;
  };
  /** What submit sends besides the text: the file ids, and the ticket they were sent under. */
  const payload = () => ({
    photos: photos.map((p) => p.fileId),
    anonymous,
    ...(anonymous && ticket.current && photos.length > 0 ? { photoTicket: ticket.current } : {}),
  });
  const sent = () => {
    ticket.current = null;
    setStalled(null);
  };
  return {
    anonymous,
    switchAnonymous,
    photos,
    setPhotos,
    upload,
    payload,
    sent,
    progress,
    stalled,
    resume,
    resuming,
  };
}

/** The 匿名举报 switch and the photo picker of the chosen kind. */
export function TipPhotos({ tip }: { tip: ReturnType<typeof useTipPhotos> }) {
  const stalled = tip.stalled?.progress();
  return (
    <>
      <View className="row-head" data-testid="tip-anonymous">
        <Text className="label">匿名举报</Text>
        <Switch checked={tip.anonymous} onChange={tip.switchAnonymous} aria-label="匿名举报" />
      </View>
      {tip.anonymous ? (
        <>
          <Text className="muted">匿名举报的照片不记录上传人，只有受理员能看到；提交后凭领取码查询和领奖。</Text>
          <PhotoPicker
            value={tip.photos}
            onChange={tip.setPhotos}
            max={6}
            upload={tip.upload}
            testId="tip-anonymous-photo-add"
          />
          {tip.progress && tip.progress.parts > 1 && (
            <Text className="muted" data-testid="tip-photo-progress">
              正在上传照片：第 {Math.min(tip.progress.sent + 1, tip.progress.parts)}/{tip.progress.parts} 段
            </Text>
          )}
          {stalled && !tip.progress && (
            <View className="facts" data-testid="tip-photo-stalled">
              <Text>
                有一张照片未传完（已传 {stalled.sent}/{stalled.parts} 段），联网后可接着上传，不必重选。
              </Text>
              <Button block type="primary" loading={tip.resuming} onClick={() => void tip.resume()}>
                继续上传
              </Button>
            </View>
          )}
        </>
      ) : (
        <PhotoPicker value={tip.photos} onChange={tip.setPhotos} max={6} testId="tip-photo-add" />
      )}
    </>
  );
}

/** After an anonymous tip: the claim code, shown once (the server keeps only its hash). */
export function ClaimCode({ code }: { code: string }) {
  return (
    <View className="card" data-testid="tip-claim">
      <View className="card-title">匿名举报已提交</View>
      <Text className="muted">请抄下领取码。它是查询进度和领取奖励的唯一凭证，系统不保存，丢失无法找回。</Text>
      <View className="code">{code}</View>
      <Button block onClick={() => go('/packages/tips/mine/index')}>
        凭领取码查询
      </Button>
    </View>
  );
}
