import { describe, expect, it } from 'vitest';
import { startOutputMeter } from '../../../bench/lib/output-meter.ts';

describe('startOutputMeter', () => {
  it('counts the bytes written to stdout and stderr in a window, and puts the streams back', () => {
    const stdoutWrite = process.stdout.write;
    const meter = startOutputMeter();
    const from = Date.now();
    process.stdout.write('é\n'); // 3 bytes in UTF-8
    process.stderr.write(Buffer.from('ab'));
    const to = Date.now() + 1;
    meter.stop();
    process.stdout.write('\n');
    expect(meter.bytesBetween(from, to)).toBe(5);
    expect(meter.bytesBetween(to, to + 1000)).toBe(0);
    expect(process.stdout.write).toBe(stdoutWrite);
  });
});
