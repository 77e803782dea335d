/**
 * Slugs on the page side. The rule is the normaliser's (scripts/lib/slug.ts), re-exported rather
 * than copied: a link computed here from a name must land on the page the normaliser's slug
 * named, so there must be exactly one implementation.
 */
export { slugify } from '../../scripts/lib/slug.ts';
export { cupSlug } from './links.ts';
