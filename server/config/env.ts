import { readFileSync } from 'node:fs';

// Reading settings from the environment: the typed getters every section builder uses, and the
// error that names the variable at fault.

export class ConfigError extends Error {
  readonly variable: string;

  constructor(variable: string, problem: string) {
    super(`${variable} ${problem}`);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

export type EnvReader = ReturnType<typeof reader>;

/** Reads one setting: the first of its names that is set and non-empty. */
export function reader(env: NodeJS.ProcessEnv) {
  const pick = (...names: string[]): { name: string; value: string } | null => {
    for (const name of names) {
      const value = env[name]?.trim();
      if (value) return { name, value };
    }
    return null;
  };
  return {
    string: (...names: string[]) => pick(...names)?.value ?? null,
    integer(names: string[], fallback: number, min: number, max: number): number {
      const found = pick(...names);
      if (!found) return fallback;
      const n = Number(found.value);
      if (!/^\d+$/.test(found.value) || n < min || n > max)
        throw new ConfigError(found.name, `must be an integer from ${min} to ${max}`);
      return n;
    },
    boolean(names: string[], fallback: boolean): boolean {
      const found = pick(...names);
      if (!found) return fallback;
      const v = found.value.toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(v)) return true;
      if (['0', 'false', 'no', 'off'].includes(v)) return false;
      throw new ConfigError(found.name, 'must be true or false');
    },
    url(names: string[], protocols: string[]): string | null {
      const found = pick(...names);
      if (!found) return null;
      let parsed: URL;
      try {
        parsed = new URL(found.value);
      } catch {
        throw new ConfigError(found.name, `must be a URL (${protocols.join(', ')})`);
      }
      if (!protocols.includes(parsed.protocol))
        throw new ConfigError(found.name, `must be a URL (${protocols.join(', ')})`);
      return found.value.replace(/\/+$/, '');
    },
    /** A JSON object of strings, or `key=value` pairs separated by commas. */
    map(...names: string[]): Record<string, string> {
      const found = pick(...names);
      if (!found) return {};
      return parseMap(found.name, found.value);
    },
    /** A secret kept in a file (a mounted Secret): its trimmed text, or null when unset or empty. */
    secretFile(name: string): string | null {
      const file = pick(name)?.value;
      if (!file) return null;
      try {
        return readFileSync(file, 'utf8').trim() || null;
      } catch {
        throw new ConfigError(name, 'names a file that cannot be read');
      }
    },
    list: (...names: string[]) =>
      (pick(...names)?.value ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
  };
}

function parseMap(name: string, text: string): Record<string, string> {
  if (text.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ConfigError(name, 'must be a JSON object of strings or key=value pairs');
    }
    if (
      typeof parsed !== 'object' ||
      parsed === null ||
      Array.isArray(parsed) ||
      !Object.values(parsed).every((v) => typeof v === 'string')
    )
      throw new ConfigError(name, 'must be a JSON object of strings or key=value pairs');
    return { ...(parsed as Record<string, string>) };
  }
  // fromEntries defines own properties: a key such as __proto__ stays a plain key.
  return Object.fromEntries(
    text.split(',').map((pair) => {
      const at = pair.indexOf('=');
      if (at <= 0)
        throw new ConfigError(name, 'must be a JSON object of strings or key=value pairs');
      return [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
    }),
  );
}
