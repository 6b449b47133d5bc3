import { Image, Loading } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { pickPhotos, type UploadedPhoto, uploadPhoto } from '../services/upload';
import './PhotoPicker.scss';

interface PhotoPickerProps {
  value: UploadedPhoto[];
  onChange: (photos: UploadedPhoto[]) => void;
  max?: number;
  /** data-testid of the add tile, for browser tests. */
  testId?: string;
}

/** Photo tiles with an add tile: picks (camera/album), compresses and uploads at once, removable. */
export function PhotoPicker({ value, onChange, max = 9, testId = 'photo-add' }: PhotoPickerProps) {
  const [busy, setBusy] = useState(0);
  const add = async () => {
    const paths = await pickPhotos(max - value.length - busy);
    if (paths.length === 0) return;
    setBusy((n) => n + paths.length);
    const uploaded: UploadedPhoto[] = [];
    for (const path of paths) {
      try {
        uploaded.push(await uploadPhoto(path));
      } catch (error) {
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
        <View key={photo.fileId} className="photo-tile" data-testid="photo-tile">
          <Image src={photo.url} width="100%" height="100%" mode="aspectFill" lazyLoad />
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
