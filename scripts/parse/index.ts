/**
 * The table families, in the order they run. Each is a pure function of the parse context.
 * `scanHeadings` reads the document's headings, shared by the programme tables and the measures;
 * `parseMeasures` runs last: it reads the headings and running text the tables left unclaimed.
 */
export { scanHeadings } from './measure-headings.ts';
export { parseProgrammes } from './programmes.ts';
export { parseCpiFamily } from './cpi.ts';
export { parseProjectsFamily } from './projects.ts';
export { parseMeasures } from './measures.ts';
export { buildComuni } from './comuni.ts';
