import Taro from '@tarojs/taro';

/**
 * Hands a CSV (already carrying its BOM, so Excel reads the Chinese as UTF-8) to the person: a
 * download in h5; in weapp a file in the user data folder sent to a chat (openDocument cannot open
 * CSV), from where it opens in Excel or WPS on the phone or the PC.
 */
export async function saveCsv(filename: string, text: string): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return;
  }
  // Only plain characters in the path; the Chinese name travels as the shared file's name.
  const filePath = `${Taro.env.USER_DATA_PATH}/export-${Date.now()}.csv`;
  Taro.getFileSystemManager().writeFileSync(filePath, text, 'utf8');
  await Taro.shareFileMessage({ filePath, fileName: filename });
}
