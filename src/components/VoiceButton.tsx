import { Microphone } from '@nutui/icons-react-taro';
import { Button } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { startVoice, type VoiceSession, voiceAvailable } from '../services/voice';

interface VoiceButtonProps {
  /** The text before listening started; what is heard is appended to it. */
  base: string;
  onText: (text: string) => void;
  testId: string;
}

/** 按一下说话，再按一下结束. Renders nothing where the platform has no voice input. */
export function VoiceButton({ base, onText, testId }: VoiceButtonProps) {
  const [available] = useState(voiceAvailable);
  const [listening, setListening] = useState(false);
  const session = useRef<VoiceSession>();
  const start = useRef('');
  useEffect(() => () => session.current?.stop(), []);
  if (!available) return null;

  const toggle = () => {
    if (listening) {
      session.current?.stop();
      return;
    }
    start.current = base;
    const joined = (heard: string) => (start.current ? `${start.current}${heard}` : heard);
    session.current = startVoice({
      onText: (heard) => onText(joined(heard)),
      onEnd: () => {
        setListening(false);
        session.current = undefined;
      },
      onError: (message) => void Taro.showToast({ title: message, icon: 'none', duration: 2500 }),
    });
    setListening(session.current !== undefined);
  };

  return (
    <View data-testid={testId} className="voice-button">
      <Button
        block
        type={listening ? 'danger' : 'default'}
        fill={listening ? 'solid' : 'outline'}
        onClick={toggle}
        aria-label={listening ? '结束语音输入' : '语音输入问题描述'}
        // NutUI's own icon, not the 🎤 emoji: phones without a colour-emoji font draw that as an empty box.
        icon={listening ? undefined : <Microphone />}
      >
        {listening ? '正在听…说完请按这里' : '按一下说话'}
      </Button>
    </View>
  );
}
