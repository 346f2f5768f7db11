/** Small measuring helpers the benches share. */

/** cpuMilliseconds(() => work()) → the process's CPU time (user + system) the call took, in ms */
export const cpuMilliseconds = (run) => {
  const before = process.cpuUsage();
  run();
  const { user, system } = process.cpuUsage(before);
  return (user + system) / 1000;
};

/** median([3, 1, 2]) → 2 (the upper middle of an even count) */
export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
