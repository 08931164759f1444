/** The part of `qrcode` (no bundled types) that vouchers use. */
declare module 'qrcode' {
  interface QrStringOptions {
    type?: 'svg' | 'utf8' | 'terminal';
    errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H';
    margin?: number;
  }
  // biome-ignore lint/suspicious/noShadowRestrictedNames: the library's own export name
  export function toString(text: string, options?: QrStringOptions): Promise<string>;
}
