import type { ReactNode } from 'react';
import { Field as FormField } from '../../../components/Field';

/** A labelled form field in the council pages' look. */
export function Field(props: { label: string; testId?: string; children: ReactNode }) {
  return <FormField classPrefix="council" {...props} />;
}
