import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Page } from '../../../components/Page';
import { PhotoPicker } from '../../../components/PhotoPicker';
import { StateView } from '../../../components/StateView';
import { newKey } from '../../../components/ui';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import type { UploadedPhoto } from '../../../services/upload';
import '../shared/services.scss';

/** Apply for one item: a photo of each material, and for a seal use the document and its purpose. */
export default function Apply() {
  const itemId = Taro.getCurrentInstance().router?.params.itemId ?? '';
  const catalogue = useRemote(() => call('services', 'catalogue', {}));
  const [photos, setPhotos] = useState<Record<string, UploadedPhoto[]>>({});
  const [note, setNote] = useState('');
  const [document, setDocument] = useState('');
  const [purpose, setPurpose] = useState('');
  const [busy, setBusy] = useState(false);
  // One key per intended application: a retried tap does not file it twice.
  const [key] = useState(newKey);
  return (
    <Page className="services">
      <StateView remote={catalogue}>
        {(c) => {
          const item = c.items.find((i) => i.id === itemId);
          if (!item) return <Text className="muted">该事项不存在或已停办</Text>;
          const seal = item.kind === 'seal';
          const valid = !seal || (document.trim().length >= 2 && purpose.trim().length >= 2);
          const submit = async () => {
            setBusy(true);
            try {
              const materials = item.materials
                .map((name) => ({ name, fileIds: (photos[name] ?? []).map((p) => p.fileId) }))
                .filter((m) => m.fileIds.length > 0);
              await call('services', 'apply', {
                itemId,
                materials,
                note: note.trim(),
                ...(seal ? { document: document.trim(), purpose: purpose.trim() } : {}),
                key,
              });
              void Taro.showToast({ title: '已提交申请', icon: 'success' });
              setTimeout(() => void Taro.redirectTo({ url: '/packages/services/mine/index' }), 600);
            } catch (error) {
              void Taro.showToast({ title: (error as Error).message, icon: 'none', duration: 2500 });
            } finally {
              setBusy(false);
            }
          };
          return (
            <View className="card">
              <View className="card-title">{item.name}</View>
              <View className="facts">
                <Text>收费：{item.feeLabel}</Text>
                <Text>承诺时限：受理后 {item.timeLimitDays} 日内办结</Text>
                <Text>领取地点：{item.collectAt}</Text>
              </View>
              <Text className="muted">请逐项拍照上传材料；缺少的材料窗口会一次性告知补正。</Text>
              {item.materials.map((name, index) => (
                <View key={name} className="material" data-testid={`material-${index}`}>
                  <View className="label">{name}</View>
                  <PhotoPicker
                    value={photos[name] ?? []}
                    max={6}
                    testId={`material-add-${index}`}
                    onChange={(next) => setPhotos((all) => ({ ...all, [name]: next }))}
                  />
                </View>
              ))}
              {seal && (
                <>
                  <View className="field" data-testid="seal-document">
                    <View className="label">需盖章的文件名称</View>
                    <Input className="input" value={document} maxLength={60} onChange={setDocument} />
                  </View>
                  <View className="field" data-testid="seal-purpose">
                    <View className="label">用途</View>
                    <Input className="input" value={purpose} maxLength={100} onChange={setPurpose} />
                  </View>
                </>
              )}
              <View className="field">
                <View className="label">补充说明（选填）</View>
                <TextArea className="input" value={note} rows={3} maxLength={200} onChange={setNote} />
              </View>
              <View data-testid="services-submit">
                <Button type="primary" block loading={busy} disabled={!valid || busy} onClick={() => void submit()}>
                  提交申请
                </Button>
              </View>
            </View>
          );
        }}
      </StateView>
    </Page>
  );
}
