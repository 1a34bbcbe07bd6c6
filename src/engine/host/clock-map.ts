// Maps the audio clock (AudioContext.currentTime, which advances in render quanta and, on a silent
// sink, in bursts) onto the monotonic wall clock. The lower envelope of (wall - audio) over the last
// two windows is the moment a quantum was just rendered: stable to a few microseconds, yet following
// the slow drift between the sound card's crystal and the system clock.

const WINDOW_MS = 1000;

export class ClockMap {
  private current = Infinity;
  private previous = Infinity;
  private windowStart = -Infinity;

  /** Records one reading of both clocks. */
  observe(audioSeconds: number, wallMs: number): void {
    if (wallMs - this.windowStart > WINDOW_MS) {
      this.previous = this.current;
      this.current = Infinity;
      this.windowStart = wallMs;
    }
    this.current = Math.min(this.current, wallMs - audioSeconds * 1000);
  }

  get ready(): boolean {
    return Number.isFinite(this.offset);
  }

  private get offset(): number {
    return Math.min(this.current, this.previous);
  }

  /** Wall-clock milliseconds at which the audio clock reads `audioSeconds`. */
  wallAt(audioSeconds: number): number {
    return audioSeconds * 1000 + this.offset;
  }

  /** The audio clock (seconds) at wall-clock `wallMs`. */
  audioAt(wallMs: number): number {
    return (wallMs - this.offset) / 1000;
  }

  reset(): void {
    this.current = this.previous = Infinity;
    this.windowStart = -Infinity;
  }
}
