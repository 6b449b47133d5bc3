import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';

const PROXY_PAGE = 'packages/care/proxy/index';

export interface Invite {
  agent: string;
  name: string;
}

/**
 * What a helper's QR code / share card carries: this page with the helper's id (and their name, for
 * the confirmation; the server's answer names who was really authorised).
 */
export function inviteLink(userId: string, name: string): string {
  const query = `agent=${encodeURIComponent(userId)}&name=${encodeURIComponent(name)}`;
  return process.env.TARO_ENV === 'h5'
    ? `${window.location.origin}${window.location.pathname}#/${PROXY_PAGE}?${query}`
    : `/${PROXY_PAGE}?${query}`;
}
export const SHARE_FALLBACK_PATH = `/${PROXY_PAGE}`;

function parseInvite(text: string): Invite | null {
  const query = text.split('?')[1] ?? '';
  const params = new Map(
    query.split('&').map((pair) => {
      const [k, v = ''] = pair.split('=');
      return [k ?? '', decodeURIComponent(v)] as const;
    }),
  );
  const agent = params.get('agent');
  return agent ? { agent, name: params.get('name') || '对方' } : null;
}

/** Who asks to help, awaiting this person's yes: from the link that opened the page, or a scanned code. */
export function useInvite() {
  const params = useRouter().params;
  const [invite, setInvite] = useState<Invite | null>(() =>
    params.agent
      ? { agent: decodeURIComponent(params.agent), name: decodeURIComponent(params.name ?? '') || '对方' }
      : null,
  );
  const scan = async () => {
    try {
      const { result } = await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] });
      const found = parseInvite(result);
      if (!found) return void Taro.showToast({ title: '这不是代办二维码', icon: 'none' });
      setInvite(found);
    } catch {
      // cancelled
    }
  };
  return { invite, setInvite, scan };
}
