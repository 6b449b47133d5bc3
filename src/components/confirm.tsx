import Taro from '@tarojs/taro';
import { type ReactNode, useEffect, useState } from 'react';
import { ConfirmDialog } from './confirmDialog';

/**
 * The app's one way to ask before anything irreversible, and to tell a person something they must
 * acknowledge. Every page's <Page> mounts one <ConfirmHost/>, keyed by the page's route so a dialog
 * never opens on a page hidden lower in the stack. The host renders nothing until it is asked: a
 * dialog nobody opened costs a page's first render nothing.
 */
export interface ConfirmOptions {
  title: string;
  content: ReactNode;
  confirmText?: string;
  cancelText?: string;
}

interface Question extends ConfirmOptions {
  acknowledgeOnly: boolean;
  answer: (ok: boolean) => void;
}

const hosts = new Map<string, (question: Question | null) => void>();
const currentRoute = (): string => Taro.getCurrentInstance().router?.path ?? '';

export function ConfirmHost() {
  const [question, setQuestion] = useState<Question | null>(null);
  useEffect(() => {
    const route = currentRoute();
    hosts.set(route, setQuestion);
    return () => {
      if (hosts.get(route) === setQuestion) hosts.delete(route);
    };
  }, []);
  if (!question) return null;
  const settle = (ok: boolean) => {
    setQuestion(null);
    question.answer(ok);
  };
  return (
    <ConfirmDialog
      visible
      title={question.title}
      content={question.content}
      confirmText={question.confirmText ?? (question.acknowledgeOnly ? '知道了' : '确认')}
      cancelText={question.cancelText ?? '取消'}
      hideCancelButton={question.acknowledgeOnly}
      onConfirm={() => settle(true)}
      onCancel={() => settle(false)}
      onClose={() => settle(false)}
    />
  );
}

function ask(options: ConfirmOptions, acknowledgeOnly: boolean): Promise<boolean> {
  return new Promise((resolve) => {
    const host = hosts.get(currentRoute());
    if (!host) throw new Error(`confirm(): no <Page> on ${currentRoute() || 'this route'} mounts a ConfirmHost`);
    let settled = false;
    host({
      ...options,
      acknowledgeOnly,
      answer: (ok) => {
        if (settled) return;
        settled = true;
        resolve(ok);
      },
    });
  });
}

/** Resolves true on 确认 (NutUI's own default word) and false on 取消 or a tap outside. */
export function confirm(options: ConfirmOptions): Promise<boolean> {
  return ask(options, false);
}

/** Asks, then runs `action` only on 确认. */
export function confirmThen(options: ConfirmOptions, action: () => unknown): void {
  void confirm(options).then((ok) => {
    if (ok) void action();
  });
}

/** A message with a single 知道了 (replaces Taro.showModal with showCancel: false). */
export function acknowledge(options: Omit<ConfirmOptions, 'cancelText'>): Promise<void> {
  return ask(options, true).then(() => undefined);
}
