import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';
import '../shared/safety.scss';
import { Page } from '../../../components/Page';

type UnitType = 'family' | 'estate' | 'school' | 'hospital' | 'enterprise';

/** A resident or a unit's contact applies for a 平安细胞 title, seeing the published criteria first. */
export default function ApplySafety() {
  const criteria = useRemote(() => call('safety', 'criteria', {}));
  const [type, setType] = useState<UnitType>('family');
  const [gridId, setGridId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const [contactName, setContactName] = useState('');
  const [contactPhone, setContactPhone] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const valid =
    name.trim().length >= 2 &&
    address.trim().length >= 2 &&
    contactName.trim().length >= 1 &&
    /^1\d{10}$/.test(contactPhone) &&
    gridId !== null;
  const submit = async () => {
    if (!gridId) return;
    setBusy(true);
    try {
      await call('safety', 'apply', {
        type,
        gridId,
        name: name.trim(),
        address: address.trim(),
        contactName: contactName.trim(),
        contactPhone,
        note: note.trim(),
      });
      void Taro.showToast({ title: '已提交申请', icon: 'success' });
      setTimeout(() => void Taro.redirectTo({ url: '/packages/safety/mine/index' }), 600);
    } catch (error) {
      void Taro.showToast({ title: (error as Error).message, icon: 'none', duration: 2500 });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Page className="safety">
      <StateView remote={criteria}>
        {(c) => (
          <>
            <View className="card" data-testid="safety-criteria">
              <View className="card-title">
                {c.communityName}平安细胞评定标准（满分 {c.max}，{c.passScore} 分及以上授牌）
              </View>
              {c.criteria.map((x) => (
                <View key={x.id} className="row">
                  <View className="row-head">
                    <Text className="name">{x.title}</Text>
                    <Text className="points">{x.points} 分</Text>
                  </View>
                  <Text className="muted">{x.description}</Text>
                </View>
              ))}
              <Text className="muted">称号按年度授予，当年年底到期，次年重新评定。</Text>
            </View>
            <View className="card">
              <View className="card-title">提交申请</View>
              <View className="label">申请类型</View>
              <View className="chips" data-testid="safety-type">
                {c.types.map((t) => (
                  <View
                    key={t.id}
                    className={`chip ${t.id === type ? 'chip-active' : ''}`}
                    onClick={() => setType(t.id as UnitType)}
                  >
                    {t.label}
                  </View>
                ))}
              </View>
              <View className="label">所在网格</View>
              <View className="chips" data-testid="safety-grid">
                {c.grids.map((g) => (
                  <View
                    key={g.id}
                    className={`chip ${g.id === gridId ? 'chip-active' : ''}`}
                    onClick={() => setGridId(g.id)}
                  >
                    {g.name}
                  </View>
                ))}
              </View>
              <View className="field" data-testid="safety-name">
                <View className="label">家庭或单位名称</View>
                <Input
                  className="input"
                  value={name}
                  maxLength={40}
                  placeholder="例如：张家、潇湘小学"
                  onChange={setName}
                />
              </View>
              <View className="field" data-testid="safety-address">
                <View className="label">地址</View>
                <Input className="input" value={address} maxLength={100} placeholder="门牌号" onChange={setAddress} />
              </View>
              <View className="field" data-testid="safety-contact">
                <View className="label">联系人</View>
                <Input className="input" value={contactName} maxLength={20} onChange={setContactName} />
              </View>
              <View className="field" data-testid="safety-phone">
                <View className="label">联系电话</View>
                <Input
                  className="input"
                  type="number"
                  value={contactPhone}
                  maxLength={11}
                  placeholder="11 位手机号"
                  onChange={setContactPhone}
                />
              </View>
              <View className="field">
                <View className="label">补充说明（选填）</View>
                <TextArea className="input" value={note} rows={3} maxLength={200} onChange={setNote} />
              </View>
              <View data-testid="safety-submit">
                <Button type="primary" block loading={busy} disabled={!valid} onClick={() => void submit()}>
                  提交申请
                </Button>
              </View>
            </View>
          </>
        )}
      </StateView>
    </Page>
  );
}
