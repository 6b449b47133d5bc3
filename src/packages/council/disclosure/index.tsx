import { Button, Tag } from '@nutui/nutui-react-taro';
import { Image, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { DISCLOSURE_CATEGORY_LABELS } from '../../../../cloudfunctions/_core/domain/deliberation/labels';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import { formatDate } from '../shared/format';
import '../shared/council.scss';
import { Page } from '../../../components/Page';
import { Speaker } from '../../../components/Speaker';
import { useCouncilRoles } from '../shared/roles';

/** Opens a PDF: a new tab on h5, the document viewer in WeChat. */
async function openPdf(url: string): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    window.open(url, '_blank');
    return;
  }
  try {
    const { tempFilePath } = await Taro.downloadFile({ url });
    await Taro.openDocument({ filePath: tempFilePath, fileType: 'pdf' });
  } catch {
    void Taro.showToast({ title: '附件打开失败，请稍后重试', icon: 'none' });
  }
}

export default function DisclosureDetail() {
  const id = useRouter().params.id ?? '';
  const remote = useRemote(() => call('deliberation', 'disclosure.get', { disclosureId: id }), [id]);
  const { isSage } = useCouncilRoles();
  return (
    <Page>
      <StateView remote={remote}>
        {(d) => (
          <>
            <View className="card" data-testid="disclosure-detail">
              <View className="card-title">{d.title}</View>
              <View className="council-tags">
                <Tag type="primary">{DISCLOSURE_CATEGORY_LABELS[d.category]}</Tag>
                {!d.visible && <Tag type="warning">不在公示期</Tag>}
              </View>
              <View className="muted">
                <Speaker name={d.publishedByName} role={d.publishedByRole} /> 发布 · {formatDate(d.visibleFrom)}
                {d.visibleUntil ? ` 至 ${formatDate(d.visibleUntil)}` : ' 起'}
              </View>
              <View className="council-body">{d.body}</View>
              {d.attachments.map((a) =>
                a.kind === 'image' && a.url ? (
                  <Image
                    key={a.fileId}
                    className="council-attachment-image"
                    src={a.url}
                    mode="widthFix"
                    lazyLoad
                    onClick={() => void Taro.previewImage({ urls: [a.url as string] })}
                  />
                ) : (
                  <View key={a.fileId} className="council-actions">
                    <Button block disabled={!a.url} onClick={() => a.url && void openPdf(a.url)}>
                      查看附件：{a.name}
                    </Button>
                  </View>
                ),
              )}
              {d.source && (
                <View className="council-actions">
                  <Button
                    block
                    fill="outline"
                    onClick={() =>
                      void Taro.navigateTo({ url: `/packages/council/procedure/index?id=${d.source?.procedureId}` })
                    }
                  >
                    查看四议两公开全过程
                  </Button>
                </View>
              )}
            </View>
            {isSage && (
              <View className="council-actions">
                <Button
                  block
                  onClick={() =>
                    void Taro.navigateTo({
                      url: `/packages/council/opinions/index?kind=disclosure&id=${d.id}&title=${encodeURIComponent(d.title)}`,
                    })
                  }
                >
                  提出监督意见
                </Button>
              </View>
            )}
          </>
        )}
      </StateView>
    </Page>
  );
}
