import { Dialog, Input, Switch, TextArea } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Field } from '../../../components/Field';
import { act } from '../../../components/ui';
import { call } from '../../../services/client';
import { isCount } from './RuleForm';

export interface ServiceForm {
  serviceId?: string;
  name: string;
  description: string;
  points: string;
  active: boolean;
}

export const EMPTY_SERVICE: ServiceForm = { name: '', description: '', points: '', active: true };

/** The form that adds or changes a service points buy (a form, so a NutUI Dialog). */
export function ServiceDialog(props: {
  form: ServiceForm | undefined;
  onChange: (form: ServiceForm | undefined) => void;
  onSaved: () => Promise<void>;
}) {
  const { form, onChange } = props;
  const save = async () => {
    if (!form) return;
    if (form.name.trim().length < 2 || !isCount(form.points)) {
      void Taro.showToast({ title: '请填写服务名称和所需积分', icon: 'none' });
      return;
    }
    onChange(undefined);
    const payload = {
      ...(form.serviceId ? { serviceId: form.serviceId } : {}),
      name: form.name.trim(),
      description: form.description.trim(),
      points: Number(form.points),
      active: form.active,
    };
    if (await act(() => call('timebank', 'service.save', payload), '已保存')) await props.onSaved();
  };
  return (
    <Dialog
      visible={form !== undefined}
      title={form?.serviceId ? '修改服务' : '新增服务'}
      content={
        form ? (
          <View data-testid="service-form">
            <Field label="服务名称" classPrefix="vt">
              <Input
                className="vt-input"
                value={form.name}
                maxLength={30}
                onChange={(v) => onChange({ ...form, name: v })}
                placeholder="如：上门理发"
              />
            </Field>
            <Field label="所需时间积分" classPrefix="vt">
              <Input
                className="vt-input"
                type="digit"
                value={form.points}
                onChange={(v) => onChange({ ...form, points: v })}
                placeholder="如 10"
              />
            </Field>
            <Field label="说明" classPrefix="vt">
              <TextArea
                value={form.description}
                maxLength={300}
                onChange={(v) => onChange({ ...form, description: v })}
              />
            </Field>
            <View className="vt-row">
              <View className="vt-row-label">上架</View>
              <Switch checked={form.active} onChange={(v) => onChange({ ...form, active: v })} aria-label="上架" />
            </View>
          </View>
        ) : null
      }
      confirmText="保存"
      cancelText="取消"
      onConfirm={() => void save()}
      onCancel={() => onChange(undefined)}
    />
  );
}
