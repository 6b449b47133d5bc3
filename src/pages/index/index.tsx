import { Cell, Grid, Tag } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { CouncilNoticesCard } from '../../components/CouncilNoticesCard';
import { PrivacyGate } from '../../components/PrivacyGate';
import { StateView } from '../../components/StateView';
import { useProfile } from '../../hooks/useProfile';
import { useUnreadBadge } from '../../hooks/useUnreadBadge';
import { entriesFor, openEntry } from '../../services/entries';
import './index.scss';

export default function Home() {
  const profile = useProfile();
  useUnreadBadge();
  return (
    <View className="page home">
      <StateView remote={profile}>
        {(me) => (
          <>
            <PrivacyGate profile={me} onAccepted={() => void profile.reload()} />
            <View className="card home-hero" data-testid="home-community">
              <Text className="home-greeting">您好，{me.nickname}</Text>
              {me.community ? (
                <View className="muted">
                  {me.street?.name} · {me.community.name}
                  {me.grid ? ` · ${me.grid.name}` : ''}
                </View>
              ) : (
                <Cell
                  title="还没有选择所在社区"
                  extra="去选择"
                  clickable
                  onClick={() => void openEntry({ url: '/packages/profile/join/index' })}
                />
              )}
              <View className="home-roles">
                {me.roles.map((role) => (
                  <Tag key={`${role.role}-${role.communityId ?? 'all'}-${role.gridId ?? ''}`} type="primary" plain>
                    {role.label}
                  </Tag>
                ))}
              </View>
            </View>
            {me.community && <CouncilNoticesCard />}
            <View className="card">
              <View className="card-title">常用功能</View>
              <Grid columns={4}>
                {entriesFor(me.roles.map((r) => r.role)).map((entry) => (
                  <Grid.Item key={entry.key} text={entry.text} onClick={() => void openEntry(entry)} />
                ))}
              </Grid>
            </View>
          </>
        )}
      </StateView>
    </View>
  );
}
