// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { dataStoreFromDisk } from './src/integrations/data-store-from-disk.ts';
import { pageDownloads } from './src/integrations/page-downloads.ts';

/** Base path: every internal URL is built from it (SITE_BASE=/sub/path/ for sub-path deploys). */
const base = process.env.SITE_BASE || '/';

export default defineConfig({
  site: process.env.SITE_URL || 'https://pnrr-lombardia.example.org',
  base,
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'always' },
  integrations: [mdx(), dataStoreFromDisk(), pageDownloads()],
  devToolbar: { enabled: false },
});
