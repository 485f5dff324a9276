/** How many names a one-line message lists before it says how many more there are. */
export const NAMES_LISTED = 5;

/** `a.html, b.html, c.html`, or past {@link NAMES_LISTED} names `a.html, ..., e.html and 7 more`: a list that keeps a message on one line. */
export function firstNames(names: readonly string[], listed = NAMES_LISTED): string {
  const shown = names.slice(0, listed).join(", ");
  return names.length > listed ? `${shown} and ${names.length - listed} more` : shown;
}

/** `1 page`, `3 pages`. */
export function counted(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** The most edits (insertions, deletions, substitutions, swaps of neighbours) a suggestion may be away. */
const MAX_EDITS = 3;

/**
 * The candidate a mistyped word most likely meant, as commander suggests a flag: the fewest edits
 * (at most 3, and fewer than the word's length), ties broken by the order of the candidates; none
 * when nothing is that close. Case is ignored.
 */
export function closestName(word: string, candidates: readonly string[]): string | undefined {
  let best: { name: string; edits: number } | undefined;
  for (const name of candidates) {
    const edits = editDistance(word.toLowerCase(), name.toLowerCase());
    if (edits <= MAX_EDITS && edits < Math.max(word.length, 2) && (best === undefined || edits < best.edits)) best = { name, edits };
  }
  return best?.name;
}

/** Optimal string alignment distance: Levenshtein with swaps of neighbouring characters counted as one edit. */
function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let edits = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) edits = Math.min(edits, before[j - 2]! + 1);
      row.push(edits);
    }
    [before, previous] = [previous, row];
  }
  return previous[b.length]!;
}
