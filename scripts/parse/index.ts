/**
 * The table families, in the order they run. Each is a pure function of the parse context.
 * `parseMeasures` runs last: it reads the headings and running text the tables left unclaimed.
 */
export { parseProgrammes } from './programmes.ts';
export { parseCpiFamily } from './cpi.ts';
export { parseProjectsFamily } from './projects.ts';
export { parseMeasures } from './measures.ts';
export { buildComuni } from './comuni.ts';
