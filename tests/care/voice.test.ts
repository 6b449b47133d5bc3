import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * src/services/voice.ts outside a browser: the weapp branch against a stand-in for the WechatSI
 * plugin, and the guards that hide voice input when the plugin is not declared.
 */
type Voice = typeof import('../../src/services/voice');
const g = globalThis as unknown as { requirePlugin?: unknown; window?: unknown };

async function load(env: 'weapp' | 'h5'): Promise<Voice> {
  vi.resetModules();
  vi.stubEnv('TARO_ENV', env);
  return import('../../src/services/voice');
}

afterEach(() => {
  vi.unstubAllEnvs();
  delete g.requirePlugin;
  delete g.window;
});

describe('voice input (语音输入) where the platform offers it', () => {
  it('weapp without the plugin declared: no voice input, nothing thrown', async () => {
    expect((await load('weapp')).voiceAvailable()).toBe(false);
    g.requirePlugin = () => {
      throw new Error('plugin WechatSI is not defined');
    };
    const voice = await load('weapp');
    expect(voice.voiceAvailable()).toBe(false);
    expect(voice.startVoice({ onText: () => {}, onEnd: () => {}, onError: () => {} })).toBeUndefined();
  });

  it('weapp with WechatSI: starts in Mandarin, passes interim and final text, ends once', async () => {
    const callbacks: Record<string, (res: never) => void> = {};
    const started: unknown[] = [];
    const manager = {
      start: (options: unknown) => started.push(options),
      stop: () => callbacks.onStop?.({ result: '电梯坏了' } as never),
      onRecognize: (cb: (res: never) => void) => {
        callbacks.onRecognize = cb;
      },
      onStop: (cb: (res: never) => void) => {
        callbacks.onStop = cb;
      },
      onError: (cb: (res: never) => void) => {
        callbacks.onError = cb;
      },
    };
    g.requirePlugin = (name: string) => (name === 'WechatSI' ? { getRecordRecognitionManager: () => manager } : {});
    const voice = await load('weapp');
    expect(voice.voiceAvailable()).toBe(true);
    const heard: Array<[string, boolean]> = [];
    let ended = 0;
    const session = voice.startVoice({ onText: (t, f) => heard.push([t, f]), onEnd: () => ended++, onError: () => {} });
    expect(started).toEqual([{ duration: 60_000, lang: 'zh_CN' }]);
    callbacks.onRecognize?.({ result: '电梯' } as never);
    session?.stop();
    expect(heard).toEqual([
      ['电梯', false],
      ['电梯坏了', true],
    ]);
    expect(ended).toBe(1);
  });

  it('h5 without SpeechRecognition: no voice input', async () => {
    g.window = {};
    const voice = await load('h5');
    expect(voice.voiceAvailable()).toBe(false);
    expect(voice.startVoice({ onText: () => {}, onEnd: () => {}, onError: () => {} })).toBeUndefined();
  });
});
