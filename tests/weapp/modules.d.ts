// The WeChat test packages ship no types; only what tests/weapp uses is declared.
declare module 'miniprogram-compiler' {
  export function wxmlToJs(root: string, options?: { maxBuffer?: number }): string;
  export function wxssToJs(root: string, options?: { maxBuffer?: number }): string;
}
declare module 'miniprogram-compiler/src/wcsc' {
  const wcsc: (root: string, files: string[], options: { maxBuffer: number }) => Record<string, string> | Error;
  export default wcsc;
}
declare module 'miniprogram-simulate' {
  const simulate: any;
  export default simulate;
}
declare module 'jsdom' {
  export class JSDOM {
    constructor(html?: string, options?: Record<string, unknown>);
    readonly window: any;
  }
}
