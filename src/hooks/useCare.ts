import { useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { careEnabled, onCareChange } from '../services/care';

/** Whether care mode is on, kept current when it is switched on any page. */
export function useCare(): boolean {
  const [on, setOn] = useState(careEnabled);
  useEffect(() => onCareChange(setOn), []);
  useDidShow(() => setOn(careEnabled()));
  return on;
}
