/** Files bundled as text (esbuild `with { type: 'text' }`); tests mock them. */
declare module '*.csv' {
  const text: string;
  export default text;
}
