// `zod/v4/locales/fr.js` as zod ships it: the alias that points `zod` at ../../index.ts rewrites subpaths too.
export { default } from '../../../../../../node_modules/zod/v4/locales/fr.js';
