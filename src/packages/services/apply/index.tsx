import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { ActionOutput } from '../../../../cloudfunctions/api';
import { Page } from '../../../components/Page';
import { StateView } from '../../../components/StateView';
import { newKey } from '../../../components/ui';
import { useRemote } from '../../../hooks/useRemote';
import { doneThenRedirect, useSubmit } from '../../../hooks/useSubmit';
import { call } from '../../../services/client';
import { type MaterialPhotos, MaterialPickers, materialsOf } from '../shared/MaterialPickers';
import '../shared/services.scss';

type Item = ActionOutput<'services', 'catalogue'>['items'][number];

/** The form for one item: a photo of each material, for a seal the document and its purpose. */
function ApplyForm({ item }: { item: Item }) {
  const [photos, setPhotos] = useState<MaterialPhotos>({});
  const [note, setNote] = useState('');
  const [document, setDocument] = useState('');
  const [purpose, setPurpose] = useState('');
  // One key per intended application: a retried tap does not file it twice.
  const [key] = useState(newKey);
  const seal = item.kind === 'seal';
  const valid = !seal || (document.trim().length >= 2 && purpose.trim().length >= 2);
  const { busy, submit } = useSubmit(
    () =>
      call('services', 'apply', {
        itemId: item.id,
        materials: materialsOf(item.materials, photos).filter((m) => m.fileIds.length > 0),
        note: note.trim(),
        ...(seal ? { document: document.trim(), purpose: purpose.trim() } : {}),
        key,
      }),
    () => doneThenRedirect('已提交申请', '/packages/services/mine/index'),
  );
  return (
    <View className="card">
      <View className="card-title">{item.name}</View>
      <View className="facts">
        <Text>收费：{item.feeLabel}</Text>
        <Text>承诺时限：受理后 {item.timeLimitDays} 日内办结</Text>
        <Text>领取地点：{item.collectAt}</Text>
      </View>
      <Text className="muted">请逐项拍照上传材料；缺少的材料窗口会一次性告知补正。</Text>
      <MaterialPickers names={item.materials} value={photos} onChange={setPhotos} testPrefix="material" rowTestIds />
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
}

/** Apply for one item of the catalogue (opened with its id). */
export default function Apply() {
  const itemId = Taro.getCurrentInstance().router?.params.itemId ?? '';
  const catalogue = useRemote(() => call('services', 'catalogue', {}));
  return (
    <Page className="services">
      <StateView remote={catalogue}>
        {(c) => {
          const item = c.items.find((i) => i.id === itemId);
          return item ? <ApplyForm item={item} /> : <Text className="muted">该事项不存在或已停办</Text>;
        }}
      </StateView>
    </Page>
  );
}
