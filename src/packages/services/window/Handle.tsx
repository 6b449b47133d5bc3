import { Image } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ActionOutput } from '../../../../cloudfunctions/api';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import { Progress } from '../shared/Progress';
import { HandleActions, HandleForm, useHandleForm } from './HandleForm';

export type Detail = ActionOutput<'services', 'detail'>;

/** Who applies, for what, and each required material with its photos (tap to enlarge). */
function Materials({ detail }: { detail: Detail }) {
  const a = detail.application;
  const uploaded = new Map(a.materials.map((m) => [m.name, m.fileIds]));
  const preview = (id: string) => void Taro.previewImage({ urls: [detail.fileUrls[id] ?? ''] }).catch(() => {});
  return (
    <>
      <Text className="muted">
        申请人：{a.applicant?.nickname ?? ''} {a.applicant?.phone ?? ''}
      </Text>
      {a.document && (
        <Text className="muted">
          用印文件：{a.document}（{a.purpose}）
        </Text>
      )}
      {a.note ? <Text className="muted">说明：{a.note}</Text> : null}
      {detail.required.map((name) => (
        <View key={name} className="material">
          <View className="label">
            {name}
            {uploaded.has(name) ? '' : '（未上传）'}
          </View>
          <View className="photos">
            {(uploaded.get(name) ?? []).map((id) => (
              <View key={id} className="photo" onClick={() => preview(id)}>
                <Image src={detail.fileUrls[id] ?? ''} width="100%" height="100%" mode="aspectFill" lazyLoad />
              </View>
            ))}
          </View>
        </View>
      ))}
    </>
  );
}

/** One application as the clerk handles it: the material photos, then accept / 补正 / 办结 / 不予办理. */
export function Handle({ applicationId, onChanged }: { applicationId: string; onChanged: () => void }) {
  const detail = useRemote(() => call('services', 'detail', { applicationId }), [applicationId]);
  const form = useHandleForm();
  const done = () => {
    void detail.reload();
    onChanged();
  };
  return (
    <StateView remote={detail}>
      {(d) => (
        <View data-testid="window-detail">
          <Materials detail={d} />
          <Progress events={d.application.events} />
          <HandleForm detail={d} form={form} />
          <HandleActions detail={d} form={form} applicationId={applicationId} onDone={done} />
        </View>
      )}
    </StateView>
  );
}
