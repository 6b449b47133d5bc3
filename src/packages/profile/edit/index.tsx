import { Button, Form, Input } from '@nutui/nutui-react-taro';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Page } from '../../../components/Page';
import { StateView } from '../../../components/StateView';
import { useProfile } from '../../../hooks/useProfile';
import { call } from '../../../services/client';

export default function EditProfile() {
  const profile = useProfile();
  const [saving, setSaving] = useState(false);
  const save = async (values: { nickname: string; phone: string }) => {
    setSaving(true);
    try {
      await call('identity', 'updateProfile', { nickname: values.nickname.trim(), phone: values.phone.trim() });
      void Taro.showToast({ title: '已保存', icon: 'success' });
      setTimeout(() => void Taro.navigateBack(), 600);
    } catch (error) {
      void Taro.showToast({ title: (error as Error).message, icon: 'none' });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Page>
      <StateView remote={profile}>
        {(me) => (
          <Form
            initialValues={{ nickname: me.nickname, phone: me.phone ?? '' }}
            onFinish={(values) => void save(values as { nickname: string; phone: string })}
            footer={
              <Button formType="submit" type="primary" block loading={saving}>
                保存
              </Button>
            }
          >
            <Form.Item
              label="昵称"
              name="nickname"
              rules={[
                { required: true, message: '请填写昵称' },
                { max: 20, message: '最多 20 个字' },
              ]}
            >
              <Input placeholder="请输入昵称" maxLength={20} />
            </Form.Item>
            <Form.Item
              label="手机号"
              name="phone"
              rules={[{ pattern: /^(1[3-9]\d{9})?$/, message: '请输入 11 位手机号' }]}
            >
              <Input placeholder="他人只能看到打码后的号码" type="tel" maxLength={11} />
            </Form.Item>
          </Form>
        )}
      </StateView>
    </Page>
  );
}
