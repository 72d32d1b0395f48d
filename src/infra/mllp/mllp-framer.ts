/**
 * MLLP framing (HL7 v2 Minimal Lower Layer Protocol, release 2): a message travels as
 * `<VT> message <FS><CR>`. The framer turns a byte stream into frames and says what was wrong
 * with what it could not frame, so the listener survives a broken sender instead of losing sync:
 * - bytes before a VT (line noise, a sender's keep-alive) are skipped and reported once per run;
 * - a VT inside a frame means the frame before it never ended: it is dropped and reported;
 * - a frame longer than `maxFrameBytes` is cut off: its first line (the MSH, so it can be answered)
 *   is kept, the rest is skipped up to its FS.
 */

const VT = 0x0b;
const FS = 0x1c;
const CR = 0x0d;

/** What the framer produced from a chunk. */
export type MllpFrameEvent =
  | { readonly kind: 'frame'; readonly message: Buffer }
  | { readonly kind: 'oversized'; readonly mshLine: Buffer; readonly limit: number }
  | { readonly kind: 'garbage'; readonly bytes: number }
  | { readonly kind: 'unterminated'; readonly bytes: number };

/** A stateful framer for one connection. */
export class MllpFramer {
  private inFrame = false;
  private chunks: Buffer[] = [];
  private size = 0;
  private oversized = false;
  private garbage = 0;
  // After FS, a CR is expected; it is consumed when it comes and not required.
  private afterFs = false;

  constructor(private readonly maxFrameBytes: number) {}

  /** Bytes of a frame begun and not yet ended (0 between frames): a dropped connection loses these. */
  get pendingBytes(): number {
    return this.inFrame ? this.size : 0;
  }

  /** Feeds one chunk; returns the events it completed, in order. */
  push(chunk: Buffer): MllpFrameEvent[] {
    const events: MllpFrameEvent[] = [];
    let at = 0;
    while (at < chunk.length) {
      if (this.afterFs) {
        this.afterFs = false;
        if (chunk[at] === CR) at += 1;
        continue;
      }
      if (!this.inFrame) {
        const start = chunk.indexOf(VT, at);
        const skipped = (start === -1 ? chunk.length : start) - at;
        this.garbage += skipped;
        if (start === -1) break;
        if (this.garbage > 0) events.push({ kind: 'garbage', bytes: this.garbage });
        this.garbage = 0;
        this.begin();
        at = start + 1;
        continue;
      }
      const vt = chunk.indexOf(VT, at);
      const fs = chunk.indexOf(FS, at);
      if (vt !== -1 && (fs === -1 || vt < fs)) {
        // A new frame began before this one ended: the sender lost this one.
        this.append(chunk.subarray(at, vt));
        events.push({ kind: 'unterminated', bytes: this.size });
        this.begin();
        at = vt + 1;
        continue;
      }
      if (fs === -1) {
        this.append(chunk.subarray(at));
        break;
      }
      this.append(chunk.subarray(at, fs));
      events.push(this.finish());
      this.afterFs = true;
      at = fs + 1;
    }
    return events;
  }

  private begin(): void {
    this.inFrame = true;
    this.chunks = [];
    this.size = 0;
    this.oversized = false;
  }

  private append(part: Buffer): void {
    if (part.length === 0) return;
    this.size += part.length;
    if (this.oversized) return;
    if (this.size > this.maxFrameBytes) {
      // Keep only the first line, which names the message for its NAK.
      const whole = Buffer.concat([...this.chunks, part]);
      const end = whole.indexOf(CR);
      this.chunks = [whole.subarray(0, Math.min(end === -1 ? whole.length : end, 4096))];
      this.oversized = true;
      return;
    }
    this.chunks.push(part);
  }

  private finish(): MllpFrameEvent {
    this.inFrame = false;
    const body = Buffer.concat(this.chunks);
    this.chunks = [];
    return this.oversized ? { kind: 'oversized', mshLine: body, limit: this.maxFrameBytes } : { kind: 'frame', message: body };
  }
}

/** A message framed for MLLP. */
export function mllpFrame(message: string): Buffer {
  return Buffer.concat([Buffer.from([VT]), Buffer.from(message, 'utf8'), Buffer.from([FS, CR])]);
}
