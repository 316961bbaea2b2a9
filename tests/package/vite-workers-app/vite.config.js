// The service worker is an entry of its own, built to /sw.js (a service worker's URL is its
// scope); the module worker needs nothing: Vite bundles `new Worker(new URL(...))` itself.
export default {
  build: {
    rollupOptions: {
      input: { main: 'index.html', sw: 'sw.js' },
      output: { entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js') },
    },
  },
};
