// Preloaded into the tracker by `npm run bench:hostile` (node -r): on SIGUSR2 it prints, on one
// line, the longest the event loop was blocked since the last report and the memory in use after a
// full collection, then starts over. The bench sends SIGUSR2 before and after each hostile case.
'use strict';
const { monitorEventLoopDelay } = require('node:perf_hooks');

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();

process.on('SIGUSR2', () => {
  if (typeof global.gc === 'function') global.gc();
  const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
  const report = {
    loopMaxMs: Math.round(delay.max / 1e6),
    rssMb: Math.round(rss / 1048576),
    heapMb: Math.round((heapUsed + external + arrayBuffers) / 1048576),
  };
  delay.reset();
  process.stdout.write(`loop-monitor ${JSON.stringify(report)}\n`);
});
