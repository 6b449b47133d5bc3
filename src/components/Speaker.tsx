import { Text } from '@tarojs/components';
import './Speaker.scss';

/** The server's word for who spoke (reports' timeline, opinions, disclosures, minutes). */
export interface SpeakerRole {
  role: string;
  label: string;
}

/**
 * A name as written with the role the server verified beside it (「网格员」「社区工作者」「乡贤监督员」).
 * The badge comes only from the record's `…Role` field: a nickname is free text, and a resident who
 * calls themselves 陈书记 still shows as plain 陈书记, with no badge.
 */
export function Speaker({ name, role }: { name: string; role: SpeakerRole | null | undefined }) {
  return (
    <Text className="speaker">
      {name}
      {role && (
        <Text className={`speaker-badge speaker-${role.role}`} data-testid="speaker-badge" data-role={role.role}>
          {role.label}
        </Text>
      )}
    </Text>
  );
}
