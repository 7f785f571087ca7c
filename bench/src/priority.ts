/**
 * Scheduling priority for the bench and the browser it drives. On a machine shared with other
 * work, neighbours' bursts land in every timing; a higher priority (negative nice) for our own
 * processes keeps most of them out, and favours every variant alike. Chromium resets its zygote
 * and renderers to nice 0 when it forks them, so inheriting is not enough: the bench renices its
 * own process tree, thread by thread, before each round. Linux only (reads /proc); elsewhere, or without the right
 * to raise priority, it changes nothing and says so.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** Parent pid from the text of /proc/<pid>/stat (the command may contain spaces and parentheses). */
export function parentPid(stat: string): number | undefined {
  const close = stat.lastIndexOf(')');
  if (close < 0) return undefined;
  const fields = stat.slice(close + 2).split(' ');
  const ppid = Number(fields[1]);
  return Number.isInteger(ppid) ? ppid : undefined;
}

/** Every descendant of `root` in a pid → parent map. */
export function descendants(root: number, parents: ReadonlyMap<number, number>): number[] {
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of parents) {
    const list = children.get(ppid) ?? [];
    list.push(pid);
    children.set(ppid, list);
  }
  const out: number[] = [];
  const queue = [...(children.get(root) ?? [])];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

function processTable(): Map<number, number> {
  const parents = new Map<number, number>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return parents; // not Linux
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const ppid = parentPid(readFileSync(`/proc/${name}/stat`, 'utf8'));
      if (ppid !== undefined) parents.set(Number(name), ppid);
    } catch {
      // the process exited meanwhile
    }
  }
  return parents;
}

/** Sets `nice` on this process; returns a description for results.json. */
export function raiseOwnPriority(nice: number): { ok: boolean; note: string } {
  try {
    setPriority(nice);
    return { ok: true, note: `nice ${getPriority()}` };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { ok: false, note: `nice ${getPriority()} (could not set ${nice}: ${why})` };
  }
}

/** Thread ids of a process: on Linux nice is per thread, and setpriority(pid) moves only the first. */
function threads(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`)
      .filter((t) => /^\d+$/.test(t))
      .map(Number);
  } catch {
    return [pid];
  }
}

/**
 * Sets `nice` on every thread of every descendant of this process (the browser, its zygotes and
 * renderers, with their IO and compositor threads). Returns how many threads it changed.
 */
export function reniceChildren(nice: number): number {
  let changed = 0;
  for (const pid of descendants(process.pid, processTable())) {
    for (const tid of threads(pid)) {
      try {
        if (getPriority(tid) !== nice) {
          setPriority(tid, nice);
          changed++;
        }
      } catch {
        // exited, or not ours to change
      }
    }
  }
  return changed;
}
