/** Distinct refused URLs a page's facts list (the most frequent); the count of all refusals is kept apart. */
export const MAX_REFUSED_URLS = 20;
/** Distinct refused URLs counted per page before further new ones are only added to the total. */
const MAX_TRACKED_URLS = 200;
const MAX_URL_CHARS = 200;
const MAX_NOTES = 20;
const MAX_NOTE_CHARS = 300;

export interface RefusedUrl {
  /** Scheme, host and path: never the query or the fragment. */
  url: string;
  count: number;
}

/**
 * What one page asked of the sandbox: the requests it refused (by URL without query, counted, in
 * bounded memory however many a page makes), the library responses, and notes from the library map.
 */
export class RequestLog {
  refused = 0;
  libraryResponses = 0;
  libraryBytes = 0;
  private readonly urls = new Map<string, number>();
  private readonly notes = new Set<string>();

  refuse(url: string): void {
    this.refused++;
    const key = withoutQuery(url);
    const count = this.urls.get(key);
    if (count !== undefined) this.urls.set(key, count + 1);
    else if (this.urls.size < MAX_TRACKED_URLS) this.urls.set(key, 1);
  }

  note(text: string): void {
    if (this.notes.size < MAX_NOTES) this.notes.add(text.slice(0, MAX_NOTE_CHARS));
  }

  /** The most frequent refused URLs, first seen first among equals. */
  get refusedUrls(): RefusedUrl[] {
    return [...this.urls]
      .map(([url, count]) => ({ url, count }))
      .sort((a, b) => b.count - a.count)
      .slice(0, MAX_REFUSED_URLS);
  }

  get libraryNotes(): string[] {
    return [...this.notes];
  }
}

function withoutQuery(url: string): string {
  let key: string;
  try {
    const parsed = new URL(url);
    key = `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    key = url.split(/[?#]/, 1)[0] ?? "";
  }
  return key.slice(0, MAX_URL_CHARS);
}
