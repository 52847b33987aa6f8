/** Words of a text as a mnemonic scan sees them: lower-case letters only, whatever separates them (spaces, quotes, commas). */
const wordsOf = (text: string): string[] => text.toLowerCase().match(/[a-z]+/g) ?? [];

const WINDOW = 16;
const PHRASE = 4;

/**
 * Known secrets and a scanner for them: a literal secret (API token, provider key, admin or
 * encryption key) is found by any 16 characters of it — a mask keeps fewer — and a mnemonic by any
 * four of its words in a row.
 */
export class SecretScanner {
  private readonly windows = new Map<string, string>();
  private readonly phrases = new Map<string, string>();

  addLiteral(label: string, value: string): void {
    if (value.length < WINDOW) throw new Error(`${label}: too short to scan for`);
    for (let i = 0; i + WINDOW <= value.length; i++) this.windows.set(value.slice(i, i + WINDOW), label);
  }

  addMnemonic(label: string, mnemonic: string): void {
    const words = wordsOf(mnemonic);
    if (words.length < 12) throw new Error(`${label}: not a mnemonic`);
    for (let i = 0; i + PHRASE <= words.length; i++) this.phrases.set(words.slice(i, i + PHRASE).join(' '), label);
  }

  get size(): number {
    return new Set([...this.windows.values(), ...this.phrases.values()]).size;
  }

  /** Labels of the secrets found in `text`, with a little context for the failure message. */
  find(text: string): string[] {
    const found = new Map<string, string>();
    for (let i = 0; i + WINDOW <= text.length; i++) {
      const label = this.windows.get(text.slice(i, i + WINDOW));
      if (label && !found.has(label)) found.set(label, text.slice(Math.max(0, i - 60), i + WINDOW + 20));
    }
    const words = wordsOf(text);
    for (let i = 0; i + PHRASE <= words.length; i++) {
      const phrase = words.slice(i, i + PHRASE).join(' ');
      const label = this.phrases.get(phrase);
      if (label && !found.has(label)) found.set(label, phrase);
    }
    return [...found].map(([label, context]) => `${label} (…${context}…)`);
  }
}

/** Every row of every table of the database as text, per table: what a stolen backup shows. */
export async function databaseText(databaseUrl: string): Promise<Map<string, string>> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
    const text = new Map<string, string>();
    for (const { name } of tables.rows) {
      const rows = await client.query<{ row: string }>(`SELECT t::text AS row FROM "${name}" t`);
      text.set(name, rows.rows.map((row) => row.row).join('\n'));
    }
    return text;
  } finally {
    await client.end();
  }
}
