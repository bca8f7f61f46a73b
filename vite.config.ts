/**
 * Builds the renderer (src/ui) into build/ui, which both the Electron shell
 * and the web host serve. `base: './'` keeps asset URLs relative so the same
 * build loads from file:// (Electron) and from the web host's root.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: 'src/ui',
  base: './',
  build: {
    outDir: '../../build/ui',
    emptyOutDir: true,
    // OpenLayers is large; one bundle is fine for a desktop app loaded locally.
    chunkSizeWarningLimit: 2000,
  },
  server: {
    // The renderer imports style, code layouts and taxonomies from /schemas.
    fs: { allow: [repoRoot] },
  },
});
