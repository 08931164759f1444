import htm from 'htm';
import { h } from 'preact';

/** `html` tagged templates rendered by Preact: components without a build step. */
export const html = htm.bind(h);
