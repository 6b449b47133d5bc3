import {
  Articles,
  Category,
  Clock,
  Comment,
  Edit,
  Feedback,
  Gift,
  Heart,
  Home,
  List,
  Location,
  Message,
  Notice,
  Order,
  Photograph,
  Service,
  Setting,
  ShieldCheck,
  Star,
  Store,
  User,
  UserAdd,
  Wallet,
} from '@nutui/icons-react-taro';
import type { ComponentType } from 'react';

type Icon = ComponentType<{ size?: number | string; color?: string }>;

/** One picture per home entry (NutUI's own icon set: no outside images), keyed by Entry.key. */
const ICONS: Record<string, Icon> = {
  report: Photograph,
  'report-mine': List,
  'report-queue': Order,
  'report-dispatch': Order,
  'report-stats': Category,
  greencoin: Wallet,
  'greencoin-shop': Store,
  'greencoin-score': Star,
  'greencoin-queue': Gift,
  'council-notices': Notice,
  'council-topics': Comment,
  'council-board': Articles,
  'council-manage': Edit,
  'council-opinions': Feedback,
  'council-procedures': List,
  'volunteer-me': Clock,
  'volunteer-activities': Heart,
  'volunteer-staff': UserAdd,
  'safety-mine': ShieldCheck,
  'safety-public': Star,
  'safety-queue': ShieldCheck,
  'admin-dashboard': Category,
  'admin-places': Location,
  'admin-roles': User,
  messages: Message,
  profile: Setting,
  proxy: Service,
};

export function EntryIcon({ entryKey, size = 24 }: { entryKey: string; size?: number }) {
  const Picture = ICONS[entryKey] ?? Home;
  return <Picture size={size} color="#0f7b5f" />;
}
