import type { RescoreProgress } from './types';

/**
 * One line of progress for a terminal: a bar, records done, the rate and the time left.
 * @example formatProgressBar({ done: 4200, doneThisRun: 4200, total: 20000, elapsedMs: 11000 }, 20)
 * // "[████░░░░░░░░░░░░░░░░] 4,200/20,000  21%  382/s  0:41 left"
 */
export function formatProgressBar(progress: RescoreProgress, width = 24, noun = 'contacts'): string {
  const { done, total } = progress;
  const rate = ratePerSecond(progress);
  if (total === null || total === 0) return `${group(done)} ${noun}  ${group(Math.round(rate))}/s`;
  const share = Math.min(1, done / total);
  const filled = Math.round(share * width);
  const left = timeLeft(progress, rate);
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${group(done)}/${group(total)}  ${Math.floor(share * 100)}%  ${group(Math.round(rate))}/s${left === null ? '' : `  ${clock(left)} left`}`;
}

/**
 * The same as a plain line, for logs (stderr is not a terminal).
 * @example formatProgressLine(progress) // "rescore: 4,200/20,000 contacts (21%), 382/s, about 0:41 left"
 */
export function formatProgressLine(progress: RescoreProgress, noun = 'contacts'): string {
  const rate = ratePerSecond(progress);
  const { done, total } = progress;
  if (total === null || total === 0) return `rescore: ${group(done)} ${noun}, ${group(Math.round(rate))}/s`;
  const left = timeLeft(progress, rate);
  return `rescore: ${group(done)}/${group(total)} ${noun} (${Math.floor(Math.min(1, done / total) * 100)}%), ${group(Math.round(rate))}/s${left === null ? '' : `, about ${clock(left)} left`}`;
}

function ratePerSecond({ doneThisRun, elapsedMs }: RescoreProgress): number {
  return elapsedMs > 0 ? (doneThisRun / elapsedMs) * 1000 : 0;
}

function timeLeft({ done, total }: RescoreProgress, rate: number): number | null {
  if (total === null || rate <= 0) return null;
  return Math.max(0, (total - done) / rate);
}

/** Seconds as m:ss, or h:mm:ss from an hour. */
function clock(seconds: number): string {
  const whole = Math.ceil(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

export function group(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
