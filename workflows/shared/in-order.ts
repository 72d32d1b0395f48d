/**
 * Work run one after another in the order it was handed in, whatever each awaits: the care-record
 * writes and effects of successive transitions land in the order the transitions were applied.
 */
export class InOrder {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const mine = this.tail.then(work);
    this.tail = mine.catch(() => undefined);
    return mine;
  }
}
