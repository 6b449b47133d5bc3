import { Avatar, Button, Cell, Grid, Switch } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ActionOutput } from '../../../cloudfunctions/api';
import { confirmThen } from '../../components/confirm';
import { EntryIcon } from '../../components/EntryIcon';
import { StateView } from '../../components/StateView';
import { formatPicked } from '../../components/ui';
import { useCare } from '../../hooks/useCare';
import { useProfile } from '../../hooks/useProfile';
import { useUnreadBadge } from '../../hooks/useUnreadBadge';
import { setCare } from '../../services/care';
import { LOGIN_PAGE, session } from '../../services/session';
import './index.scss';
import { Page } from '../../components/Page';

/** What a resident looks for under 我的 (as in 随申办 / 粤省事): their own cases, coins, hours, helpers, messages. */
const MY_SERVICES = [
  { key: 'report-mine', text: '我的上报', url: '/packages/reports/mine/index' },
  { key: 'greencoin', text: '我的绿币', url: '/packages/greencoin/wallet/index' },
  { key: 'volunteer-me', text: '时间银行', url: '/packages/volunteer/me/index' },
  { key: 'proxy', text: '代办', url: '/packages/care/proxy/index' },
  { key: 'messages', text: '消息', url: '/packages/profile/messages/index' },
];

type Me = ActionOutput<'identity', 'me'>;
const go = (url: string) => () => void Taro.navigateTo({ url });

/** 我的: who I am, my services, my community, messages, 代办 and settings. */
export default function MePage() {
  const profile = useProfile();
  // Nothing but identity is asked before the privacy notice is accepted (as on the home page).
  const unread = useUnreadBadge(profile.data !== undefined && !profile.data.privacy.needsConsent);
  return (
    <Page className="me">
      <StateView remote={profile}>
        {(me) => (
          <>
            <MeHeader me={me} />
            <ServicesCard />
            <Cell.Group title="我的社区">
              <Cell
                title="所在社区"
                extra={me.community?.name ?? '未选择'}
                clickable
                onClick={go('/packages/profile/join/index')}
              />
              <Cell title="所在网格" extra={me.grid?.name ?? '未选择'} />
              <Cell title="身份" extra={me.roles.map((r) => r.label).join('、') || '无'} />
            </Cell.Group>
            <Cell.Group title="消息">
              <View data-testid="messages-entry">
                <Cell
                  title="消息中心"
                  extra={unread ? `${unread} 条未读` : '查看'}
                  clickable
                  onClick={go('/packages/profile/messages/index')}
                />
              </View>
            </Cell.Group>
            <Cell.Group title="代办">
              <View data-testid="me-proxy">
                <Cell
                  title="代办授权与记录"
                  description="让家人或网格员帮您办事，随时可撤销"
                  clickable
                  onClick={go('/packages/care/proxy/index')}
                />
              </View>
            </Cell.Group>
            <SettingsGroup me={me} />
            {process.env.TARO_ENV === 'h5' && <SwitchPersona />}
          </>
        )}
      </StateView>
    </Page>
  );
}

function MeHeader({ me }: { me: Me }) {
  return (
    <View className="card me-header">
      <Avatar size="large" background="#0f7b5f" color="#ffffff">
        {me.nickname.slice(0, 1)}
      </Avatar>
      <View className="me-name">
        <Text className="card-title" data-testid="me-nickname">
          {me.nickname}
        </Text>
        <Text className="muted">{me.phoneMasked ?? '未绑定手机号'}</Text>
      </View>
    </View>
  );
}

function ServicesCard() {
  const care = useCare();
  return (
    <View className="card" data-testid="me-services">
      <View className="card-title">我的服务</View>
      <Grid columns={care ? 2 : 4}>
        {MY_SERVICES.map((entry) => (
          <Grid.Item key={entry.key} text={entry.text} onClick={go(entry.url)} data-testid={`me-service-${entry.key}`}>
            <EntryIcon entryKey={entry.key} size={care ? 32 : 24} />
          </Grid.Item>
        ))}
      </Grid>
    </View>
  );
}

function SettingsGroup({ me }: { me: Me }) {
  const care = useCare();
  return (
    <Cell.Group title="设置">
      <View data-testid="care-switch">
        <Cell
          title="关怀模式"
          description="大字体、大按钮、高对比，首页只留常用功能"
          extra={<Switch checked={care} onChange={(on) => setCare(on)} aria-label="关怀模式" />}
        />
      </View>
      <Cell title="编辑资料" clickable onClick={go('/packages/profile/edit/index')} />
      <Cell
        title="隐私政策"
        extra={me.privacy.acceptedVersion ? `已同意（${formatPicked(me.privacy.acceptedVersion)}版）` : '未同意'}
        clickable
        onClick={go('/packages/profile/privacy/index')}
      />
    </Cell.Group>
  );
}

/** h5 demo only: back to the persona picker, asked first. */
function SwitchPersona() {
  const switchPersona = () =>
    confirmThen({ title: '切换身份', content: '将退出当前身份并回到选择页面。' }, () => {
      session.clear();
      void Taro.reLaunch({ url: LOGIN_PAGE });
    });
  return (
    <View className="me-actions">
      <Button block onClick={switchPersona}>
        切换体验身份
      </Button>
    </View>
  );
}
