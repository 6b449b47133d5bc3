import { Image, Loading } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { isNetworkError } from '../services/client';
import { keepOnPhone, newUploadKey, pickPhotos, type UploadedPhoto, uploadPhoto } from '../services/upload';
import './PhotoPicker.scss';

interface PhotoPickerProps {
  value: UploadedPhoto[];
  /** Keep photos on the phone when there is no network (the report form queues them with the draft). */
  offline?: boolean;
  onChange: (photos: UploadedPhoto[]) => void;
  max?: number;
  /** data-testid of the add tile, for browser tests. */
  testId?: string;
  /** How a picked photo is uploaded; the ordinary upload unless a form needs another (anonymous tips). */
  upload?: (tempFilePath: string, key: string) => Promise<UploadedPhoto>;
}

/** Photo tiles with an add tile: picks (camera/album), compresses and uploads at once, removable. */
export function PhotoPicker({
  value,
  onChange,
  max = 9,
  testId = 'photo-add',
  offline = false,
  upload = uploadPhoto,
}: PhotoPickerProps) {
  const [busy, setBusy] = useState(0);
  const add = async () => {
    const paths = await pickPhotos(max - value.length - busy);
    if (paths.length === 0) return;
    setBusy((n) => n + paths.length);
    const uploaded: UploadedPhoto[] = [];
    for (const path of paths) {
      // One key per photo, kept if it stays on the phone: its later upload names the same file,
      // should this one have reached the server with only its answer lost.
      const key = newUploadKey();
      try {
        uploaded.push(await upload(path, key));
      } catch (error) {
        if (offline && isNetworkError(error)) {
          try {
            uploaded.push(await keepOnPhone(path, key));
            void Taro.showToast({ title: '没有网络，照片已保存在手机上，联网后随上报一起上传', icon: 'none' });
            continue;
          } catch {
            // could not keep it either: say the upload failed
          }
        }
        void Taro.showToast({ title: (error as Error).message, icon: 'none' });
      } finally {
        setBusy((n) => n - 1);
      }
    }
    onChange([...value, ...uploaded].slice(0, max));
  };
  return (
    <View className="photo-picker">
      {value.map((photo, index) => (
        <View key={photo.fileId || photo.url} className="photo-tile" data-testid="photo-tile">
          <Image src={photo.url} width="100%" height="100%" mode="aspectFill" lazyLoad />
          {photo.pending && (
            <View className="photo-pending" data-testid="photo-pending">
              待上传
            </View>
          )}
          <View
            className="photo-remove"
            aria-label="删除照片"
            onClick={() => onChange(value.filter((_, i) => i !== index))}
          >
            ×
          </View>
        </View>
      ))}
      {busy > 0 && (
        <View className="photo-tile photo-busy">
          <Loading type="circular" />
        </View>
      )}
      {value.length + busy < max && (
        <View className="photo-tile photo-add" data-testid={testId} onClick={() => void add()}>
          <Text className="photo-add-plus">+</Text>
          <Text className="photo-add-text">
            {value.length}/{max}
          </Text>
        </View>
      )}
    </View>
  );
}
