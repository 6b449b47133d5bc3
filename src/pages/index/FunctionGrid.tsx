import { Grid } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { EntryIcon } from '../../components/EntryIcon';
import { type Entry, openEntry } from '../../services/entries';

/** 常用功能: every entry the person's roles open, as a grid of icons (two columns in 关怀模式). */
export function FunctionGrid({ entries, care }: { entries: Entry[]; care: boolean }) {
  return (
    <View className="card">
      <View className="card-title">常用功能</View>
      <Grid columns={care ? 2 : 4}>
        {entries.map((entry) => (
          <Grid.Item key={entry.key} text={entry.text} onClick={() => void openEntry(entry)}>
            <EntryIcon entryKey={entry.key} size={care ? 32 : 24} />
          </Grid.Item>
        ))}
      </Grid>
    </View>
  );
}

export default FunctionGrid;
