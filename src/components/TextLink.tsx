import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './TextLink.scss';

/**
 * The one small text link ("查看监督对象 ›", "查看进度 ›"): a line of words is 20 px tall, too small
 * a target for an older finger, so the link is a 44 px row (TextLink.scss) whatever its font.
 * `role` is 'button' where the tap opens something in place rather than another page.
 */
export function TextLink(props: {
  children: ReactNode;
  onClick: () => void;
  testId?: string;
  role?: 'link' | 'button';
  className?: string;
}) {
  return (
    <View
      className={`text-link ${props.className ?? ''}`}
      role={props.role ?? 'link'}
      data-testid={props.testId}
      onClick={props.onClick}
    >
      {props.children}
    </View>
  );
}
