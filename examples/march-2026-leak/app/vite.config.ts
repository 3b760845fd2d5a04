import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    sourcemap: true,
    rollupOptions: {
      output: {
        sourcemapBaseUrl: 'https://pub-aea8527898604c1bbb12468b1581d95e.r2.dev/maps/',
      },
    },
  },
});
