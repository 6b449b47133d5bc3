import { Button } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { ActionInput } from '../../../../cloudfunctions/api';
import { toastDone } from '../../../components/toast';
import { call } from '../../../services/client';
import { type SavedCsv, saveCsv, shareCsv } from '../../../services/download';

const errorText = (error: unknown) =>
  (error as { errMsg?: string; message?: string }).errMsg ?? (error as Error).message ?? '';

/**
 * 导出表格 for one table of the dashboard (a CSV with a BOM, which Excel and WPS open with the Chinese
 * intact; "CSV" means nothing to most of the staff and residents who read the button): made by admin.export with the screen's own access limits.
 * h5 downloads it at once; weapp writes the file, then offers 发送到微信聊天 as a second tap
 * (shareFileMessage is refused outside a tap, and the first tap has already waited for the function).
 */
export function ExportButton({ request, testId }: { request: ActionInput<'admin', 'export'>; testId: string }) {
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<SavedCsv | null>(null);
  const run = async () => {
    setBusy(true);
    try {
      const file = await call('admin', 'export', request);
      const written = saveCsv(file.filename, file.text);
      setSaved(written);
      toastDone(written ? '已生成，请发送到聊天' : '已导出');
    } catch (error) {
      void Taro.showToast({ title: errorText(error) || '导出失败', icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  const share = (file: SavedCsv) => {
    // Called synchronously in the tap: WeChat allows shareFileMessage only from a tap.
    shareCsv(file).then(
      () => void Taro.showToast({ title: '已发送', icon: 'success' }),
      (error) => {
        // Cancelling the share sheet is not an error worth a message.
        const message = errorText(error);
        if (!message.includes('cancel')) void Taro.showToast({ title: message || '发送失败', icon: 'none' });
      },
    );
  };
  return (
    <View className="export-row" data-testid={testId}>
      <Button size="small" fill="outline" loading={busy} onClick={() => void run()}>
        导出表格
      </Button>
      {saved && (
        <View data-testid={`${testId}-share`}>
          <Button size="small" type="primary" onClick={() => share(saved)}>
            发送到微信聊天：{saved.fileName}
          </Button>
        </View>
      )}
    </View>
  );
}
