// Builds the desktop app into out/: main and preload for Electron, the renderer for Electron's
// window and for the loopback test host alike. Works without the Electron binary.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const root = __dirname;

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      // The job worker (electron/services/jobs) is an entry of its own: out/main/jobs-worker.js, which
      // electron/services/resources.ts finds beside the main bundle (inside app.asar when packaged).
      rollupOptions: {
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          'jobs-worker': resolve(root, 'electron/services/jobs/worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // A sandboxed preload cannot require anything but `electron`: bundle the API schemas into it.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      // electron-vite leaves the renderer unminified; minified, the first screen parses a third of it.
      minify: true,
      sourcemap: true,
      rollupOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
