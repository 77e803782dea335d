/// <reference types="astro/client" />
// Astro's module declarations (astro:content, import.meta.env) for `tsc`, so the type check
// passes in a clean checkout too; `astro sync`/`astro build` add the generated .astro/ types.
