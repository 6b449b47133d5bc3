import { Button, Input, Switch, TextArea } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useRef, useState } from 'react';
import { Page } from '../../../components/Page';
import { PhotoPicker } from '../../../components/PhotoPicker';
import { StateView } from '../../../components/StateView';
import { go, newKey } from '../../../components/ui';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import { type UploadedPhoto, uploadAnonymousTipPhoto } from '../../../services/upload';
import '../../services/shared/services.scss';

type Scheme = 'crime' | 'safety' | 'heroic';

/** File a tip under a scheme, named or anonymous; an anonymous sender leaves with a claim code. */
export default function ReportTip() {
  const schemes = useRemote(() => call('tips', 'schemes', {}));
  const [scheme, setScheme] = useState<Scheme>('safety');
  const [content, setContent] = useState('');
  const [place, setPlace] = useState('');
  const [photos, setPhotos] = useState<UploadedPhoto[]>([]);
  const [anonymous, setAnonymous] = useState(false);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newKey);
  const [claimCode, setClaimCode] = useState<string | null>(null);
  // Anonymous photos go up with one ticket per tip, asked for at the first photo.
  const ticket = useRef<string | null>(null);
  const anonymousUpload = async (path: string) => {
    ticket.current ??= (await call('tips', 'photo.ticket', {})).ticket;
    return uploadAnonymousTipPhoto(path, ticket.current);
  };
  const switchAnonymous = (on: boolean) => {
    // An ordinary upload names its sender, a ticket's photo is no named tip's: each kind stays with its form.
    setAnonymous(on);
    setPhotos([]);
    ticket.current = null;
  };
  const submit = async () => {
    setBusy(true);
    try {
      const res = await call('tips', 'submit', {
        scheme,
        content: content.trim(),
        place: place.trim(),
        photos: photos.map((p) => p.fileId),
        anonymous,
        ...(anonymous && ticket.current && photos.length > 0 ? { photoTicket: ticket.current } : {}),
        key,
      });
      setKey(newKey());
      ticket.current = null;
      if (res.claimCode) setClaimCode(res.claimCode);
      else {
        void Taro.showToast({ title: '已提交，仅受理员可见', icon: 'success' });
        setTimeout(() => void Taro.redirectTo({ url: '/packages/tips/mine/index' }), 600);
      }
    } catch (error) {
      void Taro.showToast({ title: (error as Error).message, icon: 'none', duration: 2500 });
    } finally {
      setBusy(false);
    }
  };
  if (claimCode) {
    return (
      <Page className="services">
        <View className="card" data-testid="tip-claim">
          <View className="card-title">匿名举报已提交</View>
          <Text className="muted">请抄下领取码。它是查询进度和领取奖励的唯一凭证，系统不保存，丢失无法找回。</Text>
          <View className="code">{claimCode}</View>
          <Button block onClick={() => go('/packages/tips/mine/index')}>
            凭领取码查询
          </Button>
        </View>
      </Page>
    );
  }
  return (
    <Page className="services">
      <StateView remote={schemes}>
        {(s) => {
          const current = s.schemes.find((x) => x.id === scheme);
          return (
            <View className="card">
              <Text className="muted">举报内容和举报人信息只有该类别的指定受理员可以查看，每次查看都有记录。</Text>
              <View className="chips" data-testid="tip-schemes">
                {s.schemes.map((x) => (
                  <View
                    key={x.id}
                    className={`chip ${x.id === scheme ? 'chip-active' : ''}`}
                    onClick={() => setScheme(x.id as Scheme)}
                  >
                    {x.name}
                  </View>
                ))}
              </View>
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
              <View className="field" data-testid="tip-content">
                <View className="label">线索或事迹</View>
                <TextArea
                  className="input"
                  value={content}
                  rows={4}
                  maxLength={1000}
                  placeholder="时间、地点、人员、经过，越具体越便于核查"
                  onChange={setContent}
                />
              </View>
              <View className="field" data-testid="tip-place">
                <View className="label">地点（选填）</View>
                <Input className="input" value={place} maxLength={100} onChange={setPlace} />
              </View>
              <View className="row-head" data-testid="tip-anonymous">
                <Text className="label">匿名举报</Text>
                <Switch checked={anonymous} onChange={switchAnonymous} aria-label="匿名举报" />
              </View>
              {anonymous ? (
                <>
                  <Text className="muted">
                    匿名举报的照片不记录上传人，只有受理员能看到；提交后凭领取码查询和领奖。
                  </Text>
                  <PhotoPicker
                    value={photos}
                    onChange={setPhotos}
                    max={6}
                    upload={anonymousUpload}
                    testId="tip-anonymous-photo-add"
                  />
                </>
              ) : (
                <PhotoPicker value={photos} onChange={setPhotos} max={6} testId="tip-photo-add" />
              )}
              <View data-testid="tip-submit">
                <Button
                  type="primary"
                  block
                  loading={busy}
                  disabled={content.trim().length < 10 || busy}
                  onClick={() => void submit()}
                >
                  提交
                </Button>
              </View>
            </View>
          );
        }}
      </StateView>
    </Page>
  );
}
