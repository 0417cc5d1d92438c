// A small MIME reader for the mails the loopback SMTP server receives (not a test file itself).

export interface Part {
  headers: Array<[string, string]>;
  body: string;
}

function header(headers: Array<[string, string]>, name: string): string | undefined {
  return headers.find(([k]) => k === name)?.[1];
}

function decode(body: string, cte: string | undefined): string {
  if (cte === 'quoted-printable') {
    const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  if (cte === 'base64') return Buffer.from(body, 'base64').toString('utf8');
  return body;
}

/** Headers (unfolded, lower-case names, in order) and decoded body of one entity. */
export function parseEntity(raw: string): Part {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = head.split('\r\n').map((line): [string, string] => {
    const i = line.indexOf(':');
    return [line.slice(0, i).toLowerCase(), line.slice(i + 1).trim()];
  });
  const body = decode(raw.slice(split + 4), header(headers, 'content-transfer-encoding')?.toLowerCase());
  return { headers, body: body.replace(/\r\n/g, '\n') };
}

export interface Mime {
  headers: Array<[string, string]>;
  get(name: string): string | undefined;
  /** Decoded parts by content type (text/plain, text/html); a single-part mail is its own part. */
  parts: Map<string, string>;
}

export function parseMail(raw: string): Mime {
  const top = parseEntity(raw);
  const type = header(top.headers, 'content-type') ?? 'text/plain';
  const parts = new Map<string, string>();
  const boundary = /boundary="?([^";]+)"?/.exec(type)?.[1];
  if (boundary) {
    const rawBody = raw.slice(raw.indexOf('\r\n\r\n') + 4);
    for (const chunk of rawBody.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith('--')) break;
      const part = parseEntity(chunk.replace(/^\r\n/, ''));
      parts.set((header(part.headers, 'content-type') ?? '').split(';')[0]!.trim(), part.body);
    }
  } else parts.set(type.split(';')[0]!.trim(), top.body);
  return { headers: top.headers, get: (name) => header(top.headers, name), parts };
}

/** RFC 2047 encoded-words back to text. */
export function decodeWords(s: string): string {
  return s.replace(/\s*=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_, enc: string, data: string) => {
    if (enc.toUpperCase() === 'B') return Buffer.from(data, 'base64').toString('utf8');
    const bytes = data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  });
}
