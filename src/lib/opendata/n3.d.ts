/**
 * The part of n3 (2.x, which ships no type declarations) that the open-data tests use to parse
 * catalogo.ttl with a real RDF parser.
 */
declare module 'n3' {
  export interface Term {
    termType: 'NamedNode' | 'BlankNode' | 'Literal' | 'Variable' | 'DefaultGraph' | 'Quad';
    value: string;
    language?: string;
    datatype?: Term;
  }
  export interface Quad {
    subject: Term;
    predicate: Term;
    object: Term;
    graph: Term;
  }
  export class Parser {
    constructor(options?: { format?: string; baseIRI?: string });
    parse(input: string): Quad[];
  }
}
