import { Button } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { ActionInput } from '../../../../cloudfunctions/api';
import { call } from '../../../services/client';
import { saveCsv } from '../../../services/download';

/** 导出 CSV for one table of the dashboard: made by admin.export with the screen's own access limits. */
export function ExportButton({ request, testId }: { request: ActionInput<'admin', 'export'>; testId: string }) {
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const file = await call('admin', 'export', request);
      await saveCsv(file.filename, file.text);
      void Taro.showToast({ title: '已导出', icon: 'success' });
    } catch (error) {
      // Cancelling the weapp share sheet is not an error worth a message.
      const message = (error as { errMsg?: string; message?: string }).errMsg ?? (error as Error).message ?? '';
      if (!message.includes('cancel')) void Taro.showToast({ title: message || '导出失败', icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="export-row" data-testid={testId}>
      <Button size="small" fill="outline" loading={busy} onClick={() => void run()}>
        导出 CSV
      </Button>
    </View>
  );
}
