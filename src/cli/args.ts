// A small, strict command-line parser: each command declares its options once, and the same
// declaration drives parsing, validation and the command's --help text.

/** One option a command accepts. */
export interface OptionSpec {
  /** Long name without dashes, e.g. "rate". */
  readonly name: string;
  readonly short?: string;
  /** 'flag' takes no value; 'number' and 'string' take one; 'choice' one of `choices`. */
  readonly type: 'flag' | 'number' | 'string' | 'choice';
  readonly choices?: readonly string[];
  /** Placeholder for the value in help, e.g. "HZ". */
  readonly value?: string;
  readonly description: string;
  /** Inclusive range for numbers. */
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
}

/** The declaration of a command: its words, arguments and options. */
export interface CommandSpec {
  readonly name: string;
  readonly summary: string;
  /** Positional arguments, e.g. ["FILE"] or ["IN", "OUT"]; a trailing "?" marks optional ones. */
  readonly args: readonly string[];
  readonly options: readonly OptionSpec[];
  /** Extra lines for --help (examples, notes). */
  readonly details?: readonly string[];
}

export type OptionValues = Readonly<Record<string, string | number | boolean | undefined>>;

export interface ParsedArgs {
  readonly positionals: readonly string[];
  readonly options: OptionValues;
}

/** A mistake in how the command was typed (exit code 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const HELP_OPTION: OptionSpec = { name: 'help', short: 'h', type: 'flag', description: 'show this help' };

/** Parses argv for a command; throws UsageError naming the first problem. */
export function parseArgs(spec: CommandSpec, argv: readonly string[]): ParsedArgs {
  const options: Record<string, string | number | boolean | undefined> = {};
  const positionals: string[] = [];
  const all = [...spec.options, HELP_OPTION];
  let onlyPositionals = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (onlyPositionals || arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPositionals = true;
      continue;
    }
    let name: string;
    let inline: string | undefined;
    let opt: OptionSpec | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq < 0 ? undefined : arg.slice(eq + 1);
      opt = all.find((o) => o.name === name);
    } else {
      name = arg.slice(1, 2);
      inline = arg.length > 2 ? arg.slice(2) : undefined;
      opt = all.find((o) => o.short === name);
    }
    if (!opt) throw new UsageError(`unknown option ${arg.split('=')[0]} for "${commandLabel(spec)}" (see --help)`);
    if (opt.type === 'flag') {
      if (inline !== undefined) throw new UsageError(`--${opt.name} takes no value`);
      options[opt.name] = true;
      continue;
    }
    const raw = inline ?? argv[++i];
    if (raw === undefined) throw new UsageError(`--${opt.name} needs a value${opt.value ? ` (${opt.value})` : ''}`);
    options[opt.name] = convertValue(opt, raw);
  }
  if (options['help'] !== true) checkPositionals(spec, positionals);
  return { positionals, options };
}

function convertValue(opt: OptionSpec, raw: string): string | number {
  if (opt.type === 'string') return raw;
  if (opt.type === 'choice') {
    if (!opt.choices?.includes(raw)) throw new UsageError(`--${opt.name} must be one of ${opt.choices?.join(', ')}, got "${raw}"`);
    return raw;
  }
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--${opt.name} needs a number, got "${raw}"`);
  if (opt.integer && !Number.isInteger(n)) throw new UsageError(`--${opt.name} needs a whole number, got "${raw}"`);
  if ((opt.min !== undefined && n < opt.min) || (opt.max !== undefined && n > opt.max)) {
    throw new UsageError(`--${opt.name} must be between ${opt.min ?? '-inf'} and ${opt.max ?? 'inf'}, got ${raw}`);
  }
  return n;
}

function checkPositionals(spec: CommandSpec, positionals: readonly string[]): void {
  const required = spec.args.filter((a) => !a.endsWith('?')).length;
  if (positionals.length < required) {
    const missing = spec.args.slice(positionals.length).filter((a) => !a.endsWith('?'));
    throw new UsageError(`"${commandLabel(spec)}" needs ${missing.join(' and ')} (usage: ${usageLine(spec)})`);
  }
  if (positionals.length > spec.args.length) {
    throw new UsageError(`"${commandLabel(spec)}" takes ${spec.args.length === 0 ? 'no arguments' : spec.args.join(' ').replaceAll('?', '')}, got extra "${positionals[spec.args.length]}"`);
  }
}

function commandLabel(spec: CommandSpec): string {
  return spec.name === '' ? 'tracker' : `tracker ${spec.name}`;
}

/** "tracker render FILE -o OUT [options]" */
export function usageLine(spec: CommandSpec): string {
  const args = spec.args.map((a) => (a.endsWith('?') ? `[${a.slice(0, -1)}]` : a));
  return [commandLabel(spec), ...args, spec.options.length > 0 ? '[options]' : ''].filter((s) => s !== '').join(' ');
}

/** The --help text of a command, generated from its declaration. */
export function commandHelp(spec: CommandSpec): string {
  const lines = [`usage: ${usageLine(spec)}`, '', spec.summary];
  const opts = [...spec.options, HELP_OPTION];
  lines.push('', 'options:');
  const labels = opts.map((o) => {
    const value = o.type === 'flag' ? '' : ` ${o.value ?? (o.type === 'choice' ? (o.choices ?? []).join('|') : 'VALUE')}`;
    return `${o.short ? `-${o.short}, ` : '    '}--${o.name}${value}`;
  });
  const width = Math.max(...labels.map((l) => l.length)) + 2;
  opts.forEach((o, i) => lines.push(`  ${(labels[i] ?? '').padEnd(width)}${o.description}`));
  if (spec.details && spec.details.length > 0) lines.push('', ...spec.details);
  return lines.join('\n');
}
