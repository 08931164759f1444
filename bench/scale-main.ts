/** `tsx bench/scale-main.ts <executions> <samples>`: the scale bench in a fresh process, JSON on stdout. */
import { benchScale } from './scale.ts';

const results = await benchScale({
  executions: Number(process.argv[2] ?? 100_000),
  samples: Number(process.argv[3] ?? 50),
});
process.stdout.write(JSON.stringify(results));
process.exit(0);
