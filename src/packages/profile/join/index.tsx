import { Cell } from '@nutui/nutui-react-taro';
import Taro from '@tarojs/taro';
import { confirmThen } from '../../../components/confirm';
import { Page } from '../../../components/Page';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../services/client';

export default function JoinCommunity() {
  const communities = useRemote(() => call('identity', 'listCommunities', { skip: 0, limit: 50 }));
  const choose = (communityId: string, gridId: string, label: string) =>
    confirmThen(
      {
        title: '确认所在网格',
        content: `确认您住在「${label}」吗？您上报的事项将交给这个网格的网格员办理。`,
      },
      async () => {
        try {
          const done = await call('identity', 'joinCommunity', { communityId, gridId });
          // Moving to another community waits for its staff; say so instead of "done".
          void Taro.showToast(
            done.moveRequest
              ? { title: '已提交迁入申请，待新社区工作人员审核', icon: 'none' }
              : { title: '已设置', icon: 'success' },
          );
          setTimeout(() => void Taro.navigateBack(), 600);
        } catch (error) {
          void Taro.showToast({ title: (error as Error).message, icon: 'none' });
        }
      },
    );
  return (
    <Page>
      <StateView remote={communities} isEmpty={(d) => d.items.length === 0} emptyText="暂无可选择的社区">
        {(data) =>
          data.items.map((community) => (
            <Cell.Group key={community.id} title={community.name}>
              {community.grids.map((grid) => (
                <Cell
                  key={grid.id}
                  title={grid.name}
                  clickable
                  onClick={() => choose(community.id, grid.id, `${community.name} ${grid.name}`)}
                />
              ))}
            </Cell.Group>
          ))
        }
      </StateView>
    </Page>
  );
}
