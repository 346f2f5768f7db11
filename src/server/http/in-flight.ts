/** Counts MCP requests being served, so shutdown can wait for them to finish. */
export class InFlight {
  private count = 0;
  private waiters: (() => void)[] = [];

  constructor(private readonly onChange: (count: number) => void) {}

  /** marks one request started; call the returned function once when it ends */
  start(): () => void {
    this.count += 1;
    this.onChange(this.count);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.count -= 1;
      this.onChange(this.count);
      if (this.count === 0) for (const wake of this.waiters.splice(0)) wake();
    };
  }

  /** resolves when no request is in flight */
  idle(): Promise<void> {
    return this.count === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}
