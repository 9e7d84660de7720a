import type { Writable } from 'node:stream';

/** A text progress bar on stderr (stdout stays pure JSON); on a non-TTY it prints at each 10%. */
export function progressBar(
  stderr: Writable,
  enabled: boolean,
): ((written: number, total: number) => void) | undefined {
  if (!enabled) return undefined;
  const tty = (stderr as Writable & { isTTY?: boolean }).isTTY === true;
  let lastDecile = -1;
  return (written, total) => {
    const fraction = total === 0 ? 1 : written / total;
    const filled = Math.round(fraction * 30);
    const line = `importing [${'#'.repeat(filled)}${'.'.repeat(30 - filled)}] ${written}/${total}`;
    if (tty) stderr.write(`\r${line}${written === total ? '\n' : ''}`);
    else if (Math.floor(fraction * 10) > lastDecile) {
      lastDecile = Math.floor(fraction * 10);
      stderr.write(`${line}\n`);
    }
  };
}
