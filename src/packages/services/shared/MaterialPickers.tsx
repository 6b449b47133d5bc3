import { View } from '@tarojs/components';
import type { Dispatch, SetStateAction } from 'react';
import { PhotoPicker } from '../../../components/PhotoPicker';
import type { UploadedPhoto } from '../../../services/upload';

export type MaterialPhotos = Record<string, UploadedPhoto[]>;

/** One photo picker per named material: filed with an application, or supplied when asked for. */
export function MaterialPickers(props: {
  names: readonly string[];
  value: MaterialPhotos;
  // A state setter, not a value: two pickers' uploads may finish in either order, each adds its own.
  onChange: Dispatch<SetStateAction<MaterialPhotos>>;
  /** `material` → rows `material-<i>`, pickers `material-add-<i>`. */
  testPrefix: string;
  rowTestIds?: boolean;
}) {
  return (
    <>
      {props.names.map((name, index) => (
        <View
          key={name}
          className="material"
          data-testid={props.rowTestIds ? `${props.testPrefix}-${index}` : undefined}
        >
          <View className="label">{name}</View>
          <PhotoPicker
            value={props.value[name] ?? []}
            max={6}
            testId={`${props.testPrefix}-add-${index}`}
            onChange={(next) => props.onChange((all) => ({ ...all, [name]: next }))}
          />
        </View>
      ))}
    </>
  );
}

/** The materials as the server takes them: names with their uploaded file ids. */
export const materialsOf = (names: readonly string[], photos: MaterialPhotos) =>
  names.map((name) => ({ name, fileIds: (photos[name] ?? []).map((p) => p.fileId) }));
