import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Run from the repository root as `vite build web`: web/ is the Vite root.
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // The charts and graph libraries are large and only used on a few pages:
    // keep them in their own chunks so the first load stays small.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|echarts-for-react)[\\/]/ },
            { name: 'cytoscape', test: /node_modules[\\/]cytoscape[\\/]/ },
          ],
        },
      },
    },
    chunkSizeWarningLimit: 1200,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
