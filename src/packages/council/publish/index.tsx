import { Articles } from '@nutui/icons-react-taro';
import { Button, Image, Input, TextArea } from '@nutui/nutui-react-taro';
import { Picker, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type ChangeEvent, useState } from 'react';
import {
  DISCLOSURE_CATEGORIES,
  DISCLOSURE_CATEGORY_LABELS,
  type DisclosureCategory,
} from '../../../../cloudfunctions/_core/domain/deliberation/labels';
import { call } from '../../../services/client';
import { act, confirmThen } from '../shared/act';
import { type Attached, pickAndUploadInWeapp, uploadBrowserFile } from '../shared/attach';
import { Choice, toOptions } from '../shared/Choice';
import { cstDate } from '../shared/format';
import '../shared/council.scss';
import { Page } from '../../../components/Page';
import { formatPicked, WhyDisabled, whyNot } from '../../../components/ui';

const MAX_ATTACHMENTS = 9;

function AttachmentList(props: { attachments: Attached[]; onRemove: (index: number) => void }) {
  return (
    <>
      {props.attachments.map((a, i) => (
        <View key={a.fileId} className="council-tags" style={{ alignItems: 'center' }}>
          {a.kind === 'image' ? (
            <Image src={a.url} width={64} height={64} mode="aspectFill" lazyLoad />
          ) : (
            // An icon, not the 📄 emoji (an empty box where no colour-emoji font is installed).
            <View className="council-line" role="img" aria-label="文件">
              <Articles size={28} />
            </View>
          )}
          <View className="council-line">{a.name}</View>
          <Button size="small" fill="none" onClick={() => props.onRemove(i)}>
            移除
          </Button>
        </View>
      ))}
    </>
  );
}

/** A file input in the browser; in the mini-program WeChat's own pickers (images, or a PDF from a chat). */
function AddAttachment(props: {
  uploading: boolean;
  onBrowserFile: (event: ChangeEvent<HTMLInputElement>) => Promise<void>;
  onWeapp: (kind: 'image' | 'pdf') => Promise<void>;
}) {
  const { uploading } = props;
  return process.env.TARO_ENV === 'h5' ? (
    <View className="council-field" data-testid="disclosure-file">
      <input
        type="file"
        accept="image/jpeg,image/png,image/webp,application/pdf"
        disabled={uploading}
        onChange={(e) => void props.onBrowserFile(e)}
      />
    </View>
  ) : (
    <View className="council-tags">
      <Button size="small" loading={uploading} onClick={() => void props.onWeapp('image')}>
        添加图片
      </Button>
      <Button size="small" loading={uploading} onClick={() => void props.onWeapp('pdf')}>
        添加 PDF
      </Button>
    </View>
  );
}

/** Staff publish a party / village / financial notice with images and PDFs and a publish period. */
export default function PublishDisclosure() {
  const [category, setCategory] = useState<DisclosureCategory>('village');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [from, setFrom] = useState(cstDate());
  const [until, setUntil] = useState('');
  const [attachments, setAttachments] = useState<Attached[]>([]);
  const [uploading, setUploading] = useState(false);
  const [busy, setBusy] = useState(false);
  const why = whyNot([
    [title.trim().length >= 4, '标题至少 4 个字'],
    [body.trim().length >= 4, '公开内容至少 4 个字'],
    [!until || until > from, '结束日期须晚于开始日期'],
  ]);
  const valid = why === '';

  const add = (attached: Attached | null) => {
    if (attached) setAttachments((all) => [...all, attached].slice(0, MAX_ATTACHMENTS));
  };
  const onBrowserFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setUploading(true);
    try {
      add(await uploadBrowserFile(file));
    } catch (error) {
      void Taro.showToast({ title: (error as Error).message, icon: 'none' });
    } finally {
      setUploading(false);
    }
  };
  const onWeapp = async (kind: 'image' | 'pdf') => {
    setUploading(true);
    try {
      add(await pickAndUploadInWeapp(kind));
    } catch (error) {
      void Taro.showToast({ title: (error as Error).message, icon: 'none' });
    } finally {
      setUploading(false);
    }
  };

  const submit = () =>
    confirmThen({ title: '发布公开', content: '发布后居民在公示期内即可看到。确定发布吗？' }, async () => {
      setBusy(true);
      const today = cstDate();
      const ok = await act(
        () =>
          call('deliberation', 'disclosure.publish', {
            category,
            title: title.trim(),
            body: body.trim(),
            attachments: attachments.map(({ fileId, name, kind }) => ({ fileId, name, kind })),
            // Today means "now"; a later day starts at its midnight, China time.
            ...(from > today ? { visibleFrom: `${from}T00:00:00+08:00` } : {}),
            visibleUntil: until ? `${until}T23:59:59+08:00` : null,
          }),
        '已发布',
      );
      setBusy(false);
      if (ok) setTimeout(() => void Taro.navigateBack(), 600);
    });

  return (
    <Page>
      <View className="card">
        <View className="council-label">公开类别</View>
        <Choice
          options={toOptions(DISCLOSURE_CATEGORIES, DISCLOSURE_CATEGORY_LABELS)}
          value={category}
          onChange={setCategory}
        />
        <View className="council-field" data-testid="disclosure-title">
          <View className="council-label">标题</View>
          <Input className="council-input" value={title} maxLength={60} onChange={setTitle} />
        </View>
        <View className="council-field" data-testid="disclosure-body">
          <View className="council-label">公开内容</View>
          <TextArea className="council-input" value={body} rows={6} maxLength={5000} onChange={setBody} />
        </View>
        <View className="council-label">公示期</View>
        <Picker mode="date" value={from} start={cstDate()} onChange={(e) => setFrom(String(e.detail.value))}>
          <View className="council-input council-line" style={{ padding: '10px 12px' }}>
            开始：{formatPicked(from)}
          </View>
        </Picker>
        <Picker mode="date" value={until || from} start={from} onChange={(e) => setUntil(String(e.detail.value))}>
          <View className="council-input council-line" style={{ padding: '10px 12px', marginTop: '6px' }}>
            结束：{until ? formatPicked(until) : '长期公开'}
          </View>
        </Picker>
        <View className="council-label" style={{ marginTop: '12px' }}>
          附件（图片或 PDF，最多 {MAX_ATTACHMENTS} 个）
        </View>
        <AttachmentList
          attachments={attachments}
          onRemove={(i) => setAttachments((all) => all.filter((_, j) => j !== i))}
        />
        {attachments.length < MAX_ATTACHMENTS && (
          <AddAttachment uploading={uploading} onBrowserFile={onBrowserFile} onWeapp={onWeapp} />
        )}
        <View className="council-actions" data-testid="disclosure-submit">
          <Button type="primary" block loading={busy} disabled={!valid || uploading} onClick={submit}>
            发布
          </Button>
          <WhyDisabled reason={uploading ? '附件上传中，请稍候' : why} />
        </View>
      </View>
    </Page>
  );
}
