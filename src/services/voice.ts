/**
 * Voice input (语音输入) where the platform offers it: the Web Speech API in browsers that have
 * it (h5), the WechatSI plugin (微信同声传译) in the mini-program when the build declared it
 * (TARO_APP_WECHAT_SI=<version>, see app.config.ts). Everywhere else `voiceAvailable()` is false and the
 * button is not shown: typing always works.
 */
export interface VoiceHandlers {
  /** The words heard so far in this session; `final` once recognition settled. */
  onText: (text: string, final: boolean) => void;
  onEnd: () => void;
  onError: (message: string) => void;
}

export interface VoiceSession {
  stop: () => void;
}

interface WebSpeechResult {
  isFinal: boolean;
  0: { transcript: string };
}
interface WebSpeech {
  lang: string;
  interimResults: boolean;
  continuous: boolean;
  onresult: ((event: { results: ArrayLike<WebSpeechResult> }) => void) | null;
  onerror: ((event: { error: string }) => void) | null;
  onend: (() => void) | null;
  start: () => void;
  stop: () => void;
}
type WebSpeechCtor = new () => WebSpeech;

/** The WechatSI recognition manager (developers.weixin.qq.com …/extended/translator.html). */
interface RecordRecoManager {
  start: (options: { duration?: number; lang?: string }) => void;
  stop: () => void;
  onRecognize: (cb: (res: { result: string }) => void) => void;
  onStop: (cb: (res: { result: string }) => void) => void;
  onError: (cb: (res: { retcode: number; msg: string }) => void) => void;
}

declare const requirePlugin: ((name: string) => unknown) | undefined;

function webSpeech(): WebSpeechCtor | undefined {
  if (typeof window === 'undefined') return undefined;
  const w = window as unknown as { SpeechRecognition?: WebSpeechCtor; webkitSpeechRecognition?: WebSpeechCtor };
  return w.SpeechRecognition ?? w.webkitSpeechRecognition;
}

let manager: RecordRecoManager | null | undefined;
/** requirePlugin throws when the plugin is not declared in app.json: then there is no voice input. */
function wechatSI(): RecordRecoManager | undefined {
  if (manager !== undefined) return manager ?? undefined;
  try {
    const plugin =
      typeof requirePlugin === 'function'
        ? (requirePlugin('WechatSI') as { getRecordRecognitionManager?: () => RecordRecoManager })
        : undefined;
    manager = plugin?.getRecordRecognitionManager?.() ?? null;
  } catch {
    manager = null;
  }
  return manager ?? undefined;
}

export function voiceAvailable(): boolean {
  if (process.env.TARO_ENV === 'h5') return webSpeech() !== undefined;
  if (process.env.TARO_ENV === 'weapp') return wechatSI() !== undefined;
  return false;
}

const WEB_ERRORS: Record<string, string> = {
  'not-allowed': '请允许使用麦克风',
  'service-not-allowed': '请允许使用麦克风',
  'no-speech': '没有听到声音，请再说一次',
  network: '网络不好，语音识别失败，请直接输入',
};

/** Starts listening; undefined when the platform has no voice input. One session at a time. */
export function startVoice(handlers: VoiceHandlers): VoiceSession | undefined {
  if (process.env.TARO_ENV === 'h5') {
    const Ctor = webSpeech();
    if (!Ctor) return undefined;
    const recognition = new Ctor();
    recognition.lang = 'zh-CN';
    recognition.interimResults = true;
    recognition.continuous = false;
    recognition.onresult = (event) => {
      let text = '';
      let final = true;
      for (let i = 0; i < event.results.length; i += 1) {
        const result = event.results[i] as WebSpeechResult;
        text += result[0].transcript;
        final = final && result.isFinal;
      }
      handlers.onText(text, final);
    };
    recognition.onerror = (event) => handlers.onError(WEB_ERRORS[event.error] ?? '没有听清，请再说一次');
    recognition.onend = () => handlers.onEnd();
    try {
      recognition.start();
    } catch {
      handlers.onError('语音输入暂时不可用，请直接输入');
      return undefined;
    }
    return { stop: () => recognition.stop() };
  }
  if (process.env.TARO_ENV === 'weapp') {
    const si = wechatSI();
    if (!si) return undefined;
    // The manager is global: re-bind the callbacks to this session.
    si.onRecognize((res) => handlers.onText(res.result, false));
    si.onStop((res) => {
      handlers.onText(res.result, true);
      handlers.onEnd();
    });
    si.onError(() => {
      handlers.onError('没有听清，请再说一次');
      handlers.onEnd();
    });
    si.start({ duration: 60_000, lang: 'zh_CN' });
    return { stop: () => si.stop() };
  }
  return undefined;
}
