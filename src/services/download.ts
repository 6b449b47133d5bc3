import Taro from '@tarojs/taro';

/** A CSV written to the weapp user data folder, ready to be sent to a chat. */
export interface SavedCsv {
  filePath: string;
  fileName: string;
}

/**
 * Hands a CSV (already carrying its BOM, so Excel reads the Chinese as UTF-8) to the person.
 * h5: a download, done (returns null). weapp: the file is written to the user data folder
 * (the only place a mini-program may write) and returned; sending it is `shareCsv`, from its own
 * tap, because shareFileMessage may only be called from a tap and openDocument cannot open CSV
 * (its fileType list is doc/docx/xls/xlsx/ppt/pptx/pdf).
 */
export function saveCsv(filename: string, text: string): SavedCsv | null {
  if (process.env.TARO_ENV === 'h5') {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return null;
  }
  // Only plain characters in the path; the Chinese name travels as the shared file's name.
  const filePath = `${Taro.env.USER_DATA_PATH}/export-${Date.now()}.csv`;
  Taro.getFileSystemManager().writeFileSync(filePath, text, 'utf8');
  return { filePath, fileName: filename };
}

/** Sends a saved CSV to a WeChat chat, from where it opens in Excel or WPS. Call it in a tap handler, before any await. */
export function shareCsv(file: SavedCsv): Promise<unknown> {
  return Taro.shareFileMessage({ filePath: file.filePath, fileName: file.fileName });
}
