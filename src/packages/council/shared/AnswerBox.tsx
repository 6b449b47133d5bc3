import { Button, TextArea } from '@nutui/nutui-react-taro';
import type { ReactNode } from 'react';

/**
 * Staff's answer under an open item (an opinion, a topic): a 答复 button that opens a text box
 * (with `children` above it, e.g. the answer's kind) and 提交答复 once it holds four characters.
 */
export function AnswerBox(props: {
  open: boolean;
  onOpen: () => void;
  value: string;
  onChange: (value: string) => void;
  maxLength: number;
  placeholder: string;
  onSubmit: () => void;
  children?: ReactNode;
}) {
  if (!props.open) {
    return (
      <Button size="small" type="primary" fill="outline" onClick={props.onOpen}>
        答复
      </Button>
    );
  }
  return (
    <>
      {props.children}
      <TextArea
        className="council-input"
        value={props.value}
        rows={3}
        maxLength={props.maxLength}
        placeholder={props.placeholder}
        onChange={props.onChange}
      />
      <Button type="primary" disabled={props.value.trim().length < 4} onClick={props.onSubmit}>
        提交答复
      </Button>
    </>
  );
}
